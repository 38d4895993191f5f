"""What fixes a finding: the edit of the file that resolves it, and whether that edit can change what the text says.

A fix is **safe** when it cannot change what the text says: a scheme added to
a ``www.`` link, a literal ``****`` taken out, "the the" made "the", a byline
linked to the contributor's one registry link, a house name spelled as its
owners spell it. ``editorial lint --fix`` applies those. Any other single
replacement a rule offers (most of LanguageTool's, a team's Vale
``substitution`` rules, proselint's preferred forms) is an **unsafe** fix,
applied with ``--unsafe-fixes`` only. ``lint.fixes`` in editorial.yaml makes a
rule's fixes safe, unsafe or off.

A fix is an edit of the source at exact positions. An engine's replacement is
for the words it read, the prose; it is used only where those words are
written as they are read, with no markup, escape or line break between them:
LanguageTool's "the" for "the [the paper](…)" would break the link. editorial's
own rules edit the Markdown itself, each as its ``_OWN`` entry says, and only
where they are sure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import unquote

from editorial.lint import fingerprint, profiles
from editorial.lint.findings import Finding, Fix

if TYPE_CHECKING:
    from editorial.document import Document

SAFE, UNSAFE, OFF = "safe", "unsafe", "off"
KINDS = (SAFE, UNSAFE, OFF)

# The rules of engines and styles whose one replacement cannot change what the text says.
SAFE_REPLACEMENTS = frozenset(
    {
        "House.Names",  # a name from styles.names, spelled as its owners spell it
        "House.Abbreviations",  # "eg" -> "e.g."
        "languagetool.EN_CONTRACTION_SPELLING",  # "dont" -> "don't": 29 of 29 worth it on This Week in Rust
        "languagetool.EN_SPECIFIC_CASE",  # the case of a proper name: 59 of 59
        "languagetool.COULDVE",  # "could of" -> "could have"
    }
)
# Engines whose replacements are not taken as fixes: editorial's own rules fix through _OWN, and proselint's
# "preferred forms" are written in lower case ("Summer" -> "summer" at the start of a sentence), some of
# them as regular expressions ("[\.\?!] \w" for ".  T").
_NOT_REPLACED = frozenset({"markdown", "newsletter", "slips", "frontmatter", "proselint"})
# A word repeated is a slip for sure only where it is never right twice: "that that", "had had",
# "is is" ("what it is is") and "in in" ("believed in in his youth") can be meant.
_NEVER_TWICE = frozenset({"the", "a", "an", "and"})

_Edit = tuple[int, int, str]  # source offsets start, end (exclusive) and the text put there
# A rule's own fix: its edit and whether the rule is sure of it (an unsure fix is unsafe), or None.
_Maker = Callable[["Document", int, int, Finding], "tuple[_Edit, bool] | None"]


def of(document: Document, finding: Finding, configured: Sequence[tuple[str, str]] = (), from_styles: bool = False) -> Fix | None:
    """The fix of ``finding`` in ``document``, or None; ``configured``: lint.fixes, (id or prefix, kind) pairs;
    ``from_styles``: a style's rule, though its style be named like an engine (Vale's proselint package)."""
    kind = _configured(finding.rule, configured)
    if kind == OFF:
        return None
    start, end = fingerprint.span(document, finding)
    own = _OWN.get(finding.rule)
    if own is not None:
        declared, make = own
        made = make(document, start, end, finding)
        if made is None:
            return None
        edit, sure = made
        safe = declared == SAFE and sure
    elif (
        (from_styles or finding.rule.split(".", 1)[0] not in _NOT_REPLACED)
        and len(finding.replacements) == 1
        and end > start
        and _as_read(document, start, end)
    ):
        edit, safe = (start, end, finding.replacements[0]), finding.rule in SAFE_REPLACEMENTS
    else:
        return None
    first, last, text = edit
    if document.source[first:last] == text:
        return None
    begin, finish = document.position(first), document.position(last)
    return Fix(begin.line, begin.column, finish.line, finish.column, text, safe if kind is None else kind == SAFE)


def declared(rule: str, replaces: bool = False) -> str:
    """What ``editorial rules`` shows of a rule's fix: safe, unsafe or "" (none); ``replaces``: it may offer a replacement."""
    own = _OWN.get(rule)
    if own is not None:
        return own[0]
    if rule in SAFE_REPLACEMENTS:
        return SAFE
    return UNSAFE if replaces else ""


