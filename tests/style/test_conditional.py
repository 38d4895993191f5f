from __future__ import annotations

from tests.style.conftest import Lint

RULE = r"""
extends: conditional
message: "'%s' has no definition"
first: '\b([A-Z]{3,5})\b'
second: '(?:\b[A-Z][a-z]+ )+\(([A-Z]{3,5})\)'
exceptions: [ABC]
"""


def test_acronym_defined_earlier_is_fine(lint: Lint) -> None:
    text = "The World Health Organization (WHO) helps.\n\nThe WHO and the NFL and ABC.\n"
    assert lint(text, Rule=RULE) == ["3:17:Test.Rule:'NFL' has no definition"]
