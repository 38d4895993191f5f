"""The matches of an alternation of a few of a rule's tokens, without compiling that alternation.

A rule's tokens are one alternation (``\\b(?:a|b|c)\\b``). Where the prefilter
says only a few of them can match in a block, those are searched one by one
(each compiled once per process) and their matches merged as the alternation
would find them: from left to right, at each place the token that comes first
in the list, then on from the end of that match. A pattern for each subset of
tokens would have to be compiled for each block with a new subset.

This holds when nothing in a token depends on the others: :func:`separable`
rules out back-references, inline flags that would carry over into the tokens
after them, and the like. The template must add nothing that can backtrack
around the alternation: Vale's default word and non-word templates do not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from editorial.style import prefilter
from editorial.style.common import fill, is_default_template
from editorial.style.patterns import PatternError, compile_pattern, is_literal

# Back-references, \G and \K, quoting (\Q, which runs on past the token),
# conditionals, recursion, branch reset, and inline flags that are not confined
# to a group of their own.
_ENTANGLED = regex.compile(r"\\[1-9gGkKQE]|\(\?(?:P=|\(|R|&|P>|\||\d|[A-Za-z-]+\))")


def separable(template: str, branches: Sequence[str]) -> bool:
    """Whether the alternation of ``branches`` in ``template`` can be searched one branch at a time."""
    if not is_default_template(template):
        return False
    return not any(_ENTANGLED.search(branch) for branch in branches)


def known_valid(template: str, branches: Sequence[str]) -> bool:
    """Whether the alternation of ``branches`` in ``template`` is a valid pattern, told without compiling it.

    It is when the template is Vale's own and each branch is a literal, or
    valid on its own and self-contained: nothing in it reaches into the other
    branches. Only those branches are compiled, not the whole (a word list may
    be thousands of phrases, and may never be needed whole: see prefilter).
    """
    return is_default_template(template) and all(is_literal(b) or (self_contained(b) and _compiles(b)) for b in branches)


def _compiles(pattern: str) -> bool:
    try:
        compile_pattern(pattern)
    except PatternError:
        return False
    return True


def self_contained(pattern: str) -> bool:
    """Whether ``pattern`` is whole on its own: its groups and classes closed, no reference to other groups."""
    return prefilter.branches(pattern) is not None and not _ENTANGLED.search(pattern)


@dataclass(frozen=True)
class Branches:
    """A rule's tokens in its template, to be searched a few at a time."""

    template: str
    branches: tuple[str, ...]
    # Each branch in the template, compiled when first needed (None: it does not compile alone).
    _compiled: dict[int, regex.Pattern[str] | None] = field(default_factory=dict, repr=False, compare=False)

    def _pattern(self, index: int) -> regex.Pattern[str] | None:
        if index not in self._compiled:
            try:
                self._compiled[index] = compile_pattern(fill(self.template, self.branches[index]))
            except PatternError:
                self._compiled[index] = None
        return self._compiled[index]

    def matches(self, chosen: Sequence[int], text: str) -> list[tuple[regex.Match[str], int]] | None:
        """The matches in ``text`` of the alternation of the ``chosen`` branches, each with its branch number.

        None when that cannot be told this way: a branch does not compile on its
        own, or matches the empty text (the alternation's handling of empty
        matches is not reproduced). Then the whole pattern must be used.
        """
        patterns = [self._pattern(i) for i in chosen]
        if None in patterns:
            return None
        if len(patterns) == 1:
            # The alternation of one branch is that branch.
            return [(match, chosen[0]) for match in patterns[0].finditer(text)]  # type: ignore[union-attr]
        upcoming = [pattern.search(text) for pattern in patterns]  # type: ignore[union-attr]
        found: list[tuple[regex.Match[str], int]] = []
        position = 0
        while True:
            first = -1
            for index, match in enumerate(upcoming):
                if match is None:
                    continue
                if match.start() < position:
                    match = upcoming[index] = patterns[index].search(text, position)  # type: ignore[union-attr]
                    if match is None:
                        continue
                # At the same place, the branch earlier in the list wins.
                if first < 0 or match.start() < upcoming[first].start():  # type: ignore[union-attr]
                    first = index
            if first < 0:
                return found
            match = upcoming[first]
            assert match is not None
            if match.end() == match.start():
                return None
            found.append((match, chosen[first]))
            position = match.end()
