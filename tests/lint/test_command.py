from __future__ import annotations

from pathlib import Path

import pytest

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
