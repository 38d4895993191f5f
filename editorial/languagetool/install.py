"""``editorial languagetool install``: an English-only LanguageTool in the user's cache folder.

The jars come from Maven Central (or a mirror of it), exactly those pinned with
their sizes and SHA-256 sums in ``artifacts.txt``, which ``.ci/languagetool-lock``
regenerates with Maven. Installing needs no Maven: each jar is downloaded over
HTTPS, checked, and renamed into place, so the cache folder only ever holds
complete, verified jars and an interrupted install resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
import urllib.error
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from editorial import __version__
from editorial.errors import EditorialError, error
from editorial.store import cache_folder

VERSION = "6.8"
MAVEN_CENTRAL = "https://repo1.maven.org/maven2"
REPOSITORY_ENV = "EDITORIAL_MAVEN_REPOSITORY"
SERVER_URL_ENV = "EDITORIAL_LANGUAGETOOL_URL"
LOCK_FILE = "artifacts.txt"

# Maven Central answers in parallel well; more than this gains nothing on one connection.
WORKERS = 6
READ_TIMEOUT = 60.0
CHUNK = 1 << 16
# A ".part" file this old belongs to no running install (one killed outright left it).
ABANDONED_AFTER = 3600.0


@dataclass(frozen=True)
class Artifact:
    """One pinned jar: ``group:artifact:version[:classifier]`` and what its file must be."""

    coordinates: str
    file: str
    size: int
    sha256: str

    @property
    def path(self) -> str:
        """Where a Maven repository keeps the file."""
        group, artifact, version = self.coordinates.split(":")[:3]
        return f"{group.replace('.', '/')}/{artifact}/{version}/{self.file}"

    def url(self, repository: str) -> str:
        return f"{repository.rstrip('/')}/{self.path}"


@dataclass(frozen=True)
class Installation:
    folder: Path
    version: str
    jars: tuple[Path, ...]  # in classpath order
    total_bytes: int
    fetched: int  # jars downloaded by this call; 0 when everything was in place
    fetched_bytes: int
    removed: tuple[Path, ...]  # jars no longer pinned, deleted


@dataclass(frozen=True)
class Progress:
    """How far an install is: jars in place (checked or downloaded) and their bytes, of all pinned."""

    jars: int
    jars_done: int
    bytes: int
    bytes_done: int


def languagetool_folder(root: Path | None = None) -> Path:
    """Where editorial keeps LanguageTool: one folder per version, and the running server's files."""
    return (root if root is not None else cache_folder()) / "languagetool"


def install_folder(root: Path | None = None) -> Path:
    return languagetool_folder(root) / VERSION


def artifacts() -> tuple[Artifact, ...]:
    """The pinned jars, in classpath order."""
    text = resources.files(__package__).joinpath(LOCK_FILE).read_text(encoding="utf-8")
    pinned = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            coordinates, file, size, sha256 = line.split("\t")
            pinned.append(Artifact(coordinates, file, int(size), sha256))
    return tuple(pinned)


def installed(root: Path | None = None) -> Installation | None:
    """The installation if every pinned jar is in place with its size, else None.

    A quick look for starting the server; ``install`` is what verifies the checksums.
    """
    lib = install_folder(root) / "lib"
    pinned = artifacts()
    for artifact in pinned:
        try:
            if (lib / artifact.file).stat().st_size != artifact.size:
                return None
        except OSError:
            return None
    return _installation(root, pinned, fetched=(), removed=())


def install(
    root: Path | None = None, repository: str | None = None, progress: Callable[[Progress], None] | None = None
) -> Installation:
    """Put the pinned jars into the cache folder; jars already there and intact are kept.

    ``repository`` is a Maven repository's base URL (``https://``, ``http://`` or
    ``file://``); default ``$EDITORIAL_MAVEN_REPOSITORY``, else Maven Central.
    ``progress`` is called (from the download threads) as jars are checked and bytes arrive.
    """
    repository = repository or os.environ.get(REPOSITORY_ENV) or MAVEN_CENTRAL
    folder = install_folder(root)
    lib = folder / "lib"
    try:
        lib.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise error(lib, None, f"cannot create the folder: {exc.strerror}") from None
    pinned = artifacts()
    cancelled = threading.Event()
    counted = _Counter(len(pinned), sum(a.size for a in pinned), progress)

    def ensure(artifact: Artifact) -> bool:
        if cancelled.is_set():
            return False
        target = lib / artifact.file
        try:
            if target.exists():
                if _matches(target, artifact):
                    counted.add(1, artifact.size)
                    return False
                target.unlink()
            _download(artifact, repository, target, cancelled, counted)
        except BaseException:
            # One failure ends the install: the other downloads stop at their next chunk.
            cancelled.set()
            raise
        return True

    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="languagetool-install") as pool:
        futures = [pool.submit(ensure, artifact) for artifact in pinned]
        failures: list[BaseException] = []
        for future in futures:
            # Every worker is waited for, so no download is still writing when this returns.
            try:
                future.result()
            except BaseException as exc:
                cancelled.set()
                failures.append(exc)
    if failures:
        # The first real failure, not a worker that merely stopped because of it.
        raise next((f for f in failures if not isinstance(f, _Cancelled)), failures[0])
    fetched = tuple(a for a, f in zip(pinned, futures, strict=True) if f.result())
    removed = _remove_unpinned(lib, {a.file for a in pinned})
    return _installation(root, pinned, fetched, removed)


