"""Which checks ``editorial lint`` runs, and every rule they can report.

With an editorial.yaml: front matter, Markdown, newsletter, proselint, the
house styles and LanguageTool. In a folder with a ``.vale.ini`` and no
editorial.yaml: exactly the styles that file enables and nothing else, so that
the output compares with Vale's and a team can switch without surprises.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editorial import defaults
from editorial.errors import EditorialError, Problem
from editorial.files import walk
from editorial.lint.context import Context
from editorial.lint.findings import Finding
from editorial.lint.rules import RuleInfo
from editorial.lint.discovery import MARKDOWN_SUFFIXES
from editorial.lint.runner import NamedCheck
from editorial.settings import Settings
from editorial.store import Store, cache_folder

if TYPE_CHECKING:
    from editorial.document import Document
    from editorial.style import StyleConfig


@dataclass(frozen=True)
class Selection:
    checks: tuple[NamedCheck, ...]
    suffixes: tuple[str, ...]  # what counts as Markdown in a folder
    warnings: tuple[str, ...]  # rule files skipped, and why
    vale_mode: bool


@dataclass(frozen=True)
class StyleSource:
    """Where the house styles come from. Loading them (the engine, every rule compiled) waits
    until a file needs checking: a lint whose files all come from the results cache skips it."""

    root: Path
    styles: str | None  # editorial.yaml's styles settings, as JSON; None: Vale mode
    vale_ini: Path | None
    rules: Path | None
    config_path: Path | None

    def load(self) -> StyleConfig:
        from editorial import style

        data = json.loads(self.styles) if self.styles is not None else None
        return style.load_config(self.root, data, self.vale_ini, self.rules, self.config_path)

    def folders(self) -> list[Path]:
        """The folders whose files decide the styles' findings (StylesPath, vocabularies)."""
        if self.styles is None or self.vale_ini is not None:
            config = self.load()
            # Rules made from editorial.yaml (House.Names) have no file; the settings are in the key.
            found = {r.spec.path.parent.parent for r in config.rules.values() if r.spec.path.suffix == ".yml"}
            return sorted(found) + ([config.source] if config.source is not None else [])
        return [folder for folder in (self.rules, defaults.folder("rules")) if folder is not None]


def style_source(settings: Settings, start: Path) -> StyleSource:
    """The styles of this run: a .vale.ini's alone (Vale mode) where there is no editorial.yaml."""
    if settings.config_path is None:
        from editorial import style

        vale_ini = style.find_vale_ini(start)
        if vale_ini is not None:
            return StyleSource(vale_ini.parent, None, vale_ini, None, None)
    styles_data = dict(settings.data.get("styles") or {})
    name = (settings.data.get("newsletter") or {}).get("name")
    if name:  # the newsletter's own name is spelled one way, like the names listed for House.Names
        styles_data["names"] = list(dict.fromkeys([*styles_data.get("names", ()), name]))
    ini = None
    if styles_data.get("vale"):
        from editorial import style

        ini = style.find_vale_ini(settings.root)
    return StyleSource(settings.root, json.dumps(styles_data, sort_keys=True), ini, settings.paths.rules, settings.config_path)


def select(
    settings: Settings,
    start: Path,
    languagetool: bool = True,
    require_languagetool: bool = False,
    use_cache: bool = True,
) -> Selection:
    from editorial.lint import frontmatter, markdown, newsletter, proselint, slips

    source = style_source(settings, start)
    version = _files_version(source.folders())
    house = NamedCheck(None, functools.partial(_style_check, source=source), version=version)
    vale_mode = source.styles is None
    if vale_mode:
        config = source.load()
        suffixes = MARKDOWN_SUFFIXES + tuple(f".{ext}" for ext, kind in config.formats.items() if kind == "md")
        return Selection((house,), suffixes, tuple(map(str, config.warnings)), True)
    checks = [
        NamedCheck(frontmatter.PREFIX, frontmatter.check, front_matter_only=True),
        NamedCheck(markdown.PREFIX, markdown.check),
        NamedCheck(newsletter.PREFIX, newsletter.check),
        NamedCheck(slips.PREFIX, slips.check),
        NamedCheck(proselint.PREFIX, proselint.check),
        house,
    ]
    if languagetool or require_languagetool:
        from editorial.lint import languagetool as grammar

        options = grammar.Options(required=require_languagetool, use_cache=use_cache)
        checks.append(
            NamedCheck(
                grammar.PREFIX,
                served=functools.partial(grammar.Grammar, options=options),
                version=grammar.results_version(settings, use_cache, require_languagetool),
            )
        )
    return Selection(tuple(checks), MARKDOWN_SUFFIXES, _style_warnings(source, version, use_cache), False)


