from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest
from conftest import Run

from editorial import settings
from editorial.document import Document
from editorial.lint import proselint, runner
from editorial.lint.config import LintConfig
from editorial.lint.context import Context
from editorial.lint.findings import Finding, Severity

VERY = "It is very unique.\n"  # proselint.uncomparables and weasel_words.very: the strict profile's
STRICT = ("--profile", "strict")


def test_example_issue_reports_the_doubled_word_exactly(run: Run, newsletter: Path) -> None:
    result = run("lint", "--no-languagetool", "--format", "line", cwd=newsletter)
    lines = result.stdout.splitlines()
    assert [line for line in lines if "victor.md" in line] == [
        "issues/2021-01/sections/victor.md:6:886:proselint.lexical_illusions:"
        "There's a lexical illusion in 'the the' - a phrase is repeated."
    ]
    source = (newsletter / "issues/2021-01/sections/victor.md").read_text().splitlines()
    assert source[5][885:892] == "the the"
    # Nothing from front matter (lines 1-4) nor from URLs or link destinations.
    for line in lines:
        path, number, column = line.split(":")[:3]
        text = (newsletter / path).read_text().splitlines()[int(number) - 1]
        assert int(number) > 4
        assert "](" not in text[int(column) - 3 : int(column) + 1]
        assert not text[int(column) - 1 :].startswith(("http", "www."))


