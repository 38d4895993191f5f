from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run

from editorial.style import patterns

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
    # No time at all: the pattern that can backtrack without bound stops at once, the word list never does.
    monkeypatch.setattr(patterns, "TIME_LIMIT", 0.0)
    assert lint(text, Backtrack=BACKTRACK, Very=VERY) == [
        "1:1:Test.Backtrack:stopped on this file after 0 s: a pattern of styles/Test/Backtrack.yml backtracks too much"
        " (as (a|aa)+$ does); its findings here are left out",
        "3:7:Test.Very:Avoid very",
        "5:4:Test.Very:Avoid very",
    ]
    assert patterns.running is None


def test_lint_stops_a_backtracking_rule_on_the_file_where_it_backtracks(run: Run, tmp_path: Path) -> None:
    (tmp_path / "rules" / "Team").mkdir(parents=True)
    (tmp_path / "rules/Team/Backtrack.yml").write_text(BACKTRACK, encoding="utf-8")
    (tmp_path / "rules/Team/Very.yml").write_text(VERY, encoding="utf-8")
    (tmp_path / "editorial.yaml").write_text("styles:\n  use: [Team]\n", encoding="utf-8")
    # Forty letters and a full stop: (a|aa)+$ tries every way of splitting them, 165 million, before it fails.
    (tmp_path / "hostile.md").write_text(f"# Notes\n\nIt is very long: {'a' * 40}.\n\nSo very short: aa\n", encoding="utf-8")
    (tmp_path / "plain.md").write_text("# Notes\n\nIt is very short: aa\n", encoding="utf-8")

    # The subprocess's timeout is the guard: before, this never finished.
    result = run("lint", "--no-languagetool", "--select", "Team", "--format", "json", "hostile.md", "plain.md", timeout=60)

    assert (result.returncode, result.stderr) == (0, "")
    found = [(f["path"], f["line"], f["column"], f["rule"], f["severity"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [
        ("hostile.md", 1, 1, "Team.Backtrack", "warning", "stopped on this file after 2 s: a pattern of"
         " rules/Team/Backtrack.yml backtracks too much (as (a|aa)+$ does); its findings here are left out"),
        ("hostile.md", 3, 7, "Team.Very", "warning", "Avoid very"),
        ("hostile.md", 5, 4, "Team.Very", "warning", "Avoid very"),
        ("plain.md", 3, 7, "Team.Very", "warning", "Avoid very"),
        ("plain.md", 3, 19, "Team.Backtrack", "warning", "Backtracks: aa"),
    ]  # fmt: skip
