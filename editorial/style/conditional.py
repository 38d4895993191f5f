"""``extends: conditional``: ``first`` may appear only where ``second`` defined it.

The classic use is acronyms: ``WHO`` is fine once "World Health Organization
(WHO)" has appeared earlier in the file (or in the same block).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from editorial.style.block import Block, Hit
from editorial.style.common import (
    Context,
    FileState,
    compile_rule_pattern,
    exceptions_pattern,
    is_match,
    phrases_pattern,
    within_phrase,
)
from editorial.style.message import format_message
from editorial.style.rule import RuleSpec, get_bool, get_list, get_str


@dataclass(frozen=True)
class Conditional:
    spec: RuleSpec
    first: regex.Pattern[str]
    second: regex.Pattern[str]
    second_has_group: bool
    exceptions: regex.Pattern[str] | None
    phrases: regex.Pattern[str] | None

    def run(self, block: Block, state: FileState) -> list[Hit]:
        text = block.text
        defined = state.seen(self.spec.id)
        if not self.second_has_group:
            # A plain presence check: `second` anywhere in the block allows every `first`.
            if self.second.search(text):
                return []
        else:
            for match in self.second.finditer(text):
                defined.extend(g for g in match.groups() if g)
        hits = []
        for match in self.first.finditer(text):
            start, end = match.span()
            found = match.group(0)
            if self.second_has_group and found in defined:
                continue
            if is_match(self.exceptions, found) or within_phrase(self.phrases, text, start, end):
                continue
            hits.append(Hit(start, end, format_message(self.spec.message, found)))
        return hits


def _has_capture_group(pattern: str) -> bool:
    return pattern.count("(") > pattern.count("(?") + pattern.count("\\(")


def compile(spec: RuleSpec, context: Context) -> Conditional:
    first = get_str(spec, "first")
    second = get_str(spec, "second")
    exceptions = get_list(spec, "exceptions")
    use_vocab = get_bool(spec, "vocab", True)
    return Conditional(
        spec,
        compile_rule_pattern(spec, "first", first),
        compile_rule_pattern(spec, "second", second),
        _has_capture_group(second),
        exceptions_pattern(spec, exceptions, context, use_vocab),
        phrases_pattern(exceptions, context, use_vocab),
    )
