"""A Markdown document rendered to HTML with each finding marked around exactly its text.

The document's tokens know where their text stands in the source
(``Document.tokens``' ``meta``), and a finding is a span of the source: so a
character of the rendered text is marked when its source offset is in a
finding's span. A finding whose words were split by markup (``the [the
paper](…)``) gets one ``<mark>`` per piece, all with the same
``data-finding``, never one that crosses an element's edge. A finding about
something the reader does not see as text (an image's or a link's address)
marks the image or the link; one about nothing rendered at all (front matter,
a comment) is left for the caller to list apart.
"""

from __future__ import annotations

import functools
import html
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.utils import OptionsDict
from markdown_it.token import Token

from editorial import own_comments
from editorial.issue import MARKER

_OWN_COMMENT = re.compile(r"<!--\s*editorial(?:-->|[:\s-].*?-->)", re.DOTALL)


@dataclass(frozen=True)
class Mark:
    """A finding to show: its key (the id of its first ``<mark>``), its source span and what it says."""

    key: str
    start: int
    end: int  # exclusive; equal to start for a finding at a point
    severity: str
    tip: str  # rule, message and replacements, shown on hover and focus


@dataclass(frozen=True)
class Rendered:
    html: str
    placed: frozenset[str]  # the keys of the marks shown, in the text or on an element


@dataclass
class _State:
    marks: Sequence[Mark]
    in_text: frozenset[str]  # marks with at least one rendered character
    on_element: dict[int, list[Mark]]  # id(token) -> marks shown around that image, link or code span
    image_src: Callable[[str], str | None]
    slot_html: Callable[[str], str]
    shown: set[str] = field(default_factory=set)  # keys whose first piece is out (it carries the id)
    open_links: list[list[Mark]] = field(default_factory=list)


def render(
    tokens: Sequence[Token],
    marks: Sequence[Mark],
    image_src: Callable[[str], str | None] = lambda src: src,
    slot_html: Callable[[str], str] = lambda slot: "",
    inline: bool = False,
) -> Rendered:
    """``tokens`` of a parsed document (``inline``: a title's inline tokens) as HTML.

    ``image_src`` gives the address an image is shown from (None: it is missing); each
    ``<!-- editorial:sections SLOT -->`` marker becomes ``slot_html(SLOT)``; editorial's
    other comments are left out, as assemble leaves them out.
    """
    texts, elements = _spans(tokens)
    in_text = frozenset(m.key for m in marks if _touches_text(m, texts))
    on_element: dict[int, list[Mark]] = {}
    for mark in marks:
        if mark.key in in_text:
            continue
        for token, (start, end) in elements:
            if start < max(mark.end, mark.start + 1) and mark.start < end:
                on_element.setdefault(id(token), []).append(mark)
                break
    state = _State(marks, in_text, on_element, image_src, slot_html)
    renderer = _Renderer()
    env: dict[str, Any] = {"state": state}
    options = _options()
    out = renderer.renderInline(tokens, options, env) if inline else renderer.render(tokens, options, env)
    return Rendered(out, frozenset(state.shown))


@functools.cache
def _options() -> OptionsDict:
    """CommonMark's rendering options, as the parser lint uses has them (raw HTML kept)."""
    return MarkdownIt("commonmark").options


def _spans(tokens: Sequence[Token]) -> tuple[list[tuple[int, int]], list[tuple[Token, tuple[int, int]]]]:
    """The source spans of the rendered text (sorted), and those of images, links and code spans."""
    texts: list[tuple[int, int]] = []
    elements: list[tuple[Token, tuple[int, int]]] = []
    for token in _inline_tokens(tokens):
        runs = token.meta.get("source") if token.type in ("text", "softbreak", "hardbreak") else None
        if runs:
            texts.extend(_run_spans(runs, len(_shown_text(token))))
        span = token.meta.get("source_span")
        if span is not None and token.type in ("image", "link_open", "code_inline"):
            elements.append((token, span))
    texts.sort()
    return texts, elements


def _inline_tokens(tokens: Sequence[Token]) -> list[Token]:
    """The inline tokens, an image's own children (its alt text, an attribute) left out."""
    found = []
    for token in tokens:
        found.extend(token.children or () if token.type == "inline" else (token,))
    return found


