"""Vale and editorial side by side: the same archive, the same public Vale packages, one run.

Vale is built from the Go module proxy (``github.com/vale-cli/vale/v3``) into a
cache folder outside the repository, once per version; nothing of its code is
kept here. Both run as users run them, on a copy of This Week in Rust's archive
(``../shared/corpora/twir/archive``) in a folder whose generated ``.vale.ini``
enables the packages found in ``../shared/peers/vale-styles`` (Google,
write-good, proselint, alex, Joblint, Microsoft: those that are there):

1. ``vale --no-global --output line archive``;
2. ``editorial lint --no-cache --format line archive`` (no editorial.yaml: the
   ``.vale.ini``'s styles and nothing else).

It prints how far they agree (Jaccard on path, line, column and rule; the
share of each one's alerts the other finds; the rules they disagree on most,
each with an example of each side) and how long each takes (the runs alternate,
so that a change in the machine's load falls on both; the median of ``--runs``).
It skips, saying why, where the archive or Go is not there.

    .venv/bin/python benchmarks/vale.py [--runs 3] [--top 15] [--save DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from process import timed

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
ARCHIVE = SHARED / "corpora" / "twir" / "archive"
PACKAGES = SHARED / "peers" / "vale-styles"
NAMES = ("Google", "write-good", "proselint", "alex", "Joblint", "Microsoft")
MODULE = "github.com/vale-cli/vale/v3"
VERSION = "v3.26.0"
# Vale's recent versions require a cascadia that the proxy no longer serves as they name it.
REPLACE = "github.com/andybalholm/cascadia=github.com/andybalholm/cascadia@v1.3.5"

Alert = tuple[str, int, int, str]  # path, line, column, rule


def build_vale(version: str) -> Path:
    """Vale's binary, built once per version in the cache folder (outside the repository)."""
    from editorial.store import cache_folder

    folder = cache_folder() / "benchmarks" / f"vale-{version}"
    binary = folder / "vale"
    if binary.is_file():
        return binary
    folder.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"GOFLAGS": "-mod=mod", "GOWORK": "off"}
    steps = [
        ["go", "mod", "init", "valebuild"] if not (folder / "go.mod").is_file() else None,
        ["go", "mod", "edit", f"-require={MODULE}@{version}", f"-replace={REPLACE}"],
        ["go", "get", f"{MODULE}/cmd/vale@{version}"],
        ["go", "build", "-o", str(binary), f"{MODULE}/cmd/vale"],
    ]
    for step in steps:
        if step is None:
            continue
        print("$", " ".join(step), file=sys.stderr)
        done = subprocess.run(step, cwd=folder, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"building Vale failed at '{' '.join(step)}':\n{done.stderr[-3000:]}")
    return binary


def workspace(root: Path, names: Sequence[str]) -> Path:
    """A folder with the archive, the packages under ``styles/`` and a ``.vale.ini`` enabling them."""
    shutil.copytree(ARCHIVE, root / "archive")
    for name in names:
        shutil.copytree(PACKAGES / name / name, root / "styles" / name)
    (root / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = " + ", ".join(names) + "\n",
        encoding="utf-8",
    )
    return root


# Each tool with its own settings only, and no colour in what is parsed.
ENV = {k: v for k, v in os.environ.items() if not k.startswith(("EDITORIAL_", "VALE_"))} | {"NO_COLOR": "1"}


def alerts(lines: Sequence[str]) -> dict[Alert, str]:
    """``path:line:column:rule:message`` lines as alerts, each with its message."""
    found = {}
    for line in lines:
        path, row, column, rule, message = line.split(":", 4)
        found[(path, int(row), int(column), rule)] = message
    return found


def example(folder: Path, alert: Alert, message: str) -> str:
    path, row, column, _ = alert
    text = (folder / path).read_text(encoding="utf-8").split("\n")[row - 1]
    return f"{path}:{row}:{column} «{text[column - 1:column + 39]}» {message[:70]}"


