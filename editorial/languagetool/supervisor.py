"""Keeps a LanguageTool server running, detached, and ends it once nobody has used it for a while.

    python -m editorial.languagetool.supervisor --log FILE --last-used FILE \\
        --state FILE --lock FILE --idle-timeout SECONDS --startup-timeout SECONDS -- java ...

LanguageTool has no idle shutdown of its own. This process detaches (it prints
the pid of a forked child and exits, so the supervisor belongs to no terminal
and never lingers as its starter's zombie), runs the command with its output in
the log, and ends it when ``--last-used`` has not been touched for
``--idle-timeout`` seconds (0: never), when it is asked to stop (SIGTERM,
SIGINT, SIGHUP), or exits with it. On the way out it removes the state file if
the file still names it.

The idle clock starts at the first touch of ``--last-used`` after the
supervisor began: the starter makes it once the server answers, so a slow
start is not idleness. Without that touch within ``--startup-timeout`` seconds
the starter is gone and nobody will ever use or stop the server: it is ended.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from types import FrameType

# How long LanguageTool gets to shut down after SIGTERM before it is killed.
TERMINATE_GRACE = 15.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class _Stop(Exception):
    """A signal asked the supervisor to stop."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m editorial.languagetool.supervisor")
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--last-used", type=Path, required=True)
    parser.add_argument("--state", type=Path, required=True)
    parser.add_argument("--lock", type=Path, required=True)
    parser.add_argument("--idle-timeout", type=float, required=True)
    parser.add_argument("--startup-timeout", type=float, required=True)
    parser.add_argument("command", nargs="+")
    args = parser.parse_args(argv)

    log = os.open(args.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    child = os.fork()
    if child:
        print(child, flush=True)
        os._exit(0)
    os.setsid()
    # From here on the starter's pipes are closed: it sees end-of-file and goes on.
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    try:
        return _supervise(args.command, args.last_used, args.idle_timeout, args.startup_timeout)
    finally:
        _forget(args.state, args.lock)


def _supervise(command: list[str], last_used: Path, idle_timeout: float, startup_timeout: float) -> int:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise _Stop(signal.Signals(signum).name)

    started = time.time()
    ready = False
    # Often enough that a short idle timeout is kept to within a tenth of it.
    interval = min(5.0, max(0.2, idle_timeout / 10)) if idle_timeout > 0 else 1.0
    server = subprocess.Popen(command, stdin=subprocess.DEVNULL)
    try:
        for signum in STOP_SIGNALS:
            signal.signal(signum, stop)
        while True:
            try:
                code = server.wait(timeout=interval)
            except subprocess.TimeoutExpired:
                pass
            else:
                _say(f"LanguageTool exited with code {code}")
                return code
            try:
                used = last_used.stat().st_mtime
            except FileNotFoundError:
                used = 0.0
            now = time.time()
            ready = ready or used >= started
            if not ready:
                if now - started > startup_timeout:
                    _say(f"not declared ready within {startup_timeout:g} s: stopping LanguageTool")
                    break
            elif idle_timeout > 0 and now - used >= idle_timeout:
                _say(f"LanguageTool unused for {now - used:.0f} s (idle timeout {idle_timeout:g} s): stopping it")
                break
    except _Stop as exc:
        _say(f"{exc}: stopping LanguageTool")
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    server.terminate()
    try:
        server.wait(timeout=TERMINATE_GRACE)
    except subprocess.TimeoutExpired:
        _say(f"LanguageTool still running {TERMINATE_GRACE:g} s after SIGTERM: killing it")
        server.kill()
        server.wait()
    return 0


def _forget(state: Path, lock: Path) -> None:
    """Remove the state file if it names this process.

    Only with the lock free: whoever holds it (a start waiting for this server,
    a stop ending it) handles the state file itself.
    """
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if json.loads(state.read_text(encoding="utf-8")).get("pid") == os.getpid():
            state.unlink()
    except (OSError, ValueError, AttributeError):
        pass
    finally:
        os.close(fd)


def _say(message: str) -> None:
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S +0000")
    print(f"{stamp} editorial supervisor: {message}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
