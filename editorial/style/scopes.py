"""Vale's scopes: which blocks of a document a rule reads.

A block carries a dotted scope such as ``text.heading.h2.md`` or
``text.list.md``; a rule names selectors such as ``heading``, ``heading.h2``,
``~blockquote`` or ``list & ~heading``. A selector matches a block when all of
its dotted parts are among the block's parts. Negation (``~``) is decided on
the block's *parent* -- the block a paragraph or sentence was cut from -- so a
sentence inside a quote is still inside the quote, and it never matches the
sized scopes ``raw`` and ``summary``. A sentence fragment is only seen by a
rule that asks for ``sentence``: everything else reads the whole block.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Selector:
    parts: frozenset[str]
    negated: bool


@dataclass(frozen=True)
class Scope:
    """A rule's ``scope``: any of ``options`` matches; each option is an AND of selectors."""

    options: tuple[tuple[Selector, ...], ...]
    names: tuple[str, ...]

    def matches(self, scope: frozenset[str], parent: frozenset[str], sentence: bool) -> bool:
        for option in self.options:
            if sentence and not any(not s.negated and "sentence" in s.parts for s in option):
                continue
            if _option_matches(option, scope, parent):
                return True
        return False

    def asks_for(self, name: str) -> bool:
        return any(name in s.parts and not s.negated for option in self.options for s in option)


def _option_matches(option: tuple[Selector, ...], scope: frozenset[str], parent: frozenset[str]) -> bool:
    for selector in option:
        if selector.negated:
            if selector.parts <= parent:
                return False
            if "raw" in scope or "summary" in scope:
                return False
        elif not selector.parts <= scope:
            return False
    return True


@functools.lru_cache(maxsize=None)
def parse(names: tuple[str, ...]) -> Scope:
    options = []
    for name in names:
        selectors = []
        for part in name.split("&"):
            part = part.strip()
            negated = part.startswith("~")
            parts = frozenset(p.strip() for p in part.lstrip("~").split(".") if p.strip())
            selectors.append(Selector(parts, negated))
        options.append(tuple(selectors))
    return Scope(tuple(options), names)


@functools.lru_cache(maxsize=None)
def sections(scope: str) -> frozenset[str]:
    return frozenset(scope.split("."))
