"""Lines and columns as an editor counts them, for any text: no parsing, so reports and fixes can use them cheaply.

Lines end with CommonMark's line endings (``\\r\\n``, ``\\r`` or ``\\n``), as
markdown-it counts them. Columns count code points from 1; a byte-order mark
is not a column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

LINE_BREAK = re.compile(r"\r\n?|\n")
BOM = "\ufeff"


@dataclass(frozen=True)
class Position:
    """A place in the file as an editor shows it: 1-based line and column.

    Columns count code points, so a tab, an accented letter and an emoji are
    one column each; a byte-order mark is not a column.
    """

    line: int
    column: int


class Lines:
    """Where each line's text starts and ends (before its line break), in code points."""

    def __init__(self, text: str) -> None:
        self.starts = [1 if text.startswith(BOM) else 0]
        self.ends: list[int] = []
        for match in LINE_BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))


def position_in(starts: Sequence[int], length: int, offset: int) -> Position:
    """The line and column of ``offset`` in a text of ``length`` code points whose lines start at ``starts``."""
    if not 0 <= offset <= length:
        raise IndexError(f"offset {offset} is outside a text of {length} characters")
    line = max(bisect_right(starts, offset) - 1, 0)
    return Position(line + 1, max(offset - starts[line], 0) + 1)


def offset_in(starts: Sequence[int], length: int, line: int, column: int) -> int:
    """The offset of a 1-based line and column, the inverse of :func:`position_in`."""
    if not 1 <= line <= len(starts):
        raise IndexError(f"line {line} is outside a text of {len(starts)} lines")
    return min(starts[line - 1] + column - 1, length)
