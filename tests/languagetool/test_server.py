"""editorial.languagetool.server: a real LanguageTool server on real Java, started, found and stopped.

Each test works in a cache root of its own holding links to the user's
installed jars, so a server a developer runs is never touched. The server
most tests talk to is started once for the module.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from editorial.errors import EditorialError
from editorial.languagetool import client, install, server
from editorial.languagetool.config import LanguageToolSettings
from terminal import run_on_a_terminal

NEEDED = "LanguageTool 6.8 needs Java 17 or newer"


@pytest.fixture(scope="module")
def installed() -> install.Installation:
    """The user's installation (.ci/test makes it first; a no-op then, else a download)."""
    return install.install()


def cache_with_jars(root: Path, installed: install.Installation) -> Path:
    lib = install.install_folder(root) / "lib"
    lib.mkdir(parents=True)
    for jar in installed.jars:
        (lib / jar.name).symlink_to(jar)
    return root


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory, installed: install.Installation) -> Path:
    return cache_with_jars(tmp_path_factory.mktemp("cache"), installed)


@pytest.fixture(scope="module")
def cli_start(cache: Path) -> Iterator[subprocess.CompletedProcess[str]]:
    """The module's server, started as a user starts it."""
    try:
        yield editorial("languagetool", "start", "--idle-timeout", "0", cache=cache, cwd=cache)
    finally:
        server.stop(cache)


@pytest.fixture(scope="module")
def running(cli_start: subprocess.CompletedProcess[str], cache: Path) -> server.Started:
    assert (cli_start.returncode, cli_start.stderr) == (0, "")
    current = server.status(cache).server
    assert current is not None
    seconds = re.search(r" in (\d+\.\d) s;", cli_start.stdout)
    assert seconds, cli_start.stdout
    return server.Started(current, False, float(seconds.group(1)), cache / "languagetool" / "server.log")


@pytest.fixture
def own_cache(tmp_path: Path, installed: install.Installation) -> Iterator[Path]:
    root = cache_with_jars(tmp_path / "cache", installed)
    try:
        yield root
    finally:
        server.stop(root)


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes() != b""
    except OSError:
        return False


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def command_line(pid: int) -> list[str]:
    return (Path("/proc") / str(pid) / "cmdline").read_bytes().decode().split("\0")[:-1]


