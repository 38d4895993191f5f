"""Which checks ``editorial lint`` runs, and every rule they can report.

With an editorial.yaml: front matter, Markdown, newsletter, proselint, the
house styles and LanguageTool. In a folder with a ``.vale.ini`` and no
editorial.yaml: exactly the styles that file enables and nothing else, so that
the output compares with Vale's and a team can switch without surprises.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.errors import Problem
from editorial.lint.context import Context
from editorial.lint.findings import Finding
from editorial.lint.rules import RuleInfo
from editorial.lint.runner import MARKDOWN_SUFFIXES, NamedCheck
from editorial.settings import Settings

if TYPE_CHECKING:
    from editorial.document import Document
    from editorial.style import StyleConfig


@dataclass(frozen=True)
class Selection:
    checks: tuple[NamedCheck, ...]
    suffixes: tuple[str, ...]  # what counts as Markdown in a folder
    warnings: tuple[Problem, ...]  # rule files skipped, and why
    vale_mode: bool


def styles(settings: Settings, start: Path) -> tuple[StyleConfig, bool]:
    """The style configuration, and whether it comes from a .vale.ini alone (Vale mode)."""
    from editorial import style

    if settings.config_path is None:
        vale_ini = style.find_vale_ini(start)
        if vale_ini is not None:
            return style.load_config(vale_ini.parent, None, vale_ini), True
    styles_data = dict(settings.data.get("styles") or {})
    name = (settings.data.get("newsletter") or {}).get("name")
    if name:  # the newsletter's own name is spelled one way, like the names listed for House.Names
        styles_data["names"] = list(dict.fromkeys([*styles_data.get("names", ()), name]))
    config = style.load_config(settings.root, styles_data, None, settings.paths.rules, settings.config_path)
    return config, False


def select(
    settings: Settings,
    start: Path,
    languagetool: bool = True,
    require_languagetool: bool = False,
    use_cache: bool = True,
) -> Selection:
    from editorial.lint import frontmatter, markdown, newsletter, proselint

    config, vale_mode = styles(settings, start)
    house = NamedCheck(None, functools.partial(_style_check, config=config), version=_files_version(config))
    suffixes = MARKDOWN_SUFFIXES + tuple(f".{ext}" for ext, kind in config.formats.items() if kind == "md")
    if vale_mode:
        return Selection((house,), suffixes, config.warnings, True)
    checks = [
        NamedCheck(frontmatter.PREFIX, frontmatter.check, front_matter_only=True),
        NamedCheck(markdown.PREFIX, markdown.check),
        NamedCheck(newsletter.PREFIX, newsletter.check),
        NamedCheck(proselint.PREFIX, proselint.check),
        house,
    ]
    if languagetool or require_languagetool:
        from editorial.lint import languagetool as grammar

        options = grammar.Options(required=require_languagetool, use_cache=use_cache)
        checks.append(NamedCheck(grammar.PREFIX, run_batch=functools.partial(grammar.check_batch, options=options)))
    return Selection(tuple(checks), suffixes, config.warnings, False)


def _files_version(config: StyleConfig) -> str:
    """The rule files, vocabularies and .vale.ini as they are now: names, sizes and times."""
    # StylesPath: each style's folder, and the vocabularies beside them. Rules made from
    # editorial.yaml (House.Names) have no file of their own; the settings are in the key already.
    folders = {rule.spec.path.parent.parent for rule in config.rules.values() if rule.spec.path.suffix == ".yml"}
    files = sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())
    if config.source is not None:
        files.append(config.source)
    stamp = "\n".join(f"{p}\0{p.stat().st_size}\0{p.stat().st_mtime_ns}" for p in files)
    return hashlib.sha256(stamp.encode()).hexdigest()


def _style_check(document: Document, context: Context, config: StyleConfig) -> list[Finding]:
    from editorial import style

    return style.check(document, config)


def all_rules(settings: Settings, start: Path) -> list[RuleInfo]:
    from editorial import style
    from editorial.lint import frontmatter, markdown, newsletter, proselint
    from editorial.lint import languagetool as grammar

    config, vale_mode = styles(settings, start)
    house = style.list_rules(config)
    if vale_mode:
        return house
    return [*frontmatter.RULES, *markdown.RULES, *newsletter.RULES, *proselint.rules(), *house, *grammar.RULES]
