"""What every check reports: a finding at an exact place in a file."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """Ordered, so that ``--min-severity`` is a comparison."""

    suggestion = 1
    warning = 2
    error = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.strip().lower()]


@dataclass(frozen=True)
class Finding:
    path: str
    line: int  # 1-based
    column: int  # 1-based, in code points
    rule: str  # namespaced: "proselint.typography.symbols", "markdown.emphasis", "Google.Exclamation"
    severity: Severity
    message: str
    end_line: int | None = None
    end_column: int | None = None  # exclusive
    replacements: tuple[str, ...] = ()
    link: str | None = None
    also: tuple[str, ...] = ()  # other engines' rules that found the same words (see overlaps.py)
    fingerprint: str = ""  # what it flags, where, in words that survive lines moving (see fingerprint.py)
    matched: str = ""  # the flagged text as written in the file
    # What reported it: the check's own prefix ("proselint", "languagetool"…) or "styles" for a
    # team's style rules, whatever their names (Vale's proselint package is a style). Set by lint.
    engine: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule, self.message)
