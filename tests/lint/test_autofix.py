from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import fuzz
import pytest
from conftest import REPO, Run
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st

from editorial.errors import EditorialError
from editorial.lint import autofix, command
from editorial.lint.findings import Finding

NO_LT = "--no-languagetool"
SHARED = REPO.parent / "shared"
ARCHIVE = SHARED / "corpora" / "twir" / "archive"
JULY = REPO / "examples" / "2022-07" / "expected.md"
EXAMPLE_FILES = sorted((REPO / "examples").rglob("*.md"))
ARCHIVE_FILES = sorted(ARCHIVE.glob("*.md")) if ARCHIVE.is_dir() else []


def test_fix_writes_the_fixed_files_and_only_them(run: Run, newsletter: Path) -> None:
    victor = newsletter / "issues/2021-01/sections/victor.md"
    others = {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino) for p in newsletter.rglob("*.md") if p != victor}
    before = victor.read_text()
    result = run("lint", NO_LT, "--fix", cwd=newsletter)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith("0 errors, 3 warnings, 0 suggestions in 6 files; fixed 1 finding in 1 file\n")
    assert victor.read_text() == before.replace("see the the self supervised", "see the self supervised", 1)
    assert before.count("the the") == 1
    for path, (data, mtime, inode) in others.items():
        assert (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino) == (data, mtime, inode), path
    assert not [p for p in newsletter.rglob("*") if ".editorial-" in p.name]  # no temporaries left
    again = run("lint", NO_LT, "--fix", cwd=newsletter)
    assert again.stdout.endswith("in 6 files; fixed 0 findings in 0 files\n")


def test_diff_shows_what_fix_would_do_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Read the the notes at [us](www.example.com).\n\nGitHub, eg here.")
    (tmp_path / "b.md").write_text("Nothing to fix.\n")
    diff = run("lint", NO_LT, "--diff", ".")
    assert diff.returncode == 1
    assert diff.stdout == (
        "--- a/a.md\n"
        "+++ b/a.md\n"
        "@@ -1,3 +1,3 @@\n"
        "-Read the the notes at [us](www.example.com).\n"
        "+Read the notes at [us](https://www.example.com).\n"
        " \n"
        "-GitHub, eg here.\n"
        "\\ No newline at end of file\n"
        "+GitHub, e.g. here.\n"
        "\\ No newline at end of file\n"
    )
    assert diff.stderr == "would fix 3 findings in 1 file\n"
    assert (tmp_path / "a.md").read_text().startswith("Read the the")
    clean = run("lint", NO_LT, "--diff", "b.md")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "would fix 0 findings in 0 files\n")
    unreadable = run("lint", NO_LT, "--diff", "b.md", "missing.md")
    assert (unreadable.returncode, unreadable.stderr) == (2, "missing.md: no such file or folder\nwould fix 0 findings in 0 files\n")


