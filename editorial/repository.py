"""The thin layer over git: refs, merge bases, changed paths and blobs, each read in bulk.

This calls the git binary with ``subprocess`` rather than going through
gitpython: every function here is one plumbing command whose ``-z`` (or
NUL-separated) output is parsed here anyway, so gitpython's object model would
go unused while importing it costs ~90 ms of every run. Each function runs one
git process whatever the number of branches, so that collecting 500 branches
costs a handful of processes, not 500.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from editorial.errors import EditorialError, Problem, error

REGULAR = "100644"
EXECUTABLE = "100755"
SYMLINK = "120000"
SUBMODULE = "160000"


@dataclass(frozen=True)
class Repository:
    root: Path  # the top of the working tree
    object_format: str  # "sha1" or "sha256": how blob ids are hashed
    shallow: bool
    head: str | None  # the HEAD commit; None before the first commit
    head_ref: str | None  # "refs/heads/main"; None when HEAD is detached

    def relative(self, path: Path) -> str:
        """``path`` as git names it: relative to the top of the working tree, with '/'."""
        return path.resolve().relative_to(self.root).as_posix()


@dataclass(frozen=True)
class Ref:
    name: str  # full: refs/heads/2021-01/melanie
    commit: str
    author: str  # of the last commit
    date: str  # its author date, ISO 8601


@dataclass(frozen=True)
class Fork:
    """Where a branch left the current branch."""

    base: str | None  # the merge base; None when the histories share no commit
    ahead: int  # commits on the branch that HEAD does not have


@dataclass(frozen=True)
class Change:
    """One path that differs between a merge base and a branch."""

    path: str  # relative to the top of the working tree
    old_mode: str  # "000000" when the branch added the path
    new_mode: str  # "000000" when the branch deleted it
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class ObjectInfo:
    id: str
    type: str  # blob, tree, commit
    size: int


def git(repo_or_folder: Repository | Path, *args: str, input: bytes | None = None) -> bytes:
    """Run one git command and return its standard output; failures become errors."""
    result = _run(repo_or_folder, *args, input=input)
    if result.returncode != 0:
        folder = repo_or_folder.root if isinstance(repo_or_folder, Repository) else repo_or_folder
        raise error(folder, None, f"git {args[0]} failed: {_message(result.stderr)}")
    return result.stdout


def _run(repo_or_folder: Repository | Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    folder = repo_or_folder.root if isinstance(repo_or_folder, Repository) else repo_or_folder
    try:
        return subprocess.run(
            ["git", *args],
            cwd=folder,
            input=input,
            capture_output=True,
            # Git's own pager and prompts have no terminal to talk to here.
            env={**os.environ, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise error(folder, None, "git is not installed (or not on PATH)") from None


def _message(stderr: bytes) -> str:
    """Git's message line by line as it wrote them (its hints included), less the "fatal: " of the
    first; the others indented under it, as the rest of one message."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    if not lines:
        return "no message"
    first = lines[0].removeprefix("fatal: ").removeprefix("error: ")
    return "\n".join([first, *(f"  {line}" for line in lines[1:])])


def open_repository(folder: Path) -> Repository:
    """The git repository holding ``folder``, with what every command needs to know about it."""
    about = ("rev-parse", "--show-toplevel", "--show-object-format", "--is-shallow-repository")
    # One process where HEAD names a commit: each git process costs milliseconds of every command.
    result = _run(folder, *about, "HEAD^{commit}", "--symbolic-full-name", "HEAD")
    if result.returncode == 0:
        root, object_format, shallow, head, symbolic = result.stdout.decode("utf-8", "surrogateescape").splitlines()[:5]
        # Detached, HEAD names no branch and --symbolic-full-name gives "HEAD".
        return _repository(root, object_format, shallow, head, symbolic if symbolic != "HEAD" else None)
    result = _run(folder, *about)
    if result.returncode != 0:
        message = _message(result.stderr)
        if "not a git repository" in message:
            raise error(folder, None, "not a git repository (editorial's branches live in git: run 'git init' here)")
        if "work tree" in message:
            raise error(folder, None, "a git repository without a working tree (bare); run editorial in a clone")
        raise error(folder, None, f"git rev-parse failed: {message}")
    root, object_format, shallow = result.stdout.decode("utf-8", "surrogateescape").splitlines()[:3]
    # Before the first commit: HEAD names its branch, but no commit.
    symbolic = _run(folder, "symbolic-ref", "-q", "HEAD")
    head_ref = symbolic.stdout.decode("utf-8", "surrogateescape").strip() if symbolic.returncode == 0 else None
    return _repository(root, object_format, shallow, None, head_ref)


def _repository(root: str, object_format: str, shallow: str, head: str | None, head_ref: str | None) -> Repository:
    return Repository(Path(root).resolve(), object_format, shallow == "true", head, head_ref)


def require_commit(repo: Repository) -> str:
    if repo.head is None:
        raise error(repo.root, None, "the git repository has no commits yet; commit editorial.yaml and the issue first")
    return repo.head


