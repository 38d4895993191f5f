from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from gitrepo import Repo, git, init, isolated_git  # noqa: F401 (a fixture)

from editorial import repository
from editorial.errors import EditorialError
from editorial.repository import Change, ObjectInfo

pytestmark = pytest.mark.usefixtures("isolated_git")


def _repo(tmp_path: Path) -> Repo:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README").write_text("newsletter\n")
    return init(root)


def test_open_repository_knows_head_its_branch_and_detached(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    opened = repository.open_repository(repo.path / ".")
    head = repo.git("rev-parse", "HEAD")
    assert opened == repository.Repository(repo.path.resolve(), "sha1", False, head, "refs/heads/main")
    repo.git("checkout", "--quiet", "--detach")
    assert repository.open_repository(repo.path).head_ref is None
    assert repository.open_repository(repo.path).head == head


def test_open_repository_errors(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    with pytest.raises(EditorialError, match="not a git repository"):
        repository.open_repository(plain)
    git(tmp_path, "init", "--quiet", "--bare", "bare.git")
    with pytest.raises(EditorialError, match="without a working tree"):
        repository.open_repository(tmp_path / "bare.git")
    git(tmp_path, "init", "--quiet", "empty")
    empty = repository.open_repository(tmp_path / "empty")
    assert empty.head is None
    with pytest.raises(EditorialError, match="no commits yet"):
        repository.require_commit(empty)


def test_gits_messages_keep_their_lines(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    missing = tmp_path / "nowhere.git"
    repo.git("remote", "add", "gone", str(missing))
    with pytest.raises(EditorialError) as exc:
        repository.fetch(repository.open_repository(repo.path), "gone")
    assert str(exc.value) == (
        f"{repo.path}: could not fetch from the remote 'gone': '{missing}' does not appear to be a git repository\n"
        "  fatal: Could not read from remote repository.\n"
        "  Please make sure you have the correct access rights\n"
        "  and the repository exists."
    )


def test_refs_with_slashes_and_non_ascii_names(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    repo.git("branch", "drafts/2021-01/zoë")
    commit = repo.commit({"x": "x\n"}, "x", "Zoë Ng", "2021-01-07T10:30:00+01:00")
    repo.git("branch", "-f", "drafts/2021-01/zoë", commit)
    repo.git("reset", "--quiet", "--hard", "HEAD~1")
    opened = repository.open_repository(repo.path)
    assert repository.refs(opened, "refs/heads/drafts/") == [
        repository.Ref("refs/heads/drafts/2021-01/zoë", commit, "Zoë Ng", "2021-01-07T10:30:00+01:00")
    ]


def test_forks_match_git_merge_base(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    start = repo.git("rev-parse", "HEAD")
    # "ahead": two commits of its own, forked at the first commit.
    repo.git("checkout", "--quiet", "-b", "ahead")
    repo.commit({"a": "1\n"}, "a1", "A", "2021-01-05T00:00:00Z")
    ahead = repo.commit({"a": "2\n"}, "a2", "A", "2021-01-05T01:00:00Z")
    repo.git("checkout", "--quiet", "main")
    main1 = repo.commit({"m": "1\n"}, "m1", "E", "2021-01-05T02:00:00Z")
    # "merged": forked at the first commit, then merged main (two candidate bases).
    repo.git("checkout", "--quiet", "-b", "merged", start)
    repo.commit({"b": "1\n"}, "b1", "B", "2021-01-05T03:00:00Z")
    repo.git("merge", "--quiet", "--no-edit", "main", who="B", when="2021-01-05T04:00:00Z")
    merged = repo.commit({"b": "2\n"}, "b2", "B", "2021-01-05T05:00:00Z")
    repo.git("checkout", "--quiet", "main")
    main2 = repo.commit({"m": "2\n"}, "m2", "E", "2021-01-05T06:00:00Z")
    # "behind": HEAD has all of it.
    repo.git("branch", "behind", main1)
    # "orphan": no history in common.
    repo.git("checkout", "--quiet", "--orphan", "orphan")
    orphan = repo.commit({"o": "1\n"}, "o", "O", "2021-01-05T07:00:00Z")
    repo.git("checkout", "--quiet", "main")
    opened = repository.open_repository(repo.path)
    forks = repository.forks(opened, main2, [ahead, merged, main1, orphan])
    assert forks == {
        ahead: repository.Fork(start, 2),
        merged: repository.Fork(main1, 3),
        main1: repository.Fork(main1, 0),
        orphan: repository.Fork(None, 1),
    }
    for tip in (ahead, merged, main1):
        assert forks[tip].base == repo.git("merge-base", "HEAD", tip)


def test_changes_blobs_and_object_info(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    base = repo.commit({"s/keep.md": "keep\n", "s/gone.md": "gone\n"}, "base", "E", "2021-01-05T00:00:00Z")
    repo.git("checkout", "--quiet", "-b", "branch")
    (repo.path / "s/link").symlink_to("/etc/passwd")
    image = bytes(range(256))
    tip = repo.commit(
        {"s/zoë ü.md": "é\n", "s/gone.md": None, "s/keep.md": "kept\n", "s/img.png": image}, "t", "Z", "2021-01-05T01:00:00Z"
    )

    def blob(revision: str, path: str) -> str:
        return repo.git("rev-parse", f"{revision}:{path}")

    opened = repository.open_repository(repo.path)
    changes = repository.changes(opened, {tip: base})
    assert changes == {
        tip: [
            Change("s/gone.md", "100644", "000000", blob(base, "s/gone.md"), None),
            Change("s/img.png", "000000", "100644", None, blob(tip, "s/img.png")),
            Change("s/keep.md", "100644", "100644", blob(base, "s/keep.md"), blob(tip, "s/keep.md")),
            Change("s/link", "000000", "120000", None, blob(tip, "s/link")),
            Change("s/zoë ü.md", "000000", "100644", None, blob(tip, "s/zoë ü.md")),
        ]
    }
    image_id, text_id = blob(tip, "s/img.png"), blob(tip, "s/zoë ü.md")
    info = repository.object_info(opened, [image_id, f"{tip}:s/zoë ü.md", f"{tip}:s/none.md"])
    assert info == [ObjectInfo(image_id, "blob", 256), ObjectInfo(text_id, "blob", 3), None]
    assert repository.read_blobs(opened, [image_id, text_id]) == {image_id: image, text_id: "é\n".encode()}
    hashed = subprocess.run(["git", "hash-object", "--stdin"], input=image, capture_output=True, check=True)
    assert repository.blob_id(opened, image) == hashed.stdout.decode().strip()


def test_create_refs_is_all_or_nothing(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    head = repo.git("rev-parse", "HEAD")
    repo.git("branch", "2021-01/andrew")
    opened = repository.open_repository(repo.path)
    before = repo.refs()
    with pytest.raises(EditorialError, match="could not create the branches"):
        repository.create_refs(opened, {"refs/heads/2021-01/zoë": head, "refs/heads/2021-01/andrew": head}, "test")
    assert repo.refs() == before
