from __future__ import annotations

from tests.style.conftest import Lint


def test_max_reports_the_first_match(lint: Lint) -> None:
    rule = """
    extends: occurrence
    message: "More than 3 commas!"
    scope: sentence
    max: 3
    token: ','
    """
    assert lint("One, two, three, four, five.\n", Rule=rule) == ["1:4:Test.Rule:More than 3 commas!"]


def test_min_with_no_match_is_reported_at_the_start(lint: Lint) -> None:
    rule = """
    extends: occurrence
    message: "No intro"
    scope: raw
    min: 1
    token: '# Introduction'
    """
    assert lint("# Start\n", Rule=rule) == ["1:1:Test.Rule:No intro"]


def test_heading_length_skips_code(lint: Lint) -> None:
    rule = """
    extends: occurrence
    message: "Titles under 20 characters."
    scope: heading
    max: 20
    token: .
    """
    assert lint("## `code here` and a long heading\n", Rule=rule) == ["1:16:Test.Rule:Titles under 20 characters."]
