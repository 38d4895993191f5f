"""Times ``editorial lint`` against ``proselint check`` on the same 300 files, in one run.

(a) ``editorial lint`` over the corpus as one process, LanguageTool off: cold
    (``--no-cache``: every file parsed and checked) and warm (files unchanged
    since the last lint: answered from the results cache);
(b) ``proselint check`` over the same files (the baseline);
(c) ``editorial lint`` of the example issue (six files) as a whole process, cold and warm.
The results cache lives in a temporary folder of this run.
Usage: .venv/bin/python benchmarks/lint.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import build_corpus, example_newsletter

BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path, runs: int, env: dict[str, str]) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            raise SystemExit(f"{command} failed ({result.returncode}): {result.stderr[-2000:]}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = build_corpus(root / "corpus")
        example_newsletter(root / "newsletter")
        size = sum(p.stat().st_size for p in files)
        env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
        env["EDITORIAL_CACHE_DIR"] = str(root / "cache")
        editorial = [str(BIN / "editorial"), "lint", "--format", "json", "--no-languagetool"]
        cases = {
            "(a) editorial lint, 300 files, cold": ([*editorial, "--no-cache", "corpus"], root),
            "(a) editorial lint, 300 files, warm": ([*editorial, "corpus"], root),
            "(b) proselint check, 300 files": ([str(BIN / "proselint"), "check", "corpus"], root),
            "(c) editorial lint, one issue, cold": ([*editorial, "--no-cache"], root / "newsletter"),
            "(c) editorial lint, one issue, warm": ([*editorial], root / "newsletter"),
        }
        for command, cwd in cases.values():  # fills the results cache for the warm runs
            subprocess.run(command, cwd=cwd, capture_output=True, env=env)
        results = {name: timed(command, cwd, runs, env) for name, (command, cwd) in cases.items()}
    print(f"corpus: {len(files)} files, {size / 1024:.0f} KiB; {runs} runs each, whole processes")
    baseline = statistics.median(results["(b) proselint check, 300 files"])
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:38} median {median:6.2f} s  min {min(times):6.2f} s  ({median / baseline:.2f} x proselint)")


if __name__ == "__main__":
    main()
