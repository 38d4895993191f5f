"""Suppression comments inside a Markdown file.

    <!-- editorial-disable proselint.typography markdown.duplicate-link -->
    …
    <!-- editorial-enable -->
    <!-- editorial-disable-next-line House.Exclamation -->

Without rule ids, every rule is disabled. Ids are prefixes, as on the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editorial.lint.findings import Finding

_COMMENT = re.compile(r"<!--\s*editorial-(disable-next-line|disable|enable)((?:\s+[\w.,-]+)*)\s*-->")
ALL = "*"
_END = 1 << 62


@dataclass(frozen=True)
class Region:
    first_line: int
    last_line: int  # inclusive
    rule: str  # a rule id or prefix, or ALL


@dataclass(frozen=True)
class Suppressions:
    regions: tuple[Region, ...]

    def covers(self, finding: Finding) -> bool:
        return any(
            region.first_line <= finding.line <= region.last_line
            and (region.rule == ALL or finding.rule == region.rule or finding.rule.startswith(region.rule + "."))
            for region in self.regions
        )


def parse(source: str) -> Suppressions:
    if "editorial-" not in source:
        return Suppressions(())
    regions: list[Region] = []
    open_since: dict[str, int] = {}
    for match in _COMMENT.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        end_line = source.count("\n", 0, match.end()) + 1
        kind = match.group(1)
        rules = [r for r in re.split(r"[\s,]+", match.group(2).strip()) if r] or [ALL]
        if kind == "disable-next-line":
            regions.extend(Region(end_line + 1, end_line + 1, rule) for rule in rules)
        elif kind == "disable":
            for rule in rules:
                open_since.setdefault(rule, line)
        else:
            closing = list(open_since) if rules == [ALL] else rules
            for rule in closing:
                if rule in open_since:
                    regions.append(Region(open_since.pop(rule), line, rule))
    regions.extend(Region(start, _END, rule) for rule, start in open_since.items())
    return Suppressions(tuple(regions))
