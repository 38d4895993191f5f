"""The prose of raw HTML in Markdown: what a reader sees of it, with the source offset of every character.

Posts imported from older blog engines (Tumblr, Ghost, WordPress exports) are
HTML inside the Markdown: ``<p>…</p>``, ``<figure>``, ``<h2>``, inline
``<em>``, entities. A browser shows their text, so the prose checks read it:
block by block (a ``<p>``, an ``<h2>``, a ``<td>``), entities decoded, runs of
white space read as the one space (or line break) a browser shows. The
content of ``script``, ``style``, ``pre`` and code elements is not prose, nor
are attributes, except ``alt`` and ``title``, which readers see.

Offsets are found through ``locate``, which maps an index in the HTML given
to the parser to an offset in the file: an HTML block's lines may have lost a
container prefix (``> ``, a list's indent) on their way to the parser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

from editorial.prose import ProseBlock, ProseBuilder

# Elements whose content is code or program, never prose; markdown-it also ends an HTML block of
# type 1 (script, style, pre, textarea) only at their closing tag.
NOT_PROSE = frozenset({"script", "style", "pre", "code", "kbd", "samp", "tt", "var", "textarea", "template"})
# Phrasing elements: their text runs on in the block around them.
_INLINE = frozenset(
    """a abbr acronym b bdi bdo big br cite code data del dfn em font i img ins kbd label mark q s samp
    small span strike strong sub sup time tt u var wbr""".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Inline elements that show something between the words around them (an image, a widget).
SHOWN = frozenset("img br hr input button select textarea video audio iframe svg object embed canvas".split())
# The HTML elements that say what a block is in, as the scopes of Markdown's blocks do.
_CONTAINERS = {"li": "list", "blockquote": "blockquote", "figure": "figure", "figcaption": "figcaption", "caption": "caption"}
_HEADING = re.compile(r"h([1-6])")
# An attribute a reader sees, in a start tag as written; HTML's unquoted values too.
_SEEN_ATTRIBUTE = re.compile(r"""\s(alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
_WHITE = re.compile(r"[ \t\n\f\r]+")


@dataclass(frozen=True)
class Tag:
    """One tag of inline HTML: its element's name in lower case, and whether it closes it."""

    name: str
    closing: bool


@dataclass(frozen=True)
class HtmlHeading:
    """An ``<h1>`` to ``<h6>``: its level, its prose and the source offset of its tag."""

    level: int
    text: str
    offset: int


def tag(written: str) -> Tag | None:
    """The tag ``written`` is (``<em>``, ``</code>``, ``<img …/>``); None for a comment or a declaration."""
    match = _TAG.match(written)
    return None if match is None else Tag(match.group(2).lower(), bool(match.group(1)))


def attributes(written: str, locate: Callable[[int], int], scopes: tuple[str, ...]) -> list[ProseBlock]:
    """The ``alt`` and ``title`` values of the tag ``written``, each a block of its kind (``alt``, ``title``).

    ``locate`` maps an index in ``written`` to its source offset.
    """
    blocks: list[ProseBlock] = []
    for match in _SEEN_ATTRIBUTE.finditer(written):
        group = next(g for g in (2, 3, 4) if match.group(g) is not None)
        builder = ProseBuilder()
        add_text(builder, match.group(group), match.start(group), locate, entities=True)
        kind = match.group(1).lower()
        block = builder.build(kind, scopes + (kind,))
        if block is not None:
            blocks.append(block)
    return blocks


def add_text(builder: ProseBuilder, text: str, index: int, locate: Callable[[int], int], entities: bool = False) -> None:
    """Add ``text``, written at ``index``, as a browser shows it: a run of white space is one
    space (a line break where it holds one), each entity the character it stands for."""
    position = 0
    for match in _WHITE.finditer(text):
        _add_written(builder, text[position : match.start()], index + position, locate, entities)
        space = match.group()
        newline = space.find("\n")
        if newline >= 0:
            builder.add("\n", locate(index + match.start() + newline))
        else:
            builder.add(space[0], locate(index + match.start()))
        position = match.end()
    _add_written(builder, text[position:], index + position, locate, entities)


def _add_written(builder: ProseBuilder, text: str, index: int, locate: Callable[[int], int], entities: bool) -> None:
    position = 0
    if entities and "&" in text:
        for match in _ENTITY.finditer(text):
            if match.start() > position:
                builder.add(text[position : match.start()], locate(index + position))
            builder.add(html.unescape(match.group()), locate(index + match.start()), len(match.group()))
            position = match.end()
    if position < len(text):
        builder.add(text[position:], locate(index + position))


def read(content: str, locate: Callable[[int], int], containers: tuple[str, ...]) -> tuple[list[ProseBlock], list[HtmlHeading]]:
    """The prose blocks and the headings of the HTML ``content`` (an HTML block's), in order.

    ``containers`` are the scopes of the Markdown the block is in (a list, a quote).
    """
    reader = _Reader(content, locate, containers)
    reader.feed(content)
    if re.match(r"<[A-Za-z/!?]", reader.rawdata):
        # A tag or comment left open runs to the end of the HTML, as browsers read it: nothing shows.
        reader.rawdata = ""
    reader.close()
    if reader.stack:  # elements left open end with the HTML
        reader.handle_endtag(reader.stack[0])
    reader.flush()
    return reader.blocks, reader.headings


class _Reader(HTMLParser):
    def __init__(self, content: str, locate: Callable[[int], int], containers: tuple[str, ...]) -> None:
        # Entities come one by one, so that each maps to where it is written.
        super().__init__(convert_charrefs=False)
        self.content = content
        self.locate = locate
        self.containers = containers
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", content)]
        self.stack: list[str] = []
        self.hidden = 0  # how many open elements hold no prose
        self.builder = ProseBuilder()
        self.blocks: list[ProseBlock] = []
        self.headings: list[HtmlHeading] = []
        self.heading_offsets: list[int] = []
        self.attributes: list[ProseBlock] = []  # of the block being read: they follow it, as an image's alt text does

    def _index(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        index = self._index()
        written = self.get_starttag_text() or ""
        if name not in _INLINE:
            self.flush()
        elif name in SHOWN or name in NOT_PROSE:
            self.builder.gap()
        else:
            self.builder.gap(shown=False)
        scopes = self.containers + tuple(dict.fromkeys(_CONTAINERS[t] for t in self.stack if t in _CONTAINERS))
        self.attributes.extend(attributes(written, lambda i: self.locate(index + i), scopes))
        if name in _VOID:
            return
        self.stack.append(name)
        if name in NOT_PROSE:
            self.hidden += 1
        if _HEADING.fullmatch(name):
            self.heading_offsets.append(self.locate(index))

    def handle_startendtag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <img …/>: nothing to close. Any other element written so holds no text either.
        self.handle_starttag(name, attrs)
        if name not in _VOID and name in self.stack:
            self.handle_endtag(name)

    def handle_endtag(self, name: str) -> None:
        if name not in self.stack:
            return
        block = None
        if name not in _INLINE:
            block = self.flush()
        elif not self.hidden:
            self.builder.gap(shown=False)
        while self.stack:
            closed = self.stack.pop()
            if closed in NOT_PROSE:
                self.hidden -= 1
            heading = _HEADING.fullmatch(closed)
            if heading and self.heading_offsets:
                text = block.text if block is not None and block.kind == "heading" else ""
                self.headings.append(HtmlHeading(int(heading.group(1)), text, self.heading_offsets.pop()))
            if closed == name:
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            add_text(self.builder, data, self._index(), self.locate)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, opening: str) -> None:
        if self.hidden:
            return
        index = self._index()
        written = opening + (";" if self.content.startswith(";", index + len(opening)) else "")
        decoded = html.unescape(written)
        # One character, or two, for the entity: each maps to where it is written (see ProseBlock).
        if decoded == written:
            self.builder.add(written, self.locate(index))
        else:
            self.builder.add(decoded, self.locate(index), len(written))

    def flush(self) -> ProseBlock | None:
        """End the block being read: its kind and scopes are those of the elements it is in."""
        kind, own = "paragraph", ("paragraph",)
        for name in reversed(self.stack):
            heading = _HEADING.fullmatch(name)
            if heading:
                kind, own = "heading", ("heading", f"heading.h{heading.group(1)}")
                break
            if name in ("th", "td"):
                kind = "table.header" if name == "th" else "table.cell"
                own = ("table", kind)
                break
        containers = tuple(dict.fromkeys(_CONTAINERS[t] for t in self.stack if t in _CONTAINERS))
        block = self.builder.build(kind, tuple(dict.fromkeys(self.containers + containers + own)))
        self.builder = ProseBuilder()
        if block is not None:
            self.blocks.append(block)
        self.blocks.extend(self.attributes)
        self.attributes.clear()
        return block
