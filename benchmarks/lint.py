"""Times ``editorial lint`` against ``proselint check`` on the same 300 files, in one run.

(a) ``editorial lint`` over the corpus as one process, LanguageTool off: cold
    (``--no-cache``: every file parsed and checked) and warm (files unchanged
    since the last lint: answered from the results cache);
(b) ``proselint check`` over the same files (the baseline);
(c) ``editorial lint`` of the example issue (six files) as a whole process, cold and warm.
The results cache lives in a temporary folder of this run. With ``--corpus FOLDER``
(e.g. ``../shared/corpora/twir/archive``), (a) and (b) read that real archive, where it is, instead.
With ``--other CMD`` (another checkout's editorial, words split as a shell
would), (a) and (c) are timed for it too, each run alternating with this
checkout's, so that both see the same machine.
Usage: .venv/bin/python benchmarks/lint.py [--runs N] [--other "CMD"] [--corpus FOLDER]
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import build_corpus, example_newsletter
from process import timed

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--other", help="another editorial command to time beside this one (alternating)")
    parser.add_argument("--corpus", type=Path, help="a folder of Markdown files to lint instead of the generated 300")
    args = parser.parse_args()
    runs = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.corpus is not None:
            corpus = args.corpus.resolve()
            files = sorted(corpus.rglob("*.md"))
        else:
            corpus = root / "corpus"
            files = build_corpus(corpus)
        count = f"{len(files)} files"
        example_newsletter(root / "newsletter")
        size = sum(p.stat().st_size for p in files)
        env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
        env["EDITORIAL_CACHE_DIR"] = str(root / "cache")
        commands = {"": [str(BIN / "editorial")]}
        if args.other:
            commands["other "] = shlex.split(args.other)
        cases: dict[str, tuple[list[str], Path, dict[str, str]]] = {}
        for label, command in commands.items():
            editorial = [*command, "lint", "--format", "json", "--no-languagetool"]
            # Each command its own results cache: one version's entries are not the other's.
            own = {**env, "EDITORIAL_CACHE_DIR": str(root / f"cache-{len(label)}")}
            cases |= {
                f"(a) {label}editorial lint, {count}, cold": ([*editorial, "--no-cache", str(corpus)], root, own),
                f"(a) {label}editorial lint, {count}, warm": ([*editorial, str(corpus)], root, own),
                f"(c) {label}editorial lint, one issue, cold": ([*editorial, "--no-cache"], root / "newsletter", own),
                f"(c) {label}editorial lint, one issue, warm": ([*editorial], root / "newsletter", own),
            }
        cases[f"(b) proselint check, {count}"] = ([str(BIN / "proselint"), "check", str(corpus)], root, env)
        for command, cwd, case_env in cases.values():  # fills the results caches for the warm runs
            subprocess.run(command, cwd=cwd, capture_output=True, env=case_env)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(runs):  # alternating: every case sees the machine as it is in that round
            for name, (command, cwd, case_env) in cases.items():
                results[name].append(timed(command, cwd, case_env)[:2])
    print(f"corpus: {len(files)} files, {size / 1024:.0f} KiB; {runs} runs each, whole processes")
    baseline = statistics.median(wall for wall, _ in results[f"(b) proselint check, {count}"])
    for name, measured in sorted(results.items()):
        walls = [wall for wall, _ in measured]
        median = statistics.median(walls)
        cpu = statistics.median(c for _, c in measured)
        print(
            f"{name:44} median {median:6.2f} s  min {min(walls):6.2f} s  ({median / baseline:.2f} x proselint)"
            f"  CPU {cpu:6.2f} s"
        )


if __name__ == "__main__":
    main()
