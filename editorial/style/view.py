"""The blocks Vale-style rules read, built from a parsed Markdown document.

The document's prose blocks are the base: each gets a Vale scope
(``text.heading.h2.md``, ``text.list.md``, ``text.table.cell.md``,
``text.blockquote.md``, ``text.attr.alt``, plain ``text.md``); raw HTML's
blocks (a ``<p>``, a ``<td>``, a ``<caption>``) are among them. Two things
the prose view leaves out are put back, because Vale's rules are written
against them:

- inline code stays in the text as ``*`` (one per character), as in Vale, so
  "Use the `APPEND` operator" reads "Use the ****** operator": a heading that
  starts with code is not "starting with a lower-case word";
- bare URLs and autolinks are masked the same way.

Then come the derived blocks: ``paragraph`` and ``sentence`` pieces when a
rule asks for them, the ``summary`` (the document's paragraphs, list items and
quotes, for readability metrics) and ``raw`` (the file as written).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from editorial.style import sentences
from editorial.style.block import Block

_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]*)>", re.I)
_BARE_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>]+", re.I)
_URL_TAIL = ".,:;!?'\"*_~)"
_SPACE = " \t\n"

# Vale's tags that hold no prose, and inline tags that are masked rather than read.
SKIPPED_TAGS = ("script", "style", "pre", "figure", "noscript", "iframe")
IGNORED_INLINE = ("tt", "code", "kbd")
# What names a paragraph by the block it is in: the outermost of them, as Vale reads the HTML tags in order.
_CONTAINER_SCOPES = {
    "list": ("text.list", "list", True),
    "blockquote": ("text.blockquote", "blockquote", True),
    "caption": ("text.table.caption", "table.caption", False),
    "figcaption": ("text.figure.caption", "figure.caption", False),
}
_INLINE_MARKUP = {
    "strong": re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S),
    "b": re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S),
    "em": re.compile(r"(?<![*_])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*_])", re.S),
}


@dataclass(frozen=True)
class ViewOptions:
    """What the configuration changes about the view."""

    extension: str = ".md"
    skipped_scopes: tuple[str, ...] = SKIPPED_TAGS
    ignored_scopes: tuple[str, ...] = IGNORED_INLINE
    ignored_classes: tuple[str, ...] = ()
    token_ignores: tuple[Any, ...] = ()  # compiled patterns: matches are masked like code
    block_ignores: tuple[Any, ...] = ()  # compiled patterns: matches are not read at all
    paragraphs: bool = False  # build `paragraph` blocks
    sentences: bool = False  # build `sentence` blocks
    summary: bool = False
    raw: bool = False


@dataclass
class View:
    blocks: list[Block] = field(default_factory=list)
    summary: Block | None = None
    raw: Block | None = None
    metrics: Counter[str] = field(default_factory=Counter)


def build(document: Any, options: ViewOptions) -> View:
    source: str = document.source
    ext = options.extension
    view = View()
    ignored = _ignored_ranges(source, options)
    summary_parts: list[tuple[str, Sequence[int]]] = []
    pieces: list[tuple[int, Block, bool]] = []  # (source offset, block, in summary)

    for prose in document.blocks:
        scopes = tuple(prose.scopes)
        if any(s in options.skipped_scopes for s in scopes):
            continue
        text, offsets = _with_masks(prose, source, options, ignored)
        if not text.strip():
            continue
        scope, counted, summarised = _scope_of(prose.kind, scopes)
        block = Block(text, scope + ("" if prose.kind in ("alt", "title") else ext), offsets, written=prose.written)
        view.metrics[counted] += 1
        pieces.append((offsets[0] if offsets else 0, block, summarised))
        if prose.kind == "paragraph" and scope == "text" and options.paragraphs:
            pieces.append((offsets[0] if offsets else 0, block.slice(0, len(text), "paragraph" + ext), False))

    pieces.sort(key=lambda piece: piece[0])
    for _, block, summarised in pieces:
        view.blocks.append(block)
        # Vale cuts the prose of paragraphs, list items and quotes into sentences, not headings (its
        # own suite, scopes.feature "Sentences"), whether Markdown's or HTML's.
        if options.sentences and summarised:
            view.blocks.extend(_sentences(block, ext))
        if summarised:
            summary_parts.append((block.text, block.offsets or ()))

    for token in document.tokens:
        if token.type in ("fence", "code_block"):
            view.metrics["pre"] += 1

    if options.summary:
        view.summary = _summary(summary_parts, ext, view.metrics)
    if options.raw:
        view.raw = Block(source, "raw" + ext, None, 0)
    return view


def _scope_of(kind: str, scopes: tuple[str, ...]) -> tuple[str, str, bool]:
    """The Vale scope of a prose block, the metric it counts towards, and whether it is summarised."""
    if kind == "heading":
        level = next((s for s in scopes if s.startswith("heading.h")), "heading.h1")
        return "text." + level, level, False
    if kind in ("table.header", "table.cell"):
        return "text." + kind, kind, False
    if kind in ("alt", "title"):
        return "text.attr." + kind, kind, False
    for container in scopes:
        if container in _CONTAINER_SCOPES:
            return _CONTAINER_SCOPES[container]
    return "text", "paragraphs", True


def _sentences(block: Block, ext: str) -> list[Block]:
    base = block.scope.removesuffix(ext) if ext and block.scope.endswith(ext) else block.scope
    scope = base + ".sentence" + (ext if block.scope.endswith(ext) else "")
    return [block.slice(a, b, scope, sentence=True) for a, b in sentences.spans(block.text)]


def _summary(parts: list[tuple[str, Sequence[int]]], ext: str, metrics: Counter[str]) -> Block:
    texts: list[str] = []
    offsets: list[int] = []
    for text, where in parts:
        texts.append(text + "\n\n")
        offsets.extend(where)
        last = where[-1] if len(where) else 0
        offsets.extend((last, last))
    return Block("".join(texts), "summary" + ext, offsets, metrics=dict(metrics))


def _ignored_ranges(source: str, options: ViewOptions) -> list[tuple[int, int, bool]]:
    """Source ranges to mask (True) or to drop (False): TokenIgnores, BlockIgnores, ignored classes."""
    ranges: list[tuple[int, int, bool]] = []
    for pattern in options.token_ignores:
        ranges.extend((m.start(), m.end(), True) for m in pattern.finditer(source) if m.end() > m.start())
    for pattern in options.block_ignores:
        ranges.extend((m.start(), m.end(), False) for m in pattern.finditer(source) if m.end() > m.start())
    if options.ignored_classes and "class" in source:
        ranges.extend((a, b, True) for a, b in _classed_spans(source, options.ignored_classes))
    # Inline elements named in IgnoredScopes (besides code, which is always masked).
    for name, pattern in _INLINE_MARKUP.items():
        if name in options.ignored_scopes:
            ranges.extend((m.start(2), m.end(2), True) for m in pattern.finditer(source))
    return sorted(ranges)


def _classed_spans(source: str, classes: tuple[str, ...]) -> list[tuple[int, int]]:
    """The content of inline HTML elements with an ignored class: ``<span class="nop">x</span>``."""
    spans = []
    for match in re.finditer(r"<(\w+)\b[^>]*\bclass\s*=\s*[\"']([^\"']*)[\"'][^>]*>", source):
        if not set(match.group(2).split()) & set(classes):
            continue
        tag = match.group(1)
        close = source.find(f"</{tag}>", match.end())
        if close >= 0:
            spans.append((match.end(), close))
    return spans


def _with_masks(prose: Any, source: str, options: ViewOptions, ignored: list[tuple[int, int, bool]]) -> tuple[str, list[int]]:
    """The prose with inline code and URLs put back as ``*``, ignored ranges masked or dropped.

    The prose maps to the source in runs of consecutive characters; only
    between runs can the prose view have left something out.
    """
    text: str = prose.text
    n = len(text)
    if n == 0:
        return "", []
    starts = list(prose.run_starts) + [n]
    sources = prose.run_sources
    chars: list[str] = []
    where: list[int] = []
    # Code right at the start or end of the block (a heading "`x` is ...").
    first = sources[0]
    _fill(chars, where, source, source.rfind("\n", 0, first) + 1, first, "", text[0])
    for run in range(len(sources)):
        a, b = starts[run], starts[run + 1]
        if a == b:
            continue
        chars.extend(text[a:b])
        where.extend(range(sources[run], sources[run] + b - a))
        if run + 1 < len(sources) and starts[run + 1] < n:
            gap_start = sources[run] + b - a
            if sources[run + 1] != gap_start:
                _fill(chars, where, source, gap_start, sources[run + 1], text[b - 1], text[b])
    last = where[-1]
    line_end = source.find("\n", last + 1)
    _fill(chars, where, source, last + 1, len(source) if line_end < 0 else line_end, text[-1], "")
    if ignored:
        chars, where = _apply_ignored(chars, where, ignored)
    return "".join(chars), where


def _fill(chars: list[str], where: list[int], source: str, start: int, end: int, before: str, after: str) -> None:
    """Put the masked constructs of ``source[start:end]`` (between two prose characters) back."""
    if end <= start or ("`" not in source[start:end] and "/" not in source[start:end]):
        return
    segment = source[start:end]
    found: list[tuple[int, int]] = []
    for match in _CODE_SPAN.finditer(segment):
        found.append((match.start(2), match.end(2)))
    for match in _AUTOLINK.finditer(segment):
        found.append((match.start(1), match.end(1)))
    for match in _BARE_URL.finditer(segment):
        # A link's destination or an HTML attribute is not text; only a bare URL is.
        if match.start() > 0 and segment[match.start() - 1] in "(<\"'=":
            continue
        url = match.group(0).rstrip(_URL_TAIL)
        found.append((match.start(), match.start() + len(url)))
    if not found:
        return
    found.sort()
    last_char = before
    previous_end = 0
    for a, b in found:
        if a < previous_end:
            continue
        # The space the prose view dropped before the construct.
        lead = a - 1
        while lead >= 0 and segment[lead] == "`":
            lead -= 1
        if (
            lead >= 0
            and segment[lead] in " \t"
            and last_char
            and last_char not in _SPACE
        ):
            chars.append(" ")
            where.append(start + lead)
        # Whitespace inside code is kept, the rest masked: Vale's "*" per character.
        for k in range(a, b):
            chars.append(segment[k] if segment[k] == "\n" else "*")
            where.append(start + k)
        last_char = "*"
        previous_end = b
    tail = previous_end
    while tail < len(segment) and segment[tail] == "`":
        tail += 1
    if tail < len(segment) and segment[tail] in " \t" and after and after not in _SPACE and last_char == "*":
        chars.append(" ")
        where.append(start + tail)


def _apply_ignored(
    chars: list[str], where: list[int], ignored: list[tuple[int, int, bool]]
) -> tuple[list[str], list[int]]:
    out_chars: list[str] = []
    out_where: list[int] = []
    first = where[0] if where else 0
    last = where[-1] if where else 0
    relevant = [r for r in ignored if r[0] <= last and r[1] > first]
    if not relevant:
        return chars, where
    for char, offset in zip(chars, where):
        action = None
        for a, b, mask in relevant:
            if a <= offset < b:
                action = mask
                break
        if action is None:
            out_chars.append(char)
            out_where.append(offset)
        elif action:
            out_chars.append(char if char in _SPACE else "*")
            out_where.append(offset)
    return out_chars, out_where
