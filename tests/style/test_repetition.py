from __future__ import annotations

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
