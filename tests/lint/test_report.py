from __future__ import annotations

import json

from editorial import report
from editorial.errors import Problem
from editorial.lint.findings import Finding, Severity

FINDINGS = [
    Finding(
        "a.md", 3, 7, "proselint.uncomparables", Severity.error, "Not comparable: 'very unique'.", 3, 18, ("unique",),
        also=("languagetool.VERY_UNIQUE", "Google.Very"), fingerprint="4b1f0c9e2d7a61c3b8e5", matched="very unique",
    ),
    Finding("b, c.md", 1, 2, "markdown.heading:level", Severity.suggestion, "100% wrong\nreally", None, None),
]


def test_text_and_summary() -> None:
    assert report.text(FINDINGS, 4) == (
        "a.md:3:7: error proselint.uncomparables Not comparable: 'very unique'. (also languagetool.VERY_UNIQUE, Google.Very)\n"
        "b, c.md:1:2: suggestion markdown.heading:level 100% wrong\nreally\n"
        "1 error, 0 warnings, 1 suggestion in 4 files\n"
    )
    assert report.text([], 1) == "0 errors, 0 warnings, 0 suggestions in 1 file\n"
    assert report.text(FINDINGS[:1], 1, colour=True).startswith("a.md:3:7: \033[31merror\033[0m proselint")


def test_the_summary_says_what_the_baseline_hid_or_recorded() -> None:
    hid = report.Baseline(".editorial-baseline.json", 3)
    assert report.text(FINDINGS[1:], 2, baseline=hid) == (
        "b, c.md:1:2: suggestion markdown.heading:level 100% wrong\nreally\n"
        "0 errors, 0 warnings, 1 suggestion in 2 files; 3 findings in the baseline .editorial-baseline.json not shown\n"
    )
    one = report.Baseline("base.json", 1, recorded=1)
    assert report.summary([], 1, one) == (
        "0 errors, 0 warnings, 0 suggestions in 1 file; recorded 1 finding in the baseline base.json (1 entry)"
    )
    assert report.summary([], 1, report.Baseline("base.json", 5, recorded=4)).endswith("recorded 5 findings in the baseline base.json (4 entries)")
    data = json.loads(report.as_json([], 1, [], baseline=report.Baseline("base.json", 5, recorded=4)))
    assert data["baseline"] == {"path": "base.json", "known": 5, "recorded": 4}
    assert json.loads(report.as_json([], 1, [], baseline=hid))["baseline"] == {"path": ".editorial-baseline.json", "known": 3, "recorded": None}


def test_line_is_vale_format() -> None:
    assert report.line(FINDINGS[:1]) == "a.md:3:7:proselint.uncomparables:Not comparable: 'very unique'.\n"


def test_json_schema() -> None:
    data = json.loads(report.as_json(FINDINGS, 2, [Problem("x.md", 1, "not UTF-8 text")]))
    assert data == {  # no "baseline" key: no baseline in use
        "version": 1,
        "files": 2,
        "summary": {"error": 1, "warning": 0, "suggestion": 1},
        "findings": [
            {
                "path": "a.md", "line": 3, "column": 7, "end_line": 3, "end_column": 18,
                "rule": "proselint.uncomparables", "severity": "error",
                "message": "Not comparable: 'very unique'.", "replacements": ["unique"], "link": None,
                "also": ["languagetool.VERY_UNIQUE", "Google.Very"],
                "fingerprint": "4b1f0c9e2d7a61c3b8e5", "matched": "very unique",
            },
            {
                "path": "b, c.md", "line": 1, "column": 2, "end_line": None, "end_column": None,
                "rule": "markdown.heading:level", "severity": "suggestion",
                "message": "100% wrong\nreally", "replacements": [], "link": None, "also": [],
                "fingerprint": "", "matched": "",
            },
        ],
        "errors": [{"path": "x.md", "line": 1, "message": "not UTF-8 text"}],
    }


def test_github_annotations_escape_their_separators() -> None:
    assert report.github(FINDINGS) == (
        "::error file=a.md,line=3,col=7,endLine=3,endColumn=18,title=proselint.uncomparables"
        "::Not comparable: 'very unique'.\n"
        "::notice file=b%2C c.md,line=1,col=2,title=markdown.heading%3Alevel::100%25 wrong%0Areally\n"
    )


def test_sarif_2_1_0() -> None:
    log = json.loads(report.sarif(FINDINGS, {"proselint.uncomparables": "Uncomparables."}))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "editorial"
    assert run["tool"]["driver"]["rules"] == [
        {"id": "markdown.heading:level", "shortDescription": {"text": "markdown.heading:level"}},
        {"id": "proselint.uncomparables", "shortDescription": {"text": "Uncomparables."}},
    ]
    assert run["results"][0] == {
        "ruleId": "proselint.uncomparables",
        "ruleIndex": 1,
        "level": "error",
        "message": {"text": "Not comparable: 'very unique'."},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "a.md"},
                    "region": {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 18},
                }
            }
        ],
        "partialFingerprints": {"editorial/v1": "4b1f0c9e2d7a61c3b8e5"},
        "properties": {"replacements": ["unique"], "also": ["languagetool.VERY_UNIQUE", "Google.Very"]},
    }
    assert run["results"][1]["level"] == "note"
    assert "partialFingerprints" not in run["results"][1]  # a finding made without one
    assert run["results"][1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 2}
