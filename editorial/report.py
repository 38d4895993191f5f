"""Findings as text for people, editors' error parsers, CI and code-scanning tools."""

from __future__ import annotations

import json
import textwrap
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from editorial import __version__
from editorial.errors import EditorialError, Problem, display_path
from editorial.lines import LINE_BREAK, Lines, offset_in
from editorial.lint.findings import Finding, Fix, Severity
from editorial.table import format_table, plural
from editorial.terminal import columns, printable

FORMATS = ("text", "line", "json", "github", "sarif")
JSON_SCHEMA_VERSION = 1
_COLOURS = {Severity.error: "red", Severity.warning: "yellow", Severity.suggestion: "cyan"}
# Columns of a terminal narrower than this are taken as this: the layout needs some room.
_NARROWEST = 40
_TAB = 4  # columns a tab of a quoted line takes: the line is shown cut, so its own tab stops mean nothing
_ELLIPSIS = "…"
_SUGGESTIONS_SHOWN = 5


@dataclass(frozen=True)
class Baseline:
    """What a run did with its baseline: ``known`` findings not shown; ``recorded``: entries written (an update)."""

    path: str
    known: int
    recorded: int | None = None

    def __str__(self) -> str:
        if self.recorded is not None:
            return f"recorded {plural(self.known, 'finding')} in the baseline {self.path} ({self.recorded} {'entry' if self.recorded == 1 else 'entries'})"
        return f"{plural(self.known, 'finding')} in the baseline {self.path} not shown"


@dataclass(frozen=True)
class Fixed:
    """What ``--fix`` did: ``findings`` fixed in ``files`` files."""

    findings: int
    files: int

    def __str__(self) -> str:
        return f"fixed {self.counts}"

    @property
    def counts(self) -> str:
        return f"{plural(self.findings, 'finding')} in {plural(self.files, 'file')}"


def summary(
    findings: Sequence[Finding], files: int, baseline: Baseline | None = None, fixed: Fixed | None = None, unsafe: bool = False
) -> str:
    """The counts per severity, and what fixes would do: ``unsafe``, when unsafe fixes were asked for too."""
    counts = Counter(f.severity for f in findings)
    parts = [plural(counts[level], level.name) for level in sorted(Severity, reverse=True)]
    after = [str(part) for part in (fixed, baseline) if part]
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    risky = sum(1 for f in findings if f.fix is not None and not f.fix.safe)
    if unsafe and safe + risky:
        after.append(f"{safe + risky} fixable with --fix --unsafe-fixes")
    elif safe:
        after.append(f"{safe} fixable with --fix" + (f" ({risky} more with --unsafe-fixes)" if risky else ""))
    elif risky:
        after.append(f"{risky} fixable with --fix --unsafe-fixes")
    return f"{', '.join(parts)} in {plural(files, 'file')}" + "".join(f"; {part}" for part in after)


def one_line(message: str) -> str:
    """A message as one line a terminal shows as it is: its line breaks made spaces, controls escaped."""
    return printable(" ".join(LINE_BREAK.split(message)))


def text(
    findings: Sequence[Finding],
    files: int,
    colour: bool = False,
    baseline: Baseline | None = None,
    fixed: Fixed | None = None,
    unsafe: bool = False,
    statistics: bool = False,
) -> str:
    """The compact form, one ``path:line:col: severity rule message`` line per finding, which editors and scripts parse."""
    lines = []
    for f in findings:
        level = _paint(f.severity.name, colour, fg=_COLOURS[f.severity])
        also = f" (also {', '.join(f.also)})" if f.also else ""
        lines.append(f"{display_path(f.path)}:{f.line}:{f.column}: {level} {f.rule} {one_line(f.message)}{also}")
    if statistics:
        lines.append(per_rule(findings))
    lines.append(summary(findings, files, baseline, fixed, unsafe))
    return "\n".join(lines) + "\n"


