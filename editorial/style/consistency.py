"""``extends: consistency``: one spelling of each ``either`` pair per file ("colour" or "color")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from editorial.style import prefilter
from editorial.style.block import Block, Hit
from editorial.style.common import (
    Context,
    FileState,
    bounded,
    compile_rule_pattern,
    fill,
    make_regexp,
)
from editorial.style.message import format_message
from editorial.style.rule import RuleSpec, get_bool, get_map


@dataclass(frozen=True)
class Consistency:
    spec: RuleSpec
    pairs: tuple[regex.Pattern[str], ...]  # each with groups "a" and "b"
    # What each pair needs in a block to match there: a pair that cannot
    # match adds nothing to what the file has used.
    parts: tuple[prefilter.Needs | None, ...] | None = None

    def run(self, block: Block, state: FileState, chosen: Sequence[int] | None = None) -> list[Hit]:
        hits = []
        seen = state.seen(self.spec.id)
        for number in chosen if chosen is not None else range(len(self.pairs)):
            last = None
            for match in self.pairs[number].finditer(block.text):
                for name in ("a", "b"):
                    if match.start(name) != -1:
                        seen.append(f"{number}{name}")
                        last = match.span(name)
            # Both spellings seen in the file by now: report this block's last one.
            if last is not None and f"{number}a" in seen and f"{number}b" in seen:
                start, end = last
                hits.append(Hit(start, end, format_message(self.spec.message, block.text[start:end])))
        return hits


def compile(spec: RuleSpec, context: Context) -> Consistency:
    nonword = get_bool(spec, "nonword")
    template = make_regexp(context.word_template, get_bool(spec, "ignorecase"), not nonword, "", True)
    either = get_map(spec, "either")
    pairs = tuple(
        compile_rule_pattern(spec, "either", fill(template, f"(?P<a>{first})|(?P<b>{second})"))
        for first, second in either.items()
    )
    word_bounded = bounded(context, nonword)
    parts = tuple(_pair_needs(first, second, word_bounded) for first, second in either.items())
    return Consistency(spec, pairs, parts if any(p is not None for p in parts) else None)


def _pair_needs(first: str, second: str, word_bounded: bool) -> prefilter.Needs | None:
    one, other = prefilter.needs(first, word_bounded), prefilter.needs(second, word_bounded)
    if one is None or other is None:
        return None
    return tuple(dict.fromkeys(one + other))
