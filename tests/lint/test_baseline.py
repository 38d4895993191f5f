"""Baselines: today's findings recorded once, and from then on only new ones reported."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Run

LINT = ("lint", "--no-languagetool")
TEXT = "See [it](www.example.com) and the the end.\n\nMore [it](www.example.com) here.\n"
NO_SCHEME = "has no scheme and links to a relative path; write https://www.example.com"


def repository(root: Path, text: str = TEXT, config: str = "") -> Path:
    (root / "editorial.yaml").write_text("newsletter:\n  name: N\n" + config)
    (root / "issues").mkdir(exist_ok=True)
    (root / "issues/a.md").write_text(text)
    return root


def fingerprints(run: Run, cwd: Path) -> list[tuple[str, str, str]]:
    findings = json.loads(run(*LINT, "--format", "json", cwd=cwd).stdout)["findings"]
    return [(f["path"], f["rule"], f["fingerprint"]) for f in findings]


def test_recorded_then_only_new_findings_are_reported(run: Run, tmp_path: Path) -> None:
    repository(tmp_path)
    before = run(*LINT)
    assert before.returncode == 1
    found = fingerprints(run, tmp_path)
    assert [rule for _, rule, _ in found] == ["markdown.missing-scheme", "proselint.lexical_illusions", "markdown.missing-scheme"]

    recorded = run(*LINT, "--baseline", "base.json", "--update-baseline")
    assert (recorded.returncode, recorded.stdout, recorded.stderr) == (
        0, "0 errors, 0 warnings, 0 suggestions in 1 file; recorded 3 findings in the baseline base.json (3 entries)\n", ""
    )
    assert json.loads((tmp_path / "base.json").read_text()) == {
        "editorial_baseline": 1,
        "findings": [{"path": p, "rule": r, "fingerprint": f} for p, r, f in sorted(found)],
    }
    quiet = run(*LINT, "--baseline", "base.json")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (
        0, "0 errors, 0 warnings, 0 suggestions in 1 file; 3 findings in the baseline base.json not shown\n", ""
    )
    as_json = json.loads(run(*LINT, "--baseline", "base.json", "--format", "json").stdout)
    assert (as_json["findings"], as_json["baseline"]) == ([], {"path": "base.json", "known": 3, "recorded": None})
    updated = json.loads(run(*LINT, "--baseline", "base.json", "--update-baseline", "--format", "json").stdout)
    assert (updated["findings"], updated["baseline"]) == ([], {"path": "base.json", "known": 3, "recorded": 3})

    # A new slip is reported, the old ones stay hidden.
    (tmp_path / "issues/a.md").write_text(TEXT + "\nA new [one](www.example.org) too.\n")
    new = run(*LINT, "--baseline", "base.json", "--format", "line")
    assert (new.returncode, new.stdout) == (
        1,
        "issues/a.md:5:13:markdown.missing-scheme:'www.example.org' has no scheme and links to a relative path;"
        " write https://www.example.org\n",
    )


def test_lines_added_above_or_below_leave_a_finding_hidden_and_an_edit_to_it_does_not(run: Run, tmp_path: Path) -> None:
    repository(tmp_path)
    assert run(*LINT, "--baseline", "base.json", "--update-baseline").returncode == 0
    (tmp_path / "issues/a.md").write_text("# A heading\n\nAn introduction.\n\n" + TEXT + "\nThe end.\n")
    moved = run(*LINT, "--baseline", "base.json", "--format", "line")
    assert (moved.returncode, moved.stdout) == (0, "")
    # Its neighbours on its line edited, or the flagged words: a new finding; the others stay hidden.
    (tmp_path / "issues/a.md").write_text(TEXT.replace("More [it]", "Much more [it]"))
    edited = run(*LINT, "--baseline", "base.json", "--format", "line")
    assert (edited.returncode, edited.stdout) == (1, f"issues/a.md:3:16:markdown.missing-scheme:'www.example.com' {NO_SCHEME}\n")
    (tmp_path / "issues/a.md").write_text(TEXT.replace("More [it](www.example.com)", "More [it](www.example.net)"))
    other = run(*LINT, "--baseline", "base.json", "--format", "line")
    assert (other.returncode, other.stdout) == (
        1,
        "issues/a.md:3:11:markdown.missing-scheme:'www.example.net' has no scheme and links to a relative path;"
        " write https://www.example.net\n",
    )


def test_a_finding_recorded_twice_is_hidden_twice_and_a_third_is_new(run: Run, tmp_path: Path) -> None:
    line = "See [it](www.example.com) now.\n"
    repository(tmp_path, f"{line}\n{line}")
    assert run(*LINT, "--baseline", "base.json", "--update-baseline").stdout.endswith(
        "; recorded 2 findings in the baseline base.json (1 entry)\n"
    )
    ((path, rule, fingerprint),) = set(fingerprints(run, tmp_path))
    assert json.loads((tmp_path / "base.json").read_text())["findings"] == [
        {"path": path, "rule": rule, "fingerprint": fingerprint, "count": 2}
    ]
    (tmp_path / "issues/a.md").write_text(f"{line}\n{line}\n{line}")
    third = run(*LINT, "--baseline", "base.json", "--format", "line")
    assert (third.returncode, third.stdout) == (1, f"issues/a.md:5:10:markdown.missing-scheme:'www.example.com' {NO_SCHEME}\n")
    (tmp_path / "issues/a.md").write_text(line)
    assert run(*LINT, "--baseline", "base.json").stdout.endswith("; 1 finding in the baseline base.json not shown\n")


def test_findings_are_recognised_whichever_folder_lint_runs_from(run: Run, tmp_path: Path) -> None:
    repository(tmp_path)
    assert run(*LINT, "--baseline", "base.json", "--update-baseline", "issues").returncode == 0
    inside = run(*LINT, "--baseline", "../base.json", "a.md", cwd=tmp_path / "issues")
    assert (inside.returncode, inside.stdout) == (
        0, "0 errors, 0 warnings, 0 suggestions in 1 file; 3 findings in the baseline ../base.json not shown\n"
    )


def test_editorial_yaml_names_the_baseline(run: Run, tmp_path: Path) -> None:
    repository(tmp_path, config="lint:\n  baseline: .editorial-baseline.json\n")
    missing = run(*LINT)
    assert (missing.returncode, missing.stdout, missing.stderr) == (
        2, "", ".editorial-baseline.json: no baseline here; write one with --update-baseline\n"
    )
    recorded = run(*LINT, "--update-baseline")
    assert recorded.stdout.endswith("; recorded 3 findings in the baseline .editorial-baseline.json (3 entries)\n")
    assert (tmp_path / ".editorial-baseline.json").is_file()
    # Relative to editorial.yaml, from wherever lint runs.
    inside = run(*LINT, "a.md", cwd=tmp_path / "issues")
    assert (inside.returncode, inside.stdout) == (
        0, "0 errors, 0 warnings, 0 suggestions in 1 file; 3 findings in the baseline ../.editorial-baseline.json not shown\n"
    )
    # The command line wins.
    (tmp_path / "other.json").write_text('{"editorial_baseline": 1, "findings": []}\n')
    other = run(*LINT, "--baseline", "other.json", "--format", "line")
    assert (other.returncode, len(other.stdout.splitlines())) == (1, 3)


def test_a_file_that_is_no_baseline_is_an_error_at_its_line(run: Run, tmp_path: Path) -> None:
    repository(tmp_path)
    cases = {
        "truncated.json": ('{\n "editorial_baseline": 1,\n "findings": [\n', "truncated.json:4: not a baseline: invalid JSON (Expecting value)"),
        "newer.json": (
            '{\n "editorial_baseline": 2,\n "findings": []\n}\n',
            "newer.json:2: not a baseline this editorial reads (version 2; it reads version 1): write it again with --update-baseline",
        ),
        "list.json": (
            "[]\n",
            "list.json:1: not a baseline this editorial reads (no version; it reads version 1): write it again with --update-baseline",
        ),
        "entry.json": (
            '{\n "editorial_baseline": 1,\n "findings": [\n  {"path": "a", "rule": "r", "fingerprint": "f"},\n'
            '  {"path": "a",\n   "rule": "r"}\n ]\n}\n',
            "entry.json:5: a baseline entry needs a path, a rule and a fingerprint",
        ),
        "count.json": (
            '{"editorial_baseline": 1, "findings": [{"path": "a", "rule": "r", "fingerprint": "f", "count": "two"}]}\n',
            "count.json:1: a baseline entry needs a path, a rule and a fingerprint",
        ),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text)
        result = run(*LINT, "--baseline", name)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n"), name
        # Nothing written over it.
        assert run(*LINT, "--baseline", name).returncode == 2
        assert (tmp_path / name).read_text() == text
    (tmp_path / "latin1.json").write_bytes(b'{"editorial_baseline": 1, "findings": [], "note": "caf\xe9"}\n')
    latin1 = run(*LINT, "--baseline", "latin1.json")
    assert (latin1.returncode, latin1.stderr) == (2, "latin1.json:1: not UTF-8 text (byte 0xe9 at column 55)\n")


def test_updating_needs_a_file(run: Run, tmp_path: Path) -> None:
    repository(tmp_path)
    result = run(*LINT, "--update-baseline")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", "--update-baseline: name the file: --baseline FILE (or lint.baseline in editorial.yaml)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["editorial.yaml", "issues"]  # nothing written, nothing linted
