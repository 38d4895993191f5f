from __future__ import annotations

import json

from editorial import report
from editorial.errors import Problem
from editorial.lint.findings import Finding, Fix, Severity
from editorial.terminal import columns

FINDINGS = [
    Finding(
        "a.md", 3, 7, "proselint.uncomparables", Severity.error, "Not comparable: 'very unique'.", 3, 18, ("unique",),
        also=("languagetool.VERY_UNIQUE", "Google.Very"), fingerprint="4b1f0c9e2d7a61c3b8e5", matched="very unique",
    ),
    Finding("b, c.md", 1, 2, "markdown.heading:level", Severity.suggestion, "100% wrong\nreally", None, None),
]


def test_text_and_summary() -> None:
    # One line per finding whatever the message holds: editors and scripts read it line by line.
    assert report.text(FINDINGS, 4) == (
        "a.md:3:7: error proselint.uncomparables Not comparable: 'very unique'. (also languagetool.VERY_UNIQUE, Google.Very)\n"
        "b, c.md:1:2: suggestion markdown.heading:level 100% wrong really\n"
        "1 error, 0 warnings, 1 suggestion in 4 files\n"
    )
    assert report.text([], 1) == "0 errors, 0 warnings, 0 suggestions in 1 file\n"
    assert report.text(FINDINGS[:1], 1, colour=True).startswith("a.md:3:7: \033[31merror\033[0m proselint")


def test_the_summary_says_what_the_baseline_hid_or_recorded() -> None:
    hid = report.Baseline(".editorial-baseline.json", 3)
    assert report.text(FINDINGS[1:], 2, baseline=hid) == (
        "b, c.md:1:2: suggestion markdown.heading:level 100% wrong really\n"
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
                "fingerprint": "4b1f0c9e2d7a61c3b8e5", "matched": "very unique", "fix": None,
            },
            {
                "path": "b, c.md", "line": 1, "column": 2, "end_line": None, "end_column": None,
                "rule": "markdown.heading:level", "severity": "suggestion",
                "message": "100% wrong\nreally", "replacements": [], "link": None, "also": [],
                "fingerprint": "", "matched": "", "fix": None,
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


def test_line_format_keeps_one_line_per_finding_and_shows_no_control_characters() -> None:
    shouty = Finding("a.md", 1, 1, "x.y", Severity.error, "two\r\nlines \x1b[31mred", 1, 2)
    assert report.line([shouty]) == "a.md:1:1:x.y:two lines \\x1b[31mred\n"
    assert report.text([shouty], 1) == "a.md:1:1: error x.y two lines \\x1b[31mred\n1 error, 0 warnings, 0 suggestions in 1 file\n"
    assert report.full([shouty], 1, {"a.md": "ab\n"}) == (
        "a.md\n1:1 error x.y\n  two lines \\x1b[31mred\n  1 | ab\n    | ^\n\n1 error, 0 warnings, 0 suggestions in 1 file\n"
    )


FIXED = Fix(1, 5, 1, 9, "", True)
RISKY = Fix(2, 1, 2, 7, "GitHub", False)


def test_the_summary_says_what_fixes_would_do() -> None:
    safe = Finding("a.md", 1, 1, "r.a", Severity.warning, "m", 1, 9, fix=FIXED)
    unsafe = Finding("a.md", 2, 1, "r.b", Severity.warning, "m", 2, 7, ("GitHub",), fix=RISKY)
    plain = Finding("a.md", 3, 1, "r.c", Severity.warning, "m")
    assert report.summary([safe, unsafe, plain], 1) == "0 errors, 3 warnings, 0 suggestions in 1 file; 1 fixable with --fix (1 more with --unsafe-fixes)"
    assert report.summary([unsafe], 1).endswith("in 1 file; 1 fixable with --fix --unsafe-fixes")
    assert report.summary([safe, unsafe], 1, unsafe=True).endswith("; 2 fixable with --fix --unsafe-fixes")
    assert report.summary([plain], 1, fixed=report.Fixed(3, 2)) == "0 errors, 1 warning, 0 suggestions in 1 file; fixed 3 findings in 2 files"


def test_json_and_sarif_carry_the_fix() -> None:
    finding = Finding("a.md", 2, 1, "languagetool.GITHUB", Severity.warning, "Spelled 'GitHub'.", 2, 7, ("GitHub",), fix=RISKY)
    data = json.loads(report.as_json([finding], 1, [], fixed=report.Fixed(1, 1)))
    assert data["findings"][0]["fix"] == {"line": 2, "column": 1, "end_line": 2, "end_column": 7, "text": "GitHub", "safe": False}
    assert data["fixed"] == {"findings": 1, "files": 1}
    result = json.loads(report.sarif([finding], {}))["runs"][0]["results"][0]
    assert result["fixes"] == [
        {
            "description": {"text": "unsafe fix (--unsafe-fixes)"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "a.md"},
                    "replacements": [
                        {"deletedRegion": {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 7}, "insertedContent": {"text": "GitHub"}}
                    ],
                }
            ],
        }
    ]


SOURCE = "# Title\n\nSee 漢字 and\tthe the 🎉 end.\r\n"


