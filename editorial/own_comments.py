"""editorial's own HTML comments, which are for the people writing an issue and never published.

They all begin ``<!-- editorial``: the frame's markers (``<!-- editorial:sections reading -->``),
notes such as the stub's guidance (``<!-- editorial: Andrew, write your section … -->``) and
lint's suppressions (``<!-- editorial-disable … -->``, ``<!-- editorial-enable -->``).
Anyone else's comments (``<!--more-->``, a contributor's own note) are the author's
and stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "editorial" then the comment's end, or ":", "-" or a space: "<!-- editorials -->" is someone else's.
_OWN = re.compile(r"<!--\s*editorial(?:-->|[:\s-].*?-->)", re.DOTALL)
_MARKER = re.compile(r"<!--\s*editorial:sections\b")


@dataclass(frozen=True)
class Lines:
    """Text as lines, each with the line of the file it comes from (1-based)."""

    lines: tuple[str, ...]
    origins: tuple[int, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def trimmed(self) -> Lines:
        """Without the blank lines around the text; the last line keeps its trailing spaces (they are the author's)."""
        first, last = 0, len(self.lines)
        while first < last and not self.lines[first].strip():
            first += 1
        while last > first and not self.lines[last - 1].strip():
            last -= 1
        return Lines(self.lines[first:last], self.origins[first:last])


def has_own(text: str) -> bool:
    return "editorial" in text and _OWN.search(text) is not None


def strip(text: str, first_line: int, keep_markers: bool = False) -> Lines:
    """``text`` (starting at ``first_line`` of its file) without editorial's own comments.

    A comment alone on its lines takes its lines with it, and one blank line
    where it stood between two; one inside a line of text leaves the rest of
    the line.
    """
    lines = text.split("\n")
    origins = list(range(first_line, first_line + len(lines)))
    if not has_own(text):
        return Lines(tuple(lines), tuple(origins))
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    removed: set[int] = set()
    edits: dict[int, list[tuple[int, int]]] = {}  # line index -> spans to cut, in its own columns
    for match in _OWN.finditer(text):
        if keep_markers and _MARKER.match(match.group()):
            continue
        first = text.count("\n", 0, match.start())
        last = text.count("\n", 0, match.end())
        before = text[starts[first] : match.start()]
        after = text[match.end() : starts[last] + len(lines[last])]
        if not before.strip() and not after.strip():
            removed.update(range(first, last + 1))
            continue
        # Part of a line of text: cut the comment and the spaces before it.
        cut_from = match.start() - (len(before) - len(before.rstrip())) if not after.strip() else match.start()
        if first == last:
            edits.setdefault(first, []).append((cut_from - starts[first], match.end() - starts[first]))
        else:  # a comment across lines, with text around it: join what is left of its first and last lines
            lines[first] = text[starts[first] : cut_from] + after
            removed.update(range(first + 1, last + 1))
    for index, spans in edits.items():
        line = lines[index]
        for start, end in sorted(spans, reverse=True):
            line = line[:start] + line[end:]
        lines[index] = line
    kept_lines: list[str] = []
    kept_origins: list[int] = []
    for index, line in enumerate(lines):
        if index in removed:
            continue
        # A blank line after a removed comment that had a blank line before it: one gap, not two.
        if not line.strip() and index - 1 in removed and kept_lines and not kept_lines[-1].strip():
            continue
        kept_lines.append(line)
        kept_origins.append(origins[index])
    return Lines(tuple(kept_lines), tuple(kept_origins))
