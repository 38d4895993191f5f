"""A Markdown file parsed once, its prose mapped to exact positions in the file.

markdown-it gives block tokens line ranges and inline tokens no position at
all. Positions are recovered in two steps. A few parser rules are wrapped to
note where the constructs they consume start and end (code spans, links,
images, autolinks, inline HTML, table rows), since that cannot be read back
from the tokens. Then every inline token's content is laid back onto the
source lines it was cut from, and its children are walked in order with a
cursor that must land exactly on each piece of text: a piece that does not
match the source is left out of the prose rather than given a wrong position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from editorial import frontmatter
from editorial.errors import EditorialError, Problem
from editorial.files import decode, read_bytes
from editorial.prose import ProseBlock, ProseBuilder

# CommonMark's line endings, which markdown-it counts lines by.
_LINE_BREAK = re.compile(r"\r\n?|\n")
_BOM = "\ufeff"

_CONTAINERS = {
    "blockquote_open": "blockquote",
    "bullet_list_open": "list",
    "ordered_list_open": "list",
}
_CONTAINER_ENDS = frozenset({"blockquote_close", "bullet_list_close", "ordered_list_close"})
_DELIMITERS = frozenset(
    {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
)

# What the inline parser skips at a line break: trailing spaces (a hard break
# when two or more), a backslash (a hard break), the break, the next line's indent.
_BREAK = re.compile(r" *\\?\n[ \t]*")
_CELL_GAP = re.compile(r"[\s|]*")
# Inline HTML that the reader sees as something: an image, a break, a widget.
_SHOWN_TAG = re.compile(r"<(?:img|br|hr|input|button|select|textarea|video|audio|iframe|svg|object|embed|canvas)\b", re.I)


@dataclass(frozen=True)
class Position:
    """A place in the file as an editor shows it: 1-based line and column.

    Columns count code points, so a tab, an accented letter and an emoji are
    one column each; a byte-order mark is not a column.
    """

    line: int
    column: int


@dataclass(frozen=True)
class Link:
    """A link, an image or an autolink, and where it is written.

    ``destination`` is the URL as markdown-it resolves it (reference links
    looked up, characters percent-encoded); ``destination_span`` is where it
    is written, or None when it comes from a reference definition. Spans are
    source offsets, end exclusive.
    """

    kind: str
    text: str
    destination: str
    title: str | None
    span: tuple[int, int]
    destination_span: tuple[int, int] | None


@dataclass(frozen=True)
class Heading:
    """A heading: its level (1 to 6), its prose text and the line it starts on."""

    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Document:
    """One Markdown file: its exact text, its front matter, its prose and its links.

    ``source`` is the file's text exactly as read, byte-order mark and CRLF
    line endings included; every offset (``ProseBlock.source_offset``,
    ``Link.span``, ``body_offset``) counts code points in it.

    ``tokens`` are markdown-it's tokens for the body, for checks that need the
    structure. An escape or an entity is a ``text`` token of its own in them,
    its ``markup`` what the source says and its ``info`` "escape" or "entity".
    """

    path: Path | str
    source: str
    front_matter: frontmatter.FrontMatter | None
    front_matter_error: Problem | None
    body_offset: int
    blocks: tuple[ProseBlock, ...]
    links: tuple[Link, ...]
    headings: tuple[Heading, ...]
    tokens: tuple[Token, ...] = field(repr=False)
    line_starts: tuple[int, ...] = field(repr=False)

    def position(self, offset: int) -> Position:
        """The line and column of ``source[offset]``; ``len(source)`` is the end of the file.

        A line ends with its line break: the ``"\\r"`` of a ``"\\r\\n"`` is on the line it ends.
        """
        if not 0 <= offset <= len(self.source):
            raise IndexError(f"offset {offset} is outside a text of {len(self.source)} characters")
        line = max(bisect_right(self.line_starts, offset) - 1, 0)
        return Position(line + 1, max(offset - self.line_starts[line], 0) + 1)

    def offset(self, line: int, column: int) -> int:
        """The offset in ``source`` of a 1-based line and column, the inverse of :meth:`position`."""
        if not 1 <= line <= len(self.line_starts):
            raise IndexError(f"line {line} is outside a text of {len(self.line_starts)} lines")
        return min(self.line_starts[line - 1] + column - 1, len(self.source))


def read(path: Path, titled: bool = False) -> Document:
    """Read any Markdown file to check it: UTF-8, with or without BOM, LF or CRLF."""
    return parse(decode(read_bytes(path), path), path, titled)


def parse(text: str, path: Path | str, titled: bool = False) -> Document:
    """Parse ``text``, the content of ``path``; malformed front matter is recorded, not raised.

    Front matter is never prose, but with ``titled`` its ``title`` is: a
    section's title, which templates make the section's heading.
    """
    lines = _Lines(text)
    front, problem, body_offset = _front_matter(text, lines, path)
    tokens: list[Token] = []
    if body_offset < len(text):
        tokens = _markdown().parse(text[body_offset:], {})
    reader = _Reader(text, lines, bisect_right(lines.starts, body_offset) - 1)
    if titled and front is not None:
        reader.title(front)
    reader.collect(tokens)
    _plain_text(tokens)
    return Document(
        path,
        text,
        front,
        problem,
        body_offset,
        tuple(reader.blocks),
        tuple(sorted(reader.links, key=lambda link: link.span)),
        tuple(reader.headings),
        tuple(tokens),
        tuple(lines.starts),
    )


def _plain_text(tokens: list[Token]) -> None:
    """Make the escapes and entities, kept apart to place them, text for any renderer again."""
    for token in tokens:
        if token.type == "text_special":
            token.type = "text"
        if token.children:  # an inline token's, or an image's alt text
            _plain_text(token.children)


class _Lines:
    """Where each line's text starts and ends (before its line break), in code points."""

    def __init__(self, text: str) -> None:
        self.starts = [1 if text.startswith(_BOM) else 0]
        self.ends: list[int] = []
        for match in _LINE_BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))


