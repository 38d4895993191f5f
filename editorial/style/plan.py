"""Which rules read a kind of block, and, in one block, which of them can match there.

The rules that read a kind of block (a scope) are chosen once per file
configuration. Those made of parts (tokens, swap keys, spelling pairs) share
one prefilter index, so each block is looked up once for all of them: a rule
none of whose parts can match in a block is not called for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editorial.style import prefilter
from editorial.style.types import Parted

if TYPE_CHECKING:
    from editorial.style.config import ActiveRule


@dataclass(frozen=True)
class Plan:
    """The rules that read one kind of block."""

    whole: tuple[ActiveRule, ...]  # run on every block
    parted: tuple[ActiveRule, ...]  # run where the index says one of their parts can match
    index: prefilter.Index

    def runs(self, text: str) -> list[tuple[ActiveRule, list[int] | None]]:
        """The rules to run on ``text``, each with the parts to try (None: a whole rule)."""
        runs: list[tuple[ActiveRule, list[int] | None]] = [(active, None) for active in self.whole]
        if self.parted:
            runs.extend((self.parted[rule], parts) for rule, parts in self.index.lookup(text).items())
        return runs


def make(rules: Sequence[ActiveRule]) -> Plan:
    """The plan for the blocks that ``rules`` read."""
    whole = []
    parted = []
    needs = []
    for active in rules:
        parts = active.rule.parts if isinstance(active.rule, Parted) else None
        if parts is None:
            whole.append(active)
        else:
            parted.append(active)
            needs.append(parts)
    return Plan(tuple(whole), tuple(parted), prefilter.build_index(needs))
