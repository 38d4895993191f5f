"""Prose: the text a reader reads, with the source offset of every character.

A :class:`ProseBlock` holds the rendered text of one block (a paragraph, a
heading, a table cell, an image's alt text) and maps each of its characters
back to the file it came from. The map is stored as runs, one per stretch of
characters that come from consecutive source offsets, so that a 5 MB file does
not cost a Python integer per character; :attr:`ProseBlock.offsets` spells it
out on demand.
"""

from __future__ import annotations

import re
from array import array
import sys
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

# Written in plain text, not as a link: not prose, and no prose check can say
# anything useful about it.
_BARE_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>]+", re.IGNORECASE)
# Punctuation that ends the sentence around a URL rather than the URL itself.
_URL_TAIL = ".,:;!?'\"*_~"
_BRACKETS = {")": "(", "]": "["}

# A footnote's reference ("word[^4]") or its definition's label ("[^4]: text"), as renderers
# with footnotes (Hugo, Pelican, GitHub) read them: a number the reader sees, never prose.
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\](?::[ \t]*)?")

_SPACE = " \t\n"
_FIRST_WORD = re.compile(r"\W*(\w+)")
# After a removed construct these close the sentence or clause, so the space
# before the construct must go too: "Run `ls`." reads "Run." and not "Run ."
_CLOSING = frozenset(".,:;!?)]}")


