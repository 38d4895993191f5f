from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from editorial import files
from editorial.errors import EditorialError


def test_read_text_rejects_what_would_leak_into_the_issue(tmp_path: Path) -> None:
    cases = {
        b"ok\nline two \xff\n": "2: not UTF-8 text (byte 0xff at column 10)",
        b"\xef\xbb\xbfhello\n": "1: starts with a byte-order mark; save the file as UTF-8 without BOM",
        b"one\ntwo\r\nthree\r\n": "2: CRLF line ending; save the file with LF (Unix) line endings",
    }
    for data, expected in cases.items():
        path = tmp_path / "f.md"
        path.write_bytes(data)
        with pytest.raises(EditorialError) as exc:
            files.read_text(path)
        (problem,) = exc.value.problems
        assert (problem.path, f"{problem.line}: {problem.message}") == (path, expected)
    path.write_bytes("café ☕\n".encode())
    assert files.read_text(path) == "café ☕\n"
    with pytest.raises(EditorialError, match="no such file"):
        files.read_text(tmp_path / "missing.md")
    with pytest.raises(EditorialError, match="is a folder, not a file"):
        files.read_text(tmp_path)


def test_write_atomic_replaces_whole_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "out" / "draft.md"
    files.write_atomic(path, "first\n")
    assert path.read_bytes() == b"first\n"
    path.chmod(0o600)
    files.write_atomic(path, "second\r\nkeeps bytes\n")
    assert path.read_bytes() == b"second\r\nkeeps bytes\n"
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["draft.md"]


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    path = tmp_path / "draft.md"
    path.write_text("old\n")
    with pytest.raises(UnicodeEncodeError):
        files.write_atomic(path, "half \udcff written")
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]


def test_write_tree_atomic_all_or_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "issues" / "2021-02"
    files.write_tree_atomic(folder, {Path("issue.md"): "i\n", Path("sections/a.md"): "a\n"})
    assert (folder / "issue.md").read_text() == "i\n"
    assert (folder / "sections/a.md").read_text() == "a\n"
    assert oct(folder.stat().st_mode & 0o777) == oct(0o777 & ~_umask())

    broken = tmp_path / "issues" / "2021-03"
    with pytest.raises(UnicodeEncodeError):
        files.write_tree_atomic(broken, {Path("issue.md"): "fine\n", Path("sections/b.md"): "\udcff"})
    assert sorted(p.name for p in (tmp_path / "issues").iterdir()) == ["2021-02"]
    with pytest.raises(FileExistsError):
        files.write_tree_atomic(folder, {Path("x.md"): "x\n"})


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    import socket

    os.mkfifo(tmp_path / "fifo")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "socket"))
        cases = {
            tmp_path / "fifo": "not a regular file (a FIFO); editorial reads only regular files",
            tmp_path / "socket": "not a regular file (a socket); editorial reads only regular files",
            Path("/dev/null"): "not a regular file (a character device); editorial reads only regular files",
        }
        for path, message in cases.items():
            with pytest.raises(EditorialError) as exc:
                files.read_bytes(path)
            assert [(p.path, p.line, p.message) for p in exc.value.problems] == [(path, None, message)]
    (tmp_path / "loop").symlink_to("loop")
    with pytest.raises(EditorialError) as loop:
        files.read_bytes(tmp_path / "loop")
    assert str(loop.value) == f"{tmp_path / 'loop'}: cannot read: Too many levels of symbolic links"


def test_walk_stays_inside_and_walks_each_folder_once(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "a/b").mkdir(parents=True)
    (root / "a/b/x.md").write_text("x")
    (root / "a/up").symlink_to(root)  # a loop
    (root / "a/same").symlink_to(root / "a/b")  # the same folder under another name
    (root / "out").symlink_to(tmp_path)
    (root / "out.md").symlink_to(tmp_path / "elsewhere.md")
    (root / "in.md").symlink_to(root / "a/b/x.md")
    (root / ".hidden").mkdir()
    (root / ".hidden/h.md").write_text("h")
    found, problems = files.walk(root, files.Boundary(root, "the test"), skip=lambda name: name.startswith("."))
    assert found == [root / "a/b/x.md", root / "in.md"]
    assert [str(p) for p in problems] == [
        f"{root / 'out'}: leads out of the test (to {tmp_path}) through a symbolic link; not followed",
        f"{root / 'out.md'}: leads out of the test (to {tmp_path / 'elsewhere.md'}) through a symbolic link; not followed",
    ]
    # Without a boundary, links are followed; the loop still ends.
    everything, none = files.walk(root / "a")
    assert none == []
    assert root / "a/up/in.md" in everything
    assert files.walk(tmp_path / "missing") == ([], [])


