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
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from editorial import frontmatter, html_prose
from editorial.errors import EditorialError, Problem
from editorial.files import decode, read_bytes
from editorial.lines import LINE_BREAK, Lines, Position, offset_in, position_in
from editorial.prose import ProseBlock, ProseBuilder

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
    Where a token's place in the source is known, its ``meta`` says so, for
    renderers that show findings in place: a ``text`` token's ``meta["source"]``
    holds runs ``(index, offset)`` (its ``content[index:]`` comes from source
    offsets ``offset``, ``offset + 1``, … up to the next run), a line break's
    the offset of its ``"\n"`` (as ``((0, offset),)``); a link, an image,
    an autolink or a code span has ``meta["source_span"]``, its source offsets.
    ``title_tokens`` are the section title's inline tokens, placed the same way.
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
    title_tokens: tuple[Token, ...] = field(default=(), repr=False)

    def position(self, offset: int) -> Position:
        """The line and column of ``source[offset]``; ``len(source)`` is the end of the file.

        A line ends with its line break: the ``"\\r"`` of a ``"\\r\\n"`` is on the line it ends.
        """
        return position_in(self.line_starts, len(self.source), offset)

    def offset(self, line: int, column: int) -> int:
        """The offset in ``source`` of a 1-based line and column, the inverse of :meth:`position`."""
        return offset_in(self.line_starts, len(self.source), line, column)


def read(path: Path, prose_fields: Collection[str] = ()) -> Document:
    """Read any Markdown file to check it: UTF-8, with or without BOM, LF or CRLF."""
    return parse(decode(read_bytes(path), path), path, prose_fields)


def parse(text: str, path: Path | str, prose_fields: Collection[str] = ()) -> Document:
    """Parse ``text``, the content of ``path``; malformed front matter is recorded, not raised.

    Front matter is not prose, except the fields named in ``prose_fields`` that
    readers see (a title, which templates make the page's heading; a
    description, a summary), in the order they are written.
    """
    lines = Lines(text)
    front, problem, body_offset = _front_matter(text, lines, path)
    tokens: list[Token] = []
    if body_offset < len(text):
        tokens = _markdown().parse(text[body_offset:], {})
    reader = _Reader(text, lines, bisect_right(lines.starts, body_offset) - 1)
    if prose_fields and front is not None:
        reader.fields(front, prose_fields)
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
        tuple(reader.title_tokens),
    )


def _plain_text(tokens: list[Token]) -> None:
    """Make the escapes and entities, kept apart to place them, text for any renderer again."""
    for token in tokens:
        if token.type == "text_special":
            token.type = "text"
        if token.children:  # an inline token's, or an image's alt text
            _plain_text(token.children)


def _front_matter(
    text: str, lines: Lines, path: Path | str
) -> tuple[frontmatter.FrontMatter | None, Problem | None, int]:
    """The front matter, the problem with it if any, and the offset of the Markdown body."""
    starts, ends = lines.starts, lines.ends
    if text[starts[0] : ends[0]].rstrip() == frontmatter.TOML_FENCE:
        return _toml_front_matter(text, lines, path)
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
    head = LINE_BREAK.sub("\n", text[starts[0] : len(text) if closing is None else ends[closing]])
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


