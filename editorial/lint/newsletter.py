"""``newsletter.*``: checks that know what a newsletter issue is."""

from __future__ import annotations

import datetime
import functools
import re
from collections import Counter
from urllib.parse import urlsplit
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.files import not_plain
from editorial.lint.context import Context
from editorial.lint.findings import Finding, Severity
from editorial.lint.rules import RuleInfo

if TYPE_CHECKING:
    from editorial.document import Document, Link

PREFIX = "newsletter"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")

RULES = (
    RuleInfo(
        "newsletter.wrong-month", Severity.error,
        "The text names the issue by a month that is not the issue's date.",
        "date: 2021-07-14\n…\nWelcome to the June edition of our newsletter.",
    ),
    RuleInfo(
        "newsletter.byline-link", Severity.error,
        "A link on a contributor's name that is not their link in the registry.",
        "[_Melanie_](https://twitter.com/someone-else)",
    ),
    RuleInfo(
        "newsletter.byline-format", Severity.warning,
        "Bylines written in different formats in one file.",
        "[_Andrew_](…) … [**Chris**](…)",
    ),
    RuleInfo(
        "newsletter.file-format", Severity.error,
        "A file of an issue with a byte-order mark or CRLF line endings, which assemble refuses:"
        " those bytes would be published.",
        "issues/2021-01/sections/andrew.md saved by an editor set to Windows line endings",
    ),
    RuleInfo(
        "newsletter.section-length", Severity.warning,
        "A section longer than lint.word_limit words (off unless set).",
        "lint:\n  word_limit: 300",
    ),
)

_MONTH = "|".join(MONTHS)
_NOUN = "edition|issue|newsletter|digest|roundup|update"
# Words before "the June edition" that make it another issue: "in the February edition we promised",
# "since our May issue", "like the March newsletter". "Welcome to the June edition" is this one.
_ELSEWHERE = frozenset(
    "in from since after before of like unlike than last previous earlier past next coming upcoming".split()
)
_PREVIOUS_WORD = re.compile(r"(\w+)\W*$")
_WORD = re.compile(r"\w[\w'’-]*")


def check(document: Document, context: Context) -> Iterator[Finding]:
    yield from _file_format(document, context)
    yield from _wrong_month(document, context)
    yield from _bylines(document, context)
    yield from _length(document, context)


def _file_format(document: Document, context: Context) -> Iterator[Finding]:
    """What assemble would refuse in a file of an issue, said in its words."""
    leak = not_plain(document.source)
    if leak is None or not Path(document.path).resolve().is_relative_to(context.settings.paths.issues.resolve()):
        return
    offset, message = leak
    # Where the line's text ends: a line break (or a byte-order mark) is not a column of it.
    where = document.position(offset)
    yield Finding(
        str(document.path), where.line, where.column, "newsletter.file-format", Severity.error, message,
        where.line, where.column,
    )


def _issue_date(document: Document, context: Context) -> datetime.date | None:
    if document.front_matter is not None:
        own = document.front_matter.data.get("date")
        if isinstance(own, datetime.date):
            return own
    return context.issue_date(Path(document.path))


@functools.cache
def _self_reference(name: str) -> re.Pattern[str]:
    """The issue naming itself by its month: "the June edition", "our June 2021 newsletter", "this June
    issue", "the June Acme Weekly newsletter", "Acme Weekly's June issue", "June edition of Acme Weekly"."""
    own = rf"(?:{re.escape(name)}\s+)?" if name else ""
    owner = rf"|{re.escape(name)}['’]s" if name else ""
    return re.compile(
        rf"\b(?:the|our|this{owner})\s+(?P<month>{_MONTH})(?:\s+\d{{4}})?(?:['’]s)?\s+{own}(?:{_NOUN})\b"
        rf"|\b(?P<opening>{_MONTH})(?:\s+\d{{4}})?\s+(?:edition|issue)\s+of\b",
        re.IGNORECASE,
    )


