"""``editorial lint`` as one call: the options of a run in, its findings and warnings out."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from editorial.errors import EditorialError, Problem
from editorial.lint import baseline, checks, profiles, runner
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
    baseline: Path | None = None  # default: lint.baseline in editorial.yaml
    update_baseline: bool = False  # record today's findings in it instead of reporting them


@dataclass(frozen=True)
class Outcome:
    result: runner.LintResult  # its findings less those of the baseline
    warnings: tuple[str, ...]  # rule files skipped, checks that could not run
    settings: Settings
    baseline: Path | None = None
    in_baseline: int = 0  # findings not reported: the baseline has them
    recorded: int | None = None  # --update-baseline: the entries written

    @property
    def exit_code(self) -> int:
        if self.result.errors:
            return 2
        return 1 if any(f.severity is Severity.error for f in self.result.findings) else 0


def run(
    options: Options,
    start: Path | None = None,
    sources: Mapping[Path, bytes] | None = None,
    learned_from: Sequence[Path] = (),
    progress: Callable[[Any], None] | None = None,
) -> Outcome:
    """``sources``: files (by absolute path) to lint as given there, not as on disk (a fix not yet written);
    ``learned_from``: what the house vocabulary is learned from where editorial.yaml does not say (default:
    what is linted), so that a file linted again on its own knows the words it knew with the others;
    ``progress`` gets LanguageTool's progress records (from another thread) while it asks."""
    start = start or Path.cwd()
    if options.min_severity is not None and options.min_severity.strip().lower() not in Severity.__members__:
        raise EditorialError(Problem("--min-severity", None, f"'{options.min_severity}' is not suggestion, warning or error"))
    if options.profile is not None and options.profile not in profiles.PROFILES:
        raise EditorialError(Problem("--profile", None, f"'{options.profile}' is not a profile ({' or '.join(profiles.PROFILES)})"))
    settings = load(options.config, start, required=False)
    config = lint_config.load(settings).with_cli(
        options.min_severity, list(options.select), list(options.ignore), options.profile
    )
    chosen_baseline = options.baseline or config.baseline
    if options.update_baseline and chosen_baseline is None:
        raise EditorialError(Problem("--update-baseline", None, "name the file: --baseline FILE (or lint.baseline in editorial.yaml)"))
    known = baseline.read(chosen_baseline) if chosen_baseline is not None and not options.update_baseline else None
    targets = list(options.paths) or default_targets(settings, start)
    chosen = checks.select(settings, start, options.languagetool, options.require_languagetool, options.use_cache)
    result = runner.lint(
        settings, config, targets, chosen.checks, options.use_cache, chosen.suffixes,
        sources=sources, learned_from=learned_from or None, progress=progress,
    )
    warnings = (*map(str, chosen.warnings), *result.warnings)
    if options.update_baseline and chosen_baseline is not None:
        recorded = baseline.write(chosen_baseline, result.findings, settings.root)
        return Outcome(replace(result, findings=()), warnings, settings, chosen_baseline, len(result.findings), recorded)
    if known is None:
        return Outcome(result, warnings, settings)
    new, hidden = known.split(result.findings, settings.root)
    return Outcome(replace(result, findings=tuple(new)), warnings, settings, chosen_baseline, hidden)


def default_targets(settings: Settings, start: Path) -> list[Path]:
    """What ``editorial lint`` lints when no path is named: the issues folder, else the working directory."""
    return [settings.paths.issues if settings.paths.issues.is_dir() else start]
