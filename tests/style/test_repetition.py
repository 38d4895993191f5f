from __future__ import annotations

from pathlib import Path

from editorial.style import repetition
from editorial.style.block import Block
from editorial.style.common import Context, FileState
from editorial.style.rule import RuleSpec, parse
from tests.style.conftest import Lint

RULE = """
extends: repetition
message: "'%s' is repeated!"
ignorecase: true
alpha: true
tokens: ['[^\\s.!?]+']
"""


def test_repeated_word(lint: Lint) -> None:
    assert lint("See the the report. That. That is fine.\n", Rule=RULE) == ["1:5:Test.Rule:'the' is repeated!"]


def test_repetition_across_a_line_break_and_in_a_list(lint: Lint) -> None:
    assert lint("- it is\n  is here\n", Rule=RULE) == ["1:6:Test.Rule:'is' is repeated!"]


def test_words_as_the_pattern_cuts_them() -> None:
    # str.split() would cut at \x1c, which the pattern's \s does not match: "a\x1cb" is one word, twice.
    spec = parse("extends: repetition\nmessage: \"'%s' again\"\ntokens: ['[^\\s]+']\n", Path("S/R.yml"), "S.R")
    assert isinstance(spec, RuleSpec)
    rule = repetition.compile(spec, Context())
    assert rule.space_separated
    hits = rule.run(Block("x a\x1cb a\x1cb y", "text.md"), FileState())
    assert [(h.start, h.end, h.message) for h in hits] == [(2, 9, "'a\x1cb' again")]
