from __future__ import annotations

from editorial.table import format_table, plural


def test_columns_are_padded_and_numbers_aligned_right() -> None:
    table = format_table(("SECTION", "WORDS"), [("Our work", 14), ("Language models", 275)])
    assert table == "SECTION          WORDS\nOur work            14\nLanguage models    275"


def test_a_table_without_rows_is_its_headers() -> None:
    assert format_table(("SECTION", "WORDS"), []) == "SECTION  WORDS"


def test_plural() -> None:
    assert [plural(n, "section") for n in (0, 1, 2)] == ["0 sections", "1 section", "2 sections"]
    assert [plural(n, "branch", "branches") for n in (1, 2)] == ["1 branch", "2 branches"]
