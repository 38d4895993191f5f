from __future__ import annotations

import pytest

from editorial.terminal import colour, columns, printable


def test_printable_escapes_what_a_terminal_would_hide_or_misplay() -> None:
    assert printable("2021-01/zoë") == "2021-01/zoë"
    assert printable("a\u202eb\u200bc") == "a\\u202eb\\u200bc"
    assert printable("\udcff\udcfeok") == "\\xff\\xfeok"
    assert printable("tab\there\x1b[31m") == "tab\\there\\x1b[31m"


def test_columns_count_what_a_terminal_shows() -> None:
    assert columns("plain") == 5
    assert columns("漢字") == 4  # East Asian wide
    assert columns("ＡＢ") == 4  # full-width
    assert columns("🎉!") == 3
    assert columns("e\u0301") == 1  # a combining accent sits on the e
    assert columns("café") == 4


@pytest.mark.parametrize(
    ("choice", "terminal", "environ", "expected"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),  # no-color.org: set and not empty
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", False, {"FORCE_COLOR": ""}, False),
        ("auto", True, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
        ("auto", True, {"TERM": "dumb"}, False),
        ("always", False, {"NO_COLOR": "1"}, True),  # the command line wins over the environment
        ("never", True, {"FORCE_COLOR": "1"}, False),
    ],
)
def test_colour_follows_the_command_line_then_the_environment(choice: str, terminal: bool, environ: dict[str, str], expected: bool) -> None:
    assert colour(choice, terminal, environ) is expected