def _configured(rule: str, configured: Sequence[tuple[str, str]]) -> str | None:
    """lint.fixes' kind for ``rule``: the most specific id or prefix that covers it."""
    best = -1
    chosen = None
    for prefix, kind in configured:
        if profiles.covers(prefix, rule) and len(prefix) > best:
            best, chosen = len(prefix), kind
    return chosen


def _as_read(document: Document, start: int, end: int) -> bool:
    """Whether the source ``start:end`` is prose exactly as written (what an engine's replacement was made for)."""
    return any(block.reads_as_written(document.source, start, end) for block in document.blocks)


# markdown.missing-scheme: only a "www." address is surely a site; "notes.me" may be a file.
def _scheme_added(document: Document, start: int, end: int, finding: Finding) -> tuple[_Edit, bool] | None:
    written = document.source[start:end]
    lead = 1 if written.startswith("<") else 0
    if written[lead : lead + 4].lower() != "www.":
        return None
    return (start + lead, start + lead, "https://"), True


_SCHEME_WRITTEN = re.compile(r"<?([^\s/:?#\[\]()]{1,12}?)(:?)//")
_WEB_SCHEMES = ("https", "http")


# markdown.unknown-scheme: "hhttps://", "https//", "http®s://" are one slip from one web scheme.
def _scheme_corrected(document: Document, start: int, end: int, finding: Finding) -> tuple[_Edit, bool] | None:
    match = _SCHEME_WRITTEN.match(document.source, start, end)
    if match is None:
        return None
    written = match.group(1).lower()
    # "https//": only the colon is missing; else the one web scheme a slip away.
    near = [written] if written in _WEB_SCHEMES else [scheme for scheme in _WEB_SCHEMES if _one_edit_apart(written, scheme)]
    if len(near) != 1:
        return None
    return (match.start(1), match.end(), f"{near[0]}://"), True


def _one_edit_apart(typed: str, wanted: str) -> bool:
    """Whether ``typed`` is ``wanted`` with one character added, dropped or changed, or two neighbours swapped."""
    if abs(len(typed) - len(wanted)) > 1 or typed == wanted:
        return False
    if len(typed) == len(wanted):
        diffs = [i for i, (a, b) in enumerate(zip(typed, wanted)) if a != b]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and typed[diffs[0]] == wanted[diffs[1]] and typed[diffs[1]] == wanted[diffs[0]]
        )
    short, long = sorted((typed, wanted), key=len)
    index = next((i for i, (a, b) in enumerate(zip(short, long)) if a != b), len(short))
    return short[index:] == long[index + 1 :]


_RUN = re.compile(r"\*{4,}|_{4,}")


# markdown.emphasis-run: a run every character of which the reader sees is noise, unless it stands
# between two words (it may stand for a word or a space: "foo****bar").
def _run_removed(document: Document, start: int, end: int, finding: Finding) -> tuple[_Edit, bool] | None:
    source = document.source
    if not _RUN.fullmatch(source, start, end) or not _as_read(document, start, end):
        return None
    before = source[start - 1] if start else "\n"
    after = source[end] if end < len(source) else "\n"
    if before.isalnum() and after.isalnum():
        return None
    # "a **** b" is "a b", not "a  b"; "text ****" at the end of a line loses its space too.
    if after in " \t" and before in " \t\n":
        return (start, end + 1, ""), True
    if before in " \t" and after in "\r\n":
        return (start - 1, end, ""), True
    return (start, end, ""), True


# markdown.nested-emphasis: "****x****" renders as "**x**" does; a longer run holds italics too.
def _run_halved(document: Document, start: int, end: int, finding: Finding) -> tuple[_Edit, bool] | None:
    written = document.source[start:end]
    if written not in ("****", "____"):
        return None
    return (start, end, written[:2]), True


# A word and the same word, with only spaces and emphasis or link markup between: "the the",
# "**the** the", "the [the paper](…)".
_DOUBLED = re.compile(r"(?P<first>\w+)(?P<closing>[*_~]*)(?P<space>\s+)(?P<opening>[*_~\[]*)(?P<second>\w+)")


