"""Real git repositories for the tests: commits by named people, at given dates, on real branches."""

from __future__ import annotations

import datetime
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

# Git run by the tests (and by editorial under test) sees none of the machine's own configuration.
ISOLATED = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}
# When editorial itself commits (new-issue --branches, new-section --branch).
EDITORIAL_COMMIT_DATE = "2021-01-05T09:00:00+00:00"

REGISTRY = """\
newsletter:
  name: Test Weekly
contributors:
  melanie:
    name: Melanie
  andrew:
    name: Andrew
  nisha:
    name: Nisha
  zoë:
    name: Zoë
"""


@pytest.fixture
def isolated_git(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Import into a test module to use: no machine-wide git configuration, fixed dates for editorial's commits."""
    for name, value in ISOLATED.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GIT_AUTHOR_DATE", EDITORIAL_COMMIT_DATE)
    monkeypatch.setenv("GIT_COMMITTER_DATE", EDITORIAL_COMMIT_DATE)
    yield


def git(cwd: Path, *args: str, who: str = "Editor", when: str = "2021-01-04T09:00:00+00:00") -> str:
    """Run git as ``who`` at ``when`` (author and committer both); its output, less the last newline."""
    email = f"{who.lower().replace(' ', '.')}@example.org"
    env = {
        **os.environ,
        **ISOLATED,
        "GIT_AUTHOR_NAME": who,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": who,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout.rstrip("\n")


class Repo:
    """A working tree of a git repository (a clone, or a worktree of a branch)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str, who: str = "Editor", when: str = "2021-01-04T09:00:00+00:00") -> str:
        return git(self.path, *args, who=who, when=when)

    def write(self, files: dict[str, str | bytes | None]) -> None:
        """Write (text or bytes) or delete (None) files, paths relative to the top."""
        for name, content in files.items():
            path = self.path / name
            if content is None:
                path.unlink()
            elif isinstance(content, bytes):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")

    def commit(self, files: dict[str, str | bytes | None], message: str, who: str, when: str) -> str:
        """Change ``files`` and commit everything as ``who`` at ``when``; the new commit's id."""
        self.write(files)
        self.git("add", "--all")
        self.git("commit", "--quiet", "-m", message, who=who, when=when)
        return self.git("rev-parse", "HEAD")

    def worktree(self, branch: str, path: Path) -> Repo:
        """A second working tree on ``branch``: a contributor's own checkout of the same repository."""
        self.git("worktree", "add", "--quiet", str(path), branch)
        return Repo(path)

    def refs(self) -> str:
        """Every ref with its commit and tree: equal before and after means no branch changed."""
        return self.git("for-each-ref", "--format=%(refname) %(objectname) %(tree)")

    def commit_on(self, branch: str, files: dict[str, str | bytes | None], message: str, who: str, when: str) -> str:
        """Change ``files`` on ``branch`` and commit as ``who`` at ``when``, without a checkout; the new commit's id.

        One ``git fast-import``, where a worktree and ``commit`` take several
        processes: for tests that make hundreds of commits.
        """
        email = f"{who.lower().replace(' ', '.')}@example.org"
        moment = datetime.datetime.fromisoformat(when)
        offset = moment.strftime("%z")
        stamp = f"{who} <{email}> {int(moment.timestamp())} {offset}"
        script = [f"commit refs/heads/{branch}\nmark :1\nauthor {stamp}\ncommitter {stamp}\n".encode()]
        script.append(b"data %d\n%s\nfrom refs/heads/%s^0\n" % (len(message.encode()), message.encode(), branch.encode()))
        for name, content in files.items():
            if content is None:
                script.append(f"D {name}\n".encode())
            else:
                data = content if isinstance(content, bytes) else content.encode()
                script.append(f"M 100644 inline {name}\n".encode() + b"data %d\n%s\n" % (len(data), data))
        script.append(b"get-mark :1\n")
        result = subprocess.run(
            ["git", "fast-import", "--quiet", "--done"],
            input=b"".join(script) + b"done\n",
            cwd=self.path,
            capture_output=True,
            env={**os.environ, **ISOLATED},
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.decode().strip()

    def relative(self, path: Path) -> str:
        return path.relative_to(self.path).as_posix()

    def show(self, revision_path: str) -> bytes:
        result = subprocess.run(["git", "show", revision_path], cwd=self.path, capture_output=True)
        assert result.returncode == 0, result.stderr
        return result.stdout


def newsletter(path: Path, registry: str = REGISTRY) -> Repo:
    """A newsletter repository: editorial.yaml (four contributors, one of them zoë), committed."""
    path.mkdir(parents=True)
    (path / "editorial.yaml").write_text(registry, encoding="utf-8")
    return init(path)


def init(path: Path, who: str = "Editor") -> Repo:
    """``path`` (holding a newsletter already) as a repository with everything in one first commit."""
    git(path, "init", "--quiet", "--initial-branch=main")
    # The editor's own identity, for the commits editorial makes (new-issue --branches).
    git(path, "config", "user.name", who)
    git(path, "config", "user.email", "editor@example.org")
    repo = Repo(path)
    repo.commit({}, "Newsletter repository", who, "2021-01-04T09:00:00+00:00")
    return repo


def clone(source: Path | str, path: Path, who: str) -> Repo:
    git(path.parent, "clone", "--quiet", str(source), str(path))
    git(path, "config", "user.name", who)
    git(path, "config", "user.email", f"{who.lower()}@example.org")
    return Repo(path)


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path: what is on disk, exactly."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


SLUG = "2021-01"
SECTIONS = f"issues/{SLUG}/sections"


def section(author: str, title: str, body: str) -> str:
    return f"---\ntitle: {title}\nauthor: {author}\n---\n\n{body}\n"