def refs(repo: Repository, *prefixes: str) -> list[Ref]:
    """Every ref under ``prefixes`` (``refs/heads/``, say) with its last commit's author and date."""
    fields = "%(refname)%00%(objectname)%00%(authorname)%00%(authordate:iso-strict)"
    output = git(repo, "for-each-ref", f"--format={fields}", *prefixes)
    found = []
    for line in output.decode("utf-8", "surrogateescape").split("\n"):
        if line:
            name, commit, author, date = line.split("\0")
            found.append(Ref(name, commit, author, date))
    return found


def remotes(repo: Repository) -> list[str]:
    return git(repo, "remote").decode("utf-8", "surrogateescape").split()


def fetch(repo: Repository, remote: str) -> None:
    result = _run(repo, "fetch", "--quiet", remote)
    if result.returncode != 0:
        raise error(repo.root, None, f"could not fetch from the remote '{remote}': {_message(result.stderr)}")


def forks(repo: Repository, head: str, tips: Iterable[str]) -> dict[str, Fork]:
    """The merge base of each tip with ``head``, from one walk of the commits only the tips have.

    Git has no command giving the merge bases of many branches at once, and
    ``git merge-base`` per branch would be a process per branch. The commits
    reachable from the tips but not from HEAD are few (the contributors' own
    work); the first commits outside them on each branch's way back are its
    candidate merge bases, and usually there is just one.
    """
    tips = sorted(set(tips))
    if not tips:
        return {}
    stdin = "".join(f"{line}\n" for line in [f"^{head}", *tips]).encode()
    parents: dict[str, list[str]] = {}
    for line in git(repo, "rev-list", "--parents", "--stdin", input=stdin).decode().splitlines():
        commit, *rest = line.split()
        parents[commit] = rest
    candidates: dict[str, set[str]] = {}
    ahead: dict[str, int] = {}
    for tip in tips:
        if tip not in parents:  # HEAD has the whole branch
            candidates[tip], ahead[tip] = {tip}, 0
            continue
        seen, stack, found = {tip}, [tip], set()
        while stack:
            for parent in parents[stack.pop()]:
                if parent not in parents:
                    found.add(parent)
                elif parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        candidates[tip], ahead[tip] = found, len(seen)
    several = [c for c in candidates.values() if len(c) > 1]
    best = _best_candidates(repo, several) if several else {}
    return {tip: Fork(_pick(found, best), ahead[tip]) for tip, found in candidates.items()}


def _pick(found: set[str], best: dict[frozenset[str], str]) -> str | None:
    if not found:
        return None
    if len(found) == 1:
        return next(iter(found))
    return best[frozenset(found)]


def _best_candidates(repo: Repository, groups: Sequence[set[str]]) -> dict[frozenset[str], str]:
    """For each group of candidates, the one no other candidate descends from.

    A branch that merged the editor's branch in has several candidates, older
    ones being ancestors of newer ones. One walk of their history gives the
    generation of each commit (its distance from the root), which bounds the
    search: an ancestor always has a lower generation than its descendants.
    """
    everything = sorted(set().union(*groups))
    parents: dict[str, list[str]] = {}
    output = git(repo, "rev-list", "--parents", "--stdin", input="".join(f"{c}\n" for c in everything).encode())
    for line in output.decode().splitlines():
        commit, *rest = line.split()
        parents[commit] = rest
    generation = _generations(parents)
    best = {}
    for group in map(frozenset, groups):
        lowest = min(generation[c] for c in group)
        covered: set[str] = set()
        for start in group:
            stack = list(parents[start])
            while stack:
                commit = stack.pop()
                if commit in covered or generation.get(commit, 0) < lowest:
                    continue
                covered.add(commit)
                stack.extend(parents.get(commit, ()))
        # Criss-cross merges can leave several; git then uses one of them too.
        left = sorted(group - covered, key=lambda c: (-generation[c], c))
        best[group] = left[0]
    return best


def _generations(parents: Mapping[str, list[str]]) -> dict[str, int]:
    generation: dict[str, int] = {}
    for start in parents:
        stack = [start]
        while stack:
            commit = stack[-1]
            if commit in generation:
                stack.pop()
                continue
            pending = [p for p in parents.get(commit, ()) if p not in generation and p in parents]
            if pending:
                stack.extend(pending)
            else:
                generation[commit] = 1 + max((generation.get(p, 0) for p in parents.get(commit, ())), default=0)
                stack.pop()
    return generation


