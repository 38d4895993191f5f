"""House-style rules in Vale's YAML format: load styles, run them on a document.

The API the linter uses::

    find_vale_ini(start) -> Path | None
    load_config(root, editorial_styles, vale_ini) -> StyleConfig
    check(document, config) -> list[Finding]
    list_rules(config) -> list[RuleInfo]
"""

from __future__ import annotations

from pathlib import Path

from editorial.lint.rules import RuleInfo
from editorial.style.config import StyleConfig, load_config
from editorial.style.engine import check
from editorial.style.valeini import find as find_vale_ini

__all__ = ["RuleInfo", "StyleConfig", "check", "find_vale_ini", "list_rules", "load_config"]


def list_rules(config: StyleConfig) -> list[RuleInfo]:
    """The rules of the styles in use (for any file), with their level, description and source file."""
    active = {r.rule.spec.id: r.level for r in config.for_path(config.root / "_.md").rules}
    infos = []
    for rule_id in sorted(active):
        spec = config.rules[rule_id].spec
        description = spec.description or spec.message
        replaces = spec.extends == "substitution" or (spec.action is not None and spec.action.name == "replace")
        infos.append(RuleInfo(rule_id, active[rule_id], description, source=_source(spec.path), replaces=replaces))
    return infos


def _source(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
