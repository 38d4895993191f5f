"""``editorial lint`` as one call: the options of a run in, its findings and warnings out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from editorial.errors import EditorialError, Problem
from editorial.lint import checks, profiles, runner
from editorial.lint import config as lint_config
from editorial.lint.findings import Severity
from editorial.settings import Settings, load


@dataclass(frozen=True)
class Options:
    paths: tuple[Path, ...] = ()  # default: the issues folder, else the working directory
    config: Path | None = None
    min_severity: str | None = None
    profile: str | None = None  # default: lint.profile in editorial.yaml, else "default"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    languagetool: bool = True
    require_languagetool: bool = False
    use_cache: bool = True


@dataclass(frozen=True)
class Outcome:
    result: runner.LintResult
    warnings: tuple[str, ...]  # rule files skipped, checks that could not run
    settings: Settings

    @property
    def exit_code(self) -> int:
        if self.result.errors:
            return 2
        return 1 if any(f.severity is Severity.error for f in self.result.findings) else 0


def run(options: Options, start: Path | None = None) -> Outcome:
    start = start or Path.cwd()
    if options.min_severity is not None and options.min_severity.strip().lower() not in Severity.__members__:
        raise EditorialError(Problem("--min-severity", None, f"'{options.min_severity}' is not suggestion, warning or error"))
    if options.profile is not None and options.profile not in profiles.PROFILES:
        raise EditorialError(Problem("--profile", None, f"'{options.profile}' is not a profile ({' or '.join(profiles.PROFILES)})"))
    settings = load(options.config, start, required=False)
    config = lint_config.load(settings).with_cli(
        options.min_severity, list(options.select), list(options.ignore), options.profile
    )
    targets = list(options.paths) or [settings.paths.issues if settings.paths.issues.is_dir() else start]
    chosen = checks.select(settings, start, options.languagetool, options.require_languagetool, options.use_cache)
    result = runner.lint(settings, config, targets, chosen.checks, options.use_cache, chosen.suffixes)
    return Outcome(result, (*map(str, chosen.warnings), *result.warnings), settings)