def test_exit_codes_follow_the_error_level(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(VERY)
    warnings_only = run("lint", "--no-languagetool", *STRICT, "a.md")
    assert warnings_only.returncode == 0
    assert warnings_only.stdout.endswith("0 errors, 2 warnings, 0 suggestions in 1 file\n")
    (tmp_path / "editorial.yaml").write_text("lint:\n  severity:\n    proselint.uncomparables: error\n")
    escalated = run("lint", "--no-languagetool", *STRICT, "a.md", "--format", "line")
    assert escalated.returncode == 1
    assert escalated.stdout == (
        "a.md:1:7:proselint.uncomparables:Comparison of an uncomparable: 'very unique' is not comparable.\n"
        "a.md:1:7:proselint.weasel_words.very:Substitute 'damn' every time you're inclined to write 'very';"
        " your editor will delete it and the writing will be just as it should be.\n"
    )


def test_select_ignore_and_min_severity(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(VERY)
    only = run("lint", "--no-languagetool", *STRICT, "a.md", "--format", "line", "--select", "proselint.weasel_words")
    assert [line.split(":")[3] for line in only.stdout.splitlines()] == ["proselint.weasel_words.very"]
    not_these = run("lint", "--no-languagetool", *STRICT, "a.md", "--format", "line", "--ignore", "proselint.weasel_words,proselint.uncomparables")
    assert not_these.stdout == ""
    above = run("lint", "--no-languagetool", *STRICT, "a.md", "--format", "line", "--min-severity", "error")
    assert (above.returncode, above.stdout) == (0, "")
    bad = run("lint", "--no-languagetool", "a.md", "--min-severity", "loud")
    assert (bad.returncode, bad.stderr) == (2, "--min-severity: 'loud' is not suggestion, warning or error\n")


def test_configuration_per_glob_and_off(run: Run, tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts/a.md").write_text(VERY)
    (tmp_path / "b.md").write_text(VERY)
    (tmp_path / "editorial.yaml").write_text(
        "lint:\n"
        "  profile: strict\n"
        "  ignore: [proselint.uncomparables]\n"
        "  overrides:\n"
        "    - files: drafts/*.md\n"
        "      severity: {proselint.weasel_words: off}\n"
    )
    result = run("lint", "--no-languagetool", ".", "--format", "line")
    assert [line.split(":")[0] + ":" + line.split(":")[3] for line in result.stdout.splitlines()] == [
        "b.md:proselint.weasel_words.very"
    ]


def test_bad_configuration_is_exit_2_with_file_and_line(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(VERY)
    (tmp_path / "editorial.yaml").write_text("lint:\n  severity:\n    proselint: loud\n  colour: yes\n")
    result = run("lint", "--no-languagetool", "a.md")
    assert result.returncode == 2
    assert result.stderr.startswith("editorial.yaml:4: unknown key 'lint.colour' (known keys: ")
    (tmp_path / "editorial.yaml").write_text("lint:\n  severity:\n    proselint: loud\n")
    result = run("lint", "--no-languagetool", "a.md")
    assert (result.returncode, result.stderr) == (
        2, "editorial.yaml:3: 'loud' is not a severity (error, warning, suggestion or off)\n"
    )


def test_suppression_comments(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "It is very unique.\n\n"
        "<!-- editorial-disable proselint.uncomparables -->\n\n"
        "Very unique again.\n\n"
        "<!-- editorial-enable -->\n\n"
        "<!-- editorial-disable-next-line -->\n"
        "A very unique third.\n\n"
        "A very unique fourth.\n"
    )
    result = run("lint", "--no-languagetool", *STRICT, "a.md", "--format", "line")
    assert [":".join(line.split(":")[1:4]) for line in result.stdout.splitlines()] == [
        "1:7:proselint.uncomparables",
        "1:7:proselint.weasel_words.very",
        "5:1:proselint.weasel_words.very",
        "12:3:proselint.uncomparables",
        "12:3:proselint.weasel_words.very",
    ]


def test_bad_input_is_reported_and_the_rest_still_linted(run: Run, tmp_path: Path) -> None:
    (tmp_path / "latin1.md").write_bytes(b"caf\xe9\n")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "unclosed.md").write_text("---\ntitle: x\n\nBody\n")
    (tmp_path / "long.md").write_text("word " * 20_000 + "\n")
    (tmp_path / "ok.md").write_text(VERY)
    result = run("lint", "--no-languagetool", *STRICT, ".", "--format", "json")
    assert result.returncode == 2
    assert result.stderr == "latin1.md:1: not UTF-8 text (byte 0xe9 at column 4)\n"
    report = json.loads(result.stdout)
    assert report["files"] == 5
    assert report["errors"] == [{"path": "latin1.md", "line": 1, "message": "not UTF-8 text (byte 0xe9 at column 4)"}]
    assert [(f["path"], f["line"], f["column"], f["rule"]) for f in report["findings"]] == [
        ("long.md", 1, 1, "proselint.lexical_illusions"),
        ("ok.md", 1, 7, "proselint.uncomparables"),
        ("ok.md", 1, 7, "proselint.weasel_words.very"),
        ("unclosed.md", 1, 1, "frontmatter.malformed"),
    ]


def test_binary_and_oversized_files_are_errors_not_tracebacks(run: Run, tmp_path: Path) -> None:
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "huge.md").write_text("Some words here and there. " * 200_000)  # 5.4 MB
    (tmp_path / "ok.md").write_text("Fine.\n")
    result = run("lint", "--no-languagetool", ".", "--format", "line")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "huge.md: not linted: 5,273.4 KiB is over lint.max_file_kib (2,048 KiB); raise it in editorial.yaml to lint this file\n"
        "image.md:3: a binary file (it holds NUL bytes), not text\n"
    )
    (tmp_path / "editorial.yaml").write_text("lint:\n  max_file_kib: 1\n")
    (tmp_path / "huge.md").unlink()
    (tmp_path / "image.md").unlink()
    (tmp_path / "two.md").write_text("x" * 1025)
    small = run("lint", "--no-languagetool", ".", "--format", "line")
    assert (small.returncode, small.stderr) == (
        2, "two.md: not linted: 1.0 KiB is over lint.max_file_kib (1 KiB); raise it in editorial.yaml to lint this file\n"
    )


def test_missing_path(run: Run, tmp_path: Path) -> None:
    result = run("lint", "--no-languagetool", "nowhere.md")
    assert (result.returncode, result.stderr) == (2, "nowhere.md: no such file or folder\n")


class _Asking:
    def __init__(self) -> None:
        self.asks: list[tuple[str, int]] = []
        self.closed = False

    def add(self, ask: tuple[str, int]) -> None:
        self.asks.append(ask)

    def close(self) -> None:
        self.closed = True

    def wait(self) -> dict[str, str]:
        assert self.closed
        return {path: f"asked in {os.getpid()}" for path, _ in self.asks}

    def stop(self) -> None:
        pass


class _PidServed:
    """A served check that says which process planned, asked about and finished each document."""

    def __init__(self, context: Context) -> None:
        self.warned: list[dict[str, str]] = []

    def plan(self, document: Document) -> tuple[int, tuple[str, int]]:
        return os.getpid(), (str(document.path), os.getpid())

    def asking(self, progress: object) -> _Asking:
        return _Asking()

    def keys(self, ask: tuple[str, int]) -> list[str]:
        return [ask[0]]

    def answers_for(self, answers: dict[str, str], keys: set[str]) -> dict[str, str]:
        return {k: v for k, v in answers.items() if k in keys}

    def finish(self, document: Document, planned: int, answers: dict[str, str]) -> runner.Batch:
        message = f"planned in {planned}, {answers[str(document.path)]}, finished in {os.getpid()}, {len(answers)} answers"
        return runner.Batch(findings=(Finding(str(document.path), 1, 1, "served.pid", Severity.warning, message),))

    def warnings(self, answers: dict[str, str]) -> tuple[str, ...]:
        return (f"asked about {len(answers)} files",)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="two workers need two cores")