def supervisors_of(root: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and f"--log\0{root}/".encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port``, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, _, state = line.split()[1:4]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def wait_until(condition, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def editorial(*args: str, cache: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
    return subprocess.run(
        [sys.executable, "-m", "editorial", *args],
        cwd=cwd,
        env={**base, "NO_COLOR": "1", "EDITORIAL_CACHE_DIR": str(cache)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_start_runs_a_healthy_server_on_the_loopback_address(
    cli_start: subprocess.CompletedProcess[str], running: server.Started, cache: Path
) -> None:
    started = running.server
    assert cli_start.stdout == (
        f"started LanguageTool 6.8 at {started.url} (pid {started.pid}) in {running.seconds:.1f} s;"
        " it never stops by itself\n"
    )
    assert 0 < running.seconds < server.READY_TIMEOUT
    assert started.url == f"http://127.0.0.1:{started.port}"
    assert (started.version, started.heap, started.idle_timeout) == ("6.8", "512m", 0.0)
    with urllib.request.urlopen(f"{started.url}/v2/healthcheck", timeout=10) as response:
        assert (response.status, response.read()) == (200, b"OK")
    # Only 127.0.0.1 (as itself, or IPv4-mapped on an IPv6 socket) is listening.
    assert listening_addresses(started.port) <= {"0100007F", "0000000000000000FFFF00000100007F"}
    assert listening_addresses(started.port)

    state = cache / "languagetool" / "server.json"
    assert json.loads(state.read_text()) == started.as_dict()
    current = server.status(cache)
    assert (current.server, current.healthy, current.stale_removed) == (started, True, False)
    assert (current.state_file, current.log_file) == (state, cache / "languagetool" / "server.log")


def test_the_server_runs_under_its_supervisor_with_caching_and_a_heap_limit(
    running: server.Started, cache: Path
) -> None:
    supervisor = running.server.pid
    assert command_line(supervisor)[1:3] == ["-m", "editorial.languagetool.supervisor"]
    (java,) = children(supervisor)
    java_command = command_line(java)
    assert java_command[1:5] == ["-Xmx512m", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8"]
    classpath = java_command[java_command.index("-cp") + 1].split(":")
    assert classpath == [str(jar) for jar in install.installed(cache).jars]
    config = install.install_folder(cache) / "server.properties"
    assert java_command[-5:] == [
        "org.languagetool.server.HTTPServer", "--port", str(running.server.port), "--config", str(config),
    ]  # fmt: skip
    properties = config.read_text().splitlines()
    assert {"cacheSize=5000", "pipelineCaching=true", "maxPipelinePoolSize=20"} <= set(properties)
    # One check at a time per core, and the state file says so, for the clients that ask it.
    assert f"maxCheckThreads={os.cpu_count()}" in properties
    assert running.server.threads == os.cpu_count()


def test_start_warms_the_server_up_with_each_kind_of_rule(running: server.Started) -> None:
    log = running.log_file.read_text()
    # LanguageTool logs each check: its length and mode (!tlo: the sentence rules; tlo: the text rules).
    warm_ups = re.findall(rf"Check done: {len(server.WARM_UP_TEXT)} chars, en-US, .* m:(!?tlo),", log)
    assert warm_ups[:2] == ["!tlo", "tlo"]


def test_a_second_start_returns_the_running_server(running: server.Started, cache: Path) -> None:
    again = server.start(cache, idle_timeout=0)
    assert (again.server, again.already_running, again.seconds) == (running.server, True, 0.0)


def test_a_real_check_finds_the_doubled_word(running: server.Started) -> None:
    (issues,) = client.ask(running.server.url, ["This is the the test."], client.SENTENCE_RULES, LanguageToolSettings(), 60)
    assert [(i.rule, i.start, i.end, i.replacements) for i in issues] == [("ENGLISH_WORD_REPEAT_RULE", 8, 15, ("the",))]


def test_start_on_a_terminal_shows_how_long_it_has_been_waiting(own_cache: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")} | {"EDITORIAL_CACHE_DIR": str(own_cache)}
    code, stdout, shown = run_on_a_terminal([sys.executable, "-m", "editorial", "languagetool", "start"], own_cache, env)
    assert code == 0
    assert stdout.decode().startswith("started LanguageTool 6.8 at http://127.0.0.1:")
    *lines, erased = shown.removeprefix("\r").removesuffix("\r").split("\r\r")
    phases = [re.fullmatch(r"LanguageTool: (starting|warming up), (\d+) s *", line) for line in lines]
    assert all(phases), lines
    assert [m.group(1) for m in phases] == sorted((m.group(1) for m in phases), key=["starting", "warming up"].index)
    assert {m.group(1) for m in phases} == {"starting", "warming up"}
    assert [int(m.group(2)) for m in phases] == sorted(int(m.group(2)) for m in phases)
    assert erased == " " * len(lines[-1].rstrip())


def test_start_reports_its_phases_to_the_library_caller(own_cache: Path) -> None:
    heard: list[server.StartProgress] = []
    server.start(own_cache, idle_timeout=0, progress=heard.append)
    phases = [record.phase for record in heard]
    assert phases[0] == server.STARTING and phases[-1] == server.WARMING_UP
    assert phases == sorted(phases, key=[server.STARTING, server.WARMING_UP].index)
    assert [record.seconds for record in heard] == sorted(record.seconds for record in heard)


def test_resolve_url_prefers_the_configured_server_then_the_environment_then_ours(
    running: server.Started, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EDITORIAL_LANGUAGETOOL_URL", raising=False)
    assert server.resolve_url(None, cache) == running.server.url
    assert server.resolve_url("", cache) == running.server.url
    monkeypatch.setenv("EDITORIAL_LANGUAGETOOL_URL", "http://languagetool.team.example:8081")
    assert server.resolve_url(None, cache) == "http://languagetool.team.example:8081"
    assert server.resolve_url("http://localhost:8010", cache) == "http://localhost:8010"
    monkeypatch.setenv("EDITORIAL_LANGUAGETOOL_URL", "  ")
    assert server.resolve_url(None, cache) == running.server.url
    monkeypatch.setenv("EDITORIAL_LANGUAGETOOL_URL", "languagetool.team.example:8081")
    with pytest.raises(EditorialError) as raised:
        server.resolve_url(None, cache)
    assert str(raised.value) == (
        "EDITORIAL_LANGUAGETOOL_URL: 'languagetool.team.example:8081' is not the http:// or https:// address"
        " of a LanguageTool server"
    )
    monkeypatch.delenv("EDITORIAL_LANGUAGETOOL_URL")
    assert server.resolve_url(None, tmp_path / "no-server") is None


def test_touch_last_used_puts_off_the_idle_shutdown(running: server.Started, cache: Path) -> None:
    last_used = cache / "languagetool" / "last-used"
    os.utime(last_used, (1_000_000_000, 1_000_000_000))
    server.touch_last_used(cache)
    assert time.time() - last_used.stat().st_mtime < 60
    server.touch_last_used(cache / "nowhere")  # no server there: nothing to do
    assert not (cache / "nowhere").exists()


def test_cli_status_and_start_show_the_running_server(running: server.Started, cache: Path, tmp_path: Path) -> None:
    started = running.server

    status = editorial("languagetool", "status", cache=cache, cwd=tmp_path)
    start = editorial("languagetool", "start", cache=cache, cwd=tmp_path)
    as_json = editorial("languagetool", "status", "--format", "json", cache=cache, cwd=tmp_path)

    assert (status.returncode, status.stderr) == (0, "")
    assert status.stdout == (
        f"LanguageTool 6.8 is running at {started.url} (pid {started.pid}, since {started.started});"
        f" it never stops by itself\n"
    )
    assert (start.returncode, start.stderr) == (0, "")
    assert start.stdout == f"LanguageTool 6.8 is already running at {started.url} (pid {started.pid})\n"
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout) == {
        "running": True,
        "healthy": True,
        **started.as_dict(),
        "state_file": str(cache / "languagetool" / "server.json"),
        "log_file": str(cache / "languagetool" / "server.log"),
    }


def test_a_stale_state_file_is_cleaned_up(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    folder = install.languagetool_folder(root)
    folder.mkdir(parents=True)
    ended = subprocess.Popen(["true"])
    ended.wait()
    # A pid that has ended, and one alive but pytest's, not a supervisor (as if reused).
    for pid in (ended.pid, os.getpid()):
        state = {
            "pid": pid,
            "port": 1,
            "url": "http://127.0.0.1:1",
            "started": "2021-01-01T00:00:00+00:00",
            "version": "6.8",
            "heap": "512m",
            "idle_timeout": 0.0,
        }
        (folder / "server.json").write_text(json.dumps(state))

        current = server.status(root)

        assert (current.server, current.healthy, current.stale_removed) == (None, False, True)
        assert not (folder / "server.json").exists()

    (folder / "server.json").write_text("{not json")
    assert server.resolve_url(None, root) is None
    assert not (folder / "server.json").exists()
    (folder / "server.json").write_text("{not json")
    assert server.stop(root) == server.Stopped(server=None, stale_removed=True)
    assert not (folder / "server.json").exists()
    assert server.stop(root) == server.Stopped(server=None, stale_removed=False)


def test_cli_status_without_a_server_exits_1(tmp_path: Path) -> None:
    status = editorial("languagetool", "status", cache=tmp_path / "cache", cwd=tmp_path)
    stop = editorial("languagetool", "stop", cache=tmp_path / "cache", cwd=tmp_path)
    assert (status.returncode, status.stdout, status.stderr) == (1, "LanguageTool is not running\n", "")
    assert (stop.returncode, stop.stdout, stop.stderr) == (0, "LanguageTool is not running\n", "")


def test_concurrent_starts_make_one_server_which_stop_ends(own_cache: Path) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        both = list(pool.map(lambda _: server.start(own_cache, idle_timeout=0, warm_up=None), range(2)))

    assert both[0].server == both[1].server
    assert sorted(s.already_running for s in both) == [False, True]
    supervisor = both[0].server.pid
    (java,) = children(supervisor)
    assert supervisors_of(own_cache) == [supervisor]

    stopped = editorial("languagetool", "stop", cache=own_cache, cwd=own_cache)

    assert (stopped.returncode, stopped.stderr) == (0, "")
    assert stopped.stdout == f"stopped LanguageTool at {both[0].server.url} (pid {supervisor})\n"
    assert not alive(supervisor) and not alive(java)
    assert server.stop(own_cache) == server.Stopped(server=None, stale_removed=False)
    assert not (own_cache / "languagetool" / "server.json").exists()
    assert server.status(own_cache).running is False
    assert "SIGTERM: stopping LanguageTool" in (own_cache / "languagetool" / "server.log").read_text()


def test_an_idle_server_stops_by_itself(own_cache: Path) -> None:
    started = server.start(own_cache, idle_timeout=2, warm_up=None)
    (java,) = children(started.server.pid)

    assert wait_until(lambda: not alive(started.server.pid), timeout=60)

    assert not alive(java)
    log = (own_cache / "languagetool" / "server.log").read_text()
    assert "(idle timeout 2 s): stopping it" in log
    # The supervisor removed its own state file on the way out.
    assert not (own_cache / "languagetool" / "server.json").exists()
    assert server.status(own_cache) == server.Status(
        server=None,
        healthy=False,
        stale_removed=False,
        state_file=own_cache / "languagetool" / "server.json",
        log_file=own_cache / "languagetool" / "server.log",
    )


def test_a_server_nobody_declares_ready_is_ended(tmp_path: Path) -> None:
    """As when the start was killed before it could write the state file."""
    log = tmp_path / "server.log"
    launched = subprocess.run(
        [
            sys.executable, "-m", "editorial.languagetool.supervisor",
            "--log", str(log), "--last-used", str(tmp_path / "last-used"),
            "--state", str(tmp_path / "server.json"), "--lock", str(tmp_path / "server.lock"),
            "--idle-timeout", "0", "--startup-timeout", "1", "--", "sleep", "600",
        ],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    supervisor = int(launched.stdout)
    assert wait_until(lambda: len(children(supervisor)) == 1, timeout=10)
    (sleeper,) = children(supervisor)

    assert wait_until(lambda: not alive(supervisor), timeout=30)

    assert not alive(sleeper)
    assert log.read_text().endswith("editorial supervisor: not declared ready within 1 s: stopping LanguageTool\n")


def test_a_server_that_dies_while_starting_is_reported_with_its_log(own_cache: Path) -> None:
    with pytest.raises(EditorialError) as caught:
        server.start(own_cache, heap="4m", warm_up=None)

    message = str(caught.value)
    log = own_cache / "languagetool" / "server.log"
    assert message.startswith(f"{log}: LanguageTool stopped while starting; the end of its log:\n")
    assert '    Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n' in message
    assert message.endswith("editorial supervisor: LanguageTool exited with code 1")
    assert "\tat " not in message
    assert server.status(own_cache).running is False


def test_a_bad_heap_or_idle_timeout_is_refused(own_cache: Path) -> None:
    with pytest.raises(EditorialError) as heap:
        server.start(own_cache, heap="lots")
    with pytest.raises(EditorialError) as idle:
        server.start(own_cache, idle_timeout=-1)
    assert str(heap.value) == "--heap: 'lots' is not a heap size like 512m or 1g"
    assert str(idle.value) == "--idle-timeout: must be 0 (never) or more"


def test_starting_without_an_installation_says_how_to_install(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    with pytest.raises(EditorialError) as caught:
        server.start(root)
    assert str(caught.value) == (
        f"{root}/languagetool/6.8: LanguageTool 6.8 is not installed here: run 'editorial languagetool install'"
        " (or set EDITORIAL_LANGUAGETOOL_URL to a LanguageTool server you already have)"
    )


def fake_java(folder: Path, version_line: str) -> Path:
    """A JAVA_HOME whose java answers -version as an old Java does."""
    java = folder / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text(f"#!/bin/sh\necho '{version_line}' >&2\n")
    java.chmod(0o755)
    return java


def test_an_old_java_is_refused_with_what_is_needed(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    java = fake_java(tmp_path / "jdk11", 'openjdk version "11.0.2" 2019-01-15')
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk11"))

    with pytest.raises(EditorialError) as caught:
        server.start(own_cache)

    assert str(caught.value) == (
        f"{java}: is Java 11; {NEEDED}: install it (e.g. 'apt-get install openjdk-17-jre-headless')"
        " and put it first on PATH or set JAVA_HOME to it"
    )
    assert not (own_cache / "languagetool" / "server.json").exists()
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk8"))
    fake_java(tmp_path / "jdk8", 'java version "1.8.0_392"')
    with pytest.raises(EditorialError, match="is Java 8; "):
        server.find_java()


def test_a_missing_java_is_refused_with_what_is_needed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EditorialError) as on_path:
        server.find_java()
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "no-jdk"))
    with pytest.raises(EditorialError) as in_home:
        server.find_java()

    assert str(on_path.value) == (
        f"java: not found on PATH; {NEEDED}: install it (e.g. 'apt-get install openjdk-17-jre-headless')"
        " or set JAVA_HOME to one"
    )
    no_jdk = tmp_path / "no-jdk"
    assert str(in_home.value) == f"{no_jdk}/bin/java: no such program (JAVA_HOME is {no_jdk}); {NEEDED}"


def test_the_real_java_is_found() -> None:
    java = server.find_java()
    assert java.version >= 17
    assert os.access(java.path, os.X_OK)
