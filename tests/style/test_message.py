from __future__ import annotations

from editorial.style.message import format_message


def test_go_sprintf() -> None:
    assert format_message("Use '%s' instead of '%s'.", "a", "b", "c") == "Use 'a' instead of 'b'."
    assert format_message("%d%% of %s", 3, "x") == "3% of x"
    assert format_message("'%s' and %s", "a") == "'a' and %!s(MISSING)"
    assert format_message("%.2f", 1) == "1.00"
