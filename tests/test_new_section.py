"""``editorial new-section``: a stub for a contributor who joins an issue later."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run
from gitrepo import Repo, isolated_git, newsletter  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("isolated_git")

SLUG = "2021-01"
ISSUE = f"issues/{SLUG}/issue.md"
SECTIONS = f"issues/{SLUG}/sections"


@pytest.fixture
def editor(run: Run, tmp_path: Path) -> Repo:
    """Issue 2021-01 scaffolded for Melanie and Andrew, and committed."""
    repo = newsletter(tmp_path / "news")
    result = run("new-issue", SLUG, "--date", "2021-01-20", "--contributors", "melanie,andrew", "--branches", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    return repo


def test_adds_the_stub_and_assigns_the_contributor(run: Run, editor: Repo) -> None:
    issue_before = (editor.path / ISSUE).read_text()
    refs = editor.refs()

    result = run("new-section", SLUG, "--contributor", "zoë", "--title", "Late: charts", cwd=editor.path)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"created {SECTIONS}/zoë.md\nassigned zoë in the issue's editorial.contributors\n"
    assert (editor.path / SECTIONS / "zoë.md").read_text() == (
        "---\ntitle: 'Late: charts'\nauthor: zoë\n---\n\n<!-- editorial: Zoë, write your section of 2021-01 below this note (it is never published). -->\n"
    )
    assert (editor.path / ISSUE).read_text() == issue_before.replace(
        "  contributors: [melanie, andrew]\n", "  contributors: [melanie, andrew, zoë]\n"
    )
    assert editor.refs() == refs


def test_block_list_gets_an_item_and_other_forms_a_warning(run: Run, editor: Repo) -> None:
    block = "---\ndate: 2021-01-20\neditorial:\n  contributors:\n    - melanie\n    - andrew  # since December\n---\n\nHello.\n"
    (editor.path / ISSUE).write_text(block)
    result = run("new-section", SLUG, "--contributor", "nisha", cwd=editor.path)
    assert result.returncode == 0, result.stderr
    assert (editor.path / ISSUE).read_text() == block.replace("since December\n", "since December\n    - nisha\n")

    odd = "---\ndate: 2021-01-20\neditorial:\n  contributors: [melanie,\n    andrew]\n---\n"
    (editor.path / ISSUE).write_text(odd)
    result = run("new-section", SLUG, "--contributor", "zoë", cwd=editor.path)
    assert (result.returncode, result.stdout) == (0, f"created {SECTIONS}/zoë.md\n")
    assert result.stderr == (
        f"warning: {ISSUE}:4: add 'zoë' to editorial.contributors yourself: collect and status go by that list\n"
    )
    assert (editor.path / ISSUE).read_text() == odd


def test_without_a_list_everyone_is_assigned_already(run: Run, editor: Repo) -> None:
    frame = "---\ndate: 2021-01-20\n---\n\nHello.\n"
    (editor.path / ISSUE).write_text(frame)
    result = run("new-section", SLUG, "--contributor", "nisha", "--format", "json", cwd=editor.path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "section": f"{SECTIONS}/nisha.md",
        "contributor": "nisha",
        "assigned": False,
        "branch": None,
        "commit": None,
        "warnings": [],
    }
    assert (editor.path / ISSUE).read_text() == frame


def test_the_contributor_of_the_current_branch(run: Run, editor: Repo) -> None:
    melanie = editor.worktree(f"{SLUG}/melanie", editor.path.parent / "melanie")
    (melanie.path / SECTIONS / "melanie.md").unlink()
    result = run("new-section", SLUG, cwd=melanie.path)
    assert (result.returncode, result.stdout) == (0, f"created {SECTIONS}/melanie.md\n")

    result = run("new-section", SLUG, cwd=editor.path)
    assert (result.returncode, result.stderr) == (
        2,
        "--contributor: say whose section it is: the current branch 'main' is not a contributor's branch of issue '2021-01'\n",
    )


def test_with_a_branch(run: Run, editor: Repo) -> None:
    (editor.path / "notes.txt").write_text("the editor's own work\n")

    result = run("new-section", SLUG, "--contributor", "zoë", "--branch", cwd=editor.path)

    assert result.returncode == 0, result.stderr
    head = editor.git("rev-parse", "HEAD")
    assert result.stdout == (
        f"created {SECTIONS}/zoë.md\n"
        "assigned zoë in the issue's editorial.contributors\n"
        f"committed the stub ({head[:12]}) and created branch 2021-01/zoë\n"
    )
    assert editor.git("log", "-1", "--format=%s") == "Add a section for zoë to issue 2021-01"
    assert editor.git("-c", "core.quotePath=false", "show", "--name-only", "--format=", "HEAD").split("\n") == [
        ISSUE,
        f"{SECTIONS}/zoë.md",
    ]
    assert editor.git("rev-parse", f"{SLUG}/zoë") == head
    assert editor.git("status", "--porcelain") == "?? notes.txt"


def test_refusals_write_nothing(run: Run, editor: Repo) -> None:
    editor.git("branch", f"{SLUG}/zoë")
    before = (editor.path / ISSUE).read_text()
    cases = {
        ("new-section", SLUG, "--contributor", "melanie"): f"{SECTIONS}/melanie.md: melanie already has a section in issue '2021-01'\n",
        ("new-section", SLUG, "--contributor", "victor"): (
            "editorial.yaml: not in the contributor registry: victor (registered: melanie, andrew, nisha, zoë)\n"
        ),
        ("new-section", SLUG, "--contributor", "zoë", "--branch"): (
            "2021-01/zoë: the branch already exists (delete or rename it first)\n"
        ),
        ("new-section", "2099-01", "--contributor", "zoë"): (
            "issues/2099-01/issue.md: no issue '2099-01' (create it with 'editorial new-issue 2099-01')\n"
        ),
    }
    for args, stderr in cases.items():
        result = run(*args, cwd=editor.path)
        assert (result.returncode, result.stderr) == (2, stderr), args
    assert sorted(p.name for p in (editor.path / SECTIONS).iterdir()) == ["andrew.md", "melanie.md"]
    assert (editor.path / ISSUE).read_text() == before


def test_an_issue_that_leads_out_of_the_issues_folder_is_refused(run: Run, editor: Repo, tmp_path: Path) -> None:
    sections = editor.path / SECTIONS
    sections.rename(tmp_path / "sections")
    sections.symlink_to(tmp_path / "sections")
    result = run("new-section", SLUG, "--contributor", "zoë", cwd=editor.path)
    assert (result.returncode, result.stderr) == (
        2, f"{SECTIONS}/zoë.md: leads out of the issues folder (to {tmp_path / 'sections/zoë.md'}) through a symbolic link; not followed\n"
    )
    assert sorted(p.name for p in (tmp_path / "sections").iterdir()) == ["andrew.md", "melanie.md"]
    sections.unlink()
    (tmp_path / "sections").rename(sections)
    issue = editor.path / ISSUE
    issue.rename(tmp_path / "issue.md")
    issue.symlink_to(tmp_path / "issue.md")
    refused = run("new-section", SLUG, "--contributor", "zoë", cwd=editor.path)
    assert (refused.returncode, refused.stderr) == (
        2, f"{ISSUE}: leads out of the issues folder (to {tmp_path / 'issue.md'}) through a symbolic link; not followed\n"
    )
    assert sorted(p.name for p in sections.iterdir()) == ["andrew.md", "melanie.md"]