# A writer that stops while its temporaries exist: the value of the file is
# read from standard input, after "staging" is printed.
SLOW_WRITER = """
import sys
from pathlib import Path
from editorial import files

class Slow(dict):
    def __getitem__(self, path):
        print("staging", flush=True)
        return sys.stdin.readline().encode()

files.write_many_atomic(Slow({Path(sys.argv[1]): None}))
"""


def _slow_writer(target: Path) -> subprocess.Popen[str]:
    writer = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "staging\n"
    return writer


def _everything(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _git_repository(path: Path) -> Path:
    path.mkdir()
    subprocess.run(["git", "init", "--quiet", "--template=", str(path)], check=True)
    return path


def test_in_a_git_working_tree_temporaries_are_in_the_git_directory(tmp_path: Path) -> None:
    repo = _git_repository(tmp_path / "repo")
    target = repo / "issues" / "2021-01" / "sections" / "a.md"
    target.parent.mkdir(parents=True)
    target.write_text("old\n")
    staging_area = repo / ".git" / "editorial" / "tmp"

    writer = _slow_writer(target)
    try:
        (staging,) = staging_area.iterdir()
        assert staging.name.startswith(".editorial-") and staging.name.endswith(".tmp")
        assert _everything(repo / "issues") == ["2021-01", "2021-01/sections", "2021-01/sections/a.md"]
        # Another writer meanwhile leaves the live one's temporaries alone.
        files.write_atomic(repo / "issues" / "b.md", "b\n")
        assert list(staging_area.iterdir()) == [staging]
    finally:
        writer.communicate("new\n", timeout=30)
    assert writer.returncode == 0
    assert target.read_text() == "new\n"
    assert list(staging_area.iterdir()) == []

    files.write_tree_atomic(repo / "issues" / "2021-02", {Path("issue.md"): "i\n"})
    assert files.write_new(b"kept\n", [target, target.with_name("a.md.2")]) == target.with_name("a.md.2")
    assert _everything(repo / "issues") == [
        "2021-01", "2021-01/sections", "2021-01/sections/a.md", "2021-01/sections/a.md.2",
        "2021-02", "2021-02/issue.md", "b.md",
    ]  # fmt: skip
    assert list(staging_area.iterdir()) == []


def test_a_killed_writers_temporaries_are_removed_by_the_next_writer(tmp_path: Path) -> None:
    repo = _git_repository(tmp_path / "repo")
    plain = tmp_path / "plain"
    plain.mkdir()
    for folder, area in [(repo / "docs", repo / ".git" / "editorial" / "tmp"), (plain, plain)]:
        target = folder / "a.md"
        target.parent.mkdir(exist_ok=True)
        target.write_text("old\n")
        writer = _slow_writer(target)
        writer.send_signal(signal.SIGKILL)
        writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        (stale,) = [p for p in area.iterdir() if p.name.startswith(".editorial-")]
        assert target.read_text() == "old\n"

        files.write_atomic(folder / "other.md", "other\n")

        assert not stale.exists()
        assert [p.name for p in area.iterdir() if p.name.startswith(".editorial-")] == []
    assert _everything(plain) == ["a.md", "other.md"]
    assert _everything(repo / "docs") == ["a.md", "other.md"]


def test_a_worktree_stages_in_its_own_git_directory(tmp_path: Path) -> None:
    repo = _git_repository(tmp_path / "repo")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    identity = ["-c", "user.name=E", "-c", "user.email=e@example.org"]
    subprocess.run(["git", *identity, "commit", "--quiet", "--allow-empty", "-m", "x"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "worktree", "add", "--quiet", "-b", "b", str(tmp_path / "wt")], cwd=repo, check=True, env=env)
    target = tmp_path / "wt" / "a.md"

    writer = _slow_writer(target)
    try:
        assert [p.name.startswith(".editorial-") for p in (repo / ".git/worktrees/wt/editorial/tmp").iterdir()] == [True]
    finally:
        writer.communicate("new\n", timeout=30)
    assert target.read_text() == "new\n"
    assert _everything(tmp_path / "wt") == [".git", "a.md"]


def test_write_new_never_replaces(tmp_path: Path) -> None:
    names = [tmp_path / "k" / "a.orig", tmp_path / "k" / "a.orig.2", tmp_path / "k" / "a.orig.3"]
    assert files.write_new(b"one\n", names) == names[0]
    assert files.write_new(b"two\n", names) == names[1]
    names[2].mkdir()
    with pytest.raises(FileExistsError):
        files.write_new(b"three\n", names)
    assert (names[0].read_bytes(), names[1].read_bytes()) == (b"one\n", b"two\n")
    assert names[0].stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert _everything(tmp_path) == ["k", "k/a.orig", "k/a.orig.2", "k/a.orig.3"]


def test_write_tree_atomic_of_no_files_is_an_empty_folder(tmp_path: Path) -> None:
    files.write_tree_atomic(tmp_path / "empty", {})
    assert _everything(tmp_path) == ["empty"]