def test_a_served_check_is_asked_in_one_process_for_every_file_and_its_findings_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITORIAL_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "files"
    folder.mkdir()
    loaded = settings.load(start=tmp_path, required=False)

    def lint(count: int, version: str) -> runner.LintResult:
        for old in folder.iterdir():
            old.unlink()
        for n in range(count):
            (folder / f"{n:02}.md").write_text(VERY)
        served = runner.NamedCheck("served", served=_PidServed, version=version)
        return runner.lint(loaded, LintConfig(profile="strict"), [folder], [served, runner.NamedCheck(proselint.PREFIX, proselint.check)])

    here = os.getpid()
    one = lint(1, "1")
    expected = f"planned in {here}, asked in {here}, finished in {here}, 1 answers"
    assert [f.message for f in one.findings if f.rule == "served.pid"] == [expected]
    assert one.warnings == ("asked about 1 files",)
    # Unchanged: what it found is kept, and nothing is asked.
    again = lint(1, "1")
    assert [f.message for f in again.findings if f.rule == "served.pid"] == [expected]
    assert again.warnings == ()
    # Many files: planned and finished in the worker that read each file, asked here for all at once,
    # each worker given the answers about its own files only.
    many = lint(40, "2")
    messages = [f.message.split(", ") for f in many.findings if f.rule == "served.pid"]
    assert len(messages) == 40
    assert {asked for _, asked, _, _ in messages} == {f"asked in {here}"}
    assert all(planned.removeprefix("planned in ") == finished.removeprefix("finished in ") != str(here) for planned, _, finished, _ in messages)
    workers = Counter(planned for planned, _, _, _ in messages)
    assert len(workers) == runner._workers(sorted(folder.iterdir())) == 2
    assert {planned: int(count.split()[0]) for planned, _, _, count in messages} == dict(workers)
    assert many.warnings == ("asked about 40 files",)
    assert [f.rule for f in many.findings].count("proselint.uncomparables") == 40


