"""One whole process, timed: wall seconds, and CPU seconds of it and its children (what other
work on the machine does not inflate). A run that fails (an exit code other than 0 or 1) stops
the benchmark with its error output."""

from __future__ import annotations

import resource
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path


def timed(
    command: Sequence[str | Path], cwd: Path | str, env: Mapping[str, str] | None = None
) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(map(str, command))} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, result