def full(
    findings: Sequence[Finding],
    files: int,
    sources: Mapping[str, str],
    width: int = 80,
    colour: bool = False,
    baseline: Baseline | None = None,
    fixed: Fixed | None = None,
    unsafe: bool = False,
    statistics: bool = False,
) -> str:
    """The report an editor reads on a terminal: findings grouped by file, each with its source line
    (``sources``: the files' texts, by path as in the findings), the span underlined, and the fix or the
    replacements offered. Lines are cut around the span to fit ``width`` columns."""
    width = max(width, _NARROWEST)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.path].append(finding)
    out: list[str] = []
    for path, found in by_file.items():
        out.append(_paint(printable(display_path(path)), colour, bold=True, underline=True))
        source = sources.get(path)
        lines = Lines(source) if source is not None else None
        for finding in found:
            out.extend(_entry(finding, source, lines, width, colour))
            out.append("")
    if statistics:
        out.extend([per_rule(findings), ""])
    out.append(_paint(summary(findings, files, baseline, fixed, unsafe), colour, bold=True))
    return "\n".join(out) + "\n"


def read_sources(findings: Sequence[Finding]) -> dict[str, str]:
    """The texts of the files the findings are in, for :func:`full`; one that can no longer be read is left out."""
    from editorial.files import decode, read_bytes

    texts: dict[str, str] = {}
    for path in dict.fromkeys(f.path for f in findings):
        try:
            texts[path] = decode(read_bytes(path), path)  # type: ignore[arg-type]
        except EditorialError:
            continue
    return texts


