"""``editorial new-issue --branches`` and the pattern of contributor branch names."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Run
from gitrepo import REGISTRY, git, isolated_git, newsletter  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("isolated_git")

NEW_ISSUE = ("new-issue", "2021-01", "--date", "2021-01-20", "--contributors", "melanie,zoë", "--branches")


def test_commits_the_scaffold_and_branches_every_contributor(run: Run, tmp_path: Path) -> None:
    repo = newsletter(tmp_path / "news")
    # The editor's other work, staged and not: it stays as it is, out of the commit.
    repo.write({"draft.md": "staged\n", "notes.txt": "untracked\n"})
    repo.git("add", "draft.md")
    result = run(*NEW_ISSUE, cwd=repo.path)
    assert result.returncode == 0, result.stderr
    head = repo.git("rev-parse", "HEAD")
    assert result.stdout == (
        "created issues/2021-01/issue.md\n"
        "created issues/2021-01/sections/melanie.md\n"
        "created issues/2021-01/sections/zoë.md\n"
        f"committed 'Scaffold issue 2021-01' ({head[:12]})\n"
        "created branch 2021-01/melanie\n"
        "created branch 2021-01/zoë\n"
    )
    assert repo.git("log", "--format=%s|%an|%aI", "main") == (
        "Scaffold issue 2021-01|Editor|2021-01-05T09:00:00+00:00\nNewsletter repository|Editor|2021-01-04T09:00:00+00:00"
    )
    assert repo.git("-c", "core.quotePath=false", "show", "--name-status", "--format=", "HEAD").split("\n") == [
        "A\tissues/2021-01/issue.md",
        "A\tissues/2021-01/sections/melanie.md",
        "A\tissues/2021-01/sections/zoë.md",
    ]
    tree = repo.git("rev-parse", "HEAD^{tree}")
    assert repo.refs().split("\n") == [
        f"refs/heads/2021-01/melanie {head} {tree}",
        f"refs/heads/2021-01/zoë {head} {tree}",
        f"refs/heads/main {head} {tree}",
    ]
    assert repo.git("status", "--porcelain", "--untracked-files=all") == "A  draft.md\n?? notes.txt"


def test_json_names_the_commit_and_branches(run: Run, tmp_path: Path) -> None:
    repo = newsletter(tmp_path / "news")
    result = run(*NEW_ISSUE, "--format", "json", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(
        f'  "commit": "{repo.git("rev-parse", "HEAD")}",\n  "branches": [\n    "2021-01/melanie",\n    "2021-01/zoë"\n  ]\n}}\n'
    )


def test_refuses_a_branch_that_exists_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    repo = newsletter(tmp_path / "news")
    repo.git("branch", "2021-01/zoë")
    before = repo.refs()
    result = run(*NEW_ISSUE, cwd=repo.path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "2021-01/zoë: the branch already exists (delete or rename it first)\n"
    assert repo.refs() == before
    assert not (repo.path / "issues").exists()


def test_custom_pattern_with_slashes(run: Run, tmp_path: Path) -> None:
    repo = newsletter(tmp_path / "news", REGISTRY + "collect:\n  branch: drafts/{issue}/by/{contributor}\n")
    result = run(*NEW_ISSUE, cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("created branch drafts/2021-01/by/melanie\ncreated branch drafts/2021-01/by/zoë\n")


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("'{issue}-draft'", "'collect.branch' must contain {contributor} (one branch per contributor)"),
        ("'{issue}/{who}'", "'collect.branch' may use only {issue} and {contributor}, not {who}"),
        ("'{issue}/{contributor!r}'", "'collect.branch' may use only {issue} and {contributor} (without formats)"),
        ("'{issue/{contributor}'", "'collect.branch' is not a valid pattern: unexpected '{' in field name"),
    ],
)
def test_bad_patterns(run: Run, tmp_path: Path, pattern: str, message: str) -> None:
    repo = newsletter(tmp_path / "news", REGISTRY + f"collect:\n  branch: {pattern}\n")
    result = run(*NEW_ISSUE, cwd=repo.path)
    assert (result.returncode, result.stderr) == (2, f"editorial.yaml:13: {message}\n")


def test_pattern_giving_a_name_git_refuses(run: Run, tmp_path: Path) -> None:
    repo = newsletter(tmp_path / "news", REGISTRY + "collect:\n  branch: '{issue} {contributor}'\n")
    result = run(*NEW_ISSUE, cwd=repo.path)
    assert result.returncode == 2
    assert result.stderr == (
        "editorial.yaml: '2021-01 melanie' is not a valid git branch name (see 'collect.branch', the pattern of branch names)\n"
    )
    assert not (repo.path / "issues").exists()


def test_needs_a_commit_and_a_branch_to_start_from(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "editorial.yaml").write_text(REGISTRY)
    git(empty, "init", "--quiet")
    result = run(*NEW_ISSUE, cwd=empty)
    assert (result.returncode, result.stderr) == (
        2,
        ".: the git repository has no commits yet; commit editorial.yaml first, so that branches have it\n",
    )
    assert not (empty / "issues").exists()

    repo = newsletter(tmp_path / "news")
    repo.git("checkout", "--quiet", "--detach")
    result = run(*NEW_ISSUE, cwd=repo.path)
    head = repo.git("rev-parse", "HEAD")
    assert (result.returncode, result.stderr) == (
        2,
        f".: HEAD is detached (at {head[:12]}); switch to the editing branch first\n",
    )

    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "editorial.yaml").write_text(REGISTRY)
    result = run(*NEW_ISSUE, cwd=plain)
    assert (result.returncode, result.stderr) == (
        2,
        ".: not a git repository (editorial's branches live in git: run 'git init' here)\n",
    )
    assert not (plain / "issues").exists()


def test_find_takes_the_pattern_s_branches_and_says_why_it_ignores_the_others(tmp_path: Path) -> None:
    from editorial import branches, repository, settings

    repo = newsletter(tmp_path / "news", REGISTRY + "collect:\n  branch: team/{contributor}/{issue}/{contributor}\n")
    head = repo.git("rev-parse", "HEAD")
    for name in [
        "team/melanie/2021-01/melanie",
        "team/andrew/2021-01/nisha",  # the two parts differ
        "team/a/b/2021-01/a/b",
        "team/melanie/2021-02/melanie",  # another issue's
        "2021-01/melanie",  # not the pattern's
    ]:
        repo.git("update-ref", f"refs/heads/{name}", head)

    found = branches.find(settings.load(repo.path / "editorial.yaml"), repository.open_repository(repo.path), "2021-01")

    assert list(found.refs) == ["melanie"]
    assert [str(i) for i in found.ignored] == [
        "team/a/b/2021-01/a/b: 'a/b' is not a contributor id: it has a '/'",
        "team/andrew/2021-01/nisha: the pattern's {contributor} parts differ: 'andrew', 'nisha'",
    ]
