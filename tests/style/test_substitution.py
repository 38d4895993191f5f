from __future__ import annotations

from tests.style.conftest import Lint

RULE = """
extends: substitution
message: "Use '%s' instead of '%s'."
ignorecase: true
swap:
  javascript: JavaScript
  (?:e-mail|email): email
"""


def test_suggests_the_swap_and_skips_correct_text(lint: Lint) -> None:
    text = "I like Javascript and JavaScript. Send an e-mail.\n"
    assert lint(text, Rule=RULE) == [
        "1:8:Test.Rule:Use 'JavaScript' instead of 'Javascript'.",
        "1:43:Test.Rule:Use 'email' instead of 'e-mail'.",
    ]


def test_replace_action_quotes_several_suggestions(lint: Lint) -> None:
    rule = """
    extends: substitution
    message: "Use '%s' instead of '%s'."
    action:
      name: replace
    swap:
      cell phone: phone|mobile phone
    """
    assert lint("My cell phone.\n", Rule=rule) == [
        "1:4:Test.Rule:Use 'phone' or 'mobile phone' instead of 'cell phone'."
    ]


def test_capture_group_references(lint: Lint) -> None:
    rule = """
    extends: substitution
    message: "Use '%s' instead of '%s'."
    nonword: true
    swap:
      '(\\d+)\\s?GB': $1 GB
    """
    assert lint("A 64GB disk.\n", Rule=rule) == ["1:3:Test.Rule:Use '64 GB' instead of '64GB'."]


def test_in_a_heading_and_link_text(lint: Lint) -> None:
    text = "## Javascript\n\nRead [about javascript](https://javascript.info).\n"
    assert lint(text, Rule=RULE) == [
        "1:4:Test.Rule:Use 'JavaScript' instead of 'Javascript'.",
        "3:13:Test.Rule:Use 'JavaScript' instead of 'javascript'.",
    ]


def test_a_key_is_found_across_a_line_break_and_reads_as_one_line(lint: Lint) -> None:
    """As Vale has it: Google.Contractions on "We\\nare" and "did\\nnot"."""
    rule = """
    extends: substitution
    message: "Use '%s' instead of '%s'."
    ignorecase: true
    swap:
      we are: we're
      did not: didn't
    """
    assert lint("Fixed in #1. We\nare here, but did\n  not stay.\n", Rule=rule) == [
        "1:14:Test.Rule:Use 'we're' instead of 'We are'.",
        "2:15:Test.Rule:Use 'didn't' instead of 'did not'.",
    ]
