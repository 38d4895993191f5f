from __future__ import annotations

import tempfile
from pathlib import Path

import fuzz
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from editorial.errors import EditorialError
from editorial.lint import command


def test_lint_from_python(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITORIAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "issues").mkdir()
    (tmp_path / "issues/a.md").write_text("See [it](www.example.com), it is very unique.\n")
    (tmp_path / "notes.md").write_text("Not in the issues folder.\n")
    outcome = command.run(
        command.Options(languagetool=False, profile="strict", select=("markdown", "proselint.uncomparables")), tmp_path
    )
    assert [(f.path, f.line, f.column, f.rule) for f in outcome.result.findings] == [
        ("issues/a.md", 1, 10, "markdown.missing-scheme"),
        ("issues/a.md", 1, 34, "proselint.uncomparables"),
    ]
    assert outcome.result.files == 1
    assert (outcome.exit_code, outcome.warnings) == (1, ())
    quiet = command.run(command.Options(languagetool=False, min_severity="error", ignore=("markdown",)), tmp_path)
    assert (quiet.exit_code, quiet.result.findings) == (0, ())


def test_bad_options_are_errors(tmp_path: Path) -> None:
    with pytest.raises(EditorialError) as exc:
        command.run(command.Options(min_severity="loud"), tmp_path)
    assert str(exc.value) == "--min-severity: 'loud' is not suggestion, warning or error"


REGISTRY = """\
newsletter:
  name: Fuzz Weekly
contributors:
  andrew:
    name: Andrew
    link: https://example.com/andrew
lint:
  word_limit: 50
"""


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(contents=st.lists(fuzz.file_bytes(), min_size=1, max_size=3), configured=st.booleans())
def test_lint_of_any_files_finishes_with_every_finding_in_its_file(contents: list[bytes], configured: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if configured:
            (root / "editorial.yaml").write_text(REGISTRY, encoding="utf-8")
        names = ["issues/2021-01/issue.md", *(f"issues/2021-01/sections/s{i}.md" for i in range(len(contents) - 1))]
        for name, data in zip(names, contents):
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
            note(f"{name}: {data!r}")
        # Files that cannot be read are errors of the outcome; nothing else may be raised.
        outcome = command.run(command.Options(languagetool=False, use_cache=False), root)
        texts = {name: data.decode("utf-8", "replace") for name, data in zip(names, contents)}
        for finding in outcome.result.findings:
            lengths = fuzz.line_lengths(texts[(Path.cwd() / finding.path).relative_to(root).as_posix()])
            assert fuzz.in_range(lengths, finding.line, finding.column), finding
            if finding.end_line is not None:
                assert finding.end_column is not None and fuzz.in_range(lengths, finding.end_line, finding.end_column), finding
                assert (finding.end_line, finding.end_column) >= (finding.line, finding.column), finding
        for problem in outcome.result.errors:
            lines = len(fuzz.line_lengths(texts[(Path.cwd() / problem.path).relative_to(root).as_posix()]))
            assert problem.line is None or 1 <= problem.line <= lines, problem
