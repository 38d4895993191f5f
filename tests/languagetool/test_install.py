"""editorial.languagetool.install: the pinned jars, fetched from a Maven repository and checked.

The repositories here are real ones on this machine (a folder laid out as
Maven's, served over file:// and by an HTTP server on 127.0.0.1) holding the
real jars of the user's installation.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from editorial.errors import EditorialError
from editorial.languagetool import install
from terminal import run_on_a_terminal

MANUAL_FIX = (
    "check that this machine reaches it, or point EDITORIAL_MAVEN_REPOSITORY at a mirror of Maven Central"
    " (e.g. EDITORIAL_MAVEN_REPOSITORY=https://maven.example.org/maven2), or skip the install and use a"
    " LanguageTool server you already have (EDITORIAL_LANGUAGETOOL_URL=http://HOST:PORT)."
    " Jars already downloaded are kept."
)


@pytest.fixture(scope="session")
def installed() -> install.Installation:
    """The user's installation (.ci/test makes it first; a no-op then, else a download)."""
    return install.install()


@pytest.fixture(scope="session")
def mirror(tmp_path_factory: pytest.TempPathFactory, installed: install.Installation) -> Path:
    """A Maven repository folder holding every pinned jar (links to the installed ones)."""
    root = tmp_path_factory.mktemp("maven")
    for artifact, jar in zip(install.artifacts(), installed.jars, strict=True):
        target = root / artifact.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(jar)
    return root