def _front_matter(
    text: str, lines: _Lines, path: Path | str
) -> tuple[frontmatter.FrontMatter | None, Problem | None, int]:
    """The front matter, the problem with it if any, and the offset of the Markdown body."""
    starts, ends = lines.starts, lines.ends
    if text[starts[0] : ends[0]].rstrip() != frontmatter.FENCE:
        header = frontmatter.metadata_header([text[s:e] for s, e in zip(starts, ends, strict=True)], path)
        if header is None:
            return None, None, starts[0]
        return header, None, starts[header.closing_line] if header.closing_line < len(starts) else len(text)
    closing = next(
        (
            line
            for line in range(1, len(starts))
            if text[starts[line] : ends[line]].rstrip() in (frontmatter.FENCE, "...")
        ),
        None,
    )
    # frontmatter.split reads LF text; its line numbers hold for the original
    # too, since a byte-order mark adds no line and CRLF counts as one break.
    head = _LINE_BREAK.sub("\n", text[starts[0] : len(text) if closing is None else ends[closing]])
    try:
        front = frontmatter.split(head, path).front
    except EditorialError as exc:
        front, problem = None, exc.problems[0]
    else:
        problem = None
    if closing is None:
        # An unclosed front matter leaves no telling where the YAML ends: read
        # as Markdown, its keys and values would flood every prose check with
        # findings that mean nothing. The whole file waits for the fence.
        return front, problem, len(text)
    body = starts[closing + 1] if closing + 1 < len(starts) else len(text)
    return front, problem, body


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Joined into the text around them, escapes and entities could no longer
    # be told apart from the source characters they replace.
    md.disable("text_join")
    spanned = {
        "backticks": "code_inline",
        "link": "link_open",
        "image": "image",
        "autolink": "link_open",
        "html_inline": "html_inline",
    }
    for name, kind in spanned.items():
        _wrap(md.inline.ruler, name, partial(_spanning, kind=kind))
    _wrap(md.block.ruler, "table", _locating_rows)
    return md


def _wrap(ruler: Any, name: str, wrapper: Callable[[Any], Any]) -> None:
    rule = ruler.__rules__[ruler.__find__(name)]
    # Ruler.at drops the rule's alternative chains unless given them again.
    ruler.at(name, wrapper(rule.fn), {"alt": list(rule.alt)})


