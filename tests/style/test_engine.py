from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run

from editorial.style import timelimit

from .conftest import Lint

BACKTRACK = "extends: existence\nmessage: 'Backtracks: %s'\nraw: ['(a|aa)+$']\n"
VERY = "extends: existence\nmessage: 'Avoid %s'\ntokens: [very]\n"


def test_a_rule_out_of_time_is_reported_once_and_the_others_run(lint: Lint, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# Notes\n\nIt is very long: aaaa\n\nSo very short: aa\n"
    assert lint(text, Backtrack=BACKTRACK, Very=VERY) == [
        "3:7:Test.Very:Avoid very",
        "3:18:Test.Backtrack:Backtracks: aaaa",
        "5:4:Test.Very:Avoid very",
        "5:16:Test.Backtrack:Backtracks: aa",
    ]
    # Thirty-two letters and a full stop: seconds of backtracking, stopped after a fifth of one.
    monkeypatch.setattr(timelimit, "TIME_LIMIT", 0.2)
    slow = f"# Notes\n\nIt is very long: {'a' * 32}.\n\nSo very short: aa\n"
    assert lint(slow, Backtrack=BACKTRACK, Very=VERY) == [
        "1:1:Test.Backtrack:stopped on this file after 0.2 s: styles/Test/Backtrack.yml takes too long here"
        " (a pattern such as (a|aa)+$ can backtrack for hours); its findings here are left out",
        "3:7:Test.Very:Avoid very",
        "5:4:Test.Very:Avoid very",
    ]


def test_lint_stops_a_backtracking_rule_on_the_file_where_it_backtracks(run: Run, tmp_path: Path) -> None:
    (tmp_path / "rules" / "Team").mkdir(parents=True)
    (tmp_path / "rules/Team/Backtrack.yml").write_text(BACKTRACK, encoding="utf-8")
    (tmp_path / "rules/Team/Very.yml").write_text(VERY, encoding="utf-8")
    (tmp_path / "editorial.yaml").write_text("styles:\n  use: [Team]\n", encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    # Forty letters and a full stop: (a|aa)+$ tries every way of splitting them, 165 million, before it fails.
    (notes / "hostile.md").write_text(f"# Notes\n\nIt is very long: {'a' * 40}.\n\nSo very short: aa\n", encoding="utf-8")
    # Enough files for lint to share them among worker processes, where the time limit holds too.
    for number in range(40):
        (notes / f"plain{number:02}.md").write_text("# Notes\n\nIt is very short: aa\n", encoding="utf-8")

    # The subprocess's timeout is the guard: before, this never finished.
    result = run("lint", "--no-languagetool", "--select", "Team", "--format", "json", "notes", timeout=60)

    assert (result.returncode, result.stderr) == (0, "")
    found = [(f["path"], f["line"], f["column"], f["rule"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert found[:3] == [
        ("notes/hostile.md", 1, 1, "Team.Backtrack", "stopped on this file after 2 s: rules/Team/Backtrack.yml"
         " takes too long here (a pattern such as (a|aa)+$ can backtrack for hours); its findings here are left out"),
        ("notes/hostile.md", 3, 7, "Team.Very", "Avoid very"),
        ("notes/hostile.md", 5, 4, "Team.Very", "Avoid very"),
    ]  # fmt: skip
    assert found[3:] == [
        (f"notes/plain{number:02}.md", 3, column, rule, message)
        for number in range(40)
        for column, rule, message in [(7, "Team.Very", "Avoid very"), (19, "Team.Backtrack", "Backtracks: aa")]
    ]


def test_a_match_across_markup_or_entities_starts_and_ends_where_its_text_is(tmp_path: Path) -> None:
    from editorial import document
    from editorial.style import check, load_config

    (tmp_path / "styles" / "Test").mkdir(parents=True)
    (tmp_path / "styles/Test/More.yml").write_text("extends: existence\nmessage: '%s'\ntokens: ['more here']\n")
    (tmp_path / "styles/Test/Dash.yml").write_text("extends: existence\nmessage: 'dash'\nraw: ['–']\n")
    # A .vale.ini alone: Vale's compatibility mode, where Vale itself puts these at column 1.
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nMinAlertLevel = suggestion\n[*.md]\nBasedOnStyles = Test\n")
    text = "Read [more](https://example.com) here.\n\n1&ndash;2, 3&ndash;4, 5&ndash;6 and 7&ndash;8.\n\n<p>9&ndash;10</p>\n"
    (tmp_path / "a.md").write_text(text)
    findings = check(document.read(tmp_path / "a.md"), load_config(tmp_path, None, tmp_path / ".vale.ini"))
    found = [(f.line, f.column, f.end_line, f.end_column, f.rule) for f in findings]
    assert found == [
        (1, 7, 1, 38, "Test.More"),
        (3, 2, 3, 9, "Test.Dash"),
        (3, 13, 3, 20, "Test.Dash"),
        (3, 24, 3, 31, "Test.Dash"),
        (3, 38, 3, 45, "Test.Dash"),
        (5, 5, 5, 12, "Test.Dash"),
    ]
    lines = text.splitlines()
    assert {lines[line - 1][start - 1 : end - 1] for line, start, _, end, rule in found if rule == "Test.Dash"} == {"&ndash;"}
    assert lines[0][6:37] == "more](https://example.com) here"