def _run_spans(runs: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    ends = [index for index, _ in runs[1:]] + [length]
    return [(offset, offset + end - index) for (index, offset), end in zip(runs, ends) if end > index]


def _touches_text(mark: Mark, texts: list[tuple[int, int]]) -> bool:
    # Spans of text are disjoint: the one starting last before the mark's end is the only candidate
    # that can reach into it, short of one starting inside it.
    index = bisect_right(texts, (max(mark.end, mark.start + 1), -1)) - 1
    if index < 0:
        return False
    start, end = texts[index]
    if mark.end == mark.start:  # a point: on a character, or just after the last one of a run
        return any(s <= mark.start <= e for s, e in texts[max(0, index - 1) : index + 1])
    return end > mark.start


class _Renderer(RendererHTML):
    """markdown-it's HTML renderer, with marks around the findings' text."""

    def text(self, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
        return _marked(tokens[idx], env["state"])

    def softbreak(self, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
        return _marked(tokens[idx], env["state"])

    def hardbreak(self, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
        return "<br>" + _marked(tokens[idx], env["state"])

    def code_inline(self, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
        state: _State = env["state"]
        token = tokens[idx]
        rendered = super().code_inline(tokens, idx, options, env)
        span = token.meta.get("source_span")
        # Code inside a finding's words is part of what it flags ("the `x` the").
        covering = tuple(m for m in state.marks if m.key in state.in_text and span and m.start <= span[0] and span[1] <= m.end)
        return _around(rendered, covering + tuple(state.on_element.get(id(token), ())), state)

    def image(self, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
        state: _State = env["state"]
        token = tokens[idx]
        alt = self.renderInlineAsText(token.children or [], options, env)
        source = str(token.attrs.get("src", ""))
        shown = state.image_src(source)
        if shown is None:
            rendered = (
                f'<span class="missing-image" role="img" aria-label="{html.escape(alt)}">'
                f"missing image: {html.escape(source, quote=False)}</span>"
            )
        else:
            title = token.attrs.get("title")
            title_attribute = f' title="{html.escape(str(title))}"' if title else ""
            rendered = f'<img src="{html.escape(shown)}" alt="{html.escape(alt)}"{title_attribute}>'
        return _around(rendered, tuple(state.on_element.get(id(token), ())), state)

    def link_open(self, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
        state: _State = env["state"]
        marks = state.on_element.get(id(tokens[idx]), [])
        state.open_links.append(marks)
        return "".join(_opening(m, state) for m in marks) + self.renderToken(tokens, idx, options, env)

    def link_close(self, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
        state: _State = env["state"]
        marks = state.open_links.pop() if state.open_links else []
        return self.renderToken(tokens, idx, options, env) + "</mark>" * len(marks)

    def html_block(self, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
        state: _State = env["state"]
        content = tokens[idx].content
        marker = MARKER.match(content.strip())
        if marker is not None:
            return state.slot_html(marker.group("slot") or "main")
        return _OWN_COMMENT.sub("", content) if own_comments.has_own(content) else content

    def html_inline(self, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
        content = tokens[idx].content
        return "" if own_comments.has_own(content) else content


def _shown_text(token: Token) -> str:
    """What a token of text shows: its content, or a line break's "\n"."""
    return token.content if token.type == "text" else "\n"


def _marked(token: Token, state: _State) -> str:
    """A token's text, each piece inside the marks of the findings whose span holds its source."""
    content = _shown_text(token)
    runs = token.meta.get("source")
    if not runs or not state.in_text:
        return html.escape(content, quote=False)
    offsets = [offset for start, end in _run_spans(runs, len(content)) for offset in range(start, end)]
    low, high = offsets[0], offsets[-1] + 1
    near = [m for m in state.marks if m.key in state.in_text and m.start <= high and m.end >= low]
    if not near:
        return html.escape(content, quote=False)
    out: list[str] = []
    piece_start = 0
    active: tuple[Mark, ...] = ()
    for index, offset in enumerate(offsets + [offsets[-1] + 1]):
        last = index == len(offsets)
        covering = () if last else tuple(
            sorted((m for m in near if m.start <= offset < m.end), key=lambda m: (m.start, -m.end, m.key))
        )
        points = [m for m in near if m.start == m.end == offset and m.key not in state.shown]
        if covering != active or points or last:
            out.append(_wrapped(content[piece_start:index], active, state))
            piece_start = index
            active = covering
            out.extend(_wrapped("", (point,), state) for point in points)
    return "".join(out)


def _wrapped(text: str, marks: Sequence[Mark], state: _State) -> str:
    if not text and not (marks and marks[0].start == marks[0].end):
        return ""
    return _around(html.escape(text, quote=False), marks, state)


def _around(rendered: str, marks: Sequence[Mark], state: _State) -> str:
    return "".join(_opening(m, state) for m in marks) + rendered + "</mark>" * len(marks)


def _opening(mark: Mark, state: _State) -> str:
    """The first piece of a finding carries its id, its tooltip and its place in the tab order."""
    classes = f"finding sev-{mark.severity}" + (" point" if mark.start == mark.end else "")
    if mark.key in state.shown:
        return f'<mark class="{classes}" data-finding="{mark.key}">'
    state.shown.add(mark.key)
    return (
        f'<mark class="{classes}" data-finding="{mark.key}" id="{mark.key}" tabindex="0"'
        f' aria-describedby="{mark.key}-about" data-tip="{html.escape(mark.tip)}">'
    )
