"""Reading the editorial files strictly and writing them atomically."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import itertools
import os
import shutil
import stat
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from editorial.errors import EditorialError, Problem, error

# What a path is, where it is not a regular file or a folder: such files are never opened,
# since reading a FIFO waits for a writer forever and reading a device can do anything.
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def decode(data: bytes, path: Path | str) -> str:
    """UTF-8 text, or an error naming the line of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(
            path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at column {column})"
        ) from None


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or an error that says why they cannot be had; binary files are refused.

    Only a regular file is opened: its kind is checked before, and again on what
    was opened (without waiting, should a FIFO have taken its place meanwhile).
    """
    try:
        _check_regular(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            _check_regular(path, os.fstat(fd).st_mode)
            data = handle.read()
    except FileNotFoundError:
        raise error(path, None, "no such file") from None
    except OSError as exc:
        raise error(path, None, f"cannot read: {exc.strerror}") from None
    nul = data.find(b"\0", 0, 8192)
    if nul != -1:
        raise error(path, data.count(b"\n", 0, nul) + 1, "a binary file (it holds NUL bytes), not text")
    return data


def _check_regular(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise error(path, None, "is a folder, not a file")
    for test, kind in _SPECIAL_KINDS:
        if test(mode):
            raise error(path, None, f"not a regular file ({kind}); editorial reads only regular files")


def read_text(path: Path) -> str:
    """A workflow file (configuration, issue, section, template) as text.

    These files are joined byte for byte into the published issue, so a
    byte-order mark or CRLF line endings would leak into it: they are errors
    here, with the line to fix, rather than something silently converted.
    """
    data = read_bytes(path)
    return check_plain(decode(data, path), path)


def check_plain(text: str, path: Path | str) -> str:
    leak = not_plain(text)
    if leak is not None:
        offset, message = leak
        raise error(path, text.count("\n", 0, offset) + 1, message)
    return text


def not_plain(text: str) -> tuple[int, str] | None:
    """Where the text has what would leak into the published issue (a BOM, the first CRLF), and what to do."""
    if text.startswith("\ufeff"):
        return 0, "starts with a byte-order mark; save the file as UTF-8 without BOM"
    crlf = text.find("\r\n")
    if crlf != -1:
        return crlf, "CRLF line ending; save the file with LF (Unix) line endings"
    return None


@dataclass(frozen=True)
class Boundary:
    """A folder that symbolic links must not lead out of, and how messages name it.

    The files of a repository are its content; a symbolic link among them that
    leads elsewhere (``sections/zz.md -> /etc/passwd``) would make that
    elsewhere part of what is linted and published.
    """

    folder: Path
    name: str  # "the repository", "the issues folder"…

    @functools.cached_property
    def real(self) -> Path:
        return Path(os.path.realpath(self.folder))

    def problem(self, path: Path) -> Problem | None:
        """What is wrong with ``path`` if, its symbolic links followed, it is not inside."""
        # realpath, unlike Path.resolve, does not raise on a loop of links: reading will say so.
        real = Path(os.path.realpath(path))
        if real.is_relative_to(self.real):
            return None
        return Problem(path, None, f"leads out of {self.name} (to {real}) through a symbolic link; not followed")

    def check(self, path: Path) -> Path:
        """``path``, or an error if it leads out."""
        problem = self.problem(path)
        if problem is not None:
            raise EditorialError(problem)
        return path


def walk(
    folder: Path, boundary: Boundary | None = None, skip: Callable[[str], bool] | None = None
) -> tuple[list[Path], list[Problem]]:
    """Everything under ``folder`` that is not a folder, whatever its kind, sorted; and what went wrong.

    Folders named by ``skip`` are not entered. A symbolic link that leads out of
    ``boundary`` is reported and not followed; a folder reached twice (links that
    loop) is walked once; a folder that cannot be read is reported, not passed
    over in silence. A ``folder`` that does not exist holds nothing.
    """
    found: list[Path] = []
    problems: list[Problem] = []
    if boundary is not None and (outside := boundary.problem(folder)) is not None:
        return found, [outside]
    seen: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            identity = os.stat(current)
            if (identity.st_dev, identity.st_ino) in seen:
                continue
            seen.add((identity.st_dev, identity.st_ino))
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except FileNotFoundError:
            if current != folder:  # gone since its parent was read
                problems.append(Problem(current, None, "no such folder"))
            continue
        except OSError as exc:
            problems.append(_unreadable_folder(current, exc))
            continue
        folders = []
        for entry in entries:
            path = current / entry.name
            if boundary is not None and entry.is_symlink() and (outside := boundary.problem(path)) is not None:
                problems.append(outside)
                continue
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False  # reading it will say what is wrong
            if not is_folder:
                found.append(path)
            elif skip is None or not skip(entry.name):
                folders.append(path)
        pending.extend(reversed(folders))
    return sorted(found), sorted(problems, key=lambda problem: Path(problem.path))


def list_folder(folder: Path) -> list[Path]:
    """What ``folder`` holds, sorted; an error if it cannot be read."""
    try:
        return sorted(folder / name for name in os.listdir(folder))
    except OSError as exc:
        raise EditorialError(_unreadable_folder(folder, exc)) from None


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; an error where that cannot be known (a parent that cannot be searched)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise error(path, None, f"cannot read: {exc.strerror}") from None


def _unreadable_folder(folder: Path, exc: OSError) -> Problem:
    return Problem(folder, None, f"cannot read the folder: {exc.strerror}")


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``: readers see the old file or the new one, never a partial one."""
    _replace({path: text.encode("utf-8")}, sync_all=False)