def per_rule(findings: Sequence[Finding]) -> str:
    """``--statistics``: how many findings each rule has, at which severity, and how many of them a fix resolves."""
    counts: Counter[str] = Counter(f.rule for f in findings)
    worst: dict[str, Severity] = {}
    fixable: Counter[str] = Counter()
    for f in findings:
        worst[f.rule] = max(worst.get(f.rule, f.severity), f.severity)
        if f.fix is not None:
            fixable[f.rule] += 1
    rows = [(count, rule, worst[rule].name, fixable[rule] or "") for rule, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return format_table(("FINDINGS", "RULE", "SEVERITY", "FIXABLE"), rows)


def _entry(finding: Finding, source: str | None, lines: Lines | None, width: int, colour: bool) -> list[str]:
    where = f"{finding.line}:{finding.column}"
    level = _paint(finding.severity.name, colour, fg=_COLOURS[finding.severity], bold=True)
    head = f"{_paint(where, colour, dim=True)} {level} {finding.rule}"
    out = [head]
    if finding.also:
        also = f"(also {', '.join(finding.also)})"
        if len(where) + len(finding.severity.name) + len(finding.rule) + len(also) + 3 <= width:
            out[0] += f" {also}"
        else:
            out.append(f"  {also}")
    out.extend(textwrap.wrap(one_line(finding.message), width, initial_indent="  ", subsequent_indent="  ", break_long_words=False, break_on_hyphens=False) or ["  "])
    if source is not None and lines is not None and finding.line <= len(lines.starts):
        out.extend(_quoted(finding, source, lines, width, colour))
    remedy = _remedy(finding, source, lines)
    if remedy:
        label, rest = remedy
        shown = f"  {_paint(label, colour, fg='green' if label == 'fix:' else 'yellow', bold=True)} {rest}"
        out.append(shown)
    return out


def _quoted(finding: Finding, source: str, lines: Lines, width: int, colour: bool) -> list[str]:
    """The finding's line, cut around its span to fit, and a line of carets under the span."""
    index = finding.line - 1
    text = source[lines.starts[index] : lines.ends[index]]
    start = min(finding.column - 1, len(text))
    if finding.end_line == finding.line and finding.end_column is not None:
        end = min(max(finding.end_column - 1, start), len(text))
    elif finding.end_line is not None and finding.end_line > finding.line:
        end = len(text)
    else:
        end = start
    cells = [_shown(char) for char in text]
    # A tab is as wide as the tab stop it reaches, here counted from the start of the line.
    at = 0
    for i, char in enumerate(text):
        if char == "\t":
            cells[i] = " " * (_TAB - at % _TAB)
        at += columns(cells[i])
    number = str(finding.line)
    gutter = f"  {number} | "
    room = width - len(gutter)
    first, last = _window(cells, start, end, room)
    shown = (_ELLIPSIS if first > 0 else "") + "".join(cells[first:last]) + (_ELLIPSIS if last < len(cells) else "")
    before = (1 if first > 0 else 0) + sum(columns(c) for c in cells[first:start])
    under = max(1, sum(columns(c) for c in cells[start:min(end, last)]))
    bar = _paint("|", colour, fg="blue")
    carets = _paint("^" * under, colour, fg=_COLOURS[finding.severity], bold=True)
    return [
        f"  {_paint(number, colour, fg='blue')} {bar} {shown}".rstrip(),
        f"  {' ' * len(number)} {bar} {' ' * before}{carets}",
    ]


def _shown(char: str) -> str:
    return char if char.isprintable() else printable(char)


def _window(cells: list[str], start: int, end: int, room: int) -> tuple[int, int]:
    """Which characters of the line to show in ``room`` columns: all of them if they fit, else the span
    with as much on either side as fits (a third of what is left before it), an ellipsis at each cut end."""
    sizes = [columns(c) for c in cells]
    if sum(sizes) <= room:
        return 0, len(cells)
    room -= 2  # an ellipsis at either end
    span = sum(sizes[start:end])
    first, last = start, start
    used = 0
    # The span first, cut if it alone is too long; then context before it, then after it.
    while last < end and used + sizes[last] <= room:
        used += sizes[last]
        last += 1
    if last < end:
        return first, last
    budget_before = (room - span) // 3
    while first > 0 and used + sizes[first - 1] <= room and sum(sizes[first - 1 : start]) <= budget_before:
        first -= 1
        used += sizes[first]
    while last < len(cells) and used + sizes[last] <= room:
        used += sizes[last]
        last += 1
    while first > 0 and used + sizes[first - 1] <= room:  # the line ended: what is left goes before
        first -= 1
        used += sizes[first]
    return first, last


def _remedy(finding: Finding, source: str | None, lines: Lines | None) -> tuple[str, str] | None:
    """What resolves the finding: its fix (safe or not), else the replacements it offers."""
    if finding.fix is not None:
        label = "fix:" if finding.fix.safe else "unsafe fix:"
        return label, _edit(finding.fix, source, lines)
    if finding.replacements:
        shown = [_quote(r) for r in finding.replacements[:_SUGGESTIONS_SHOWN]]
        more = len(finding.replacements) - _SUGGESTIONS_SHOWN
        return "suggestion:" if len(finding.replacements) == 1 else "suggestions:", ", ".join(shown) + (f" and {more} more" if more > 0 else "")
    return None


def _edit(fix: Fix, source: str | None, lines: Lines | None) -> str:
    old = None
    if source is not None and lines is not None and fix.end_line <= len(lines.starts):
        start = offset_in(lines.starts, len(source), fix.line, fix.column)
        end = offset_in(lines.starts, len(source), fix.end_line, fix.end_column)
        old = source[start:end]
    if old == "":
        return f"insert {_quote(fix.text)}"
    if fix.text == "" and old is not None:
        return f"delete {_quote(old)}"
    return f"replace {_quote(old)} with {_quote(fix.text)}" if old is not None else f"write {_quote(fix.text)}"


def _quote(text: str) -> str:
    return "'" + one_line(text) + "'"


def _paint(text: str, colour: bool, **style: Any) -> str:
    if not colour or not text:
        return text
    import typer

    return typer.style(text, **style)


def line(findings: Sequence[Finding]) -> str:
    """Vale's line format, which editors' error parsers read."""
    return "".join(f"{display_path(f.path)}:{f.line}:{f.column}:{f.rule}:{one_line(f.message)}\n" for f in findings)


def as_json(
    findings: Sequence[Finding], files: int, errors: Sequence[Problem], baseline: Baseline | None = None, fixed: Fixed | None = None
) -> str:
    counts = Counter(f.severity.name for f in findings)
    document = {
        "version": JSON_SCHEMA_VERSION,
        "files": files,
        "summary": {level.name: counts[level.name] for level in sorted(Severity, reverse=True)},
        "findings": [
            {
                "path": display_path(f.path),
                "line": f.line,
                "column": f.column,
                "end_line": f.end_line,
                "end_column": f.end_column,
                "rule": f.rule,
                "severity": f.severity.name,
                "message": f.message,
                "replacements": list(f.replacements),
                "link": f.link,
                "also": list(f.also),
                "fingerprint": f.fingerprint,
                "matched": f.matched,
                "fix": _fix_json(f.fix),
            }
            for f in findings
        ],
        "errors": [{"path": display_path(e.path), "line": e.line, "message": e.message} for e in errors],
    }
    if baseline is not None:
        document["baseline"] = {"path": baseline.path, "known": baseline.known, "recorded": baseline.recorded}
    if fixed is not None:
        document["fixed"] = {"findings": fixed.findings, "files": fixed.files}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _fix_json(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "line": fix.line, "column": fix.column, "end_line": fix.end_line, "end_column": fix.end_column,
        "text": fix.text, "safe": fix.safe,
    }


def github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands: annotations on the pull request's files."""
    command = {Severity.error: "error", Severity.warning: "warning", Severity.suggestion: "notice"}
    out = []
    for f in findings:
        props = [f"file={_escape_property(display_path(f.path))}", f"line={f.line}", f"col={f.column}"]
        if f.end_line is not None and f.end_column is not None:
            props += [f"endLine={f.end_line}", f"endColumn={f.end_column}"]
        props.append(f"title={_escape_property(f.rule)}")
        out.append(f"::{command[f.severity]} {','.join(props)}::{_escape_data(f.message)}\n")
    return "".join(out)


def sarif(findings: Sequence[Finding], descriptions: dict[str, str]) -> str:
    levels = {Severity.error: "error", Severity.warning: "warning", Severity.suggestion: "note"}
    rules = sorted({f.rule for f in findings})
    index = {rule: i for i, rule in enumerate(rules)}
    results = []
    for f in findings:
        region: dict[str, int] = {"startLine": f.line, "startColumn": f.column}
        if f.end_line is not None and f.end_column is not None:
            region |= {"endLine": f.end_line, "endColumn": f.end_column}
        result: dict[str, object] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": levels[f.severity],
            "message": {"text": f.message},
            "locations": [
                {"physicalLocation": {"artifactLocation": {"uri": display_path(f.path)}, "region": region}}
            ],
        }
        if f.fingerprint:
            result["partialFingerprints"] = {"editorial/v1": f.fingerprint}
        if f.fix is not None:
            # SARIF's fix: the region deleted, what is inserted there; its columns are code points too (columnKind).
            deleted = {"startLine": f.fix.line, "startColumn": f.fix.column, "endLine": f.fix.end_line, "endColumn": f.fix.end_column}
            result["fixes"] = [
                {
                    "description": {"text": "safe fix" if f.fix.safe else "unsafe fix (--unsafe-fixes)"},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": display_path(f.path)},
                            "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": f.fix.text}}],
                        }
                    ],
                }
            ]
        properties = {"replacements": list(f.replacements), "also": list(f.also)}
        if any(properties.values()):
            result["properties"] = {name: value for name, value in properties.items() if value}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "editorial",
                        "version": __version__,
                        "rules": [
                            {"id": rule, "shortDescription": {"text": descriptions.get(rule, rule)}}
                            for rule in rules
                        ],
                    }
                },
                # Our columns count code points, not SARIF's default UTF-16 code units.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
