"""A finding's fingerprint: what it flags and where, in words that survive lines moving.

Baselines (``editorial lint --baseline``) and the precision labels in
``benchmarks/`` recognise a finding by its file and its fingerprint. The
fingerprint is made of the rule, the flagged text and a few characters on
either side of it on its own lines, whitespace folded: an edit elsewhere in the
file, or lines added above or below it, leave it as it was; an edit of the
flagged words or right beside them makes it a new finding. The path is not in it, so that it reads
the same whichever folder the file is linted from.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editorial.document import Document
    from editorial.lint.findings import Finding

CONTEXT = 24  # characters on either side
LENGTH = 20  # hexadecimal digits kept


def span(document: Document, finding: Finding) -> tuple[int, int]:
    """Where the finding's text starts and ends in the document's source."""
    start = document.offset(finding.line, finding.column)
    end = start
    if finding.end_line is not None and finding.end_column is not None:
        end = max(start, document.offset(finding.end_line, finding.end_column))
    return start, end


def of(document: Document, finding: Finding) -> str:
    start, end = span(document, finding)
    return in_text(finding.rule, document.source, start, end)


def in_text(rule: str, source: str, start: int, end: int) -> str:
    """The fingerprint of a finding of ``rule`` over ``source[start:end]`` (a text that need not be parsed)."""
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    line_end = len(source) if line_end < 0 else line_end
    parts = (
        rule,
        _folded(source[start:end]),
        _folded(source[max(line_start, start - CONTEXT) : start]),
        _folded(source[end : min(line_end, end + CONTEXT)]),
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:LENGTH]


def _folded(text: str) -> str:
    return " ".join(text.split())
