"""What the five Vale packages add to ``editorial lint``, on the 300-file lint corpus.

Whole processes, as users run them, in one run (the runs of the two alternate,
so that a change in the machine's load falls on both):

1. ``editorial lint --no-languagetool --no-cache --format line corpus`` in a
   folder whose editorial.yaml has the default configuration (the House style
   only): the baseline;
2. the same command in a folder whose editorial.yaml also enables Google,
   write-good, proselint, alex and Joblint (``styles.use``, the packages in
   its ``rules/`` folder).

The target: (2) takes at most 1.5 times as long as (1). Then, in-process, what
the engine alone costs: parsing the corpus (what the engine reads), the House
style, and the five packages read from a ``.vale.ini`` as a team migrating from
Vale would have them; rules compiled once (compiling reported apart).

    .venv/bin/python benchmarks/rules.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PACKAGES = REPO.parent / "shared" / "peers" / "vale-styles"
NAMES = ("Google", "write-good", "proselint", "alex", "Joblint")
COMMAND = ["lint", "--no-languagetool", "--no-cache", "--format", "line", "corpus"]

from benchmarks.corpus import build_corpus  # noqa: E402
from benchmarks.process import timed  # noqa: E402
from editorial import document  # noqa: E402
from editorial.style import check, load_config  # noqa: E402


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def lint_folder(folder: Path, styles: str) -> Path:
    """A folder with the corpus and an editorial.yaml: the default one, or with ``styles`` added."""
    build_corpus(folder / "corpus", 300)
    (folder / "editorial.yaml").write_text("newsletter:\n  name: Benchmark\n" + styles, encoding="utf-8")
    return folder


def lint_once(folder: Path) -> tuple[float, float, int]:
    """One ``editorial lint`` of the folder's corpus: seconds, CPU seconds (its workers too), findings."""
    wall, cpu, result = timed([sys.executable, "-m", "editorial", *COMMAND], folder)
    return wall, cpu, len(result.stdout.splitlines())


def whole_processes(root: Path, runs: int) -> None:
    base = lint_folder(root / "house", "")
    five = lint_folder(root / "five", "styles:\n  use: [House, " + ", ".join(NAMES) + "]\n")
    (five / "rules").mkdir()
    for name in NAMES:
        (five / "rules" / name).symlink_to(PACKAGES / name / name)
    times: dict[Path, list[float]] = {base: [], five: []}
    cpus: dict[Path, list[float]] = {base: [], five: []}
    findings: dict[Path, int] = {}
    lint_once(base)  # warm the file system cache and the interpreter's byte code
    for _ in range(runs):
        for folder in (base, five):
            elapsed, cpu, findings[folder] = lint_once(folder)
            times[folder].append(elapsed)
            cpus[folder].append(cpu)
    print(f"editorial {' '.join(COMMAND)}: whole processes, {runs} runs each, alternating")
    print("                                   median s   min s   max s   CPU s  findings")
    for label, folder in (("(1) House style only (baseline)", base), ("(2) House + the five packages", five)):
        t = times[folder]
        print(
            f"{label:33} {statistics.median(t):8.3f} {min(t):7.3f} {max(t):7.3f}"
            f" {statistics.median(cpus[folder]):7.3f} {findings[folder]:9}"
        )
    ratio = statistics.median(times[five]) / statistics.median(times[base])
    cpu_ratio = statistics.median(cpus[five]) / statistics.median(cpus[base])
    print(
        f"(2) / (1): {ratio:.2f}: the five packages add {100 * (ratio - 1):+.0f}% (target: at most +50%);"
        f" CPU time {100 * (cpu_ratio - 1):+.0f}%"
    )


def engine_alone(root: Path, runs: int) -> None:
    paths = build_corpus(root / "corpus", 300)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"\nthe engine in-process: {len(paths)} files, {words} words, median of {runs} runs")
    documents = [document.read(p) for p in paths]
    parse = median_time(lambda: [document.read(p) for p in paths], runs)
    print(f"parse 300 documents                         {parse:8.3f} s")

    start = time.perf_counter()
    house = load_config(REPO, {"names": ["Cloudera Fast Forward"]}, None)
    compile_house = time.perf_counter() - start
    house_time = median_time(lambda: [check(d, house) for d in documents], runs)
    house_findings = sum(len(check(d, house)) for d in documents)
    print(
        f"House style ({len(house.rules)} rules)                      {house_time:8.3f} s"
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
    five_time = median_time(lambda: [check(d, five) for d in documents], runs)
    five_findings = sum(len(check(d, five)) for d in documents)
    print(
        f"the five packages ({len(five.rules)} rules, a .vale.ini)   {five_time:8.3f} s"
        f"   compile {compile_five:.3f} s, {five_findings} findings"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        whole_processes(Path(tmp) / "lint", args.runs)
        engine_alone(Path(tmp) / "engine", args.runs)


if __name__ == "__main__":
    main()
