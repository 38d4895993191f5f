"""Vale's comment controls, honoured in Markdown as Vale honours them.

    <!-- vale off -->                  every rule off until <!-- vale on -->
    <!-- vale Style.Rule = NO -->      one rule off until <!-- vale Style.Rule = YES -->
    <!-- vale Style.Rule["match"] = NO -->   one rule, one match text

A control covers the source from the comment to the matching one (or the end
of the file). editorial's own ``<!-- editorial-disable ... -->`` comments are
applied to every finding by the lint runner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMENT = re.compile(r"<!--\s*vale\s+(.*?)\s*-->", re.S)
_RULE = re.compile(r"^(\S+?\.\S+?)(?:\[\s*[\"'](.*?)[\"']\s*\])?\s*=\s*(YES|NO)$", re.I)
ALL = "*"


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    key: str  # ALL, a rule id, or 'Rule.Id[match]'


@dataclass(frozen=True)
class Controls:
    regions: tuple[Region, ...]

    def covers(self, offset: int, rule: str, match: str) -> bool:
        for region in self.regions:
            if region.start <= offset < region.end and (
                region.key in (ALL, rule) or region.key == f"{rule}[{match}]"
            ):
                return True
        return False


def parse(source: str) -> Controls:
    if "vale" not in source:
        return Controls(())
    regions: list[Region] = []
    open_since: dict[str, int] = {}
    for match in _COMMENT.finditer(source):
        body = match.group(1).strip()
        if body.lower() == "off":
            open_since.setdefault(ALL, match.end())
        elif body.lower() == "on":
            if ALL in open_since:
                regions.append(Region(open_since.pop(ALL), match.start(), ALL))
        else:
            rule = _RULE.match(body)
            if rule is None:
                continue
            key = rule.group(1) if rule.group(2) is None else f"{rule.group(1)}[{rule.group(2)}]"
            if rule.group(3).upper() == "NO":
                open_since.setdefault(key, match.end())
            elif key in open_since:
                regions.append(Region(open_since.pop(key), match.start(), key))
    for key, start in open_since.items():
        regions.append(Region(start, len(source), key))
    return Controls(tuple(regions))
