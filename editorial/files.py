"""Reading the editorial files strictly and writing them atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from editorial.errors import error


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
    """A file's bytes, or an error that says why they cannot be had; binary files are refused."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(path, None, "no such file") from None
    except IsADirectoryError:
        raise error(path, None, "is a folder, not a file") from None
    except OSError as exc:
        raise error(path, None, f"cannot read: {exc.strerror}") from None
    nul = data.find(b"\0", 0, 8192)
    if nul != -1:
        raise error(path, data.count(b"\n", 0, nul) + 1, "a binary file (it holds NUL bytes), not text")
    return data


def read_text(path: Path) -> str:
    """A workflow file (configuration, issue, section, template) as text.

    These files are joined byte for byte into the published issue, so a
    byte-order mark or CRLF line endings would leak into it: they are errors
    here, with the line to fix, rather than something silently converted.
    """
    data = read_bytes(path)
    return check_plain(decode(data, path), path)


def check_plain(text: str, path: Path | str) -> str:
    if text.startswith("\ufeff"):
        raise error(path, 1, "starts with a byte-order mark; save the file as UTF-8 without BOM")
    crlf = text.find("\r\n")
    if crlf != -1:
        line = text.count("\n", 0, crlf) + 1
        raise error(path, line, "CRLF line ending; save the file with LF (Unix) line endings")
    return text


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, then rename over ``path``.

    Readers see the old file or the new one, never a partial one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_many_atomic(files: Mapping[Path, bytes]) -> None:
    """Replace many files, each atomically, with one flush to disk for all of them.

    :func:`write_atomic` waits for the disk once per file (fsync), a few
    milliseconds each: for the hundreds of files of a collect, every content
    goes to a temporary file first, one ``os.sync`` makes them all durable,
    then each is renamed into place.
    """
    if not files:
        return
    staged: list[tuple[str, Path]] = []
    mask = _umask()
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            if path.exists():
                shutil.copymode(path, tmp)
            else:
                os.chmod(tmp, 0o666 & ~mask)
        os.sync()
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def write_tree_atomic(folder: Path, files: dict[Path, str]) -> None:
    """Create ``folder`` holding ``files`` (paths relative to it) in one rename.

    The folder must not exist yet; it appears complete or not at all.
    """
    if folder.exists():
        # os.rename would silently replace an empty folder.
        raise FileExistsError(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".tmp"))
    try:
        for relative, text in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
        os.chmod(staging, 0o777 & ~_umask())
        os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
