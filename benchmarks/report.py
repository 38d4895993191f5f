"""The terminal report of the example issue: does it fit an 80-column terminal, and what does it cost?

Runs ``editorial lint --format full`` on the example issue (LanguageTool where
a server answers, else without) with COLUMNS=80, and prints the widest line in
terminal columns (wide characters count two), how many quoted source lines
were cut to fit, and the time of the full report against the concise one-line
form (whole processes, results cache warm: the report is what differs).

Usage: .venv/bin/python benchmarks/report.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import example_newsletter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from editorial.terminal import columns  # noqa: E402

BIN = Path(sys.executable).parent
QUOTED = re.compile(r"^  \d+ \| ")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        root = example_newsletter(Path(tmp))
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")} | {"COLUMNS": "80"}
        lint = [str(BIN / "editorial"), "lint"]
        full = subprocess.run([*lint, "--format", "full"], cwd=root, capture_output=True, text=True, env=env)
        lines = full.stdout.splitlines()
        quoted = [line for line in lines if QUOTED.match(line)]
        widest = max(lines, key=columns)
        print(f"example issue, COLUMNS=80: {len(lines)} lines, the widest {columns(widest)} columns")
        print(f"quoted source lines: {len(quoted)}, cut to fit: {sum('…' in line for line in quoted)}")
        print(full.stdout)
        times: dict[str, list[float]] = {"concise": [], "full": []}
        for _ in range(runs):
            for form in times:
                start = time.perf_counter()
                subprocess.run([*lint, "--format", form], cwd=root, capture_output=True, env=env)
                times[form].append(time.perf_counter() - start)
    for form, took in times.items():
        print(f"editorial lint --format {form:8} median {statistics.median(took):.3f} s  min {min(took):.3f} s")


if __name__ == "__main__":
    main()