def changes(repo: Repository, pairs: Mapping[str, str]) -> dict[str, list[Change]]:
    """What each tip changed since its base (``{tip: base}``), from one ``git diff-tree``.

    Given "tip base" on a line, diff-tree compares the tip with the base as if
    it were the tip's parent, and heads its output with the tip's id.
    """
    if not pairs:
        return {}
    stdin = "".join(f"{tip} {base}\n" for tip, base in pairs.items()).encode()
    output = git(repo, "diff-tree", "--stdin", "-r", "-z", "--no-renames", input=stdin)
    found: dict[str, list[Change]] = {tip: [] for tip in pairs}
    fields = output.split(b"\0")
    current: list[Change] | None = None
    index = 0
    while index < len(fields):
        field = fields[index]
        index += 1
        if not field:
            continue
        if not field.startswith(b":"):
            current = found.setdefault(field.decode(), [])
            continue
        old_mode, new_mode, old_blob, new_blob, _status = field[1:].decode().split(" ")
        path = fields[index].decode("utf-8", "surrogateescape")
        index += 1
        assert current is not None, "diff-tree output starts with the commit it compares"
        current.append(
            Change(path, old_mode, new_mode, None if _is_null(old_blob) else old_blob, None if _is_null(new_blob) else new_blob)
        )
    return found


def _is_null(object_id: str) -> bool:
    return not object_id.strip("0")


def object_info(repo: Repository, names: Sequence[str]) -> list[ObjectInfo | None]:
    """Type and size of each object (an id, or ``commit:path``), in order; None where missing."""
    if not names:
        return []
    stdin = "".join(f"{name}\n" for name in names).encode("utf-8", "surrogateescape")
    output = git(repo, "cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)", input=stdin)
    found: list[ObjectInfo | None] = []
    for line in output.decode("utf-8", "surrogateescape").split("\n")[: len(names)]:
        parts = line.split(" ")
        if len(parts) == 3 and parts[2].isdigit():
            found.append(ObjectInfo(parts[0], parts[1], int(parts[2])))
        else:  # "<name> missing" (or ambiguous)
            found.append(None)
    return found


def read_blobs(repo: Repository, ids: Iterable[str]) -> dict[str, bytes]:
    """The content of many blobs from one ``git cat-file --batch``."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    output = git(repo, "cat-file", "--batch", input="".join(f"{i}\n" for i in ids).encode())
    blobs: dict[str, bytes] = {}
    position = 0
    for object_id in ids:
        end = output.index(b"\n", position)
        header = output[position:end].decode().split(" ")
        if len(header) != 3:
            raise error(repo.root, None, f"git cat-file: no object {object_id}")
        size = int(header[2])
        blobs[object_id] = output[end + 1 : end + 1 + size]
        position = end + 1 + size + 1
    return blobs


def blob_id(repo: Repository, data: bytes) -> str:
    """The id git gives ``data`` as a blob (``git hash-object``), computed here for working-tree files."""
    digest = hashlib.new(repo.object_format)
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


def check_identity(repo: Repository) -> None:
    """Fail before changing anything if git could not commit for lack of a name or e-mail."""
    for variable in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
        result = _run(repo, "var", variable)
        if result.returncode != 0:
            raise error(
                repo.root, None, f"git does not know who you are: {_message(result.stderr)} (set user.name and user.email)"
            )


def commit_paths(repo: Repository, paths: Sequence[Path], message: str) -> str:
    """Commit ``paths`` alone on the current branch; whatever else is staged stays staged."""
    relative = [repo.relative(p) for p in paths]
    git(repo, "add", "--", *relative)
    # The commit holds only files editorial just generated from the templates;
    # hooks (a lint hook, say) are for people's edits, and an empty stub would fail them.
    git(repo, "commit", "--quiet", "--no-verify", "-m", message, "--", *relative)
    return git(repo, "rev-parse", "HEAD").decode().strip()


def create_refs(repo: Repository, refs_to_create: Mapping[str, str], reason: str) -> None:
    """Create every ref at its commit in one transaction: all of them, or none if one exists."""
    stdin = "".join(f"create {name} {commit}\n" for name, commit in refs_to_create.items()).encode()
    result = _run(repo, "update-ref", "-m", reason, "--stdin", input=stdin)
    if result.returncode != 0:
        raise EditorialError(Problem(repo.root, None, f"could not create the branches: {_message(result.stderr)}"))


def merge_file(
    repo: Repository, mine: Path, base: bytes, theirs: bytes, labels: tuple[str, str, str]
) -> tuple[bytes, int]:
    """``mine`` (a file of the working tree) and ``theirs`` merged three ways from ``base``, as
    ``git merge-file`` merges them: the result, and how many places both changed (marked there)."""
    from editorial import files

    with files.scratch(mine.parent) as folder:
        (folder / "base").write_bytes(base)
        (folder / "theirs").write_bytes(theirs)
        args = ("merge-file", "--stdout", "-L", labels[0], "-L", labels[1], "-L", labels[2])
        result = _run(repo, *args, str(mine), str(folder / "base"), str(folder / "theirs"))
    # merge-file exits with the number of conflicts (at most 127), or more on an error.
    if not 0 <= result.returncode < 128:
        raise error(mine, None, f"git merge-file failed: {_message(result.stderr)}")
    return result.stdout, result.returncode