def agreement(folder: Path, vale: dict[Alert, str], ours: dict[Alert, str], top: int) -> None:
    both = vale.keys() & ours.keys()
    union = vale.keys() | ours.keys()
    print(f"alerts: Vale {len(vale):,}, editorial {len(ours):,}, both {len(both):,}")
    print(f"Jaccard {len(both) / len(union):.4f}" if union else "Jaccard: no alert on either side")
    if vale:
        print(f"editorial finds {len(both) / len(vale):.2%} of Vale's alerts")
    if ours:
        print(f"Vale finds {len(both) / len(ours):.2%} of editorial's alerts")
    # The same alert at another column of its line: where a match runs across markup.
    lines_vale = Counter((a[0], a[1], a[3]) for a in vale)
    lines_ours = Counter((a[0], a[1], a[3]) for a in ours)
    shared = sum((lines_vale & lines_ours).values())
    print(f"columns aside (path, line, rule, as many on each line): Jaccard {shared / (len(vale) + len(ours) - shared):.4f}")
    only_vale = Counter(a[3] for a in vale.keys() - both)
    only_ours = Counter(a[3] for a in ours.keys() - both)
    rules = sorted(only_vale.keys() | only_ours.keys(), key=lambda r: (-(only_vale[r] + only_ours[r]), r))
    print(f"\nthe {min(top, len(rules))} rules they disagree on most (only Vale / only editorial):")
    for rule in rules[:top]:
        print(f"  {rule}: {only_vale[rule]} / {only_ours[rule]}")
        for side, mine, other in (("Vale", vale, ours), ("editorial", ours, vale)):
            first = min((a for a in mine.keys() - other.keys() if a[3] == rule), default=None)
            if first is not None:
                print(f"    only {side}: {example(folder, first, mine[first])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--version", default=VERSION)
    parser.add_argument("--save", type=Path, help="write both outputs here (vale.txt, editorial.txt)")
    args = parser.parse_args()
    if not ARCHIVE.is_dir():
        print(f"skipped: {ARCHIVE} is not there")
        return
    if shutil.which("go") is None:
        print("skipped: Go is not installed (Vale is built from the Go module proxy)")
        return
    names = [n for n in NAMES if (PACKAGES / n / n).is_dir()]
    absent = [n for n in NAMES if n not in names]
    binary = build_vale(args.version)
    with tempfile.TemporaryDirectory() as tmp:
        folder = workspace(Path(tmp), names)
        files = sum(1 for _ in (folder / "archive").rglob("*.md"))
        print(f"Vale {args.version} (built from the Go module proxy) and editorial on {files} files of {ARCHIVE}")
        print(f"packages: {', '.join(names)}" + (f"; not found, so left out: {', '.join(absent)}" if absent else ""))
        commands = {
            "Vale": [str(binary), "--no-global", "--output", "line", "archive"],
            "editorial": [sys.executable, "-m", "editorial", "lint", "--no-cache", "--format", "line", "archive"],
        }
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        outputs: dict[str, list[str]] = {}
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu, done = timed(command, folder, ENV)
                lines = [line for line in done.stdout.splitlines() if line.strip()]
                walls[name].append(wall)
                cpus[name].append(cpu)
                outputs.setdefault(name, lines)
        if args.save is not None:
            args.save.mkdir(parents=True, exist_ok=True)
            for name, lines in outputs.items():
                (args.save / f"{name.lower()}.txt").write_text("\n".join(sorted(lines)) + "\n", encoding="utf-8")
        print()
        agreement(folder, alerts(outputs["Vale"]), alerts(outputs["editorial"]), args.top)
        vale_wall, our_wall = statistics.median(walls["Vale"]), statistics.median(walls["editorial"])
        vale_cpu, our_cpu = statistics.median(cpus["Vale"]), statistics.median(cpus["editorial"])
        print(f"\nspeed, median of {args.runs} whole runs ({os.cpu_count()} cores):")
        print(f"  wall: Vale {vale_wall:.2f} s, editorial {our_wall:.2f} s: editorial {vale_wall / our_wall:.2f} x as fast")
        print(f"  CPU:  Vale {vale_cpu:.2f} s, editorial {our_cpu:.2f} s: editorial {vale_cpu / our_cpu:.2f} x as fast")


if __name__ == "__main__":
    main()
