"""A baseline: the findings a team has decided to live with, so that only new ones are reported.

Adopting a linter on 250 published issues should not start with 2,000
findings nobody will ever fix. As with ruff, detekt and PHPStan, the findings
of today are recorded once (``editorial lint --baseline FILE --update-baseline``)
and from then on ``--baseline FILE`` (or ``lint.baseline`` in editorial.yaml)
reports only what is not in it. A finding is recognised by its file, its rule
and its fingerprint (the flagged text and what stands around it), so lines
moving above it do not bring it back; a finding that occurs twice is
recorded with its count, and a third occurrence is new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from editorial.errors import EditorialError, Problem
from editorial.files import decode, read_bytes, write_atomic
from editorial.lint.findings import Finding

FORMAT = 1
_KEY = "editorial_baseline"

Key = tuple[str, str, str]  # path relative to the repository, rule, fingerprint


@dataclass(frozen=True)
class Baseline:
    path: Path
    known: Counter[Key]

    def split(self, findings: Sequence[Finding], root: Path) -> tuple[list[Finding], int]:
        """The findings not in the baseline, and how many were."""
        left = Counter(self.known)
        new: list[Finding] = []
        for finding in findings:
            key = _key(finding, root)
            if left[key] > 0:
                left[key] -= 1
            else:
                new.append(finding)
        return new, len(findings) - len(new)


def read(path: Path) -> Baseline:
    if not path.exists():
        raise EditorialError(Problem(path, None, "no baseline here; write one with --update-baseline"))
    text = decode(read_bytes(path), path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EditorialError(Problem(path, exc.lineno, f"not a baseline: invalid JSON ({exc.msg})")) from None
    if not isinstance(data, dict) or data.get(_KEY) != FORMAT:
        found = data.get(_KEY) if isinstance(data, dict) else None
        what = f"version {found}" if found is not None else "no version"
        at = text.find(f'"{_KEY}"')
        raise EditorialError(
            Problem(
                path, text.count("\n", 0, at) + 1 if at >= 0 else 1,
                f"not a baseline this editorial reads ({what}; it reads version {FORMAT}): write it again with --update-baseline",
            )
        )
    known: Counter[Key] = Counter()
    for index, entry in enumerate(data.get("findings") or ()):
        try:
            known[(str(entry["path"]), str(entry["rule"]), str(entry["fingerprint"]))] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            line = _line_of_entry(text, index)
            raise EditorialError(Problem(path, line, "a baseline entry needs a path, a rule and a fingerprint")) from None
    return Baseline(path, known)


def write(path: Path, findings: Sequence[Finding], root: Path) -> int:
    """Record ``findings`` as the baseline; how many entries it holds."""
    counts = Counter(_key(f, root) for f in findings)
    entries = [
        {"path": p, "rule": r, "fingerprint": fp, **({"count": n} if n > 1 else {})}
        for (p, r, fp), n in sorted(counts.items())
    ]
    write_atomic(path, json.dumps({_KEY: FORMAT, "findings": entries}, indent=1, ensure_ascii=False) + "\n")
    return len(entries)


def _key(finding: Finding, root: Path) -> Key:
    where = Path(os.path.realpath(finding.path))
    relative = where.relative_to(root).as_posix() if where.is_relative_to(root) else where.as_posix()
    return relative, finding.rule, finding.fingerprint


def _line_of_entry(text: str, index: int) -> int | None:
    """The line where the ``index``-th entry of the findings list starts, counting its '{'s (one per entry)."""
    start = text.find('"findings"')
    position = start
    for _ in range(index + 1):
        position = text.find("{", position + 1)
        if position < 0:
            return None
    return text.count("\n", 0, position) + 1
