"""``markdown.*``: the Markdown slips found in real published newsletters."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlsplit

from editorial import site as sites
from editorial.lint.context import Context
from editorial.lint.findings import Finding, Severity
from editorial.lint.rules import RuleInfo

if TYPE_CHECKING:
    from editorial.document import Document, Link
    from editorial.prose import ProseBlock

PREFIX = "markdown"
E, W, S = Severity.error, Severity.warning, Severity.suggestion

RULES = (
    RuleInfo("markdown.emphasis-run", E, "Four or more * or _ in a row that render as literal characters.", "a ****b"),
    RuleInfo(
        "markdown.nested-emphasis", S,
        "Four or more * or _ in a row that only nest bold in bold: they render, but say nothing more than **.",
        "****Self-supervised learning****",
    ),
    RuleInfo(
        "markdown.link-syntax", E,
        "Link syntax the reader sees as text: a space between ']' and '(', or a ')' missing.",
        "[the paper] (https://arxiv.org/abs/2006.09882)",
    ),
    RuleInfo("markdown.unknown-scheme", E, "A link whose scheme is misspelt goes nowhere.", "[meetup](hhttps://www.meetup.com/rust-noris/)"),
    RuleInfo(
        "markdown.link-in-destination", E, "A link written inside another link's address.",
        "[serde-ply]([https://github.com/a/b](https://www.reddit.com/r/rust/c))",
    ),
    RuleInfo("markdown.swapped-link", E, "The address written as the link's text and the text as its address.", "[https://example.com/post](Author)"),
    RuleInfo("markdown.unclosed-emphasis", W, "Emphasis markers that do not open or close show as literal characters.", "a **bold claim and more"),
    RuleInfo("markdown.missing-scheme", E, "A link to a domain without https:// is a broken relative link.", "[profile](www.linkedin.com/in/someone)"),
    RuleInfo("markdown.empty-link-text", E, "A link with no text cannot be seen or clicked.", "[](https://example.com)"),
    RuleInfo("markdown.image-alt", W, "An image without alt text says nothing to screen readers or mail clients that block images.", "![](chart.png)"),
    RuleInfo("markdown.broken-local-link", E, "A local image or link path that does not exist in the repository.", "![chart](images/missing.png)"),
    RuleInfo("markdown.heading-jump", W, "A heading more than one level below the one before it.", "## Section\n#### Detail"),
    RuleInfo(
        "markdown.bold-heading", W, "A heading set in bold as a whole: headings are bold already, and the issue's others are not.",
        "### **[The paper](https://arxiv.org/x)**",
    ),
    RuleInfo(
        "markdown.duplicate-link", S,
        "The same address linked twice where a reader sees both: in one paragraph or list item"
        " (http and https, www., a trailing slash and doubled slashes aside).",
        "See [the paper](https://arxiv.org/x) and [its code](http://arxiv.org/x/).",
    ),
    RuleInfo("markdown.tracking-parameter", W, "utm_* tracking parameters in a URL.", "https://example.com/?utm_source=newsletter"),
    RuleInfo("markdown.repeated-word", W, "A word repeated across markup, which plain-text checks miss.", "see the [the paper](https://arxiv.org/x)"),
)

_LONG_RUN = re.compile(r"\*{4,}|_{4,}")
# Markers left in the prose after parsing did not pair them: a run touching a word on one side only.
_LOOSE = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\w)|(?<=\w)(\*{1,3}|_{1,3})(?![\w*])")
_DOMAIN = re.compile(
    r"^(?:www\.[\w-]+(?:\.[\w-]+)+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|ai|co|edu|gov|uk|de|fr|me|app|info|ly|gl|tv|news))(?:[/?#:]|$)",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# What a link's address may start with; anything else before "//" is a slip ("hhttps://", "http®s://", "https//").
_KNOWN_SCHEMES = frozenset(
    "http https ftp ftps sftp mailto tel sms file git ssh irc ircs ws wss news data javascript xmpp magnet".split()
)
_SCHEME_LIKE = re.compile(r"^([^\s/:?#\[\]()]{1,12}?):?//")
_URL_START = re.compile(r"\s*<?(?:[a-z][a-z0-9+.-]*:|www\.)", re.IGNORECASE)
# "### **Title**", "### **[Title](url)**", "### [**Title**](url)": bold all through.
_BOLD_HEADING = re.compile(
    r"^\s{0,3}#{1,6}\s+(?P<marked>(?P<m>\*\*|__)(?!\s)(?:(?!\*\*|__).)+(?<!\s)(?P=m)"
    r"|\[(?P<n>\*\*|__)(?:(?!\*\*|__)[^\]])+(?P=n)\]\([^)]*\))\s*#*\s*$"
)
# "]" then "(" in what the reader reads: link syntax that did not parse.
_LITERAL_LINK = re.compile(r"\](\s*)\(")
# Overlapping pairs of neighbouring words: "Read the [the paper]" pairs "Read the" and "the the".
_WORD_PAIR = re.compile(r"(?=\b(\w+)(\s+)(\w+)\b)")
# What may stand between two words when only markup separates them (not an image, not code).
_MARKUP = frozenset("[]*_~ \t\r\n")


def check(document: Document, context: Context) -> Iterator[Finding]:
    yield from _emphasis(document)
    yield from _links(document, context)
    yield from _literal_links(document)
    yield from _heading_jumps(document)
    yield from _bold_headings(document)
    yield from _repeated_words(document)


def _finding(document: Document, start: int, end: int, rule: str, severity: Severity, message: str, *replacements: str) -> Finding:
    begin, finish = document.position(start), document.position(end)
    return Finding(
        str(document.path), begin.line, begin.column, rule, severity, message,
        finish.line, finish.column, tuple(replacements),
    )


def _in_block(document: Document, block: ProseBlock, start: int, end: int, rule: str, severity: Severity, message: str) -> Finding:
    source_start, source_end = block.source_span(start, end)
    return _finding(document, source_start, source_end, rule, severity, message)


def _emphasis(document: Document) -> Iterator[Finding]:
    yield from _long_runs(document)
    for block in document.blocks:
        text = block.text
        if "*" not in text and "_" not in text:
            continue
        for match in _LOOSE.finditer(text):
            marker = match.group(1) or match.group(2)
            if marker.startswith("_") and _intraword(text, match):
                continue
            if _touches_long_run(text, match):
                continue  # reported as a long run
            if not _meant_as_emphasis(document, block, match, marker):
                continue
            yield _in_block(
                document, block, match.start(), match.end(), "markdown.unclosed-emphasis", W,
                f"'{marker}' does not open or close emphasis here and shows as literal characters",
            )


def _meant_as_emphasis(document: Document, block: ProseBlock, match: re.Match[str], marker: str) -> bool:
    """Whether a marker left literal was meant to open or close emphasis.

    ``**``, ``***`` and ``__`` were; so was a single one that opens its block
    ("*No calls this week") or a single ``*`` against other markup ("[*" or
    ")*"). A single one against a word is usually the thing itself: ``dyn*``,
    ``[… Fn*]``, ``*mut``, ``ok_or[_else]``; and one written as ``\\*`` was asked for.
    """
    start = block.source_offset(match.start())
    source = document.source
    if source[start] == "\\":
        return False
    if len(marker) > 1 or not block.text[: match.start()].strip():
        return True
    end = start + len(marker)
    neighbours = source[start - 1 : start] + source[end : end + 1]
    return marker == "*" and any(c in "[()*_" for c in neighbours)


def _touches_long_run(text: str, match: re.Match[str]) -> bool:
    return any(run.start() <= match.start() < run.end() or run.start() < match.end() <= run.end() for run in _LONG_RUN.finditer(text))


def _long_runs(document: Document) -> Iterator[Finding]:
    """Runs in the source lines of prose: paired or not, renderers disagree on them."""
    source = document.source
    reported: set[int] = set()
    for block in document.blocks:
        if not block.text:
            continue
        start = source.rfind("\n", 0, block.source_offset(0)) + 1
        end = source.find("\n", block.source_offset(len(block.text) - 1))
        end = len(source) if end == -1 else end
        for match in _LONG_RUN.finditer(source, start, end):
            line_start = source.rfind("\n", 0, match.start()) + 1
            if match.start() in reported or source.count("`", line_start, match.start()) % 2:
                continue  # already reported from another block on these lines, or inside a code span
            reported.add(match.start())
            if _shown(document, match.start(), match.end()):
                yield _finding(
                    document, match.start(), match.end(), "markdown.emphasis-run", E,
                    f"'{match.group()}' renders as literal characters; use ** for bold or _ for italics",
                )
            else:
                yield _finding(
                    document, match.start(), match.end(), "markdown.nested-emphasis", S,
                    f"'{match.group()}' only nests bold in bold; '{match.group()[:2]}' says the same",
                    match.group()[:2],
                )


def _shown(document: Document, start: int, end: int) -> bool:
    """Whether any of the source characters ``start:end`` reached the reader's text (the parser left them literal)."""
    for block in document.blocks:
        offsets = block.offsets
        if offsets and offsets[0] <= end and start <= offsets[-1]:
            index = bisect.bisect_left(offsets, start)
            if index < len(offsets) and offsets[index] < end:
                return True
    return False


