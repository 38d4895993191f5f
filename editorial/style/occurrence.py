"""``extends: occurrence``: too many (``max``) or too few (``min``) matches of ``token`` in a block."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from editorial.style.block import Block, Hit
from editorial.style.common import IGNORE_CASE, Context, FileState, compile_rule_pattern
from editorial.style.message import format_message
from editorial.style.rule import RuleSpec, get_bool, get_int, get_str


@dataclass(frozen=True)
class Occurrence:
    spec: RuleSpec
    pattern: regex.Pattern[str]
    max: int
    min: int

    def run(self, block: Block, state: FileState) -> list[Hit]:
        matches = [m.span() for m in self.pattern.finditer(block.text)]
        count = len(matches)
        if not ((self.max > 0 and count > self.max) or (self.min > 0 and count < self.min)):
            return []
        message = format_message(self.spec.message, count)
        if count == 0:
            # Nothing to point at: the rule is about the whole block, as readability is.
            return [Hit(0, 0, message, whole_document=True)]
        # The first match that is prose, not masked code, places the finding.
        for start, end in matches:
            found = block.text[start:end]
            if found.strip() and not _is_code(found):
                return [Hit(start, end, message)]
        return []


def _is_code(text: str) -> bool:
    return all(c in "*`" for c in text.strip())


def compile(spec: RuleSpec, context: Context) -> Occurrence:
    token = get_str(spec, "token")
    prefix = IGNORE_CASE if get_bool(spec, "ignorecase") else ""
    pattern = compile_rule_pattern(spec, "token", f"{prefix}(?:{token})")
    return Occurrence(spec, pattern, get_int(spec, "max"), get_int(spec, "min"))
