from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, Run


def test_writes_a_working_starter_repository(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "letter"
    result = run("init", "letter", "--format", "json")
    assert result.returncode == 0, result.stderr
    written = json.loads(result.stdout)["written"]
    assert written[:2] == ["letter/editorial.yaml", "letter/.pre-commit-config.yaml"]
    for name in ("templates/issue.md.j2", "templates/section-stub.md.j2", "templates/section.md.j2"):
        assert f"letter/{name}" in written
        assert (target / name).read_bytes() == (REPO / name).read_bytes()
    assert (target / "rules/README.md").read_bytes() == (REPO / "rules/README.md").read_bytes()
    assert "entry: editorial lint" in (target / ".pre-commit-config.yaml").read_text()
    scaffolded = run("new-issue", "2026-12", "--date", "2026-12-01", cwd=target)
    assert scaffolded.returncode == 0, scaffolded.stderr
    assert (target / "issues/2026-12/sections/alex.md").is_file()


def test_refuses_to_overwrite_and_lists_the_files(run: Run, tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text("newsletter: {name: Mine}\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/issue.md.j2").write_text("mine\n")
    result = run("init")
    assert result.returncode == 2
    assert result.stderr == (
        ".: would overwrite editorial.yaml, templates/issue.md.j2 (use --force to overwrite)\n"
    )
    assert (tmp_path / "editorial.yaml").read_text() == "newsletter: {name: Mine}\n"
    assert not (tmp_path / ".pre-commit-config.yaml").exists()
    forced = run("init", "--force")
    assert forced.returncode == 0
    assert (tmp_path / "templates/issue.md.j2").read_bytes() == (REPO / "templates/issue.md.j2").read_bytes()