def _spanning(rule: Callable[[StateInline, bool], bool], kind: str) -> Callable[..., bool]:
    """Note on the token the rule makes where its construct starts and ends in the inline content."""

    def spanned(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            tokens = state.tokens
            # A link's text is parsed within the call: its first token is the link_open.
            for index in range(count, len(tokens)):
                if tokens[index].type == kind:
                    tokens[index].meta["span"] = (start, state.pos)
                    break
        return True

    return spanned


def _locating_rows(rule: Callable[[StateBlock, int, int, bool], bool]) -> Callable[..., bool]:
    """Note on each table cell the column where its row's text starts (after any container prefix)."""

    def located(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        count = len(state.tokens)
        if not rule(state, start, end, silent):
            return False
        if not silent:
            columns: dict[int, int] = {}
            for index in range(count, len(state.tokens)):
                token = state.tokens[index]
                if token.type == "inline" and token.map:
                    line = token.map[0]
                    if line not in columns:
                        first = state.bMarks[line] + state.tShift[line]
                        columns[line] = first - (state.src.rfind("\n", 0, first) + 1)
                    token.meta["column"] = columns[line]
        return True

    return located


class _Lost(Exception):
    """The tokens and the source no longer agree: stop placing this inline token's text."""


class _Reader:
    """Turns the body's tokens into prose blocks, links and headings."""

    def __init__(self, source: str, lines: _Lines, base: int) -> None:
        # markdown-it reads NUL as U+FFFD: compare its text with the source read the same way.
        self.source = source.replace("\0", "\ufffd") if "\0" in source else source
        self.lines = lines
        self.base = base
        self.blocks: list[ProseBlock] = []
        self.links: list[Link] = []
        self.headings: list[Heading] = []
        self._row = -1
        self._row_cursor = 0

    def title(self, front: frontmatter.FrontMatter) -> None:
        """The front matter's ``title`` is prose and Markdown too: the heading templates make of it.

        Only a title written on its line as it reads (plain, or quoted without
        escapes) has a place in the source; another is left out of the prose.
        """
        title = front.data.get("title")
        if not isinstance(title, str) or not title.strip() or "\n" in title:
            return
        line = front.line("title") - 1
        start, end = self.lines.starts[line], self.lines.ends[line]
        colon = self.source.find(":", start, end)
        where = self.source.find(title, colon + 1, end) if colon >= 0 else -1
        if where < 0 or self.source[colon + 1 : where].strip(" \t\"'"):
            return
        tokens = _markdown().parseInline(title, {})
        if not tokens or not tokens[0].children:
            return
        builder = ProseBuilder()
        alts: list[ProseBlock] = []
        inline = _Inline(self, title, _Layout((0,), (where,)), ("heading", "title", "alt"), alts)
        try:
            inline.walk(tokens[0].children, 0, 0, builder)
        except _Lost:
            return
        block = builder.build("heading", ("heading", "title"))
        if block is not None:
            self.blocks.append(block)
        self.blocks.extend(alts)

    def collect(self, tokens: Iterable[Token]) -> None:
        containers: list[str] = []
        opener: Token | None = None
        for token in tokens:
            if token.nesting == 1:
                if token.type in _CONTAINERS:
                    containers.append(_CONTAINERS[token.type])
                opener = token
            elif token.nesting == -1:
                if token.type in _CONTAINER_ENDS:
                    containers.pop()
            elif token.type == "inline" and opener is not None and token.map:
                self._inline(token, opener, tuple(dict.fromkeys(containers)))

    def _inline(self, token: Token, opener: Token, containers: tuple[str, ...]) -> None:
        first = self.base + token.map[0]  # type: ignore[index]
        last = self.base + token.map[1]  # type: ignore[index]
        level = 0
        if opener.type == "paragraph_open":
            kind, scopes = "paragraph", ("paragraph",)
            layout = self._lay_lines(token.content, first, last)
        elif opener.type == "heading_open":
            level = int(opener.tag[1:])
            kind, scopes = "heading", ("heading", f"heading.h{level}")
            if opener.markup.startswith("#"):
                layout = self._lay_atx(token.content, first, level)
            else:
                layout = self._lay_lines(token.content, first, last)
        elif opener.type in ("th_open", "td_open"):
            kind = "table.header" if opener.type == "th_open" else "table.cell"
            scopes = ("table", kind)
            layout = self._lay_cell(token.content, first, token.meta.get("column"))
        else:
            return
        builder = ProseBuilder()
        alts: list[ProseBlock] = []
        if layout is not None and token.children:
            inline = _Inline(self, token.content, layout, containers + ("alt",), alts)
            try:
                inline.walk(token.children, 0, 0, builder)
            except _Lost:
                pass
        block = builder.build(kind, containers + scopes)
        if block is not None:
            self.blocks.append(block)
        self.blocks.extend(alts)
        if level:
            self.headings.append(Heading(level, block.text if block else "", first + 1))

    def _lay_lines(self, content: str, first: int, last: int) -> _Layout | None:
        """Lay a paragraph's content onto its source lines.

        Each content line is the end of its source line, after the container
        prefix (``> ``, list indentation): so it is aligned on the right. Only
        the last line may have lost trailing spaces, and leading lines of
        Unicode spaces alone may have been trimmed away, hence the search.
        """
        parts = content.split("\n")
        for skipped in range(last - first - len(parts) + 1):
            layout = self._align(parts, first + skipped)
            if layout is not None:
                return layout
        return None

    def _align(self, parts: list[str], first: int) -> _Layout | None:
        source, starts, ends = self.source, self.lines.starts, self.lines.ends
        indices: list[int] = []
        sources: list[int] = []
        offset = 0
        for number, part in enumerate(parts):
            line = first + number
            # A partly used tab in the prefix comes out as spaces: never prose.
            visible = part.lstrip(" \t")
            if number < len(parts) - 1:
                where = ends[line] - len(visible)
                if where < starts[line] or not source.startswith(visible, where):
                    return None
            else:
                where = source.rfind(visible, starts[line], ends[line])
                if where < 0 or source[where + len(visible) : ends[line]].strip():
                    return None
            indices.append(offset + len(part) - len(visible))
            sources.append(where)
            offset += len(part) + 1
        return _Layout(tuple(indices), tuple(sources))

    def _lay_atx(self, content: str, line: int, level: int) -> _Layout | None:
        source, start, end = self.source, self.lines.starts[line], self.lines.ends[line]
        # No container prefix holds a '#': the first one opens the heading.
        opening = source.find("#", start, end)
        where = source.find(content, opening + level, end)
        if not content or opening < 0 or where < 0 or source[opening + level : where].strip():
            return None
        return _Layout((0,), (where,))

    def _lay_cell(self, content: str, line: int, column: int | None) -> _Layout | None:
        source, end = self.source, self.lines.ends[line]
        if column is None:
            return None
        if line != self._row:
            self._row, self._row_cursor = line, self.lines.starts[line] + column
        # markdown-it splits the row on '|' and drops the backslash of each '\|'.
        written = content.replace("|", "\\|")
        where = source.find(written, self._row_cursor, end) if content else -1
        if where < 0 or not _CELL_GAP.fullmatch(source, self._row_cursor, where):
            return None
        self._row_cursor = where + len(written)
        indices, sources = [0], [where]
        pipe = content.find("|")
        while pipe >= 0:
            # The '|' stands for the backslash that starts its escape; the text goes on after both.
            escapes = len(indices) // 2
            indices += [pipe, pipe + 1]
            sources += [where + pipe + escapes, where + pipe + escapes + 2]
            pipe = content.find("|", pipe + 1)
        return _Layout(tuple(indices), tuple(sources))


@dataclass(frozen=True)
class _Layout:
    """Where an inline token's content stands in the source: from content index
    ``indices[k]`` on (up to ``indices[k + 1]``), from source offset ``sources[k]`` on."""

    indices: tuple[int, ...]
    sources: tuple[int, ...]


class _Inline:
    """Walks the children of one inline token with a cursor in its content."""

    def __init__(
        self,
        reader: _Reader,
        content: str,
        layout: _Layout,
        alt_scopes: tuple[str, ...],
        alts: list[ProseBlock],
    ) -> None:
        self.reader = reader
        self.content = content
        self.layout = layout
        self.alt_scopes = alt_scopes
        self.alts = alts
        self.link_texts: list[list[str]] = []

    def source(self, index: int) -> int:
        indices = self.layout.indices
        run = bisect_right(indices, index) - 1
        if run < 0:
            raise _Lost
        return self.layout.sources[run] + index - indices[run]

    def place(self, builder: ProseBuilder, index: int, text: str) -> None:
        """Add ``text``, found verbatim at content ``index``, with the source offset of each character."""
        indices, sources = self.layout.indices, self.layout.sources
        run = bisect_right(indices, index) - 1
        if run < 0:
            raise _Lost
        while text:
            room = indices[run + 1] - index if run + 1 < len(indices) else len(text)
            piece = text if room >= len(text) else text[:room]
            builder.add(piece, sources[run] + index - indices[run])
            index += len(piece)
            text = text[len(piece) :]
            run += 1

    def walk(self, children: list[Token], cursor: int, shift: int, builder: ProseBuilder) -> int:
        """Place ``children`` from content index ``cursor``; their spans are relative to ``shift``."""
        content = self.content
        autolink = False
        links: list[tuple[Token, int, int]] = []
        for token in children:
            kind = token.type
            if autolink:
                autolink = kind != "link_close"
            elif kind == "text":
                text = token.content
                if text:
                    if not content.startswith(text, cursor):
                        raise _Lost
                    self.place(builder, cursor, text)
                    self._link_text(text)
                    cursor += len(text)
            elif kind == "text_special":  # an escape or an entity
                if not content.startswith(token.markup, cursor):
                    raise _Lost
                # All of it stands for the construct's first source character;
                # the second of a two-character entity for the next one.
                builder.add(token.content, self.source(cursor))
                self._link_text(token.content)
                cursor += len(token.markup)
            elif kind in ("softbreak", "hardbreak"):
                match = _BREAK.match(content, cursor)
                if match is None:
                    raise _Lost
                self.place(builder, match.start() + match.group().index("\n"), "\n")
                self._link_text("\n")
                cursor = match.end()
            elif kind in _DELIMITERS:
                if not content.startswith(token.markup, cursor):
                    raise _Lost
                cursor += len(token.markup)
            elif kind == "link_open":
                start, end = self._span(token, cursor, shift)
                if token.markup == "autolink":
                    autolink = True
                    builder.gap()
                    url = (self.source(start + 1), self.source(end - 2) + 1)
                    self._add_link("autolink", token, content[start + 1 : end - 1], start, end, url)
                    cursor = end
                else:
                    links.append((token, start, end))
                    self.link_texts.append([])
                    cursor = start + 1
            elif kind == "link_close":
                if not links:
                    raise _Lost
                opener, start, end = links.pop()
                label_end = content.find("]", cursor, end)
                if label_end < 0 or content[cursor:label_end].strip(" \t\n"):
                    raise _Lost
                text = "".join(self.link_texts.pop())
                destination = self._destination(label_end, end)
                self._add_link("link", opener, text, start, end, destination)
                cursor = end
            elif kind == "image":
                start, end = self._span(token, cursor, shift)
                alt = ProseBuilder()
                self.link_texts.append([])
                try:
                    self.walk(token.children or [], start + 2, start + 2, alt)
                except _Lost:
                    pass
                block = alt.build("alt", self.alt_scopes)
                if block is not None:
                    self.alts.append(block)
                text = "".join(self.link_texts.pop())
                destination = self._destination(start + 2 + len(token.content), end)
                self._add_link("image", token, text, start, end, destination)
                builder.gap()
                cursor = end
            elif kind in ("code_inline", "html_inline"):
                if kind == "code_inline":
                    self._link_text(token.content)
                _, cursor = self._span(token, cursor, shift)
                # Code shows between the words around it; a tag such as <b> or </a> shows nothing.
                builder.gap(shown=kind == "code_inline" or bool(_SHOWN_TAG.match(token.content)))
        return cursor

    def _span(self, token: Token, cursor: int, shift: int) -> tuple[int, int]:
        span = token.meta.get("span")
        if span is None:
            raise _Lost
        start, end = span[0] + shift, span[1] + shift
        if start < cursor or self.content[cursor:start].strip(" \t"):
            raise _Lost
        return start, end

    def _link_text(self, text: str) -> None:
        if self.link_texts:
            self.link_texts[-1].append(text)

    def _add_link(
        self,
        kind: str,
        token: Token,
        text: str,
        start: int,
        end: int,
        destination: tuple[int, int] | None,
    ) -> None:
        attribute = "src" if kind == "image" else "href"
        title = token.attrs.get("title")
        self.reader.links.append(
            Link(
                kind,
                text,
                str(token.attrs.get(attribute, "")),
                None if title is None else str(title),
                (self.source(start), self.source(end - 1) + 1),
                destination,
            )
        )

    def _destination(self, label_end: int, end: int) -> tuple[int, int] | None:
        """Where an inline link's destination is written; None for a reference link."""
        content = self.content
        position = label_end + 1
        if position >= end or content[position] != "(":
            return None
        position += 1
        while position < end and content[position] in " \t\n":
            position += 1
        result = parseLinkDestination(content, position, end)
        first, last = position, result.pos
        if not result.ok or last <= first:
            return None
        if content[first] == "<":
            first, last = first + 1, last - 1
        if last <= first:
            return None
        return self.source(first), self.source(last - 1) + 1
