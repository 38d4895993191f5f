"""editorial's own LanguageTool server: started detached on 127.0.0.1, found again through a state file.

The server runs from the jars ``install`` put into the cache folder, under the
supervisor (``editorial.languagetool.supervisor``) that ends it after an idle
time. Its pid, port and URL are in ``server.json`` beside the jars' folder; a
file lock keeps two starts from launching two servers, and a state file whose
process is gone is removed wherever it is met.

Where the lint finds a server, in this order (:func:`resolve_url`): the URL in
the configuration or ``$EDITORIAL_LANGUAGETOOL_URL`` (a team's shared server),
else the server started here, else none.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from editorial.errors import error
from editorial.files import write_atomic
from editorial.languagetool import install
from editorial.languagetool.config import is_http_url

if TYPE_CHECKING:
    import urllib.request

URL_ENV = install.SERVER_URL_ENV
MINIMUM_JAVA = 17
DEFAULT_HEAP = "512m"
DEFAULT_IDLE_TIMEOUT = 3600.0
# LanguageTool loads a language's rules on its first check (5 s here), and its
# Java code runs slowly until the JVM has compiled it: start pays for both with
# a check of this text by each kind of rule, not the first lint.
DEFAULT_WARM_UP = "en-US"
WARM_UP_TEXT = (
    "This week the team shipped a new release of the checker, with faster builds and fewer surprises."
    " Its changelog lists forty fixes; the most requested one lets you configure the the cache folder."
    " We also welcome three new contributors, who wrote their first patches during the sprint.\n\n"
    "Upcoming events include a meetup in Berlin on Thursday and an online workshop about testing."
    " If you would like to speak, send us a short abstract before the end of the month, and tell us"
    " which topics you would like to see covered in future issues of the newsletter.\n\n"
    "In other news, a long discussion about error messages ended with a proposal that everyone likes."
    " It suggests shorter messages, a link to the documentation, and an example of the fix; their is"
    " still some work to do on the wording, but the direction is clear and the changes are small."
)
READY_TIMEOUT = 120.0
STOP_TIMEOUT = 30.0
STARTUP_SLACK = 30.0
MAIN_CLASS = "org.languagetool.server.HTTPServer"
HEAP = re.compile(r"[1-9][0-9]*[kKmMgG]?")

STATE_FILE = "server.json"
LOCK_FILE = "server.lock"
LOG_FILE = "server.log"
LAST_USED_FILE = "last-used"
LOG_TAIL_LINES = 20
STACK_FRAME = re.compile(r"\s+(at |\.\.\. \d+ more)")

# HTTPServer options (see `java ... HTTPServer --help`): a result cache of
# sentences, and pipelines kept between requests instead of built for each.
# Its threads (maxCheckThreads, one per core) are added when it starts.
SERVER_PROPERTIES = {
    "cacheSize": "5000",
    "cacheTTLSeconds": "3600",
    "pipelineCaching": "true",
    "maxPipelinePoolSize": "20",
    "pipelineExpireTimeInSeconds": "3600",
}
# LanguageTool 6.8's language detection, set up by every server, looks up
# Spanish, Catalan and Portuguese by code and fails to start without them.
# Rather than their modules (tens of MB), the server gets spelling-only
# stand-ins from its own configuration ("lang-xx") with one-word dictionaries.
# They are listed by /v2/languages but good for nothing else: only English is
# really checked by this server.
PLACEHOLDER_LANGUAGES = ("es", "ca", "pt")


@dataclass(frozen=True)
class Server:
    pid: int  # the supervisor's; LanguageTool runs as its child
    port: int
    url: str
    started: str  # ISO 8601, UTC
    version: str
    heap: str
    idle_timeout: float  # seconds; 0 never
    # The checks it runs at once (None: a server started before editorial said so, with LanguageTool's 10).
    threads: int | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Status:
    server: Server | None  # None: not running
    healthy: bool  # answered /v2/healthcheck just now (False when not asked)
    stale_removed: bool  # a state file naming a process that is gone was removed
    state_file: Path
    log_file: Path

    @property
    def running(self) -> bool:
        return self.server is not None


@dataclass(frozen=True)
class Started:
    server: Server
    already_running: bool
    seconds: float  # from launch until healthy and warmed up; 0 when already running
    log_file: Path


STARTING = "starting"
WARMING_UP = "warming up"


@dataclass(frozen=True)
class StartProgress:
    """Where a start is: ``phase`` (STARTING: waiting for the server to answer; WARMING_UP), and since when."""

    phase: str
    seconds: float


@dataclass(frozen=True)
class Stopped:
    server: Server | None  # None: nothing was running
    stale_removed: bool


@dataclass(frozen=True)
class Java:
    path: str
    version: int


def resolve_url(configured_url: str | None, root: Path | None = None) -> str | None:
    """The LanguageTool server to use: the configured URL, else ``$EDITORIAL_LANGUAGETOOL_URL``,
    else the server started by ``editorial languagetool start``, else None."""
    if configured_url:
        return configured_url
    from_environment = os.environ.get(URL_ENV, "").strip()
    if from_environment:
        if not is_http_url(from_environment):
            raise error(URL_ENV, None, f"'{from_environment}' is not the http:// or https:// address of a LanguageTool server")
        return from_environment
    current = status(root, check_health=False)
    return current.server.url if current.server else None


def touch_last_used(root: Path | None = None) -> None:
    """Mark the server as used now, which puts off its idle shutdown."""
    with contextlib.suppress(FileNotFoundError):
        (install.languagetool_folder(root) / LAST_USED_FILE).touch()


def status(root: Path | None = None, *, check_health: bool = True) -> Status:
    folder = install.languagetool_folder(root)
    server, stale = None, False
    if (folder / STATE_FILE).exists():
        # A start or stop holding the lock is changing the state: report it as it is.
        with _locked(folder, wait=False) as locked:
            server, stale = _current(folder, remove_stale=locked)
    return Status(
        server=server,
        healthy=server is not None and check_health and _healthy(server.url),
        stale_removed=stale,
        state_file=folder / STATE_FILE,
        log_file=folder / LOG_FILE,
    )


def start(
    root: Path | None = None,
    *,
    heap: str = DEFAULT_HEAP,
    idle_timeout: float = DEFAULT_IDLE_TIMEOUT,
    ready_timeout: float = READY_TIMEOUT,
    warm_up: str | None = DEFAULT_WARM_UP,
    progress: Callable[[StartProgress], None] | None = None,
) -> Started:
    """Start the server, or return the one already running (never a second one).

    ``heap`` is the JVM's ``-Xmx`` (e.g. ``512m``, ``1g``); after ``idle_timeout``
    seconds without :func:`touch_last_used` the server stops (0: never). Once
    healthy, the server checks a sentence in ``warm_up`` (a language code; None:
    no warm-up) before start returns.
    """
    folder = install.languagetool_folder(root)
    log_file = folder / LOG_FILE
    if not HEAP.fullmatch(heap):
        raise error("--heap", None, f"'{heap}' is not a heap size like 512m or 1g")
    if idle_timeout < 0:
        raise error("--idle-timeout", None, "must be 0 (never) or more")
    _make_folder(folder)
    with _locked(folder, wait=True):
        server, _ = _current(folder, remove_stale=True)
        if server is not None:
            (folder / LAST_USED_FILE).touch()
            return Started(server, already_running=True, seconds=0.0, log_file=log_file)
        installation = install.installed(root)
        if installation is None:
            raise error(
                install.install_folder(root),
                None,
                f"LanguageTool {install.VERSION} is not installed here: run 'editorial languagetool install'"
                f" (or set {URL_ENV} to a LanguageTool server you already have)",
            )
        java = find_java()
        # More checks at once than cores only makes each slower (a client waits longer for its first answer).
        threads = os.cpu_count() or 1
        config = _write_config(installation.folder, threads)
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        log_file.write_bytes(b"")
        command = [
            sys.executable, "-m", "editorial.languagetool.supervisor",
            "--log", str(log_file),
            "--last-used", str(folder / LAST_USED_FILE),
            "--state", str(folder / STATE_FILE),
            "--lock", str(folder / LOCK_FILE),
            "--idle-timeout", repr(float(idle_timeout)),
            # Past this the start has given up (or was killed) and nobody would stop the server.
            "--startup-timeout", repr(float(ready_timeout) + STARTUP_SLACK),
            "--",
            # The serial collector: one user's server, and 140 MB less resident than G1.
            java.path, f"-Xmx{heap}", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
            "-cp", os.pathsep.join(map(str, installation.jars)),
            MAIN_CLASS, "--port", str(port), "--config", str(config),
        ]  # fmt: skip
        began = time.monotonic()
        pid = _launch(command, log_file)
        try:
            _wait_until_ready(pid, url, log_file, ready_timeout, _reporter(progress, STARTING, began))
            if warm_up is not None:
                timeout = max(ready_timeout - (time.monotonic() - began), 10.0)
                _while_reporting(_reporter(progress, WARMING_UP, began), lambda: _warm_up(url, warm_up, log_file, timeout))
            # Ready: the supervisor starts its idle clock at this touch.
            (folder / LAST_USED_FILE).touch()
            server = Server(
                pid=pid,
                port=port,
                url=url,
                started=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                version=installation.version,
                heap=heap,
                idle_timeout=float(idle_timeout),
                threads=threads,
            )
            write_atomic(folder / STATE_FILE, json.dumps(server.as_dict(), indent=2) + "\n")
        except OSError as exc:
            _end(pid, STOP_TIMEOUT)
            raise error(folder, None, f"cannot write the server's files: {exc.strerror or exc}") from None
        except BaseException:
            # Failed or interrupted (Ctrl-C): leave no server behind that no state file names.
            _end(pid, STOP_TIMEOUT)
            raise
        return Started(server, already_running=False, seconds=time.monotonic() - began, log_file=log_file)


def stop(root: Path | None = None, *, timeout: float = STOP_TIMEOUT) -> Stopped:
    """Stop the server started here, if one runs, and remove its state file."""
    folder = install.languagetool_folder(root)
    if not (folder / STATE_FILE).exists():
        return Stopped(None, stale_removed=False)
    with _locked(folder, wait=True):
        server, stale = _current(folder, remove_stale=True)
        if server is None:
            return Stopped(None, stale_removed=stale)
        _end(server.pid, timeout)
        (folder / STATE_FILE).unlink(missing_ok=True)
        return Stopped(server, stale_removed=False)


def find_java() -> Java:
    """The ``java`` of ``$JAVA_HOME``, else the one on PATH; 17 or newer, else an error saying what is needed."""
    needed = f"LanguageTool {install.VERSION} needs Java {MINIMUM_JAVA} or newer"
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        path = str(Path(java_home) / "bin" / "java")
        if not os.access(path, os.X_OK):
            raise error(path, None, f"no such program (JAVA_HOME is {java_home}); {needed}")
    else:
        found = shutil.which("java")
        if found is None:
            raise error(
                "java",
                None,
                f"not found on PATH; {needed}: install it (e.g. 'apt-get install openjdk-17-jre-headless')"
                f" or set JAVA_HOME to one",
            )
        path = found
    try:
        result = subprocess.run(
            [path, "-version"], stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise error(path, None, f"cannot run it ({exc}); {needed}") from None
    version = _java_version(result.stderr + result.stdout)
    if version is None:
        raise error(path, None, f"cannot tell its version from 'java -version'; {needed}")
    if version < MINIMUM_JAVA:
        raise error(
            path,
            None,
            f"is Java {version}; {needed}: install it (e.g. 'apt-get install openjdk-17-jre-headless')"
            f" and put it first on PATH or set JAVA_HOME to it",
        )
    return Java(path, version)


def _java_version(text: str) -> int | None:
    """The feature version in ``java -version``: 17 of "17.0.15", 8 of "1.8.0_392"."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if match is None:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def _launch(command: list[str], log_file: Path) -> int:
    """Run the supervisor, which detaches and prints its pid."""
    try:
        launcher = subprocess.run(
            command, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise error(log_file, None, f"could not launch the LanguageTool supervisor: {exc}") from None
    if launcher.returncode != 0 or not launcher.stdout.strip().isdigit():
        raise error(log_file, None, f"could not launch the LanguageTool supervisor: {launcher.stderr.strip()}")
    return int(launcher.stdout)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise error(folder, None, f"cannot create the folder: {exc.strerror}") from None


@contextlib.contextmanager
def _locked(folder: Path, *, wait: bool) -> Iterator[bool]:
    """Hold the server lock; yields False when ``wait`` is off and someone else holds it."""
    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise error(folder / LOCK_FILE, None, f"cannot open the lock file: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _current(folder: Path, *, remove_stale: bool) -> tuple[Server | None, bool]:
    """The server named by the state file if its supervisor is alive; and whether a stale file was removed."""
    state = folder / STATE_FILE
    try:
        data = json.loads(state.read_text(encoding="utf-8"))
        server = Server(**data)
    except FileNotFoundError:
        return None, False
    except (OSError, ValueError, TypeError):
        server = None  # unreadable: a file no process of ours stands behind
    if server is not None and _alive(server.pid):
        return server, False
    if remove_stale:
        state.unlink(missing_ok=True)
        return None, True
    return None, False


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a live supervisor of ours, not a pid since reused by another program."""
    proc = Path("/proc") / str(pid)
    if Path("/proc/self").exists():
        try:
            # A zombie (exited, not yet reaped) has an empty command line.
            return b"editorial.languagetool.supervisor" in (proc / "cmdline").read_bytes()
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _end(pid: int, timeout: float) -> None:
    """SIGTERM to the supervisor (it stops LanguageTool and exits); the whole group killed if it lingers."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                # The supervisor leads its own session: its group is it and LanguageTool.
                os.killpg(pid, signal.SIGKILL)
            break
        time.sleep(0.05)


def _local_opener() -> urllib.request.OpenerDirector:
    # No proxy: the server is on this machine, and a proxy setting must not send us elsewhere.
    # urllib.request (http.client, email) is imported here, not by lint, which needs only status().
    import urllib.request

    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with _local_opener().open(f"{url}/v2/healthcheck", timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _reporter(progress: Callable[[StartProgress], None] | None, phase: str, began: float) -> Callable[[], None]:
    def report() -> None:
        if progress is not None:
            progress(StartProgress(phase, time.monotonic() - began))

    return report


def _while_reporting(report: Callable[[], None], work: Callable[[], None]) -> None:
    """``work`` done in a thread while ``report`` is called every tenth of a second; its exception raised here."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # raised again in the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=run, name="languagetool-warm-up", daemon=True)
    thread.start()
    while thread.is_alive():
        report()
        thread.join(0.1)
    if failure:
        raise failure[0]


def _wait_until_ready(pid: int, url: str, log_file: Path, ready_timeout: float, report: Callable[[], None]) -> None:
    deadline = time.monotonic() + ready_timeout
    while not _healthy(url):
        report()
        if not _alive(pid):
            raise error(log_file, None, f"LanguageTool stopped while starting; the end of its log:\n{_tail(log_file)}")
        if time.monotonic() > deadline:
            raise error(
                log_file,
                None,
                f"LanguageTool did not answer on {url}/v2/healthcheck within {ready_timeout:g} s, so it was"
                f" stopped; the end of its log:\n{_tail(log_file)}",
            )
        time.sleep(0.1)


def _warm_up(url: str, language: str, log_file: Path, timeout: float) -> None:
    """The text checked as lint asks: by the sentence rules, then by the text rules."""
    from editorial.languagetool.client import SENTENCE_RULES, TEXT_RULES

    try:
        for mode in (SENTENCE_RULES, TEXT_RULES):
            body = urllib.parse.urlencode({"language": language, "text": WARM_UP_TEXT, "mode": mode})
            with _local_opener().open(f"{url}/v2/check", data=body.encode(), timeout=timeout) as response:
                response.read()
    except urllib.error.HTTPError as exc:
        answer = exc.read().decode("utf-8", errors="replace").strip().splitlines()
        raise error(
            log_file,
            None,
            f"LanguageTool could not check a first sentence in '{language}', so it was stopped:"
            f" HTTP {exc.code} {answer[0] if answer else exc.reason}",
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise error(
            log_file,
            None,
            f"LanguageTool could not check a first sentence in '{language}' ({exc}), so it was stopped;"
            f" the end of its log:\n{_tail(log_file)}",
        ) from None


def _tail(log_file: Path) -> str:
    try:
        lines = log_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "    (no log)"
    # Stack frames bury the exception's own message, which is what says what went wrong.
    lines = [line for line in lines if not STACK_FRAME.match(line)]
    return "\n".join(f"    {line}" for line in lines[-LOG_TAIL_LINES:]) or "    (empty log)"


def _write_config(folder: Path, threads: int) -> Path:
    """The HTTPServer property file, and the placeholder languages it names, in the install folder."""
    lines = ["# Written by editorial each time it starts LanguageTool; edits are lost."]
    lines += [f"{key}={value}" for key, value in {**SERVER_PROPERTIES, "maxCheckThreads": str(threads)}.items()]
    for code in PLACEHOLDER_LANGUAGES:
        placeholder = folder / "placeholder-languages" / code
        _write_if_changed(placeholder / f"{code}.dic", "1\nplaceholder\n")
        _write_if_changed(placeholder / f"{code}.aff", "SET UTF-8\n")
        _write_if_changed(placeholder / "common_words.txt", "")
        lines.append(f"lang-{code}=Placeholder ({code}) for language detection, not for checking")
        lines.append(f"lang-{code}-dictPath={_property_value(placeholder / f'{code}.dic')}")
    config = folder / "server.properties"
    _write_if_changed(config, "\n".join(lines) + "\n")
    return config


def _property_value(path: Path) -> str:
    # java.util.Properties reads a backslash as an escape.
    return str(path).replace("\\", "\\\\")


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise error(path, None, f"cannot write: {exc.strerror}") from None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