def _installation(
    root: Path | None, pinned: tuple[Artifact, ...], fetched: tuple[Artifact, ...], removed: tuple[Path, ...]
) -> Installation:
    folder = install_folder(root)
    return Installation(
        folder=folder,
        version=VERSION,
        jars=tuple(folder / "lib" / a.file for a in pinned),
        total_bytes=sum(a.size for a in pinned),
        fetched=len(fetched),
        fetched_bytes=sum(a.size for a in fetched),
        removed=removed,
    )


class _Cancelled(Exception):
    """Another download failed; this one stopped without finishing."""


class _Counter:
    """The install's progress, added to from the download threads."""

    def __init__(self, jars: int, size: int, progress: Callable[[Progress], None] | None) -> None:
        self._jars, self._bytes, self._progress = jars, size, progress
        self._jars_done = self._bytes_done = 0
        self._lock = threading.Lock()

    def add(self, jars: int, size: int) -> None:
        if self._progress is None:
            return
        with self._lock:
            self._jars_done += jars
            self._bytes_done += size
            self._progress(Progress(self._jars, self._jars_done, self._bytes, self._bytes_done))


def _matches(path: Path, artifact: Artifact) -> bool:
    if path.stat().st_size != artifact.size:
        return False
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest() == artifact.sha256


def _download(artifact: Artifact, repository: str, target: Path, cancelled: threading.Event, counted: _Counter) -> None:
    url = artifact.url(repository)
    folder = target.parent.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise error(target.parent, None, f"cannot write: {exc.strerror}") from None
    try:
        digest = hashlib.sha256()
        size = 0
        with os.fdopen(fd, "wb") as out:
            import urllib.request  # here: lint imports this module for its folder names alone

            request = urllib.request.Request(url, headers={"User-Agent": f"editorial/{__version__}"})
            try:
                response = urllib.request.urlopen(request, timeout=READ_TIMEOUT)
            except (urllib.error.URLError, OSError, ValueError) as exc:
                raise _unreachable(url, repository, folder, _reason(exc)) from None
            with response:
                # Past the pinned size the file is wrong whatever follows.
                while size <= artifact.size:
                    if cancelled.is_set():
                        raise _Cancelled()
                    try:
                        chunk = response.read(CHUNK)
                    except (urllib.error.URLError, OSError, ValueError) as exc:
                        raise _unreachable(url, repository, folder, _reason(exc)) from None
                    if not chunk:
                        break
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                    counted.add(0, len(chunk))
            out.flush()
            os.fsync(out.fileno())
        if size != artifact.size or digest.hexdigest() != artifact.sha256:
            got = (
                f"more than {artifact.size} bytes"
                if size > artifact.size
                else f"{size} bytes and SHA-256 {digest.hexdigest()}"
            )
            raise error(
                folder,
                None,
                f"{url} is not the pinned {artifact.coordinates}: it has {got}, the lock"
                f" ({LOCK_FILE}) wants {artifact.size} bytes and SHA-256 {artifact.sha256};"
                f" nothing was installed from it. Point {REPOSITORY_ENV} at a faithful mirror of Maven Central.",
            )
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        counted.add(1, 0)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise error(target.parent, None, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else OSError(str(exc.reason))
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):
        return f"no answer within {READ_TIMEOUT:g} s"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _unreachable(url: str, repository: str, folder: Path, reason: str) -> EditorialError:
    return error(
        folder,
        None,
        f"cannot download {url}: {reason}. LanguageTool {VERSION} is installed from the Maven"
        f" repository {repository}: check that this machine reaches it, or point {REPOSITORY_ENV}"
        f" at a mirror of Maven Central (e.g. {REPOSITORY_ENV}=https://maven.example.org/maven2),"
        f" or skip the install and use a LanguageTool server you already have"
        f" ({SERVER_URL_ENV}=http://HOST:PORT). Jars already downloaded are kept.",
    )


def _remove_unpinned(lib: Path, pinned: set[str]) -> tuple[Path, ...]:
    removed = []
    now = time.time()
    for path in sorted(lib.iterdir()):
        if path.suffix == ".jar" and path.name not in pinned:
            path.unlink(missing_ok=True)
            removed.append(path)
        elif path.name.startswith(".") and path.suffix == ".part":
            try:
                if now - path.stat().st_mtime > ABANDONED_AFTER:
                    path.unlink(missing_ok=True)
            except FileNotFoundError:
                pass
    return tuple(removed)
