"""Running a command with its standard error on a pseudo-terminal, as in a terminal window."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path


def run_on_a_terminal(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> tuple[int, bytes, str]:
    """The exit code, standard output (a pipe) and what the terminal was shown on standard error."""
    terminal, other_end = pty.openpty()
    running = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=other_end)
    os.close(other_end)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the other end is closed: the process has ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    stdout, _ = running.communicate(timeout=timeout)
    return running.returncode, stdout, shown.decode()