# proselint.lexical_illusions, languagetool.ENGLISH_WORD_REPEAT_RULE, markdown.repeated-word.
def _word_once(document: Document, start: int, end: int, finding: Finding) -> tuple[_Edit, bool] | None:
    match = _DOUBLED.fullmatch(document.source, start, end)
    if match is None or match.group("first").casefold() != match.group("second").casefold():
        return None
    sure = match.group("first").casefold() in _NEVER_TWICE
    if not match.group("opening"):
        # The second goes, with the space before it: "**the** the" -> "**the**".
        return (match.end("closing"), end, ""), sure
    if not match.group("closing"):
        # The first goes, and its spelling takes the second's place: "The [the paper]" -> "[The paper]".
        return (start, end, match.group("opening") + match.group("first")), sure
    return None  # markup on both sides: which word to keep is not clear


# markdown.link-syntax: "[title] (url)" is a link once the space goes; unless the brackets were meant
# as text ("see [1] (https://…)"), so it is unsafe.
def _link_joined(document: Document, start: int, end: int, finding: Finding) -> tuple[_Edit, bool] | None:
    if not re.fullmatch(r"\]\s+\(", document.source[start:end]):
        return None
    return (start, end, "]("), True


_INLINE_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\((?P<destination><[^<>\n]*>|[^\s()<>]*)\)")


# markdown.swapped-link: "[https://example.com/post](Author)" -> "[Author](https://example.com/post)".
def _link_swapped(document: Document, start: int, end: int, finding: Finding) -> tuple[_Edit, bool] | None:
    match = _INLINE_LINK.fullmatch(document.source, start, end)
    if match is None:
        return None
    name = unquote(match.group("destination").strip("<>"))
    address = match.group("text").strip()
    if any(c in name for c in "[]\n") or any(c.isspace() or c in "()<>" for c in address):
        return None
    if not re.match(r"[a-z][a-z0-9+.-]*:", address, re.IGNORECASE):
        address = f"https://{address}"
    return (start, end, f"[{name}]({address})"), True


_BOLD = re.compile(r"(?P<m>\*\*|__)(?P<text>.+)(?P=m)")
_BOLD_LINK = re.compile(r"\[(?P<m>\*\*|__)(?P<text>[^\]]+)(?P=m)\](?P<rest>\(.*\))")


# markdown.bold-heading: "### **Title**" -> "### Title". Unsafe: a site's theme may not set headings in bold.
def _bold_removed(document: Document, start: int, end: int, finding: Finding) -> tuple[_Edit, bool] | None:
    written = document.source[start:end]
    bold = _BOLD.fullmatch(written)
    if bold is not None:
        return (start, end, bold.group("text")), True
    link = _BOLD_LINK.fullmatch(written)
    if link is not None:
        return (start, end, f"[{link.group('text')}]{link.group('rest')}"), True
    return None


# newsletter.byline-link: the link in the registry, where it has one; written where the address is
# (not for a reference link, whose address is elsewhere).
def _registry_link(document: Document, start: int, end: int, finding: Finding) -> tuple[_Edit, bool] | None:
    written = document.source[start:end]
    if len(finding.replacements) != 1 or not written or written[0] == "[" or any(c.isspace() for c in written):
        return None
    if written.startswith("<") and written.endswith(">"):
        return (start + 1, end - 1, finding.replacements[0]), True
    return (start, end, finding.replacements[0]), True


# newsletter.wrong-month: the month for the one the text names. Unsafe: the text may mean another issue.
def _month_replaced(document: Document, start: int, end: int, finding: Finding) -> tuple[_Edit, bool] | None:
    if len(finding.replacements) != 1 or not document.source[start:end].isalpha():
        return None
    return (start, end, finding.replacements[0]), True


_OWN: dict[str, tuple[str, _Maker]] = {
    "markdown.missing-scheme": (SAFE, _scheme_added),
    "markdown.unknown-scheme": (SAFE, _scheme_corrected),
    "markdown.emphasis-run": (SAFE, _run_removed),
    "markdown.nested-emphasis": (SAFE, _run_halved),
    "markdown.repeated-word": (SAFE, _word_once),
    "markdown.link-syntax": (UNSAFE, _link_joined),
    "markdown.swapped-link": (UNSAFE, _link_swapped),
    "markdown.bold-heading": (UNSAFE, _bold_removed),
    "newsletter.byline-link": (SAFE, _registry_link),
    "newsletter.wrong-month": (UNSAFE, _month_replaced),
    "proselint.lexical_illusions": (SAFE, _word_once),
    "languagetool.ENGLISH_WORD_REPEAT_RULE": (SAFE, _word_once),
}