@dataclass(frozen=True)
class ProseBlock:
    """The prose of one block and where each of its characters stands in the source.

    ``kind`` names the block (``paragraph``, ``heading``, ``table.header``,
    ``table.cell``, ``alt``); ``scopes`` are the Vale-style scopes it is in,
    outermost first: a paragraph in a list item has ``("list", "paragraph")``.

    ``text`` is what a reader reads: markup removed, escapes and entities
    resolved, line breaks kept as ``"\\n"``. The character ``text[i]`` comes from
    ``source[source_offset(i)]`` of the document; a character that stands for
    several source characters (an entity, a backslash escape) points at the
    first of them, and a line break at the line's ``"\\r"`` or ``"\\n"``.
    Such a character's span ends where its construct does: ``written`` holds
    (source offset, end) of each, so that a span ending on ``&ndash;`` ends after its ``;``.
    Code, HTML, URLs and footnote marks (``[^4]``) are left out; where one stood, the space
    before it goes too if a space or closing punctuation follows: "Run `ls`." reads "Run.".
    """

    kind: str
    scopes: tuple[str, ...]
    text: str
    # Run r covers text[run_starts[r]:run_starts[r + 1]], whose characters come
    # from source offsets run_sources[r], run_sources[r] + 1, ...
    run_starts: tuple[int, ...] = field(repr=False)
    run_sources: tuple[int, ...] = field(repr=False)
    # Where code or HTML was left out, inside the text: "in `Cargo.toml` in" reads "in in",
    # which is no doubled word to the reader, who sees the code between.
    gaps: tuple[int, ...] = field(default=(), repr=False)
    # (source offset, source end) of each character written with several (an entity, an escape), by offset.
    written: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    def crosses_gap(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` runs across a place where code or HTML was left out."""
        index = bisect_right(self.gaps, start)
        return index < len(self.gaps) and self.gaps[index] < end

    def source_offset(self, index: int) -> int:
        """The source offset of ``text[index]``; ``len(text)`` gives the offset just after the end."""
        if index == len(self.text) and index > 0:
            return self.source_offset(index - 1) + 1
        if not 0 <= index < len(self.text):
            raise IndexError(f"index {index} is outside a text of {len(self.text)} characters")
        run = bisect_right(self.run_starts, index) - 1
        return self.run_sources[run] + index - self.run_starts[run]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source offsets of ``text[start:end]``: where a finding about it starts and ends."""
        if end <= start:
            offset = self.source_offset(start)
            return offset, offset
        return self.source_offset(start), written_end(self.written, self.source_offset(end - 1))

    def reads_as_written(self, source: str, start: int, end: int) -> bool:
        """Whether ``source[start:end]`` stands in this block's text as it is written: from consecutive source
        offsets, the same characters (no markup, escape, entity or line indent left out between them)."""
        if end <= start or not self.run_sources:
            return False
        run = bisect_right(self.run_sources, start) - 1
        if run < 0:
            return False
        index = self.run_starts[run] + start - self.run_sources[run]
        run_end = self.run_starts[run + 1] if run + 1 < len(self.run_starts) else len(self.text)
        return index + end - start <= run_end and self.text[index : index + end - start] == source[start:end]

    @cached_property
    def offsets(self) -> array[int]:
        """The source offset of every character of ``text``."""
        offsets = array("q")
        ends = self.run_starts[1:] + (len(self.text),)
        for start, end, source in zip(self.run_starts, ends, self.run_sources):
            offsets.extend(range(source, source + end - start))
        return offsets


def written_end(written: Sequence[tuple[int, int]], offset: int) -> int:
    """Just after the source character(s) the prose character at ``offset`` stands for."""
    index = bisect_right(written, (offset, sys.maxsize)) - 1 if written else -1
    return written[index][1] if index >= 0 and written[index][0] == offset else offset + 1


def repeats_a_word(text: str) -> bool:
    """Whether a repetition a check flagged is of a word ("the the", "a a"), not of "3rd 3RD", "❤️❤️" or "12 2025"."""
    first = _FIRST_WORD.match(text)
    return first is not None and first.group(1).isalpha() and (len(first.group(1)) > 1 or first.group(1) in "aAI")


def in_identifier(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is part of a name joined by '_' or '::' ("io_uring", "is_some_and and"):
    checks split those into words; the reader sees one identifier."""
    return text[start - 1 : start] == "_" or text[end : end + 1] == "_" or text[max(0, start - 2) : start] == "::"


class ProseBuilder:
    """Collects the prose of one block piece by piece, then tidies it into a ProseBlock."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._sources: list[int] = []
        self._length = 0
        self._gaps: list[int] = []
        self._shown: list[int] = []  # of the gaps, those where something the reader sees was left out
        self._written: list[tuple[int, int]] = []

    def __len__(self) -> int:
        return self._length

    def add(self, text: str, source: int, width: int | None = None) -> None:
        """Append ``text``, whose characters come from source offsets ``source``, ``source + 1``, ...;
        with ``width``, ``text`` stands for that many source characters (an entity, an escape)."""
        if not text:
            return
        if width is not None and width != len(text):
            self._written.append((source + len(text) - 1, source + width))
        if not self._sources or self._sources[-1] + self._length - self._starts[-1] != source:
            self._starts.append(self._length)
            self._sources.append(source)
        self._parts.append(text)
        self._length += len(text)

    def gap(self, shown: bool = True) -> None:
        """Mark that something which is not prose stood here: code, an image, a URL the reader sees
        (``shown``), or a tag such as ``<b>`` that shows nothing."""
        if not self._gaps or self._gaps[-1] != self._length:
            self._gaps.append(self._length)
        if shown and (not self._shown or self._shown[-1] != self._length):
            self._shown.append(self._length)

    def build(self, kind: str, scopes: tuple[str, ...]) -> ProseBlock | None:
        """The block, without bare URLs or the spaces left around removed constructs; None if empty."""
        text = "".join(self._parts)
        removed = [(gap, gap) for gap in self._gaps]
        removed.extend(_bare_urls(text))
        if "[^" in text:
            removed.extend(match.span() for match in _FOOTNOTE.finditer(text))
        cuts = [(start, end) for start, end in removed if end > start]
        for start, end in sorted(removed):
            cuts.extend(_doubled_space(text, start, end))
        gaps = self._shown
        text, starts, sources, gaps = _cut(text, self._starts, self._sources, cuts, gaps)
        # Only now: a removed URL may have been all that stood before a space.
        leading = len(text) - len(text.lstrip(_SPACE))
        trailing = len(text.rstrip(_SPACE))
        text, starts, sources, gaps = _cut(text, starts, sources, [(0, leading), (trailing, len(text))], gaps)
        if not text:
            return None
        inside = tuple(sorted({gap for gap in gaps if 0 < gap < len(text)}))
        return ProseBlock(kind, scopes, text, tuple(starts), tuple(sources), inside, tuple(sorted(self._written)))


def _bare_urls(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    # The search is slow on long texts, and most paragraphs hold no URL at all.
    if "://" not in text and "www." not in text.lower():
        return spans
    for match in _BARE_URL.finditer(text):
        url = match.group()
        while url:
            last = url[-1]
            unbalanced = last in _BRACKETS and url.count(last) > url.count(_BRACKETS[last])
            if last not in _URL_TAIL and not unbalanced:
                break
            url = url[:-1]
        spans.append((match.start(), match.start() + len(url)))
    return spans


def _doubled_space(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Removing ``text[start:end]`` from "a `b` c" would leave "a  c": drop the space before."""
    if start == 0 or text[start - 1] not in _SPACE:
        return []
    if end < len(text) and text[end] not in _SPACE and text[end] not in _CLOSING:
        return []
    first = start
    while first > 0 and text[first - 1] in _SPACE:
        first -= 1
    return [(first, start)]


def _cut(
    text: str, starts: list[int], sources: list[int], cuts: list[tuple[int, int]], positions: list[int]
) -> tuple[str, list[int], list[int], list[int]]:
    """Remove the ``cuts`` (start, end) from ``text`` and its runs, keeping every other mapping;
    ``positions`` in ``text`` are moved with it (one inside a cut to where the cut was)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(cut for cut in cuts if cut[1] > cut[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    if not merged:
        return text, starts, sources, positions
    moved = [position - sum(min(end, position) - start for start, end in merged if start < position) for position in positions]
    kept: list[tuple[int, int]] = []
    position = 0
    for start, end in merged:
        if start > position:
            kept.append((position, start))
        position = end
    if position < len(text):
        kept.append((position, len(text)))

    new_starts: list[int] = []
    new_sources: list[int] = []
    length = 0
    run = 0
    for start, end in kept:
        while run + 1 < len(starts) and starts[run + 1] <= start:
            run += 1
        position = start
        while position < end:
            run_end = starts[run + 1] if run + 1 < len(starts) else len(text)
            stop = min(end, run_end)
            source = sources[run] + position - starts[run]
            if not new_sources or new_sources[-1] + length - new_starts[-1] != source:
                new_starts.append(length)
                new_sources.append(source)
            length += stop - position
            position = stop
            if position == run_end:
                run += 1
    return "".join(text[start:end] for start, end in kept), new_starts, new_sources, moved