def _toml_front_matter(
    text: str, lines: _Lines, path: Path | str
) -> tuple[frontmatter.FrontMatter | None, Problem | None, int]:
    """Hugo's ``+++`` front matter: as YAML's, an unclosed one holds the whole file."""
    starts, ends = lines.starts, lines.ends
    written = [text[start:end] for start, end in zip(starts, ends, strict=True)]
    closing = next((line for line in range(1, len(written)) if written[line].rstrip() == frontmatter.TOML_FENCE), None)
    if closing is None:
        return None, Problem(path, 1, "front matter opened here is never closed with a line '+++'"), len(text)
    front, problem = frontmatter.toml_front_matter(written[: closing + 1], path)
    return front, problem, starts[closing + 1] if closing + 1 < len(starts) else len(text)


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

    def __init__(self, source: str, lines: Lines, base: int) -> None:
        # markdown-it reads NUL as U+FFFD: compare its text with the source read the same way.
        self.source = source.replace("\0", "\ufffd") if "\0" in source else source
        self.lines = lines
        self.base = base
        self.blocks: list[ProseBlock] = []
        self.links: list[Link] = []
        self.headings: list[Heading] = []
        self._row = -1
        self._row_cursor = 0
        self.title_tokens: list[Token] = []

    def fields(self, front: frontmatter.FrontMatter, names: Collection[str]) -> None:
        """The front matter's fields named in ``names`` are prose, and Markdown as templates render them.

        A ``title`` is a heading (templates make it the page's); another field a
        paragraph. Only a value written on its line as it reads (plain, or quoted
        without escapes) has a place in the source; another is left out of the prose.
        """
        keys = sorted((key for key in front.data if key in names), key=lambda key: front.line(key))
        for key in keys:
            value = front.data[key]
            if not isinstance(value, str) or not value.strip() or "\n" in value:
                continue
            where = self._field_value(front, key, value)
            if where < 0:
                continue
            tokens = _markdown().parseInline(value, {})
            if not tokens or not tokens[0].children:
                continue
            scopes = ("heading", "title") if key == "title" else ("paragraph", key)
            builder = ProseBuilder()
            alts: list[ProseBlock] = []
            inline = _Inline(self, value, _Layout((0,), (where,)), scopes, alts)
            try:
                inline.walk(tokens[0].children, 0, 0, builder)
            except _Lost:
                continue
            block = builder.build(scopes[0], scopes)
            if block is not None:
                self.blocks.append(block)
            self.blocks.extend(alts)
            if key == "title":
                self.title_tokens = tokens

    def _field_value(self, front: frontmatter.FrontMatter, key: str, value: str) -> int:
        """Where ``value`` is written on the line of ``key`` after its separator, or -1."""
        line = front.line(key) - 1
        start, end = self.lines.starts[line], self.lines.ends[line]
        separator = self.source.find(frontmatter.SEPARATORS[front.kind], start, end)
        where = self.source.find(value, separator + 1, end) if separator >= 0 else -1
        if where < 0 or self.source[separator + 1 : where].strip(" \t\"'"):
            return -1
        return where

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
            elif token.type == "html_block" and token.map:
                self._html(token, tuple(dict.fromkeys(containers)))

    def _html(self, token: Token, containers: tuple[str, ...]) -> None:
        """The prose of a raw HTML block, laid onto its source lines as a paragraph's is."""
        first = self.base + token.map[0]  # type: ignore[index]
        content = token.content.removesuffix("\n")
        layout = self._lay_lines(content, first, self.base + token.map[1])  # type: ignore[index]
        if layout is None:
            return
        blocks, headings = html_prose.read(content, layout.source, containers)
        self.blocks.extend(blocks)
        starts = self.lines.starts
        self.headings.extend(Heading(h.level, h.text, bisect_right(starts, h.offset)) for h in headings)

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
            inline = _Inline(self, token.content, layout, containers, alts)
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

    def source(self, index: int) -> int:
        """The source offset of content ``index``; one before the first run counts back from it."""
        run = max(bisect_right(self.indices, index) - 1, 0)
        return self.sources[run] + index - self.indices[run]


