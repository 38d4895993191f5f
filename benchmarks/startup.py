"""Times ``editorial --help`` and ``editorial assemble`` on the example issue, as whole processes.

Baseline, in the same run: a bare ``python -c pass`` (the interpreter's own start-up).
Usage: .venv/bin/python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import example_newsletter



def timed(command: list[str], cwd: Path, runs: int) -> list[float]:
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    editorial = [sys.executable, "-m", "editorial"]
    with tempfile.TemporaryDirectory() as tmp:
        root = example_newsletter(Path(tmp))
        cases = {
            "python -c pass (baseline)": [sys.executable, "-c", "pass"],
            "editorial --help": [*editorial, "--help"],
            "editorial assemble 2021-01": [*editorial, "assemble", "2021-01", "--force"],
        }
        results = {name: timed(command, root, runs) for name, command in cases.items()}
    baseline = statistics.median(results["python -c pass (baseline)"])
    print(f"{'command':32} {'median s':>9} {'min s':>7} {'x baseline':>10}   ({runs} runs each)")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:32} {median:9.3f} {min(times):7.3f} {median / baseline:10.1f}")


if __name__ == "__main__":
    main()