@pytest.fixture
def http_mirror(mirror: Path) -> Iterator[str]:
    """The mirror served over HTTP on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(mirror))
    with _QuietServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{httpd.server_address[1]}/maven2"
        httpd.shutdown()
        thread.join()


@pytest.fixture
def slow_http_mirror(mirror: Path) -> Iterator[str]:
    """The mirror over HTTP, each jar after a pause: an install that takes seconds, as from Maven Central."""
    handler = functools.partial(_SlowHandler, directory=str(mirror))
    with _QuietServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{httpd.server_address[1]}/maven2"
        httpd.shutdown()
        thread.join()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up: an install stopping its other downloads after a failure


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        return super().translate_path(path.removeprefix("/maven2"))

    def log_message(self, format: str, *args: object) -> None:
        pass


class _SlowHandler(_QuietHandler):
    def do_GET(self) -> None:
        time.sleep(0.1)
        super().do_GET()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lib_listing(root: Path) -> list[str]:
    return sorted(p.name for p in (install.install_folder(root) / "lib").iterdir())


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_lock_pins_languagetool_for_english_only() -> None:
    pinned = install.artifacts()
    lock = (Path(install.__file__).parent / install.LOCK_FILE).read_text(encoding="utf-8")
    total = sum(a.size for a in pinned)
    assert f"in classpath order ({len(pinned)} jars, {total} bytes)" in lock
    assert pinned[0].coordinates == f"org.languagetool:languagetool-server:{install.VERSION}"
    languages = [a.coordinates for a in pinned if a.coordinates.startswith("org.languagetool:language-")]
    assert languages == [f"org.languagetool:language-en:{install.VERSION}"]
    assert f"org.languagetool:languagetool-core:{install.VERSION}" in {a.coordinates for a in pinned}
    assert len({a.file for a in pinned}) == len({a.coordinates for a in pinned}) == len(pinned)
    assert all(re.fullmatch(r"[0-9a-f]{64}", a.sha256) and a.size > 0 for a in pinned)
    assert pinned[0].url(install.MAVEN_CENTRAL) == (
        "https://repo1.maven.org/maven2/org/languagetool/languagetool-server/6.8/languagetool-server-6.8.jar"
    )


def test_the_install_folder_is_in_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITORIAL_CACHE_DIR", str(tmp_path / "own"))
    assert install.install_folder() == tmp_path / "own" / "languagetool" / "6.8"


def test_install_over_http_fetches_every_jar_then_nothing(tmp_path: Path, http_mirror: str) -> None:
    root = tmp_path / "cache"
    pinned = install.artifacts()
    assert install.installed(root) is None

    first = install.install(root, repository=http_mirror)

    folder = root / "languagetool" / "6.8"
    assert first.folder == folder
    assert first.version == "6.8"
    assert first.jars == tuple(folder / "lib" / a.file for a in pinned)
    assert (first.fetched, first.fetched_bytes) == (len(pinned), first.total_bytes)
    assert first.total_bytes == sum(a.size for a in pinned)
    assert first.removed == ()
    assert lib_listing(root) == sorted(a.file for a in pinned)
    assert all(sha256(jar) == a.sha256 for jar, a in zip(first.jars, pinned, strict=True))
    assert install.installed(root) == dataclasses.replace(first, fetched=0, fetched_bytes=0)

    again = install.install(root, repository=http_mirror)
    assert (again.fetched, again.fetched_bytes, again.removed) == (0, 0, ())


def test_install_reports_jars_and_bytes_as_they_come(tmp_path: Path, http_mirror: str) -> None:
    pinned = install.artifacts()
    total = sum(a.size for a in pinned)
    heard: list[install.Progress] = []
    install.install(tmp_path / "cache", repository=http_mirror, progress=heard.append)
    assert {(p.jars, p.bytes) for p in heard} == {(len(pinned), total)}
    assert [p.bytes_done for p in heard] == sorted(p.bytes_done for p in heard)  # never back
    assert [p.jars_done for p in heard] == sorted(p.jars_done for p in heard)
    assert (heard[-1].jars_done, heard[-1].bytes_done) == (len(pinned), total)
    assert len(heard) > 2 * len(pinned)  # chunk by chunk, not only jar by jar
    # Nothing to fetch: each jar in place is checked, and counted.
    checked: list[install.Progress] = []
    install.install(tmp_path / "cache", repository=http_mirror, progress=checked.append)
    assert [(p.jars_done, p.bytes_done) for p in checked][-1] == (len(pinned), total)
    assert len(checked) == len(pinned)


def test_install_reads_the_mirror_from_the_environment_and_repairs(
    tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITORIAL_MAVEN_REPOSITORY", mirror.as_uri())
    root = tmp_path / "cache"
    install.install(root)
    lib = install.install_folder(root) / "lib"
    server_jar, core_jar = lib / "languagetool-server-6.8.jar", lib / "languagetool-core-6.8.jar"
    server_jar.unlink()
    damaged = bytearray(core_jar.read_bytes())
    damaged[1000] ^= 0xFF
    core_jar.write_bytes(bytes(damaged))
    (lib / "language-all-6.7.jar").write_bytes(b"no longer pinned")

    repaired = install.install(root)

    pinned = {a.file: a for a in install.artifacts()}
    assert repaired.fetched == 2
    assert repaired.fetched_bytes == pinned[server_jar.name].size + pinned[core_jar.name].size
    assert repaired.removed == (lib / "language-all-6.7.jar",)
    assert sha256(server_jar) == pinned[server_jar.name].sha256
    assert sha256(core_jar) == pinned[core_jar.name].sha256
    assert lib_listing(root) == sorted(pinned)


def copy_of(mirror: Path, folder: Path) -> Path:
    """Another repository with the same jars, whose files can be replaced one by one."""
    for artifact in install.artifacts():
        target = folder / artifact.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to((mirror / artifact.path).resolve())
    return folder


def test_a_jar_that_fails_its_checksum_is_rejected_and_nothing_partial_is_left(tmp_path: Path, mirror: Path) -> None:
    bad = copy_of(mirror, tmp_path / "bad-mirror")
    pinned = install.artifacts()
    server = pinned[0]
    forged = bytearray((mirror / server.path).read_bytes())
    forged[-1] ^= 0xFF
    (bad / server.path).unlink()
    (bad / server.path).write_bytes(bytes(forged))
    root = tmp_path / "cache"

    with pytest.raises(EditorialError) as caught:
        install.install(root, repository=bad.as_uri())

    url = f"{bad.as_uri()}/{server.path}"
    assert str(caught.value) == (
        f"{install.install_folder(root)}: {url} is not the pinned org.languagetool:languagetool-server:6.8:"
        f" it has {server.size} bytes and SHA-256 {hashlib.sha256(forged).hexdigest()}, the lock (artifacts.txt)"
        f" wants {server.size} bytes and SHA-256 {server.sha256}; nothing was installed from it."
        f" Point EDITORIAL_MAVEN_REPOSITORY at a faithful mirror of Maven Central."
    )
    lib = install.install_folder(root) / "lib"
    assert not (lib / server.file).exists()
    # Whatever else arrived before the failure is whole and verified; no temporary file is left.
    by_file = {a.file: a for a in pinned}
    assert all(p.name in by_file and sha256(p) == by_file[p.name].sha256 for p in lib.iterdir())
    assert install.installed(root) is None


def test_a_file_longer_than_pinned_is_rejected(tmp_path: Path, mirror: Path) -> None:
    bad = copy_of(mirror, tmp_path / "bad-mirror")
    artifact = install.artifacts()[0]
    (bad / artifact.path).unlink()
    (bad / artifact.path).write_bytes((mirror / artifact.path).read_bytes() + b"appended")
    root = tmp_path / "cache"

    with pytest.raises(EditorialError, match=f"it has more than {artifact.size} bytes, the lock") as caught:
        install.install(root, repository=bad.as_uri())

    assert f"{bad.as_uri()}/{artifact.path} is not the pinned" in str(caught.value)
    assert not (install.install_folder(root) / "lib" / artifact.file).exists()


def test_a_missing_file_names_the_url_and_the_http_answer(tmp_path: Path, http_mirror: str, mirror: Path) -> None:
    artifact = install.artifacts()[-1]
    (mirror / artifact.path).rename(tmp_path / artifact.file)
    try:
        with pytest.raises(EditorialError) as caught:
            install.install(tmp_path / "cache", repository=http_mirror)
    finally:
        (tmp_path / artifact.file).rename(mirror / artifact.path)

    assert str(caught.value) == (
        f"{install.install_folder(tmp_path / 'cache')}: cannot download {http_mirror}/{artifact.path}:"
        f" HTTP 404 File not found. LanguageTool 6.8 is installed from the Maven repository {http_mirror}: "
        + MANUAL_FIX
    )


def test_an_unreachable_repository_says_what_to_do(tmp_path: Path) -> None:
    repository = f"http://127.0.0.1:{closed_port()}/maven2"
    root = tmp_path / "cache"

    with pytest.raises(EditorialError) as caught:
        install.install(root, repository=repository)

    # Downloads run in parallel: any jar may be the one reported.
    folder = install.install_folder(root)
    assert re.fullmatch(
        re.escape(f"{folder}: cannot download {repository}/")
        + r"\S+\.jar"
        + re.escape(
            f": Connection refused. LanguageTool 6.8 is installed from the Maven repository {repository}: " + MANUAL_FIX
        ),
        str(caught.value),
    )
    assert lib_listing(root) == []


def editorial(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The CLI as a user runs it, with the EDITORIAL_* variables given and no others."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
    return subprocess.run(
        [sys.executable, "-m", "editorial", *args],
        cwd=cwd,
        env={**base, "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_install_reports_what_it_fetched(tmp_path: Path, http_mirror: str) -> None:
    env = {"EDITORIAL_CACHE_DIR": str(tmp_path / "cache"), "EDITORIAL_MAVEN_REPOSITORY": http_mirror}
    pinned = install.artifacts()
    size = f"{sum(a.size for a in pinned) / 1e6:.1f} MB"

    first = editorial("languagetool", "install", cwd=tmp_path, env=env)
    again = editorial("languagetool", "install", cwd=tmp_path, env=env)
    listed = editorial("languagetool", "install", "--format", "json", cwd=tmp_path, env=env)

    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == (
        f"installed LanguageTool 6.8 in cache/languagetool/6.8: fetched {len(pinned)} of {len(pinned)} jars, {size}\n"
    )
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout == (
        f"LanguageTool 6.8 is installed in cache/languagetool/6.8 ({len(pinned)} jars, {size}): nothing to fetch\n"
    )
    assert listed.returncode == 0
    assert listed.stdout == (
        "{\n"
        '  "version": "6.8",\n'
        '  "folder": "cache/languagetool/6.8",\n'
        f'  "jars": {len(pinned)},\n'
        f'  "bytes": {sum(a.size for a in pinned)},\n'
        '  "fetched": 0,\n'
        '  "fetched_bytes": 0\n'
        "}\n"
    )


def test_cli_install_on_a_terminal_shows_jars_and_megabytes_then_erases_the_line(tmp_path: Path, slow_http_mirror: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
    env |= {"EDITORIAL_CACHE_DIR": str(tmp_path / "cache"), "EDITORIAL_MAVEN_REPOSITORY": slow_http_mirror, "NO_COLOR": "1"}
    pinned = install.artifacts()
    total = f"{sum(a.size for a in pinned) / 2**20:.1f}"

    code, stdout, shown = run_on_a_terminal([sys.executable, "-m", "editorial", "languagetool", "install"], tmp_path, env)

    assert code == 0
    assert stdout.decode().startswith("installed LanguageTool 6.8 in cache/languagetool/6.8: fetched ")
    *lines, erased = shown.removeprefix("\r").removesuffix("\r").split("\r\r")
    assert lines
    done = []
    for line in lines:
        shown_line = re.fullmatch(rf"LanguageTool: (\d+) of {len(pinned)} jars, (\d+\.\d) of {total} MiB *", line)
        assert shown_line, line
        done.append((int(shown_line.group(1)), float(shown_line.group(2))))
    assert done == sorted(done) and done[0] < done[-1]
    assert erased == " " * len(lines[-1].rstrip())  # and nothing after it (through a pipe: see the test above)


def test_cli_install_without_a_repository_exits_2_with_the_fix(tmp_path: Path) -> None:
    repository = f"http://127.0.0.1:{closed_port()}/maven2"
    env = {"EDITORIAL_CACHE_DIR": str(tmp_path / "cache"), "EDITORIAL_MAVEN_REPOSITORY": repository}

    result = editorial("languagetool", "install", cwd=tmp_path, env=env)

    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"cache/languagetool/6.8: cannot download {repository}/")
    assert result.stderr.endswith(
        f"Connection refused. LanguageTool 6.8 is installed from the Maven repository {repository}: {MANUAL_FIX}\n"
    )
    assert result.stderr.count("\n") == 1
