from __future__ import annotations

from tests.style.conftest import Lint

SENTENCE = """
extends: capitalization
message: "'%s' should be sentence-cased"
scope: heading
match: $sentence
indicators: [':']
exceptions: [Vale]
"""


def test_sentence_case_headings(lint: Lint) -> None:
    text = "# Use the `APPEND` operator\n\n## This Does Not Comply\n\n## Lint with Vale: Why not\n\n## `x` is fine\n"
    assert lint(text, Rule=SENTENCE) == ["3:4:Test.Rule:'This Does Not Comply' should be sentence-cased"]


def test_title_case_chicago(lint: Lint) -> None:
    rule = """
    extends: capitalization
    message: "'%s' should be in title case ('%s')."
    scope: heading
    match: $title
    style: Chicago
    """
    assert lint("# The Art of War\n\n# the art of war\n", Rule=rule) == [
        "3:3:Test.Rule:'the art of war' should be in title case ('The Art of War')."
    ]


def test_upper_and_pattern(lint: Lint) -> None:
    rule = """
    extends: capitalization
    message: "'%s' must be upper case"
    scope: heading
    match: $upper
    """
    assert lint("# NOTE\n\n# Note\n", Rule=rule) == ["3:3:Test.Rule:'Note' must be upper case"]
