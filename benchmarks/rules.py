"""What the house-style engine costs on the 300-file lint corpus.

Prints, for the corpus of ``benchmarks/corpus.py``:

- ``editorial lint --format line`` on it, as a user runs it (the baseline);
- parsing the 300 files into documents (what the engine reads);
- the engine with the default house style (rules/House);
- the engine with Google + write-good + proselint + alex + Joblint together,
  read from a ``.vale.ini`` as a team migrating from Vale would have it.

Engine figures are in-process, rules compiled once (the first, compiling
run is reported apart), median of ``--runs`` runs.

    .venv/bin/python benchmarks/rules.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PACKAGES = REPO.parent / "shared" / "peers" / "vale-styles"
NAMES = ("Google", "write-good", "proselint", "alex", "Joblint")

from benchmarks.corpus import build_corpus  # noqa: E402
from editorial import document  # noqa: E402
from editorial.style import check, load_config  # noqa: E402


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        paths = build_corpus(corpus, 300)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        print(f"corpus: {len(paths)} files, {words} words")

        def lint_cli() -> None:
            subprocess.run(
                [sys.executable, "-m", "editorial", "lint", "--format", "line", "corpus"],
                cwd=root,
                capture_output=True,
                check=False,
            )

        baseline = median_time(lint_cli, max(1, args.runs // 2))
        print(f"editorial lint --format line (baseline)   {baseline:8.3f} s")

        documents = [document.read(p) for p in paths]
        parse = median_time(lambda: [document.read(p) for p in paths], args.runs)
        print(f"parse 300 documents                        {parse:8.3f} s")

        start = time.perf_counter()
        house = load_config(REPO, {"names": ["Cloudera Fast Forward"]}, None)
        compile_house = time.perf_counter() - start
        house_time = median_time(lambda: [check(d, house) for d in documents], args.runs)
        house_findings = sum(len(check(d, house)) for d in documents)
        print(
            f"House style ({len(house.rules)} rules)                  {house_time:8.3f} s"
            f"   compile {compile_house:.3f} s, {house_findings} findings"
        )

        styles = root / "styles"
        styles.mkdir()
        for name in NAMES:
            (styles / name).symlink_to(PACKAGES / name / name)
        ini = root / ".vale.ini"
        ini.write_text(
            "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = " + ", ".join(NAMES) + "\n",
            encoding="utf-8",
        )
        start = time.perf_counter()
        five = load_config(root, None, ini)
        compile_five = time.perf_counter() - start
        five_time = median_time(lambda: [check(d, five) for d in documents], args.runs)
        five_findings = sum(len(check(d, five)) for d in documents)
        print(
            f"Google+write-good+proselint+alex+Joblint ({len(five.rules)} rules) {five_time:8.3f} s"
            f"   compile {compile_five:.3f} s, {five_findings} findings"
        )
        print(f"five packages / baseline lint: +{100 * five_time / baseline:.0f}%")
        print(f"House style / baseline lint:   +{100 * house_time / baseline:.0f}%")


if __name__ == "__main__":
    main()
