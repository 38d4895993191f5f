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
class Fix:
    """The edit that resolves a finding: the text ``line:column`` to ``end_line:end_column`` (exclusive; the
    same place for an insertion) replaced by ``text``. ``safe``: it cannot change what the text means, so
    ``--fix`` applies it; an unsafe one waits for ``--unsafe-fixes``. See fixes.py."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    safe: bool


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
    fix: Fix | None = None
    # What reported it: the check's own prefix ("proselint", "languagetool"…) or "styles" for a
    # team's style rules, whatever their names (Vale's proselint package is a style). Set by lint.
    engine: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.rule, self.message)