def _intraword(text: str, match: re.Match[str]) -> bool:
    """snake_case and file_names: underscores between word characters are not emphasis."""
    before = text[match.start() - 1] if match.start() else " "
    after = text[match.end()] if match.end() < len(text) else " "
    return before.isalnum() and after.isalnum()


def _links(document: Document, context: Context) -> Iterator[Finding]:
    seen: dict[tuple[int, str], int] = {}
    block_of = _block_index(document)
    for link in document.links:
        where = link.destination_span or link.span
        destination = link.destination
        written = document.source[where[0] : where[1]] if link.destination_span else destination
        if link.kind == "link" and not link.text.strip():
            yield _finding(document, link.span[0], link.span[1], "markdown.empty-link-text", E, "link has no text")
        if link.kind == "image" and not link.text.strip():
            yield _finding(document, link.span[0], link.span[1], "markdown.image-alt", W, "image has no alt text")
        scheme = _SCHEME_LIKE.match(written) if link.kind != "autolink" else None
        if scheme and (scheme.group(1).lower() not in _KNOWN_SCHEMES or not written[scheme.end(1) :].startswith(":")):
            yield _finding(
                document, where[0], where[1], "markdown.unknown-scheme", E,
                f"'{scheme.group()}' is no scheme a browser follows: the link goes nowhere",
            )
        elif link.kind != "autolink" and "](" in written:
            yield _finding(
                document, where[0], where[1], "markdown.link-in-destination", E,
                "a link is written inside this link's address: the address is its text, brackets and all",
            )
        elif link.kind == "link" and _looks_like_url(link.text) and not _looks_like_url(destination) and "." not in destination and "/" not in destination:
            address = link.text.strip()
            address = address if _SCHEME.match(address) else f"https://{address}"
            name = unquote(written.strip("<>"))
            yield _finding(
                document, link.span[0], link.span[1], "markdown.swapped-link", E,
                f"the address is written as the link's text and '{name}' as its address: write [{name}]({address})",
            )
        elif link.kind != "autolink" and not _SCHEME.match(destination) and _DOMAIN.match(destination):
            yield _finding(
                document, where[0], where[1], "markdown.missing-scheme", E,
                f"'{destination}' has no scheme and links to a relative path; write https://{destination}",
                f"https://{destination}",
            )
        elif _is_local(link):
            missing = _missing_local(destination, Path(document.path), context)
            if missing:
                yield _finding(document, where[0], where[1], "markdown.broken-local-link", E, missing)
        tracking = sorted({k for k, _ in parse_qsl(urlsplit(destination).query, keep_blank_values=True) if k.lower().startswith("utm_")})
        if tracking:
            yield _finding(
                document, where[0], where[1], "markdown.tracking-parameter", W,
                f"tracking parameter{'s' if len(tracking) > 1 else ''} {', '.join(tracking)} in the URL",
            )
        if link.kind == "link" and _SCHEME.match(destination):
            # Within one paragraph or list item: a list that names a group's page beside each of
            # its dates, or an article cited again further on, links twice on purpose.
            key = (block_of(link.span[1]), _same_page(destination))
            if key not in seen:
                seen[key] = document.position(where[0]).line
            else:
                yield _finding(
                    document, where[0], where[1], "markdown.duplicate-link", S,
                    f"'{destination}' is already linked on line {seen[key]}",
                )


