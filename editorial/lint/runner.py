"""``editorial lint``: files in, every check over each parsed document, findings out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.errors import EditorialError, Problem, display_path
from editorial.lint import suppress
from editorial.lint.config import LintConfig, RuleFilter, selected, severity_of
from editorial.lint.context import Context
from editorial.lint.findings import Finding
from editorial.settings import Settings

if TYPE_CHECKING:
    from editorial.document import Document

Check = Callable[["Document", Context], Iterable[Finding]]
MARKDOWN_SUFFIXES = (".md", ".markdown")
_SKIPPED_FOLDERS = {"node_modules", "__pycache__"}


@dataclass(frozen=True)
class NamedCheck:
    prefix: str  # every rule id of the check starts with it
    run: Check


@dataclass(frozen=True)
class LintResult:
    findings: tuple[Finding, ...]
    errors: tuple[Problem, ...]  # files that could not be read: exit code 2
    files: int


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """The Markdown files named, or found in the folders named (hidden folders skipped)."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.suffix.lower() in MARKDOWN_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") or part in _SKIPPED_FOLDERS for part in p.relative_to(path).parts[:-1])
            )
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem(path, None, "no such file or folder"))
    return list(dict.fromkeys(found)), problems


def might_report(prefix: str, rules: RuleFilter) -> bool:
    """Whether any rule under ``prefix`` could survive --select/--ignore: else skip the check."""
    if any(prefix == i or prefix.startswith(i + ".") for i in rules.ignore):
        return False
    if not rules.select:
        return True
    return any(s == prefix or s.startswith(prefix + ".") or prefix.startswith(s + ".") for s in rules.select)


def lint(settings: Settings, config: LintConfig, paths: Sequence[Path], checks: Sequence[NamedCheck]) -> LintResult:
    from editorial import document as documents

    context = Context(settings, config)
    files, errors = discover(paths)
    findings: list[Finding] = []
    for path in files:
        try:
            document = documents.read(path)
        except EditorialError as exc:
            errors.extend(exc.problems)
            continue
        findings.extend(lint_document(document, context, checks))
    findings.sort(key=lambda f: f.sort_key)
    return LintResult(tuple(findings), tuple(errors), len(files))


def lint_document(document: Document, context: Context, checks: Sequence[NamedCheck]) -> list[Finding]:
    rules = context.rules_for(Path(document.path))
    hidden = suppress.parse(document.source)
    where = display_path(document.path)
    kept = []
    for named in checks:
        if not might_report(named.prefix, rules):
            continue
        for finding in named.run(document, context):
            if not selected(finding.rule, rules):
                continue
            level = severity_of(finding.rule, finding.severity, rules)
            if level is None or level < context.config.min_severity or hidden.covers(finding):
                continue
            kept.append(replace(finding, path=where, severity=level))
    return kept