def test_unsafe_fixes_wait_for_the_flag(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("It is what it is is, said [the paper] (https://arxiv.org/abs/1).\n")
    safe_only = run("lint", NO_LT, "--fix", "a.md")
    assert safe_only.returncode == 1
    assert safe_only.stdout.endswith("1 error, 1 warning, 0 suggestions in 1 file; fixed 0 findings in 0 files; 2 fixable with --fix --unsafe-fixes\n")
    assert run("lint", NO_LT, "--fix", "--unsafe-fixes", "a.md").stdout == (
        "0 errors, 0 warnings, 0 suggestions in 1 file; fixed 2 findings in 1 file\n"
    )
    assert (tmp_path / "a.md").read_text() == "It is what it is, said [the paper](https://arxiv.org/abs/1).\n"


def test_overlapping_fixes_are_applied_one_at_a_time_with_the_file_linted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITORIAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("Read the the [the paper](https://a.org/x) now; see [it](www.a.org).\n")
    options = command.Options(paths=(Path("a.md"),), languagetool=False)
    found = command.run(options, tmp_path).result.findings
    # proselint reads "the the [the" as one illusion, overlapping markdown's "the [the".
    assert [(f.rule, f.column, f.end_column) for f in found] == [
        ("proselint.lexical_illusions", 6, 18), ("markdown.repeated-word", 10, 18), ("markdown.missing-scheme", 57, 66),
    ]
    fixing = autofix.fix(options, start=tmp_path)
    assert [(c.path, c.after, c.fixed) for c in fixing.changed] == [
        ("a.md", "Read [the paper](https://a.org/x) now; see [it](https://www.a.org).\n", 3),
    ]
    assert fixing.outcome.result.findings == ()
    assert (tmp_path / "a.md").read_text().startswith("Read the the")  # nothing written yet
    autofix.write(fixing)
    assert (tmp_path / "a.md").read_text() == fixing.changed[0].after


def test_the_second_lint_knows_the_words_the_first_learned(run: Run, tmp_path: Path) -> None:
    """Without an editorial.yaml the house vocabulary is learned from what is linted: the file linted again
    after its overlapping fixes still counts 'FOOBAR', written in both files, as an acronym, not as shouting."""
    (tmp_path / "a.md").write_text("Read the the [the paper](https://a.org/x) about FOOBAR now.\n")
    (tmp_path / "b.md").write_text("We like FOOBAR a lot.\n\nAnd more.\n")
    assert "House.Shouting" in run("lint", NO_LT, "--format", "concise", "a.md").stdout  # alone, it is shouting
    fixed = run("lint", NO_LT, "--fix", "--format", "concise", ".")
    assert (fixed.returncode, fixed.stdout) == (0, "0 errors, 0 warnings, 0 suggestions in 2 files; fixed 2 findings in 1 file\n")
    assert (tmp_path / "a.md").read_text() == "Read [the paper](https://a.org/x) about FOOBAR now.\n"


def test_the_findings_left_move_with_the_text(run: Run, tmp_path: Path) -> None:
    """What --fix reports afterwards is what a lint of the fixed file says, positions and fingerprints alike."""
    (tmp_path / "a.md").write_text(
        "Read the the [us](www.a.org) and it is very unique.\r\nA **** b; the the\r\nend, and very unique\r\n"
    )
    fixed = run("lint", NO_LT, "--profile", "strict", "--fix", "--format", "json", "a.md")
    data = json.loads(fixed.stdout)
    assert data["fixed"] == {"findings": 4, "files": 1}
    fresh = json.loads(run("lint", NO_LT, "--profile", "strict", "--format", "json", "--no-cache", "a.md").stdout)
    assert data["findings"] == fresh["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in fresh["findings"]][:3] == [
        ("proselint.uncomparables", 1, 44), ("proselint.weasel_words.very", 1, 44), ("proselint.uncomparables", 3, 10),
    ]
    assert (tmp_path / "a.md").read_bytes() == (
        b"Read the [us](https://www.a.org) and it is very unique.\r\nA b; the\r\nend, and very unique\r\n"
    )


def test_a_fix_goes_through_a_symbolic_link_and_keeps_it(run: Run, tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("See [us](www.example.com).\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "link.md").symlink_to("../real.md")
    result = run("lint", NO_LT, "--fix", ".")
    assert result.stdout.endswith("in 2 files; fixed 1 finding in 1 file\n")
    assert (tmp_path / "docs" / "link.md").is_symlink()
    assert (tmp_path / "real.md").read_text() == "See [us](https://www.example.com).\n"


def test_a_file_changed_meanwhile_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITORIAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("See [us](www.example.com).\n")
    fixing = autofix.fix(command.Options(paths=(Path("a.md"),), languagetool=False), start=tmp_path)
    (tmp_path / "a.md").write_text("Someone else's edit.\n")
    with pytest.raises(EditorialError) as exc:
        autofix.write(fixing)
    assert str(exc.value) == "a.md: changed while lint --fix ran; nothing was written"
    assert (tmp_path / "a.md").read_text() == "Someone else's edit.\n"


def test_findings_of_the_baseline_are_not_fixed_and_fix_does_not_record(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("See [us](www.example.com).\n")
    run("lint", NO_LT, "--baseline", "base.json", "--update-baseline", "a.md")
    kept = run("lint", NO_LT, "--baseline", "base.json", "--fix", "a.md")
    assert kept.stdout == "0 errors, 0 warnings, 0 suggestions in 1 file; fixed 0 findings in 0 files; 1 finding in the baseline base.json not shown\n"
    assert (tmp_path / "a.md").read_text() == "See [us](www.example.com).\n"
    both = run("lint", NO_LT, "--baseline", "base.json", "--update-baseline", "--fix", "a.md")
    assert (both.returncode, both.stderr) == (2, "--fix: fixes and --update-baseline do not go together: fix first, then record\n")


def _fix_edits(fixes: list[dict[str, object]], text: str) -> list[tuple[int, int, str]]:
    """The fixes as edits of ``text`` (offsets), counted here as CommonMark counts lines (a BOM is no column)."""
    starts = [1 if text.startswith("\ufeff") else 0] + [m.end() for m in re.finditer(r"\r\n?|\n", text)]
    return sorted(
        {(starts[f["line"] - 1] + f["column"] - 1, starts[f["end_line"] - 1] + f["end_column"] - 1, f["text"]) for f in fixes}  # type: ignore[index, operator]
    )


def _as_listed(finding: Finding) -> dict[str, object]:
    """A finding as the JSON report lists it (its place and its fix)."""
    fix = vars(finding.fix) if finding.fix is not None else None
    return {"line": finding.line, "column": finding.column, "end_line": finding.end_line, "end_column": finding.end_column, "fix": fix}


def _places(findings: list[dict[str, object]], text: str) -> list[tuple[int, int]]:
    """Where each finding stands in ``text`` (offsets): its span and its fix's, as one stretch."""
    places = []
    for finding in findings:
        end_line, end_column = finding["end_line"] or finding["line"], finding["end_column"] or finding["column"]
        stretch = [{"line": finding["line"], "column": finding["column"], "end_line": end_line, "end_column": end_column, "text": ""}]
        fix = finding["fix"]
        offsets = [(start, end) for start, end, _ in _fix_edits(stretch + ([fix] if fix else []), text)]  # type: ignore[list-item]
        places.append((min(start for start, _ in offsets), max(end for _, end in offsets)))
    return sorted(places)


def _by_hand(text: str, edits: list[tuple[int, int, str]], places: list[tuple[int, int]]) -> str | None:
    """``text`` with the edits applied, where the findings (their ``places``) stand apart: one round of fixes.
    None where two touch: the fixer then applies one, lints the file again and fixes what is left."""
    for (_, end), (next_start, _) in zip(places, places[1:]):
        if next_start <= end:
            return None
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text


def _only_spans_changed(before: str, after: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``after`` is ``before`` with only the text of ``spans`` replaced: what lies between them is there, in order."""
    gaps = []
    position = 0
    for start, end in spans:
        gaps.append(before[position:start])
        position = end
    tail = before[position:]
    if not after.startswith(gaps[0] if gaps else tail) or not after.endswith(tail):
        return False
    at = len(gaps[0]) if gaps else 0
    for gap in gaps[1:]:
        found = after.find(gap, at)
        if found < 0:
            return False
        at = found + len(gap)
    return at <= len(after) - len(tail)


def _check_fixes(run: Run, root: Path, *args: str, same_findings: bool = True) -> tuple[int, int]:
    """Fix with every fix, through the command line; where a file's fixes do not overlap, it is the file with
    exactly those edits and nothing else changed. The number of files changed, and of them checked so."""
    before = {p: p.read_bytes() for p in root.rglob("*.md")}
    listed = json.loads(run("lint", *args, "--unsafe-fixes", "--format", "json", cwd=root).stdout)
    fixed = run("lint", *args, "--fix", "--unsafe-fixes", "--format", "json", cwd=root)
    assert fixed.returncode in (0, 1), fixed.stderr
    fixes: dict[str, list[dict[str, object]]] = {}
    findings: dict[str, list[dict[str, object]]] = {}
    for finding in listed["findings"]:
        findings.setdefault(finding["path"], []).append(finding)
        if finding["fix"]:
            fixes.setdefault(finding["path"], []).append(finding["fix"])
    changed = checked = 0
    for path, data in before.items():
        after = path.read_bytes()
        text = data.decode()
        name = path.relative_to(root).as_posix()
        edits = _fix_edits(fixes.get(name, []), text)
        assert (after != data) == bool(edits), path
        if after == data:
            continue
        changed += 1
        expected = _by_hand(text, edits, _places(findings[name], text))
        if expected is not None:
            assert after.decode() == expected, path
            checked += 1
    assert json.loads(fixed.stdout)["fixed"]["files"] == changed
    if same_findings:
        # What --fix says is left is what a lint of the fixed files finds (rules that weigh a whole
        # file, such as proselint's consistency checks of the strict profile, aside: see autofix.py).
        fresh = json.loads(run("lint", *args, "--format", "json", cwd=root).stdout)
        assert json.loads(fixed.stdout)["findings"] == fresh["findings"]
    return changed, checked


def test_only_the_fixed_spans_change_in_the_example_issues(run: Run, newsletter: Path, tmp_path: Path, languagetool_url: str) -> None:
    with (newsletter / "editorial.yaml").open("a") as config:
        config.write(f"languagetool:\n  url: {languagetool_url}\n")
    shutil.copyfile(JULY, newsletter / "july.md")
    pristine = tmp_path / "pristine"
    shutil.copytree(newsletter, pristine)
    changed, checked = _check_fixes(run, newsletter, "--require-languagetool", ".")
    assert changed == checked >= 1  # victor.md's "the the" at least
    changed, checked = _check_fixes(run, pristine, "--profile", "strict", "--require-languagetool", ".", same_findings=False)
    assert changed >= 2 and checked >= 1


@pytest.mark.skipif(not ARCHIVE.is_dir(), reason="the This Week in Rust archive (../shared) is not here")
def test_only_the_fixed_spans_change_in_the_archive(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "twir"
    shutil.copytree(ARCHIVE, root / "archive")
    (root / "editorial.yaml").write_text("vocabulary:\n  learn: false\n")  # its words are no matter here
    changed, checked = _check_fixes(run, root, NO_LT, "archive")
    assert changed >= 3 and checked >= 3


# Pieces that rules fix, mixed with the pieces that break parsers.
FIXABLE = [
    "the the", "The the", "a a", "is is", "the [the", "**the** the", "[us](www.example.com)", "[us](<www.a.org>)",
    "[x](hhttps://a.org)", "[y](https//b.org)", "****", " **** ", "****x****", "[t] (https://a.org)",
    "[https://a.org/p](Name)", "### **Bold**\n", "eg", "i.e", "By [Andrew](https://c.example/x)", "the June edition",
    "fuzz weekly",
]  # fmt: skip
REGISTRY = "newsletter:\n  name: Fuzz Weekly\ncontributors:\n  andrew:\n    name: Andrew\n    link: https://example.com/andrew\n"


def _fixable_markdown() -> st.SearchStrategy[str]:
    part = st.one_of(st.sampled_from(FIXABLE), st.sampled_from(fuzz.MARKDOWN_PIECES), st.text(fuzz.CHARACTERS, max_size=6))
    dated = st.sampled_from(["", "---\ndate: 2021-07-14\n---\n"])
    return st.tuples(dated, st.lists(part, max_size=40).map("".join)).map("".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=_fixable_markdown(), unsafe=st.booleans())
def test_fixing_any_markdown_changes_only_the_fixed_spans(text: str, unsafe: bool) -> None:
    note(repr(text))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "editorial.yaml").write_text(REGISTRY)
        (root / "a.md").write_bytes(text.encode("utf-8"))
        options = command.Options(paths=(root / "a.md",), languagetool=False, use_cache=False, profile="strict")
        found = command.run(options, root).result.findings
        fixing = autofix.fix(options, unsafe, root)
        wanted = [f for f in found if f.fix is not None and (f.fix.safe or unsafe)]
        assert bool(fixing.changed) == bool(wanted)
        if fixing.changed:
            (changed,) = fixing.changed
            assert changed.before == text
            assert _only_spans_changed(text, changed.after, changed.spans)
            expected = _by_hand(text, _fix_edits([vars(f.fix) for f in wanted if f.fix], text), _places([_as_listed(f) for f in found], text))
            if expected is not None:  # one round: exactly the fixes the lint offered, where it offered them
                assert changed.after == expected
                assert changed.spans == _merged([(start, end) for start, end, _ in _fix_edits([vars(f.fix) for f in wanted if f.fix], text)])


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


def _fixes_change_only_their_spans(root: Path, data: bytes, unsafe: bool) -> None:
    """Fix ``data`` as a file of ``root``, in memory, then written: the bytes outside the fixed spans are the
    file's own, in order; where the fixes do not overlap, the file is exactly the lint's fixes applied; and
    every span that changed touches a place the first lint flagged or offered to fix."""
    (root / "editorial.yaml").write_text(REGISTRY)
    path = root / "a.md"
    path.write_bytes(data)
    text = data.decode("utf-8")
    options = command.Options(paths=(path,), languagetool=False, use_cache=False, profile="strict")
    found = command.run(options, root).result.findings
    fixing = autofix.fix(options, unsafe, root)
    wanted = [vars(f.fix) for f in found if f.fix is not None and (f.fix.safe or unsafe)]
    assert bool(fixing.changed) == bool(wanted)
    if not fixing.changed:
        return
    (changed,) = fixing.changed
    assert changed.before == text
    assert _only_spans_changed(text, changed.after, changed.spans)
    places = _places([_as_listed(f) for f in found], text)
    expected = _by_hand(text, _fix_edits(wanted, text), places)
    if expected is not None:
        assert changed.after == expected
    for start, end in changed.spans:
        assert any(start <= last and first <= end for first, last in places), (start, end)
    autofix.write(fixing)
    assert path.read_bytes() == changed.after.encode("utf-8")


def _spliced(files: Sequence[Path]) -> st.SearchStrategy[bytes]:
    """A real file, with pieces that rules fix put in at places drawn anywhere in it (or none)."""

    def splice(path: Path, pieces: list[tuple[float, str]]) -> bytes:
        text = path.read_bytes().decode("utf-8")
        for where, piece in sorted(pieces, reverse=True):
            at = int(where * len(text))
            text = text[:at] + piece + text[at:]
        return text.encode("utf-8")

    piece = st.tuples(st.floats(0, 1), st.sampled_from(FIXABLE).map(lambda p: f" {p} "))
    return st.builds(splice, st.sampled_from(files), st.lists(piece, max_size=4))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=_spliced(EXAMPLE_FILES), unsafe=st.booleans())
# Two findings over one "the the the" (proselint's and markdown's): the first fix, then a second round.
@example(data=b" **the** the  the the " + (REPO / "examples/2021-01/README.md").read_bytes(), unsafe=False)
def test_fixing_the_example_issues_changes_only_the_fixed_spans(data: bytes, unsafe: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _fixes_change_only_their_spans(Path(tmp), data, unsafe)


@pytest.mark.skipif(not ARCHIVE_FILES, reason="the This Week in Rust archive (../shared) is not here")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=_spliced(ARCHIVE_FILES or [Path(__file__)]), unsafe=st.booleans())
def test_fixing_the_archive_changes_only_the_fixed_spans(data: bytes, unsafe: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _fixes_change_only_their_spans(Path(tmp), data, unsafe)