def _block_index(document: Document) -> Callable[[int], int]:
    """The prose block (alt text aside) that the link ending at a source offset stands in: the last to start before it."""
    starts = sorted(b.offsets[0] for b in document.blocks if b.kind != "alt")

    def index(end: int) -> int:
        return bisect.bisect_right(starts, end - 1) - 1

    return index


def _same_page(url: str) -> str:
    """The address with what does not change the page left out: the scheme, 'www.', doubled and trailing slashes."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    return f"{host}{path}?{parts.query}#{parts.fragment}"


def _looks_like_url(text: str) -> bool:
    return bool(re.match(r"\s*(?:https?://|www\.)\S+\s*$", text, re.IGNORECASE))


def _literal_links(document: Document) -> Iterator[Finding]:
    """Link syntax that reached the reader's text: ']' then '(' and an address did not make a link."""
    source = document.source
    for block in document.blocks:
        if "](" not in block.text and "] (" not in block.text:
            continue
        for match in _LITERAL_LINK.finditer(block.text):
            after = block.source_offset(match.end() - 1) + 1
            if _URL_START.match(source, after):
                problem = "a space between ']' and '('" if match.group(1) else "a ')' missing"
                yield _in_block(
                    document, block, match.start(), match.end(), "markdown.link-syntax", E,
                    f"this link shows as text, brackets and address: {problem}",
                )


def _local_target(destination: str) -> str:
    return unquote(destination.split("#", 1)[0].split("?", 1)[0])


def _is_local(link: Link) -> bool:
    """A path in the repository: not an address with a scheme, a protocol-relative one ("//host/…") or a fragment."""
    destination = link.destination
    return link.kind != "autolink" and not _SCHEME.match(destination) and not destination.startswith(("#", "//"))


def dependencies(document: Document, context: Context) -> list[Path]:
    """Every path whose existence the local-link check looks at: a cached result holds while they do not change."""
    paths: list[Path] = list(context.config.static)
    for link in document.links:
        target = _local_target(link.destination) if _is_local(link) else ""
        in_content = sites.pelican_link(target)
        if in_content is not None:
            paths.extend(_pelican_targets(in_content, Path(document.path), context))
        elif target.startswith("/"):
            paths.extend(root / target.lstrip("/") for root in context.config.static)
        elif target:
            paths.append(Path(document.path).resolve().parent / target)
    return paths


def pages_linked(document: Document, context: Context) -> list[str]:
    """The names of the site's pages that '/'-links may stand for: whether each is a page can change
    without the file changing, so a cached result holds only while it has not."""
    if not context.config.site.content:
        return []
    names = []
    for link in document.links:
        target = _local_target(link.destination) if _is_local(link) else ""
        if target.startswith("/") and sites.pelican_link(target) is None:
            names.append(_page_name(target))
    return names


def site_pages(context: Context) -> frozenset[str]:
    return _pages(context.config.site.content)


def _missing_local(destination: str, path: Path, context: Context) -> str | None:
    """Why a local path does not resolve, or None; '/'-paths are checked against the static roots."""
    target = _local_target(destination)
    site = context.config.site
    if not target:
        return None
    in_content = sites.pelican_link(target)
    if in_content is not None:
        if not site.content or any(context.exists(p) for p in _pelican_targets(in_content, path, context)):
            return None
        where = ", ".join(context.relative(f) + "/" for f in site.content) if in_content.startswith("/") else None
        return f"'{target}' is not in the content folder ({where})" if where else (
            f"'{target}' does not exist (relative to {context.relative(path.resolve().parent) or '.'}/)"
        )
    if target.startswith("/"):
        roots = [root for root in context.config.static if root.is_dir()]
        if not roots:
            return None  # no static folder here: nothing to check '/'-paths against
        if any(context.exists(root / target.lstrip("/")) for root in roots):
            return None
        if site.content and _page_name(target) in _pages(site.content):
            return None  # another page of the site, by its address
        names = ", ".join(context.relative(r) + "/" for r in roots)
        if site.content and Path(target).suffix.lower() in ("", ".html", ".htm"):
            return f"'{target}' is neither in the static folder ({names}) nor a page of the site"
        return f"'{target}' is not in the static folder ({names})"
    if context.exists(path.resolve().parent / target):
        return None
    return f"'{target}' does not exist (relative to {context.relative(path.resolve().parent) or '.'}/)"


def _pelican_targets(in_content: str, path: Path, context: Context) -> list[Path]:
    if in_content.startswith("/"):
        return [folder / in_content.lstrip("/") for folder in context.config.site.content]
    return [path.resolve().parent / in_content]


def _page_name(target: str) -> str:
    """The name a page address ends in: "/2022/07/11/our-july-issue.html" and "/posts/our-july-issue/" both
    name "our-july-issue"."""
    last = [part for part in target.split("/") if part and part != "index.html"][-1:] or [""]
    return last[0].removesuffix(".html").lower()


@functools.cache
def _pages(content: tuple[Path, ...]) -> frozenset[str]:
    return sites.page_names(sites.Site(content=content))


def _heading_jumps(document: Document) -> Iterator[Finding]:
    previous = None
    for heading in document.headings:
        if previous is not None and heading.level > previous + 1:
            yield Finding(
                str(document.path), heading.line, 1, "markdown.heading-jump", W,
                f"heading level jumps from h{previous} to h{heading.level}",
            )
        previous = heading.level


def _bold_headings(document: Document) -> Iterator[Finding]:
    for heading in document.headings:
        start = document.line_starts[heading.line - 1]
        end = document.source.find("\n", start)
        line = document.source[start : len(document.source) if end < 0 else end].rstrip("\r")
        match = _BOLD_HEADING.match(line)
        if match:
            yield _finding(
                document, start + match.start("marked"), start + match.end("marked"), "markdown.bold-heading", W,
                "the whole heading is in bold: a heading is bold already",
            )


def _repeated_words(document: Document) -> Iterator[Finding]:
    for block in document.blocks:
        text = block.text
        for match in _WORD_PAIR.finditer(text):
            if match.group(1).casefold() != match.group(3).casefold() or match.group(1).isdigit():
                continue
            first_end = block.source_offset(match.end(1) - 1) + 1
            second_start = block.source_offset(match.start(3))
            between = document.source[first_end:second_start]
            if between.strip() and set(between) <= _MARKUP:
                yield _in_block(
                    document, block, match.start(1), match.end(3), "markdown.repeated-word", W,
                    f"'{match.group(1)}' is repeated across markup",
                )
