"""``extends: consistency``: one spelling of each ``either`` pair per file ("colour" or "color")."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from editorial.style.block import Block, Hit
from editorial.style.common import Context, FileState, compile_rule_pattern, fill, make_regexp
from editorial.style.message import format_message
from editorial.style.rule import RuleSpec, get_bool, get_map


@dataclass(frozen=True)
class Consistency:
    spec: RuleSpec
    pairs: tuple[regex.Pattern[str], ...]  # each with groups "a" and "b"

    def run(self, block: Block, state: FileState) -> list[Hit]:
        hits = []
        seen = state.seen(self.spec.id)
        for number, pattern in enumerate(self.pairs):
            last = None
            for match in pattern.finditer(block.text):
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
    template = make_regexp(
        context.word_template, get_bool(spec, "ignorecase"), not get_bool(spec, "nonword"), "", True
    )
    pairs = tuple(
        compile_rule_pattern(spec, "either", fill(template, f"(?P<a>{first})|(?P<b>{second})"))
        for first, second in get_map(spec, "either").items()
    )
    return Consistency(spec, pairs)