def test_a_fifo_is_reported_and_never_opened(run: Run, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.md")  # opened for reading, it would wait for a writer forever
    (tmp_path / "ok.md").write_text(VERY)
    fifo = "fifo.md: not a regular file (a FIFO); editorial reads only regular files\n"
    named = run("lint", "--no-languagetool", "fifo.md", "--format", "line")
    assert (named.returncode, named.stderr, named.stdout) == (2, fifo, "")
    walked = run("lint", "--no-languagetool", *STRICT, ".", "--format", "line")
    assert (walked.returncode, walked.stderr) == (2, fifo)
    assert [line.split(":")[:4] for line in walked.stdout.splitlines()] == [
        ["ok.md", "1", "7", "proselint.uncomparables"],
        ["ok.md", "1", "7", "proselint.weasel_words.very"],
    ]


def test_a_device_is_not_read(run: Run, tmp_path: Path) -> None:
    (tmp_path / "null.md").symlink_to("/dev/null")
    result = run("lint", "--no-languagetool", "/dev/null", "null.md")
    # Named outside the repository it is the user's choice; through a link from inside, it leads out.
    assert (result.returncode, result.stderr) == (
        2,
        "null.md: leads out of the repository (to /dev/null) through a symbolic link; not followed\n"
        "/dev/null: not a regular file (a character device); editorial reads only regular files\n",
    )


def test_links_out_of_the_repository_are_not_followed(run: Run, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "editorial.yaml").write_text("newsletter: {name: N}\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(VERY)
    (repo / "root").symlink_to("/")
    (repo / "docs" / "away").symlink_to(outside)
    (repo / "docs" / "secret.md").symlink_to(outside / "secret.md")
    (repo / "docs" / "here.md").write_text(VERY)
    (repo / "docs" / "again.md").symlink_to("here.md")  # inside: followed
    (repo / "docs" / "loop").symlink_to(repo / "docs")  # inside, but a folder already walked
    named = run("lint", "--no-languagetool", "root", cwd=repo)
    assert (named.returncode, named.stderr) == (2, "root: leads out of the repository (to /) through a symbolic link; not followed\n")
    assert named.stdout == "0 errors, 0 warnings, 0 suggestions in 0 files\n"
    walked = run("lint", "--no-languagetool", *STRICT, "--format", "line", "--select", "proselint.uncomparables", ".", cwd=repo)
    assert walked.returncode == 2
    assert walked.stderr == (
        f"docs/away: leads out of the repository (to {outside}) through a symbolic link; not followed\n"
        f"docs/secret.md: leads out of the repository (to {outside / 'secret.md'}) through a symbolic link; not followed\n"
        "root: leads out of the repository (to /) through a symbolic link; not followed\n"
    )
    assert [line.split(":")[0] for line in walked.stdout.splitlines()] == ["docs/again.md", "docs/here.md"]
    # A folder named outside the repository is walked, but not left either.
    (outside / "up").symlink_to(tmp_path)
    away = run("lint", "--no-languagetool", *STRICT, "--format", "line", "--select", "proselint.uncomparables", str(outside), cwd=repo)
    assert (away.returncode, away.stderr) == (
        2, f"{outside / 'up'}: leads out of {outside} (to {tmp_path}) through a symbolic link; not followed\n"
    )
    assert [line.split(":")[0] for line in away.stdout.splitlines()] == [str(outside / "secret.md")]


def test_an_unreadable_folder_is_reported(run: Run, tmp_path: Path, permissions: None) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.md").write_text(VERY)
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "b.md").write_text(VERY)
    closed.chmod(0)
    try:
        result = run("lint", "--no-languagetool", *STRICT, "--format", "line", "--select", "proselint.uncomparables", ".", permissions=True)
    finally:
        closed.chmod(0o755)
    assert (result.returncode, result.stderr) == (2, "closed: cannot read the folder: Permission denied\n")
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["open/a.md"]


def test_an_unreadable_file_is_reported(run: Run, tmp_path: Path, permissions: None) -> None:
    (tmp_path / "a.md").write_text(VERY)
    (tmp_path / "a.md").chmod(0)
    result = run("lint", "--no-languagetool", ".", permissions=True)
    assert (result.returncode, result.stderr) == (2, "a.md: cannot read: Permission denied\n")


HTML_EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "lint" / "html" / "ghost-export.md"


def test_raw_html_of_an_exported_post_is_linted_at_exact_positions(run: Run, tmp_path: Path, languagetool_url: str) -> None:
    (tmp_path / "rules" / "Team").mkdir(parents=True)
    (tmp_path / "rules/Team/Utilize.yml").write_text(
        "extends: existence\nmessage: \"Use 'use' instead of '%s'.\"\nignorecase: true\ntokens: [utilize]\n"
    )
    (tmp_path / "editorial.yaml").write_text(f"styles:\n  use: [Team]\nlanguagetool:\n  url: {languagetool_url}\n")
    (tmp_path / "post.md").write_text(HTML_EXPORT.read_text())
    result = run("lint", "post.md", "--format", "json", *STRICT)
    assert result.stderr == ""
    found = [(f["line"], f["column"], f["end_line"], f["end_column"], f["rule"]) for f in json.loads(result.stdout)["findings"]]
    # A doubled word in a <p> (after an entity), one in an image's alt text, a typo in a <figcaption>,
    # a house rule in a <p> and in Markdown after the HTML; nothing from <code>, <script> or attributes.
    assert found == [
        (5, 76, 5, 83, "languagetool.ENGLISH_WORD_REPEAT_RULE"),
        (6, 104, 6, 109, "languagetool.ENGLISH_WORD_REPEAT_RULE"),
        (6, 159, 6, 167, "languagetool.MORFOLOGIK_RULE_EN_US"),
        (8, 91, 8, 98, "Team.Utilize"),
        (11, 41, 11, 48, "Team.Utilize"),
    ]
    lines = HTML_EXPORT.read_text().splitlines()
    assert [lines[line - 1][column - 1 : end - 1] for line, column, _, end, _ in found] == [
        "the the", "on on", "recieved", "utilize", "utilize",
    ]  # fmt: skip


def test_front_matter_fields_a_reader_sees_are_linted_where_they_are_written(run: Run, tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(
        "---\ntitle: Notes on the the release\ndescription: It is very unique.\nslug: the-the\n---\n\nBody.\n"
    )
    result = run("lint", "post.md", "--no-languagetool", "--format", "line", *STRICT)
    assert [line for line in result.stdout.splitlines() if "lexical_illusions" in line or "uncomparables" in line] == [
        "post.md:2:17:proselint.lexical_illusions:There's a lexical illusion in 'the the' - a phrase is repeated.",
        "post.md:3:20:proselint.uncomparables:Comparison of an uncomparable: 'very unique' is not comparable.",
    ]
    # Which fields are prose is the team's choice.
    (tmp_path / "editorial.yaml").write_text("lint:\n  prose_fields: [description]\n")
    result = run("lint", "post.md", "--no-languagetool", "--format", "line", *STRICT)
    assert [line.split(":")[1] for line in result.stdout.splitlines() if line.startswith("post.md:")] == ["3", "3"]
    (tmp_path / "editorial.yaml").write_text("lint:\n  prose_fields: description\n")
    result = run("lint", "post.md", "--no-languagetool")
    assert (result.returncode, result.stdout) == (2, "")
    assert "editorial.yaml:2:" in result.stderr and "prose_fields" in result.stderr
