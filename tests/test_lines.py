from __future__ import annotations

import pytest

from editorial.lines import Lines, Position, offset_in, position_in


def test_lines_end_as_commonmark_ends_them_and_a_bom_is_no_column() -> None:
    text = "\ufeffone\r\ntwo\rthree\nfour"
    lines = Lines(text)
    assert (lines.starts, lines.ends) == ([1, 6, 10, 16], [4, 9, 15, 20])
    assert position_in(lines.starts, len(text), 1) == Position(1, 1)
    assert position_in(lines.starts, len(text), 4) == Position(1, 4)  # the "\r" of "\r\n" is on the line it ends
    assert position_in(lines.starts, len(text), 10) == Position(3, 1)
    assert position_in(lines.starts, len(text), 20) == Position(4, 5)  # the end of the text
    for offset in range(1, len(text) + 1):
        where = position_in(lines.starts, len(text), offset)
        assert offset_in(lines.starts, len(text), where.line, where.column) == offset
    with pytest.raises(IndexError):
        offset_in(lines.starts, len(text), 5, 1)
