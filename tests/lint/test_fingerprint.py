"""Fingerprints: a finding recognised across edits elsewhere in its file, and not across edits to it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import Run

from editorial.document import parse
from editorial.lint import fingerprint
from editorial.lint.findings import Finding, Severity

LINE = "We shipped the the release, and then we rested for a very long while afterwards.\n"


def of(text: str, needle: str = "the the", rule: str = "proselint.lexical_illusions", path: str = "a.md") -> str:
    """The fingerprint of a finding of ``rule`` on the first ``needle`` in ``text``."""
    document = parse(text, path)
    start = text.index(needle)
    begin, end = document.position(start), document.position(start + len(needle))
    finding = Finding(path, begin.line, begin.column, rule, Severity.warning, "m", end.line, end.column)
    return fingerprint.of(document, finding)


def test_lines_added_above_or_below_change_nothing() -> None:
    first = of(LINE)
    assert re.fullmatch(r"[0-9a-f]{20}", first)
    assert of("# Title\n\nAn opening paragraph.\n\n" + LINE) == first
    assert of(LINE + "\nA closing paragraph.\n") == first
    assert of(LINE, path="issues/2021-01/sections/b.md") == first  # nor where the file is


def test_the_flagged_words_and_their_neighbours_on_the_line_count() -> None:
    first = of(LINE)
    assert of(LINE.replace("the the", "The the"), "The the") != first
    assert of(LINE.replace("shipped", "sent"), "the the") != first  # 12 characters before it
    assert of(LINE.replace("release,", "release;"), "the the") != first
    assert of(LINE, rule="languagetool.ENGLISH_WORD_REPEAT_RULE") != first
    # Beyond a few characters either side, on the same line, an edit is elsewhere.
    assert of(LINE.replace("very long while", "short while")) == first
    # Spaces are folded: a space doubled beside it is no new finding.
    assert of(LINE.replace("shipped the the", "shipped  the the")) == first
    assert fingerprint.CONTEXT == 24


def test_findings_carry_their_fingerprint_and_text_in_json_and_sarif(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(LINE)
    found = json.loads(run("lint", "--no-languagetool", "--format", "json", "a.md").stdout)["findings"]
    assert [(f["rule"], f["matched"], f["fingerprint"]) for f in found] == [("proselint.lexical_illusions", "the the", of(LINE))]
    (tmp_path / "a.md").write_text("# Notes\n\n" + LINE + "\nMore [text](www.example.com).\n")
    moved = json.loads(run("lint", "--no-languagetool", "--format", "json", "a.md").stdout)["findings"]
    assert [(f["line"], f["matched"], f["fingerprint"]) for f in moved] == [
        (3, "the the", of(LINE)),
        (5, "www.example.com", of("More [text](www.example.com).\n", "www.example.com", "markdown.missing-scheme")),
    ]
    sarif = json.loads(run("lint", "--no-languagetool", "--format", "sarif", "a.md").stdout)
    assert [r["partialFingerprints"] for r in sarif["runs"][0]["results"]] == [
        {"editorial/v1": f["fingerprint"]} for f in moved
    ]
