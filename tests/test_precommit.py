"""The real pre-commit, installing editorial's hook from this checkout, in a newsletter repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.com",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.com",
}


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout as it is on disk, committed into a repository pre-commit can clone."""
    copy = tmp_path_factory.mktemp("editorial-hook")
    tracked = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout.split("\0")
    for name in filter(None, tracked):
        source = REPO / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    env = {**os.environ, **GIT_ENV}
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "editorial as tested", env=env)
    return copy, git(copy, "rev-parse", "HEAD").stdout.strip()


def test_a_commit_with_an_error_is_blocked_and_a_clean_one_passes(
    hook_repo: tuple[Path, str], tmp_path: Path
) -> None:
    source, rev = hook_repo
    letter = tmp_path / "letter"
    letter.mkdir()
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    git(letter, "init", "-q")
    (letter / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source}\n    rev: {rev}\n    hooks:\n      - id: editorial-lint\n"
    )
    installed = subprocess.run([*PRE_COMMIT, "install"], cwd=letter, capture_output=True, text=True, env=env)
    assert installed.returncode == 0, installed.stderr

    (letter / "news.md").write_text("# News\n\nFind me on [LinkedIn](www.linkedin.com/in/someone).\n")
    git(letter, "add", "-A")
    blocked = git(letter, "commit", "-m", "A broken link", env=env)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    output = blocked.stdout + blocked.stderr
    assert "editorial lint" in output and "Failed" in output
    assert "news.md:3:23: error markdown.missing-scheme 'www.linkedin.com/in/someone' has no scheme" in output
    assert git(letter, "rev-list", "--all").stdout == ""

    (letter / "news.md").write_text("# News\n\nFind me on [LinkedIn](https://www.linkedin.com/in/someone).\n")
    git(letter, "add", "-A")
    passed = git(letter, "commit", "-m", "A working link", env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    output = passed.stdout + passed.stderr
    assert "editorial lint" in output and "Passed" in output
    assert git(letter, "log", "--format=%s").stdout == "A working link\n"


def test_the_starter_hook_shows_warnings_on_a_commit_that_passes(tmp_path: Path) -> None:
    letter = tmp_path / "letter"
    env = {
        **os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1",
        # The starter's hook runs the editorial on PATH: this checkout's.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "EDITORIAL_CACHE_DIR": str(tmp_path / "cache"),
    }
    made = subprocess.run([sys.executable, "-m", "editorial", "init", str(letter)], capture_output=True, text=True, env=env)
    assert made.returncode == 0, made.stderr
    git(letter, "init", "-q")
    git(letter, "add", "-A")
    git(letter, "commit", "-q", "-m", "The starter files", env=env)
    assert subprocess.run([*PRE_COMMIT, "install"], cwd=letter, capture_output=True, text=True, env=env).returncode == 0
    (letter / "news.md").write_text("# News\n\nRead [the post](https://example.org/post?utm_source=news).\n")
    git(letter, "add", "-A")

    shown = git(letter, "commit", "-m", "A tracked link", env=env)

    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert "news.md:3:17: warning markdown.tracking-parameter tracking parameter utm_source in the URL" in shown.stdout + shown.stderr
    # Without verbose: true, pre-commit keeps a passing hook's output to itself.
    config = letter / ".pre-commit-config.yaml"
    config.write_text(config.read_text().replace("        verbose: true\n", ""))
    (letter / "more.md").write_text("# More\n\nRead [it](https://example.org/more?utm_source=news).\n")
    git(letter, "add", "-A")
    hidden = git(letter, "commit", "-m", "Another", env=env)
    assert hidden.returncode == 0, hidden.stdout + hidden.stderr
    assert "tracking-parameter" not in hidden.stdout + hidden.stderr
    assert "editorial lint" in hidden.stdout + hidden.stderr and "Passed" in hidden.stdout + hidden.stderr
