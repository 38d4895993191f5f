"""The rule types, by the name ``extends`` gives them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from editorial.style import (
    capitalization,
    conditional,
    consistency,
    existence,
    metric,
    occurrence,
    prefilter,
    readability,
    repetition,
    substitution,
)
from editorial.style.block import Block, Hit
from editorial.style.common import Context, FileState
from editorial.style.rule import RuleSpec


class Rule(Protocol):
    spec: RuleSpec

    def run(self, block: Block, state: FileState) -> list[Hit]: ...


@runtime_checkable
class Parted(Protocol):
    """A rule made of parts that match on their own (tokens, swap keys, pairs): a prefilter can choose among them."""

    spec: RuleSpec
    parts: tuple[prefilter.Needs | None, ...] | None  # what each part needs in a block; None: no prefilter

    def run(self, block: Block, state: FileState, chosen: Sequence[int] | None = None) -> list[Hit]: ...


COMPILERS: dict[str, Callable[[RuleSpec, Context], Any]] = {
    "existence": existence.compile,
    "substitution": substitution.compile,
    "occurrence": occurrence.compile,
    "repetition": repetition.compile,
    "consistency": consistency.compile,
    "conditional": conditional.compile,
    "capitalization": capitalization.compile,
    "metric": metric.compile,
    "readability": readability.compile,
}

# Types that measure the whole document: unset, their scope is the summary.
MEASURING = frozenset({"metric", "readability"})


def compile_rule(spec: RuleSpec, context: Context) -> Rule:
    rule: Rule = COMPILERS[spec.extends](spec, context)
    return rule


def effective_scope(spec: RuleSpec) -> tuple[str, ...]:
    if spec.extends in MEASURING:
        return metric.measured_scope(spec.scope)
    return spec.scope or ("text",)
