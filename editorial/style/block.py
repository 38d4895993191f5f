"""The unit a rule reads: a run of text with its scope and its place in the source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from editorial.prose import written_end
from editorial.style import scopes


@dataclass(frozen=True)
class Block:
    """Text a rule reads, such as a heading, a list item, a sentence or the raw file.

    ``offsets[i]`` is where ``text[i]`` stands in the source (code points), so a
    match anywhere in the text maps back to an exact line and column. A block
    whose text is a verbatim slice of the source passes ``base`` instead.
    """

    text: str
    scope: str  # e.g. "text.heading.h2.md"
    offsets: Sequence[int] | None = None
    base: int = 0
    parent: str = ""  # the scope of the block this one was cut from; itself if none
    sentence: bool = False
    metrics: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    written: Sequence[tuple[int, int]] = ()  # the prose's characters written with several (ProseBlock.written)

    @property
    def sections(self) -> frozenset[str]:
        return scopes.sections(self.scope)

    @property
    def parent_sections(self) -> frozenset[str]:
        return scopes.sections(self.parent or self.scope)

    def source_offset(self, index: int) -> int:
        """Where the character at ``index`` of the text is in the source.

        ``index == len(text)`` (the end of a match) maps just past the last character.
        """
        if self.offsets is None:
            return self.base + index
        if not self.offsets:
            return self.base
        if index >= len(self.offsets):
            return self.offsets[-1] + 1
        return self.offsets[index]

    def source_end(self, index: int) -> int:
        """Just after the source character(s) of the character at ``index``: past an entity's ``;``."""
        return written_end(self.written, self.source_offset(index))

    def slice(self, start: int, end: int, scope: str, *, sentence: bool = False) -> Block:
        """The part ``text[start:end]`` as a block of its own, whose parent is this one."""
        if self.offsets is None:
            return Block(self.text[start:end], scope, None, self.base + start, self.scope, sentence)
        return Block(
            self.text[start:end], scope, self.offsets[start:end], self.base, self.scope, sentence, written=self.written
        )


@dataclass(frozen=True)
class Hit:
    """A rule's match in a block: a span of its text and the finished message."""

    start: int
    end: int
    message: str
    replacements: tuple[str, ...] = ()
    whole_document: bool = False  # readability-like results, reported at 1:1