def _style_warnings(source: StyleSource, version: str, use_cache: bool) -> tuple[str, ...]:
    """The rule files skipped (types out of scope…): said on every run, loaded only when they changed."""
    from editorial.lint import cache

    store = Store(cache_folder() / cache.FILE_NAME if use_cache else None)
    key = "style-warnings:" + hashlib.sha256(f"{version}\0{source}".encode()).hexdigest()
    try:
        known = store.get(key)
        if known is None:
            known = [str(w) for w in source.load().warnings]
            store.put(key, known)
    finally:
        store.close()
    return tuple(known)


def _files_version(folders: list[Path]) -> str:
    """The files in these folders as they are now: names, sizes, times and modes (one that
    can no longer be read is loaded again, to say so).

    A folder or file that cannot be read is an error here, before any rule is
    loaded: its rules would otherwise be missing without a word.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    for folder in folders:
        if folder.is_file():
            found.append(folder)
            continue
        paths, trouble = walk(folder)
        found.extend(paths)
        problems.extend(trouble)
    stamps = []
    for path in sorted(found):
        try:
            status = path.stat()
        except FileNotFoundError:
            continue  # a broken link, which no rule is read from
        except OSError as exc:
            problems.append(Problem(path, None, f"cannot read: {exc.strerror}"))
            continue
        stamps.append(f"{path}\0{status.st_size}\0{status.st_mtime_ns}\0{status.st_mode}")
    if problems:
        raise EditorialError(*problems)
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


# Rules about how words are written that a title quoted as its link's text is exempt from:
# the newsletter links to "RUST MEETUP at HACKER DOJO" as its organisers named it.
_TITLE_CASE_RULES = frozenset({"House.Shouting", "House.Headings"})


def _style_check(document: Document, context: Context, source: StyleSource) -> list[Finding]:
    from editorial import style

    found = style.check(document, source.load())
    if not any(f.rule in _TITLE_CASE_RULES for f in found):
        return found
    links = [link.span for link in document.links if link.kind == "link"]

    def quoted(finding: Finding) -> bool:
        start = document.offset(finding.line, finding.column)
        end = document.offset(finding.end_line or finding.line, finding.end_column or finding.column)
        return any(first < start and end <= last for first, last in links)

    return [f for f in found if f.rule not in _TITLE_CASE_RULES or not quoted(f)]


def all_rules(settings: Settings, start: Path) -> list[RuleInfo]:
    from editorial import style
    from editorial.lint import frontmatter, markdown, newsletter, proselint, slips
    from editorial.lint import languagetool as grammar

    source = style_source(settings, start)
    house = style.list_rules(source.load())
    if source.styles is None:
        return house
    return [*frontmatter.RULES, *markdown.RULES, *newsletter.RULES, *slips.RULES, *proselint.rules(), *house, *grammar.RULES]


def find_rule(settings: Settings, start: Path, rule_id: str) -> RuleInfo | None:
    """One rule by its id, LanguageTool's included: it has thousands, which no list here holds."""
    from editorial.lint import languagetool as grammar

    return next((r for r in all_rules(settings, start) if r.id == rule_id), None) or grammar.rule_info(rule_id)
