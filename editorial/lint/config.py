"""The ``lint:`` part of editorial.yaml: which rules run, at which severity, where."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from editorial import site as sites
from editorial.errors import EditorialError, Problem
from editorial.globs import matches
from editorial.lint import profiles
from editorial.lint.findings import Severity
from editorial.settings import Settings

OFF = "off"


@dataclass(frozen=True)
class RuleFilter:
    """Rule ids or prefixes: ``proselint`` covers ``proselint.typography.symbols``."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity | None] = field(default_factory=dict)  # None: off
    word_limit: int | None = None

    @property
    def levelled(self) -> tuple[str, ...]:
        """The rules and prefixes given a level: they report whatever the profile."""
        return tuple(rule for rule, level in self.severity.items() if level is not None)


@dataclass(frozen=True)
class Override:
    globs: tuple[str, ...]
    rules: RuleFilter


@dataclass(frozen=True)
class LintConfig:
    profile: str = profiles.DEFAULT
    min_severity: Severity = Severity.suggestion
    rules: RuleFilter = RuleFilter()
    overrides: tuple[Override, ...] = ()
    static: tuple[Path, ...] = ()
    site: sites.Site = sites.Site()
    baseline: Path | None = None
    # House rules editorial.yaml's styles: part chooses (a level in styles.rules, styles.headings):
    # like a level in lint.severity, they report whatever the profile.
    chosen_styles: tuple[str, ...] = ()
    frontmatter: tuple[tuple[str, str | dict[str, Any]], ...] = ()
    # A Markdown file larger than this is not linted but reported: at proselint's
    # pace (about half a megabyte a second) it would hold up every commit.
    max_file_kib: int = 2048

    def for_file(self, relative: str) -> RuleFilter:
        """The rule settings for one file (a path relative to the repository, with '/')."""
        rules = self.rules
        for override in self.overrides:
            if any(matches(relative, glob) for glob in override.globs):
                rules = RuleFilter(
                    select=override.rules.select or rules.select,
                    ignore=rules.ignore + override.rules.ignore,
                    severity={**rules.severity, **override.rules.severity},
                    word_limit=override.rules.word_limit if override.rules.word_limit is not None else rules.word_limit,
                )
        return rules

    def with_cli(
        self, min_severity: str | None, select: list[str], ignore: list[str], profile: str | None = None
    ) -> LintConfig:
        """Command-line options win over the file's."""
        rules = replace(
            self.rules,
            select=tuple(select) or self.rules.select,
            ignore=self.rules.ignore + tuple(ignore),
        )
        level = Severity.parse(min_severity) if min_severity else self.min_severity
        overrides = tuple(
            replace(o, rules=replace(o.rules, select=tuple(select) or o.rules.select)) for o in self.overrides
        )
        return replace(self, profile=profile or self.profile, min_severity=level, rules=rules, overrides=overrides)


def selected(rule: str, rules: RuleFilter) -> bool:
    if rules.select and not any(profiles.covers(prefix, rule) for prefix in rules.select):
        return False
    return not any(profiles.covers(prefix, rule) for prefix in rules.ignore)


def severity_of(rule: str, default: Severity, rules: RuleFilter) -> Severity | None:
    """The severity a finding gets: the most specific override, or its default (None: off)."""
    best = -1
    chosen: Severity | None = default
    for prefix, level in rules.severity.items():
        if profiles.covers(prefix, rule) and len(prefix) > best:
            best, chosen = len(prefix), level
    return chosen


def load(settings: Settings) -> LintConfig:
    data = settings.data.get("lint") or {}
    site = sites.find(settings.root)
    problems: list[Problem] = []

    def level(value: str | bool, key: tuple[str | int, ...], allow_off: bool) -> Severity | None:
        if allow_off and (value is False or str(value).strip().lower() == OFF):
            return None
        try:
            return Severity.parse(str(value))
        except KeyError:
            where = settings.source.line(("lint", *key)) if settings.source else None
            choices = "error, warning, suggestion" + (" or off" if allow_off else "")
            problems.append(Problem(settings.config_path or "editorial.yaml", where, f"'{value}' is not a severity ({choices})"))
            return None

    def rule_filter(part: dict[str, Any], key: tuple[str | int, ...]) -> RuleFilter:
        return RuleFilter(
            select=tuple(part.get("select") or ()),
            ignore=tuple(part.get("ignore") or ()),
            severity={
                rule: level(value, (*key, "severity", rule), allow_off=True)
                for rule, value in (part.get("severity") or {}).items()
            },
            word_limit=part.get("word_limit"),
        )

    profile = str(data.get("profile", profiles.DEFAULT))
    if profile not in profiles.PROFILES:
        where = settings.source.line(("lint", "profile")) if settings.source else None
        choices = " or ".join(profiles.PROFILES)
        problems.append(Problem(settings.config_path or "editorial.yaml", where, f"'{profile}' is not a profile ({choices})"))
    config = LintConfig(
        profile=profile,
        min_severity=level(data["min_severity"], ("min_severity",), allow_off=False) or Severity.suggestion
        if "min_severity" in data
        else Severity.suggestion,
        rules=rule_filter(data, ()),
        overrides=tuple(
            Override(
                (o["files"],) if isinstance(o["files"], str) else tuple(o["files"]),
                rule_filter(o, ("overrides", index)),
            )
            for index, o in enumerate(data.get("overrides") or ())
        ),
        static=tuple(settings.root / s for s in data["static"]) if data.get("static") else site.static or (settings.root / "static",),
        site=site,
        baseline=settings.root / data["baseline"] if data.get("baseline") else None,
        chosen_styles=_chosen_styles(settings.data.get("styles") or {}),
        frontmatter=tuple((data.get("frontmatter") or {}).items()),
        max_file_kib=data.get("max_file_kib", 2048),
    )
    if problems:
        raise EditorialError(*problems)
    return config


def _chosen_styles(styles: dict[str, Any]) -> tuple[str, ...]:
    chosen = [rule for rule, level in (styles.get("rules") or {}).items() if str(level).strip().lower() != OFF]
    if str(styles.get("headings", OFF)).strip().lower() != OFF:
        chosen.append("House.Headings")
    return tuple(chosen)
