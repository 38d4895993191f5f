from __future__ import annotations

from tests.style.conftest import Lint


def test_both_spellings_in_a_file(lint: Lint) -> None:
    rule = """
    extends: consistency
    message: "Inconsistent spelling of '%s'."
    ignorecase: true
    either:
      colour: color
      centre: center
    """
    text = "The colour is nice.\n\nThe centre holds.\n\nThis color is not.\n"
    assert lint(text, Rule=rule) == ["5:6:Test.Rule:Inconsistent spelling of 'color'."]