def test_full_report_groups_by_file_quotes_the_line_and_offers_the_fix() -> None:
    doubled = Finding(
        "a.md", 3, 12, "proselint.lexical_illusions", Severity.warning, "There's a lexical illusion in 'the the'.", 3, 19,
        fix=Fix(3, 15, 3, 19, "", True), matched="the the", also=("languagetool.ENGLISH_WORD_REPEAT_RULE",),
    )
    emoji = Finding("a.md", 3, 20, "x.emoji", Severity.suggestion, "An emoji\nin a line.", 3, 21, ("!",))
    title = Finding("a.md", 1, 3, "x.title", Severity.error, "Spans lines.", 3, 2, fix=Fix(1, 3, 1, 3, "Big ", False))
    elsewhere = Finding("b.md", 2, 1, "x.gone", Severity.warning, "Its file could not be read again.", 2, 4, ("a", "b"))
    shown = report.full([title, doubled, emoji, elsewhere], 2, {"a.md": SOURCE}, 80, statistics=True)
    assert shown == (
        "a.md\n"
        "1:3 error x.title\n"
        "  Spans lines.\n"
        "  1 | # Title\n"
        "    |   ^^^^^\n"  # a span that runs on to later lines: underlined to the end of its first
        "  unsafe fix: insert 'Big '\n"
        "\n"
        "3:12 warning proselint.lexical_illusions\n"
        "  (also languagetool.ENGLISH_WORD_REPEAT_RULE)\n"  # too long for the heading's line at 80 columns
        "  There's a lexical illusion in 'the the'.\n"
        "  3 | See 漢字 and    the the 🎉 end.\n"  # the tab reaches column 16; the CRLF's CR is no character of the line
        "    |                 ^^^^^^^\n"  # two columns for each of 漢字
        "  fix: delete ' the'\n"
        "\n"
        "3:20 suggestion x.emoji\n"
        "  An emoji in a line.\n"
        "  3 | See 漢字 and    the the 🎉 end.\n"
        "    |                         ^^\n"
        "  suggestion: '!'\n"
        "\n"
        "b.md\n"
        "2:1 warning x.gone\n"
        "  Its file could not be read again.\n"
        "  suggestions: 'a', 'b'\n"
        "\n"
        "FINDINGS  RULE                         SEVERITY    FIXABLE\n"
        "       1  proselint.lexical_illusions  warning     1\n"
        "       1  x.emoji                      suggestion\n"
        "       1  x.gone                       warning\n"
        "       1  x.title                      error       1\n"
        "\n"
        "1 error, 2 warnings, 1 suggestion in 2 files; 1 fixable with --fix (1 more with --unsafe-fixes)\n"
    )
    assert "\033" not in shown


def test_a_long_line_is_cut_around_the_span_to_fit() -> None:
    line = "word " * 40 + "teh " + "word " * 40
    typo = Finding("b.md", 1, 201, "languagetool.MORFOLOGIK_RULE_EN_US", Severity.error, "Possible spelling mistake found. ('teh')", 1, 204, ("the", "tea", "ten", "tech", "ted", "tee", "tex"))
    shown = report.full([typo], 1, {"b.md": line}, 60).splitlines()
    assert shown[3:6] == [
        "  1 | … word word word teh word word word word word word wo…",
        "    |                  ^^^",
        "  suggestions: 'the', 'tea', 'ten', 'tech', 'ted' and 2 more",
    ]
    assert len(shown[3]) == 60
    # Near the end of the line, what the end leaves over goes before the span.
    last = Finding("b.md", 1, 400, "x.end", Severity.error, "m", 1, 404)
    quoted = report.full([last], 1, {"b.md": line}, 60).splitlines()[3:5]
    assert quoted == [
        "  1 | …d word word word word word word word word word word",
        "    |                                                 ^^^^",
    ]
    # Wide characters count two columns each, and the cut never splits one.
    wide = "漢" * 100
    cut = report.full([Finding("c.md", 1, 50, "x.wide", Severity.error, "m", 1, 52)], 1, {"c.md": wide}, 40).splitlines()[3:5]
    assert all(columns(row) <= 40 for row in cut)
    assert cut == ["  1 | …" + "漢" * 16 + "…", "    | " + " " * 9 + "^^^^"]  # 4 wide before it: a third of the room


def test_what_a_terminal_cannot_show_is_escaped() -> None:
    bad = Finding("c.md", 1, 10, "x.y", Severity.suggestion, "said \x1b[2J", 1, 13)
    shown = report.full([bad], 1, {"c.md": "Bad \x1b[31mred\x1b[0m line\u202e\n"}, 80)
    assert shown.splitlines()[1:5] == [
        "1:10 suggestion x.y",
        "  said \\x1b[2J",
        "  1 | Bad \\x1b[31mred\\x1b[0m line\\u202e",
        "    |             ^^^",  # under "red": each escape is as wide as it is shown
    ]
    assert "\x1b" not in shown and "\u202e" not in shown


def test_colours_only_when_asked() -> None:
    emoji = Finding("a.md", 3, 20, "x.emoji", Severity.error, "m", 3, 21, fix=Fix(3, 20, 3, 21, "", True))
    shown = report.full([emoji], 1, {"a.md": SOURCE}, 80, colour=True)
    assert shown.splitlines()[:6] == [
        "\x1b[1m\x1b[4ma.md\x1b[0m",
        "\x1b[2m3:20\x1b[0m \x1b[31m\x1b[1merror\x1b[0m x.emoji",
        "  m",
        "  \x1b[34m3\x1b[0m \x1b[34m|\x1b[0m See 漢字 and    the the 🎉 end.",
        "    \x1b[34m|\x1b[0m                         \x1b[31m\x1b[1m^^\x1b[0m",
        "  \x1b[32m\x1b[1mfix:\x1b[0m delete '🎉'",
    ]
    assert report.text([emoji], 1, colour=True) == (
        "a.md:3:20: \x1b[31merror\x1b[0m x.emoji m\n1 error, 0 warnings, 0 suggestions in 1 file; 1 fixable with --fix\n"
    )
