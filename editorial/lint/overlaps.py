"""One finding per problem where two engines report the same words.

LanguageTool, proselint and house styles overlap: "the the" is
``languagetool.ENGLISH_WORD_REPEAT_RULE`` and ``proselint.lexical_illusions``,
"alot" a LanguageTool misspelling and ``proselint.spelling.misc``. Where
findings of different engines cover exactly the same span, the reader gets
those of one engine, the first of which names the other engines' rules in
``also``. Findings of one engine are never merged: its authors meant them as
different problems. The styles a team uses count as one engine, as in Vale:
two packages that both report passive voice both say so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from editorial.lint.findings import Finding

# Whose findings are shown where engines overlap, after a higher severity and
# then replacements offered: a team's own style rules first, LanguageTool last.
BUILT_IN_ORDER = ("newsletter", "frontmatter", "markdown", "slips", "proselint", "languagetool")
STYLES = "styles"


def one_per_span(findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` in their order, less those that another engine's findings at the same span stand for."""
    groups: dict[tuple[str, int, int, int | None, int | None], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.end_line is not None:
            groups[(finding.path, finding.line, finding.column, finding.end_line, finding.end_column)].append(finding)
    also: dict[int, tuple[str, ...]] = {}
    dropped: set[int] = set()
    for group in groups.values():
        if len({engine(f) for f in group}) < 2:
            continue
        best = min(group, key=_preference)
        others = [f for f in group if engine(f) != engine(best)]
        also[id(best)] = tuple(sorted({f.rule for f in others}))
        dropped.update(id(f) for f in others)
    return [replace(f, also=also[id(f)]) if id(f) in also else f for f in findings if id(f) not in dropped]


def engine(finding: Finding) -> str:
    """What reported it: ``languagetool``, ``proselint``, ``markdown``… or ``styles``, the team's style rules.
    By the check that found it, never by the rule's name: a style package may be named ``proselint``."""
    return finding.engine if finding.engine in BUILT_IN_ORDER else STYLES


def _preference(finding: Finding) -> tuple[int, bool, int]:
    name = engine(finding)
    rank = BUILT_IN_ORDER.index(name) + 1 if name in BUILT_IN_ORDER else 0
    return (-finding.severity, not finding.replacements, rank)
