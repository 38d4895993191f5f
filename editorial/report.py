"""Findings as text for people, editors' error parsers, CI and code-scanning tools."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from collections.abc import Sequence

from editorial import __version__
from editorial.errors import Problem, display_path
from editorial.lint.findings import Finding, Severity
from editorial.table import plural

FORMATS = ("text", "line", "json", "github", "sarif")
JSON_SCHEMA_VERSION = 1
_COLOURS = {Severity.error: "\033[31m", Severity.warning: "\033[33m", Severity.suggestion: "\033[36m"}
_RESET = "\033[0m"


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


def summary(findings: Sequence[Finding], files: int, baseline: Baseline | None = None) -> str:
    counts = Counter(f.severity for f in findings)
    parts = [plural(counts[level], level.name) for level in sorted(Severity, reverse=True)]
    return f"{', '.join(parts)} in {plural(files, 'file')}" + (f"; {baseline}" if baseline else "")


def text(findings: Sequence[Finding], files: int, colour: bool = False, baseline: Baseline | None = None) -> str:
    lines = []
    for f in findings:
        level = f.severity.name
        if colour:
            level = f"{_COLOURS[f.severity]}{level}{_RESET}"
        also = f" (also {', '.join(f.also)})" if f.also else ""
        lines.append(f"{display_path(f.path)}:{f.line}:{f.column}: {level} {f.rule} {f.message}{also}")
    lines.append(summary(findings, files, baseline))
    return "\n".join(lines) + "\n"


def line(findings: Sequence[Finding]) -> str:
    """Vale's line format, which editors' error parsers read."""
    return "".join(f"{display_path(f.path)}:{f.line}:{f.column}:{f.rule}:{f.message}\n" for f in findings)


def as_json(findings: Sequence[Finding], files: int, errors: Sequence[Problem], baseline: Baseline | None = None) -> str:
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
            }
            for f in findings
        ],
        "errors": [{"path": display_path(e.path), "line": e.line, "message": e.message} for e in errors],
    }
    if baseline is not None:
        document["baseline"] = {"path": baseline.path, "known": baseline.known, "recorded": baseline.recorded}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


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
