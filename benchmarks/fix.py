"""Times ``editorial lint --fix`` against ``editorial lint`` on the same 300 files, in one run.

The corpus of ``corpus.py`` has a doubled word ("the the", a safe fix) in many
of its files. Before each timed run the corpus is copied afresh from a pristine
copy, so that every ``--fix`` has the same fixes to make and write. Cases, each
a whole process, LanguageTool off, alternating round by round:

(a) cold: ``--no-cache``, every file parsed and checked;
(b) warm: the results cache filled by a lint of the pristine corpus (as when an
    editor lints, reads the report, then fixes), and the fixed texts' findings
    not in it: a file that a fix changed is checked again only where fixes overlap.

Usage: .venv/bin/python benchmarks/fix.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import build_corpus
from process import timed

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_corpus(root / "pristine")
        env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
        env["EDITORIAL_CACHE_DIR"] = str(root / "cache")
        lint = [str(BIN / "editorial"), "lint", "--format", "json", "--no-languagetool"]
        cases = {
            "(a) lint, cold": [*lint, "--no-cache", "corpus"],
            "(a) lint --fix, cold": [*lint, "--no-cache", "--fix", "corpus"],
            "(b) lint, warm": [*lint, "corpus"],
            "(b) lint --fix, warm": [*lint, "--fix", "corpus"],
        }

        def fresh() -> None:
            shutil.rmtree(root / "corpus", ignore_errors=True)
            shutil.copytree(root / "pristine", root / "corpus")

        fresh()
        subprocess.run([*lint, "corpus"], cwd=root, capture_output=True, env=env)  # fills the cache: pristine files
        fixed = subprocess.run([*lint, "--diff", "corpus"], cwd=root, capture_output=True, text=True, env=env)
        changed = sum(1 for line in fixed.stdout.splitlines() if line.startswith("+++ "))
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, command in cases.items():
                fresh()
                results[name].append(timed(command, root, env)[:2])
    print(f"corpus: 300 files, {changed} of them with a safe fix; {runs} runs each, whole processes, a fresh copy each run")
    for pair in ("(a)", "(b)"):
        base = statistics.median(wall for wall, _ in results[f"{pair} lint, {'cold' if pair == '(a)' else 'warm'}"])
        base_cpu = statistics.median(cpu for _, cpu in results[f"{pair} lint, {'cold' if pair == '(a)' else 'warm'}"])
        for name in (n for n in cases if n.startswith(pair)):
            walls = [wall for wall, _ in results[name]]
            cpu = statistics.median(c for _, c in results[name])
            median = statistics.median(walls)
            print(
                f"{name:24} median {median:6.2f} s  min {min(walls):6.2f} s  ({median / base:.2f} x lint)"
                f"  CPU {cpu:6.2f} s ({cpu / base_cpu:.2f} x)"
            )


if __name__ == "__main__":
    main()