class _Inline:
    """Walks the children of one inline token with a cursor in its content."""

    def __init__(
        self,
        reader: _Reader,
        content: str,
        layout: _Layout,
        containers: tuple[str, ...],
        alts: list[ProseBlock],
    ) -> None:
        self.reader = reader
        self.content = content
        self.layout = layout
        self.containers = containers
        self.alts = alts
        self.link_texts: list[list[str]] = []
        # Open inline elements whose text is no prose (<code>, <kbd>…): their text is left out.
        self.hidden: list[str] = []

    def source(self, index: int) -> int:
        indices = self.layout.indices
        run = bisect_right(indices, index) - 1
        if run < 0:
            raise _Lost
        return self.layout.sources[run] + index - indices[run]

    def place(self, builder: ProseBuilder | None, index: int, text: str) -> tuple[tuple[int, int], ...]:
        """Add ``text``, found verbatim at content ``index``, with the source offset of each character
        (to ``builder``; None for text that shows but is no prose, as inside ``<code>``);
        return its runs, ``(index in text, source offset)``."""
        indices, sources = self.layout.indices, self.layout.sources
        run = bisect_right(indices, index) - 1
        if run < 0:
            raise _Lost
        runs = []
        done = 0
        while text:
            room = indices[run + 1] - index if run + 1 < len(indices) else len(text)
            piece = text if room >= len(text) else text[:room]
            offset = sources[run] + index - indices[run]
            if builder is not None:
                builder.add(piece, offset)
            runs.append((done, offset))
            done += len(piece)
            index += len(piece)
            text = text[len(piece) :]
            run += 1
        return tuple(runs)

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
                    token.meta["source"] = self.place(None if self.hidden else builder, cursor, text)
                    self._link_text(text)
                    cursor += len(text)
            elif kind == "text_special":  # an escape or an entity
                if not content.startswith(token.markup, cursor):
                    raise _Lost
                # All of it stands for the construct's first source character;
                # the second of a two-character entity for the next one.
                token.meta["source"] = ((0, self.source(cursor)),)
                if not self.hidden:
                    builder.add(token.content, token.meta["source"][0][1], len(token.markup))
                self._link_text(token.content)
                cursor += len(token.markup)
            elif kind in ("softbreak", "hardbreak"):
                match = _BREAK.match(content, cursor)
                if match is None:
                    raise _Lost
                token.meta["source"] = self.place(
                    None if self.hidden else builder, match.start() + match.group().index("\n"), "\n"
                )
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
                block = alt.build("alt", self.containers + ("alt",))
                if block is not None:
                    self.alts.append(block)
                text = "".join(self.link_texts.pop())
                destination = self._destination(start + 2 + len(token.content), end)
                self._add_link("image", token, text, start, end, destination)
                builder.gap()
                cursor = end
            elif kind == "code_inline":
                self._link_text(token.content)
                _, cursor = self._span(token, cursor, shift)
                builder.gap()  # code shows between the words around it
            elif kind == "html_inline":
                start, cursor = self._span(token, cursor, shift)
                builder.gap(shown=self._tag(token.content, start))
        return cursor

    def _tag(self, written: str, start: int) -> bool:
        """Note an inline HTML tag written at content ``start``: the elements whose text is no prose
        it opens or closes, the alt and title text it holds. Whether it shows something (<img>, <code>):
        a tag such as <b> or </a> shows nothing."""
        tag = html_prose.tag(written)
        if tag is None:  # a comment
            return False
        if tag.name in html_prose.NOT_PROSE:
            if not tag.closing:
                self.hidden.append(tag.name)
            elif tag.name in self.hidden:
                del self.hidden[len(self.hidden) - 1 - self.hidden[::-1].index(tag.name) :]
            return True
        if not tag.closing:
            self.alts.extend(html_prose.attributes(written, lambda index: self.source(start + index), self.containers))
        return tag.name in html_prose.SHOWN

    def _span(self, token: Token, cursor: int, shift: int) -> tuple[int, int]:
        span = token.meta.get("span")
        if span is None:
            raise _Lost
        start, end = span[0] + shift, span[1] + shift
        if start < cursor or self.content[cursor:start].strip(" \t"):
            raise _Lost
        token.meta["source_span"] = (self.source(start), self.source(end - 1) + 1)
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
