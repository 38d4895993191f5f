"""Which rules run on which file: styles, levels and per-glob settings, compiled once.

Two sources, one result (:class:`StyleConfig`):

- ``editorial.yaml``'s ``styles:`` section: the styles of ``rules/`` in use
  (``House`` by default), a minimum level, per-rule overrides and per-glob
  settings, and the organisation's ``names``;
- a ``.vale.ini`` (or ``_vale.ini``, ``.vale``, ``_vale``): Vale's own
  configuration, read as Vale reads it. Without an ``editorial.yaml``, it alone
  decides what runs, so the output can be compared with Vale's.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import regex

from editorial import defaults
from editorial.errors import EditorialError, Problem, error
from editorial.globs import matches as editorial_glob_matches
from editorial.lint.findings import Severity
from editorial.style import house, scopes, valeini, vocab
from editorial.style.common import Context
from editorial.style.patterns import PatternError, compile_pattern
from editorial.style.plan import Plan
from editorial.style.rule import LEVELS, RuleSpec, Skipped, read
from editorial.style.types import Rule, compile_rule, effective_scope
from editorial.style.view import IGNORED_INLINE, SKIPPED_TAGS

BUILTIN_STYLE = "Vale"
DEFAULT_STYLES = ("House",)
ON, OFF = "YES", "NO"


@dataclass(frozen=True)
class Section:
    """Settings for the files a glob matches; later sections win over earlier ones."""

    globs: tuple[str, ...]
    based_on: tuple[str, ...] | None = None
    rules: dict[str, str] = field(default_factory=dict)  # id -> YES, NO or a level name
    token_ignores: tuple[regex.Pattern[str], ...] = ()
    block_ignores: tuple[regex.Pattern[str], ...] = ()
    vale_glob: bool = True  # Vale's glob syntax (`*` crosses folders) or editorial's


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    level: Severity
    scope: scopes.Scope


@dataclass(frozen=True)
class FileRules:
    """The rules that run on one file, with their levels, and how to read it."""

    rules: tuple[ActiveRule, ...]
    token_ignores: tuple[regex.Pattern[str], ...]
    block_ignores: tuple[regex.Pattern[str], ...]
    asks: frozenset[str] = frozenset()  # the derived blocks some rule reads: paragraph, sentence...
    # The engine's plan for each kind of block, made once for all the files these settings apply to.
    plans: dict[tuple[str, str, bool], Plan] = field(default_factory=dict, repr=False, compare=False, hash=False)


@dataclass(frozen=True)
class StyleConfig:
    """Every rule compiled, and the settings that choose among them per file."""

    root: Path  # globs are relative to this folder
    origin: str  # "editorial" or "vale"
    rules: dict[str, Rule]
    skipped: tuple[Skipped, ...]
    base: Section
    sections: tuple[Section, ...]
    min_level: Severity
    skipped_scopes: tuple[str, ...] = SKIPPED_TAGS
    ignored_scopes: tuple[str, ...] = IGNORED_INLINE
    ignored_classes: tuple[str, ...] = ()
    formats: dict[str, str] = field(default_factory=dict)
    source: Path | None = None  # the .vale.ini, if one was read
    warnings: tuple[Problem, ...] = ()
    # By the sections that apply: files with the same settings share their rules and plans.
    _cache: dict[tuple[int, ...], FileRules] = field(default_factory=dict, repr=False, compare=False, hash=False)

    def for_path(self, path: Path | str) -> FileRules:
        relative = _relative(Path(path), self.root)
        applying = tuple(i for i, s in enumerate(self.sections) if _section_matches(s, relative, self.formats))
        cached = self._cache.get(applying)
        if cached is None:
            cached = self._cache[applying] = self._resolve([self.sections[i] for i in applying])
        return cached

    def _resolve(self, applying: list[Section]) -> FileRules:
        based_on = self.base.based_on or ()
        checks = dict(self.base.rules)
        token = list(self.base.token_ignores)
        block = list(self.base.block_ignores)
        for section in applying:
            if section.based_on is not None:
                based_on = section.based_on
            checks.update(section.rules)
            token.extend(section.token_ignores)
            block.extend(section.block_ignores)
        active = []
        for rule_id, rule in self.rules.items():
            setting = checks.get(rule_id)
            if setting == OFF:
                continue
            if setting is None and rule.spec.style not in based_on:
                continue
            level = LEVELS.get((setting or "").lower(), rule.spec.level)
            if level < self.min_level:
                continue
            active.append(ActiveRule(rule, level, scopes.parse(effective_scope(rule.spec))))
        asks = frozenset(
            name for name in ("paragraph", "sentence", "summary", "raw") if any(r.scope.asks_for(name) for r in active)
        )
        return FileRules(tuple(active), tuple(token), tuple(block), asks)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _section_matches(section: Section, relative: str, formats: dict[str, str]) -> bool:
    names = [relative]
    suffix = relative.rsplit(".", 1)[-1] if "." in relative else ""
    if suffix in formats:
        names.append(relative[: -len(suffix)] + formats[suffix])
    for glob in section.globs:
        for name in names:
            if section.vale_glob:
                if vale_glob(glob).fullmatch(name) or vale_glob(glob).fullmatch(name.rsplit("/", 1)[-1]):
                    return True
            elif editorial_glob_matches(name, glob):
                return True
    return False


@functools.lru_cache(maxsize=256)
def vale_glob(glob: str) -> regex.Pattern[str]:
    """Vale's (gobwas) glob: ``*`` matches any text, ``{a,b}`` either, ``[!x]`` not x."""
    out = []
    i = 0
    depth = 0
    while i < len(glob):
        char = glob[i]
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "{":
            out.append("(?:")
            depth += 1
        elif char == "}" and depth:
            out.append(")")
            depth -= 1
        elif char == "," and depth:
            out.append("|")
        elif char == "[":
            end = glob.find("]", i + 1)
            if end < 0:
                out.append(regex.escape(char))
            else:
                body = glob[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end
        elif char == "\\" and i + 1 < len(glob):
            out.append(regex.escape(glob[i + 1]))
            i += 1
        else:
            out.append(regex.escape(char))
        i += 1
    return regex.compile("".join(out), regex.S)


# Loading.


def load_config(
    root: Path,
    editorial_styles: dict[str, Any] | None,
    vale_ini: Path | None,
    rules: Path | None = None,
    config_path: Path | None = None,
) -> StyleConfig:
    """The style configuration for a repository; compiled once per process for the same input.

    ``rules`` is the repository's rules folder (``paths.rules``, default ``root/rules``) and
    ``config_path`` its editorial.yaml, which error messages name.
    """
    key = json.dumps(editorial_styles, sort_keys=True, default=str) if editorial_styles is not None else None
    ini_key = None
    if vale_ini is not None:
        try:
            ini_key = (str(vale_ini.resolve()), vale_ini.stat().st_mtime_ns)
        except OSError:
            ini_key = (str(vale_ini), 0)
    rules = (rules or root / "rules").resolve()
    return _load(root.resolve(), key, ini_key, rules, config_path or root / "editorial.yaml")


@functools.lru_cache(maxsize=32)
def _load(
    root: Path, styles_key: str | None, ini_key: tuple[str, int] | None, rules: Path, config_path: Path
) -> StyleConfig:
    styles = json.loads(styles_key) if styles_key is not None else None
    ini = valeini.load(Path(ini_key[0])) if ini_key is not None else None
    if styles is None and ini is not None:
        return _from_vale(ini)
    if styles is None:
        styles = {}
    use_vale = styles.get("vale")
    if ini is None and use_vale:
        found = root / use_vale if isinstance(use_vale, str) else valeini.find(root)
        ini = valeini.load(found) if found and found.is_file() else None
    return _from_editorial(root, styles, ini if use_vale else None, rules, config_path)


@dataclass(frozen=True)
class _IniSettings:
    """What a .vale.ini decides, as sections: its ``[*]`` as the base, then the others in order."""

    base: Section
    sections: tuple[Section, ...]
    styles: tuple[str, ...]  # every style some BasedOnStyles names
    rules: tuple[tuple[str, Path, int], ...]  # every rule turned on by name, and where


def _ini_settings(ini: valeini.ValeIni) -> _IniSettings:
    base = Section(("*",))
    sections = []
    wanted_styles: list[str] = []
    wanted_rules: list[tuple[str, Path, int]] = []
    for section in ini.sections:
        try:
            token = tuple(compile_pattern(p) for p in section.token_ignores)
            block = tuple(compile_pattern(p) for p in section.block_ignores)
        except PatternError as exc:
            raise error(ini.path, section.line, f"invalid pattern in [{section.glob}]: {exc}") from None
        rules = {}
        for rule_id, value in section.rules.items():
            setting = value.strip()
            rules[rule_id] = setting.upper() if setting.upper() in (ON, OFF) else setting.lower()
            if setting.upper() != OFF:
                wanted_rules.append((rule_id, ini.path, section.lines.get(rule_id, section.line)))
        if section.based_on:
            wanted_styles.extend(section.based_on)
        built = Section((section.glob,), section.based_on, rules, token, block, True)
        if section.glob == "*":
            base = built
        else:
            sections.append(built)
    return _IniSettings(base, tuple(sections), tuple(wanted_styles), tuple(wanted_rules))


def _min_alert_level(ini: valeini.ValeIni) -> Severity:
    level = LEVELS.get(ini.min_alert_level)
    if level is None:
        raise error(ini.path, ini.lines.get("MinAlertLevel", 1), f"MinAlertLevel must be suggestion, warning or error, not '{ini.min_alert_level}'")
    return level


def _from_vale(ini: valeini.ValeIni) -> StyleConfig:
    loader = _Loader((ini.styles_path,), ini.path)
    accepted, rejected = vocab.load(ini.styles_path, ini.vocab, ini.path, ini.lines.get("Vocab", 1))
    context = Context(accepted, rejected, ini.word_template)
    settings = _ini_settings(ini)
    min_level = _min_alert_level(ini)
    rules = loader.load(settings.styles, settings.rules, context)
    return StyleConfig(
        root=ini.path.parent,
        origin="vale",
        rules=rules,
        skipped=tuple(loader.skipped),
        base=settings.base,
        sections=settings.sections,
        min_level=min_level,
        skipped_scopes=ini.skipped_scopes or SKIPPED_TAGS,
        ignored_scopes=ini.ignored_scopes or IGNORED_INLINE,
        ignored_classes=ini.ignored_classes,
        formats=ini.formats,
        source=ini.path,
        warnings=tuple(s.warning for s in loader.skipped) + tuple(loader.warnings),
    )


def _from_editorial(
    root: Path, styles: dict[str, Any], ini: valeini.ValeIni | None, folder: Path, config_path: Path
) -> StyleConfig:
    """editorial.yaml's styles; with ``styles.vale``, the .vale.ini's settings first, then these over them.

    The .vale.ini's StylesPath is searched after the rules folder; its sections
    keep Vale's meaning, and the styles of ``styles.use`` run wherever they do.
    """
    bases = (folder if folder.is_dir() else None, ini.styles_path if ini else None, defaults.folder("rules"))
    loader = _Loader(bases, config_path)
    accepted: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()
    if ini is not None:
        accepted, rejected = vocab.load(ini.styles_path, ini.vocab, ini.path, ini.lines.get("Vocab", 1))
    context = Context(accepted, rejected, ini.word_template if ini else "")
    vale = _ini_settings(ini) if ini is not None else _IniSettings(Section(("*",)), (), (), ())
    use = tuple(styles.get("use") or DEFAULT_STYLES)
    overrides = _levels(styles.get("rules") or {}, config_path)
    headings = str(styles.get("headings", "sentence")).strip().lower()
    if headings not in ("sentence", "title", "off"):
        raise error(config_path, None, f"'styles.headings' must be sentence, title or off, not '{headings}'")
    if headings == "off":
        overrides.setdefault(house.HEADINGS_RULE, OFF)
    sections = [
        replace(s, based_on=tuple(dict.fromkeys(use + s.based_on))) if s.based_on is not None else s
        for s in vale.sections
    ]
    wanted_styles = [*use, *vale.styles]
    wanted_rules = [*vale.rules, *((rule_id, config_path, 1) for rule_id, v in overrides.items() if v != OFF)]
    for entry in styles.get("files") or ():
        globs = (entry["files"],) if isinstance(entry["files"], str) else tuple(entry["files"])
        entry_use = tuple(entry["use"]) if entry.get("use") is not None else None
        entry_rules = _levels(entry.get("rules") or {}, config_path)
        wanted_styles.extend(entry_use or ())
        wanted_rules.extend((rule_id, config_path, 1) for rule_id, v in entry_rules.items() if v != OFF)
        sections.append(Section(globs, entry_use, entry_rules, vale_glob=False))
    generated = house.generated_rules(styles, loader.style_folder("House"))
    rules = loader.load(wanted_styles, wanted_rules, context, generated)
    base = replace(
        vale.base,
        based_on=tuple(dict.fromkeys(use + (vale.base.based_on or ()))),
        rules={**vale.base.rules, **overrides},
    )
    if "min_level" in styles or ini is None:
        min_name = str(styles.get("min_level", "suggestion")).strip().lower()
        if min_name not in LEVELS:
            raise error(config_path, None, f"'styles.min_level' must be suggestion, warning or error, not '{min_name}'")
        min_level = LEVELS[min_name]
    else:
        min_level = _min_alert_level(ini)
    return StyleConfig(
        root=root,
        origin="editorial",
        rules=rules,
        skipped=tuple(loader.skipped),
        base=base,
        sections=tuple(sections),
        min_level=min_level,
        skipped_scopes=(ini.skipped_scopes if ini else ()) or SKIPPED_TAGS,
        ignored_scopes=(ini.ignored_scopes if ini else ()) or IGNORED_INLINE,
        ignored_classes=ini.ignored_classes if ini else (),
        formats=ini.formats if ini else {},
        source=ini.path if ini else None,
        warnings=tuple(s.warning for s in loader.skipped) + tuple(loader.warnings),
    )


def _levels(values: dict[str, str], path: Path) -> dict[str, str]:
    out = {}
    for rule_id, value in values.items():
        name = str(value).strip().lower()
        if name in ("off", "no", "false"):
            out[rule_id] = OFF
        elif name in ("on", "yes", "true"):
            out[rule_id] = ON
        elif name in LEVELS:
            out[rule_id] = name
        else:
            raise error(path, None, f"'styles.rules.{rule_id}' must be off, on, suggestion, warning or error, not '{value}'")
    return out


class _Loader:
    """Reads style folders and rule files, each once."""

    def __init__(self, bases: Sequence[Path | None], config: Path) -> None:
        self.bases = [base for base in bases if base is not None]  # where styles are looked for, in order
        self.config = config
        self.skipped: list[Skipped] = []
        self.warnings: list[Problem] = []

    def style_folder(self, style: str) -> Path | None:
        return next((base / style for base in self.bases if (base / style).is_dir()), None)

    def load(
        self,
        styles: Sequence[str],
        rules: Sequence[tuple[str, Path, int]],
        context: Context,
        generated: Sequence[RuleSpec] = (),
    ) -> dict[str, Rule]:
        specs: dict[str, RuleSpec | Skipped] = {}
        for style in dict.fromkeys(styles):
            if style == BUILTIN_STYLE:
                specs.update(vocab.builtin_rules(context))
                continue
            folder = self.style_folder(style)
            if folder is None:
                where = " or ".join(map(str, self.bases)) or "the rules folder"
                raise error(self.config, None, f"style '{style}' not found in {where}")
            for path in sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")):
                rule_id = f"{style}.{path.stem}"
                specs[rule_id] = read(path, rule_id)
        for rule_id, where, line in rules:
            if rule_id in specs or "." not in rule_id:
                continue
            style, name = rule_id.split(".", 1)
            if style == BUILTIN_STYLE:
                builtin = vocab.builtin_rules(context)
                if rule_id in builtin:
                    specs[rule_id] = builtin[rule_id]
                continue
            folder = self.style_folder(style)
            path = next((folder / f"{name}{ext}" for ext in (".yml", ".yaml") if folder and (folder / f"{name}{ext}").is_file()), None)
            if path is None:
                # Vale passes over a rule its configuration names but no style defines.
                self.warnings.append(Problem(where, line, f"rule '{rule_id}' not found (no {style}/{name}.yml in the styles folder)"))
                continue
            specs[rule_id] = read(path, rule_id)
        for spec in generated:
            specs[spec.id] = spec
        compiled: dict[str, Rule] = {}
        problems: list[Problem] = []
        for rule_id, spec in specs.items():
            if isinstance(spec, Skipped):
                self.skipped.append(spec)
                continue
            try:
                compiled[rule_id] = compile_rule(spec, context)
            except EditorialError as exc:
                problems.extend(exc.problems)
        if problems:
            raise EditorialError(*problems)
        return compiled