def _wrong_month(document: Document, context: Context) -> Iterator[Finding]:
    date = _issue_date(document, context)
    if date is None:
        return
    expected = MONTHS[date.month - 1]
    pattern = _self_reference(context.settings.name)
    for block in document.blocks:
        for match in pattern.finditer(block.text):
            group = "month" if match.group("month") else "opening"
            named = match.group(group)
            if named.capitalize() == expected or not named[0].isupper():
                continue
            before = _PREVIOUS_WORD.search(block.text, 0, match.start())
            this = block.text[match.start() : match.start() + 5].lower() == "this "
            if before is not None and before.group(1).lower() in _ELSEWHERE and not this:
                continue  # "in our February issue": another one; "in this June issue" is this one
            start, end = block.source_span(match.start(group), match.end(group))
            begin, finish = document.position(start), document.position(end)
            yield Finding(
                str(document.path), begin.line, begin.column, "newsletter.wrong-month", Severity.error,
                f"the issue is dated {date:%Y-%m-%d} ({expected}), but the text calls it the {named.capitalize()} issue",
                finish.line, finish.column, (expected,),
            )


def _bylines(document: Document, context: Context) -> Iterator[Finding]:
    by_name = {c.name.casefold(): c for c in context.settings.contributors}
    if not by_name:
        return
    bylines: list[tuple[Link, str]] = []
    for link in document.links:
        contributor = by_name.get(link.text.strip().casefold()) if link.kind == "link" else None
        if contributor is None:
            continue
        bylines.append((link, _shape(document.source[link.span[0] : link.span[1]], link.text.strip())))
        known = contributor.links
        if known and _same_profile(link.destination) not in {_same_profile(k) for k in known}:
            start, end = link.destination_span or link.span
            begin, finish = document.position(start), document.position(end)
            listed = " or ".join(known)
            yield Finding(
                str(document.path), begin.line, begin.column, "newsletter.byline-link", Severity.error,
                f"{contributor.name}'s link in the registry is {listed}, not {link.destination}",
                finish.line, finish.column, known,
            )
    shapes = Counter(shape for _, shape in bylines)
    if len(shapes) < 2:
        return
    usual = shapes.most_common(1)[0][0]
    for link, shape in bylines:
        if shape != usual:
            begin, finish = document.position(link.span[0]), document.position(link.span[1])
            yield Finding(
                str(document.path), begin.line, begin.column, "newsletter.byline-format", Severity.warning,
                f"byline written as {shape} where the others are {usual}",
                finish.line, finish.column,
            )


def _shape(source: str, name: str) -> str:
    """The byline's markup with the name and URL taken out: ``[_NAME_](URL)``."""
    label_end = source.rfind("](")
    label = source[:label_end] if label_end != -1 else source
    return label.replace(name, "NAME", 1) + ("](URL)" if label_end != -1 else "")


def _same_profile(url: str) -> str:
    """The address less what does not change the page: http or https, "www.", a trailing slash.
    An address without a scheme is left as it is: it is a broken relative link, not the profile."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}#{parts.fragment}"


def _length(document: Document, context: Context) -> Iterator[Finding]:
    limit = context.rules_for(Path(document.path)).word_limit
    if not limit:
        return
    count = 0
    # A section's title is prose, but not part of its length (assemble counts the body's words too).
    body = [block for block in document.blocks if "title" not in block.scopes]
    for block in body:
        for match in _WORD.finditer(block.text):
            count += 1
            if count == limit + 1:
                total = count + sum(1 for _ in _WORD.finditer(block.text, match.end()))
                total += sum(len(_WORD.findall(b.text)) for b in body[body.index(block) + 1 :])
                start = block.source_offset(match.start())
                where = document.position(start)
                yield Finding(
                    str(document.path), where.line, where.column, "newsletter.section-length", Severity.warning,
                    f"{total} words, over the limit of {limit}: this is word {limit + 1}",
                )
                return
