"""What a rule is, for ``editorial rules`` and the reports."""

from __future__ import annotations

from dataclasses import dataclass

from editorial.lint.findings import Severity


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: Severity
    description: str
    example: str = ""
    source: str = ""  # where the rule is defined, for rules from files
    replaces: bool = False  # it may offer one replacement for what it flags: an unsafe fix, unless fixes.py says safe