def make_folder(folder: Path) -> None:
    """``folder`` and its parents, or an error naming the one that could not be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise error(exc.filename or folder, None, "is a file, where a folder is needed") from None
    except OSError as exc:
        raise error(exc.filename or folder, None, f"cannot create the folder: {exc.strerror}") from None


def _cannot_write(path: Path, exc: OSError) -> EditorialError:
    # The message names the file being written, not the temporary file that failed.
    return error(path, None, f"cannot write: {exc.strerror}")


def write_many_atomic(files: Mapping[Path, bytes]) -> None:
    """Replace many files, each atomically, with one flush to disk for all of them.

    Waiting for the disk once per file (fsync) costs a few milliseconds each:
    for the hundreds of files of a collect, every content is staged first, one
    ``os.sync`` makes them all durable, then each is renamed into place.
    """
    _replace(files, sync_all=True)


def write_new(data: bytes, names: Iterable[Path]) -> Path:
    """Write ``data`` as the first of ``names`` (one folder) that does not exist: never replacing anything.

    A hard link is how a complete file gets a name only if the name is free:
    a file that appears meanwhile is not overwritten, the next name is tried.
    """
    candidates = iter(names)
    first = next(candidates)
    make_folder(first.parent)
    with _staging(_staging_area(first.parent)) as staging:
        staged = staging / "new"
        with open(staged, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(staged, 0o666 & ~_umask())
        for name in itertools.chain([first], candidates):
            try:
                os.link(staged, name)
            except FileExistsError:
                continue
            return name
    raise FileExistsError(first)


@contextlib.contextmanager
def scratch(folder: Path) -> Iterator[Path]:
    """A private folder for temporary files that belong with ``folder``; removed afterwards, and
    by the next user of the same staging area if this process is killed."""
    with _staging(_staging_area(folder)) as staging:
        yield staging


def write_tree_atomic(folder: Path, files: dict[Path, str]) -> None:
    """Create ``folder`` holding ``files`` (paths relative to it) in one rename.

    The folder must not exist yet; it appears complete or not at all.
    """
    if folder.exists():
        # os.rename would silently replace an empty folder.
        raise FileExistsError(folder)
    make_folder(folder.parent)
    try:
        with _staging(_staging_area(folder.parent)) as staging:
            tree = staging / "tree"
            tree.mkdir()
            for relative, text in files.items():
                target = tree / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8", newline="")
            os.chmod(tree, 0o777 & ~_umask())
            os.rename(tree, folder)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None


def _replace(files: Mapping[Path, bytes], sync_all: bool) -> None:
    if not files:
        return
    mask = _umask()
    areas: dict[Path, Path] = {}  # by folder: finding one costs a look at every folder above
    by_area: dict[Path, list[Path]] = defaultdict(list)
    for path in files:
        if path.parent not in areas:
            make_folder(path.parent)
            areas[path.parent] = _staging_area(path.parent)
        by_area[areas[path.parent]].append(path)
    path = next(iter(files))  # the one a failure is reported on: the file being written
    try:
        with contextlib.ExitStack() as stack:
            staged: list[tuple[Path, Path]] = []
            for area, paths in by_area.items():
                staging = stack.enter_context(_staging(area))
                for number, path in enumerate(paths):
                    tmp = staging / str(number)
                    with open(tmp, "wb") as handle:
                        handle.write(files[path])
                        if not sync_all:
                            handle.flush()
                            os.fsync(handle.fileno())
                    if path.exists():
                        shutil.copymode(path, tmp)
                    else:
                        os.chmod(tmp, 0o666 & ~mask)
                    staged.append((tmp, path))
            if sync_all:
                os.sync()
            for tmp, path in staged:
                os.replace(tmp, path)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


# Temporaries live in staging folders named so, each locked (flock) by the
# process that made it for as long as it lives: a folder whose lock is free
# was left by a process that was killed, and whoever stages next removes it.
_STAGING_PREFIX = ".editorial-"
_STAGING_SUFFIX = ".tmp"


@contextlib.contextmanager
def _staging(area: Path) -> Iterator[Path]:
    """A new staging folder in ``area``, locked while in use and removed afterwards."""
    _sweep(area)
    while True:
        path = Path(tempfile.mkdtemp(dir=area, prefix=_STAGING_PREFIX, suffix=_STAGING_SUFFIX))
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        fcntl.flock(fd, fcntl.LOCK_EX)
        # Between mkdtemp and flock another process's sweep may have taken it for stale.
        try:
            if os.path.samestat(os.lstat(path), os.fstat(fd)):
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        os.close(fd)


def _sweep(area: Path) -> None:
    """Remove the staging folders of processes that died before removing their own."""
    try:
        names = os.listdir(area)
    except OSError:
        return
    for name in names:
        if not (name.startswith(_STAGING_PREFIX) and name.endswith(_STAGING_SUFFIX)):
            continue
        path = area / name
        try:
            fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            continue  # gone already, or not a folder of ours
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.path.samestat(os.lstat(path), os.fstat(fd)):
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass  # locked: its process is alive; or removed meanwhile
        finally:
            os.close(fd)


def _staging_area(folder: Path) -> Path:
    """Where to stage files for ``folder``: under the git directory when there is one on the same filesystem.

    A temporary must be on the filesystem of its target for the rename to be
    atomic. Inside a working tree, one in the target's folder would be picked
    up by ``git add`` if a kill left it behind; the git directory is never
    added (git-lfs stages its downloads there for the same reason).
    """
    git_dir = _git_dir(folder.absolute())
    if git_dir is not None and git_dir.is_dir():
        area = git_dir / "editorial" / "tmp"
        try:
            area.mkdir(parents=True, exist_ok=True)
            if area.stat().st_dev == folder.stat().st_dev:
                return area
        except OSError:
            pass  # a read-only git directory, say: stage beside the file
    return folder


def _git_dir(folder: Path) -> Path | None:
    """The git directory of the working tree holding ``folder``, found as git finds it: ``.git`` upwards."""
    for candidate in (folder, *folder.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            # A worktree's or a submodule's: "gitdir: PATH", relative to where .git is.
            try:
                text = dot_git.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            if text.startswith("gitdir: "):
                return candidate / text.removeprefix("gitdir: ").strip()
            return None
    return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
