"""Times ``editorial collect`` and ``editorial status`` with 500 contributor branches, as whole processes.

The repository is built with one ``git fast-import``: 500 registered
contributors, an issue assigning all of them, and one branch each with three
commits to its section. Then, each a fresh process:

- collect, first run (writes 500 sections and the manifest);
- collect again, nothing new (reads everything, writes nothing);
- collect after 50 contributors pushed one more commit each;
- status without lint counts (refs and the working tree only);
- status with lint counts, the 500 sections never linted before;
- status again, their lint results cached;
- status after 50 other contributors pushed again, not collected: their
  sections, words and lint counts are read from their branches (without and
  with lint counts).

Baseline, in the same run: ``editorial --help`` (interpreter and CLI start-up).
Target: each under 2 s.
Usage: .venv/bin/python benchmarks/collect.py [--branches N] [--runs N]
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

SLUG = "2021-01"
_GIT_ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
_WORDS = (
    "the quick models of the year were trained on more data than ever and evaluated on "
    "benchmarks that no longer tell us much about how they behave in the world "
).split()


def _data(text: str) -> bytes:
    raw = text.encode()
    return b"data %d\n" % len(raw) + raw + b"\n"


def _section(contributor: str, version: int) -> str:
    body = " ".join(_WORDS[(i * 7 + version) % len(_WORDS)] for i in range(300))
    return f"---\ntitle: Research notes of {contributor}, take {version}\nauthor: {contributor}\n---\n\n{body}\n"


def _commit(
    ref: str, who: str, when: int, message: str, changes: dict[str, str], parent: str | None, mark: int | None = None
) -> bytes:
    lines = [
        f"commit {ref}\n".encode(),
        f"mark :{mark}\n".encode() if mark else b"",
        f"author {who} <{who}@example.org> {when} +0000\n".encode(),
        f"committer {who} <{who}@example.org> {when} +0000\n".encode(),
        _data(message),
    ]
    if parent:
        lines.append(f"from {parent}\n".encode())
    for path, text in changes.items():
        lines.append(f"M 100644 inline {path}\n".encode() + _data(text))
    return b"".join(lines) + b"\n"


def build(root: Path, count: int) -> list[str]:
    """The newsletter repository with ``count`` contributor branches; the contributors' ids."""
    contributors = [f"writer{n:04d}" for n in range(count)]
    config = "newsletter:\n  name: Benchmark Weekly\ncontributors:\n" + "".join(
        f"  {c}:\n    name: Writer {c[6:]}\n" for c in contributors
    )
    issue = (
        f"---\ndate: 2021-01-20\neditorial:\n  contributors: [{', '.join(contributors)}]\n---\n\n"
        "Welcome.\n\n<!-- editorial:sections -->\n"
    )
    stream = [
        _commit(
            "refs/heads/main", "editor", 1609459200, "Scaffold issue",
            {"editorial.yaml": config, f"issues/{SLUG}/issue.md": issue}, None, mark=1,
        ),  # fmt: skip
    ]
    for n, contributor in enumerate(contributors):
        ref = f"refs/heads/{SLUG}/{contributor}"
        for version in range(3):
            stream.append(
                _commit(
                    ref, contributor, 1609545600 + n * 60 + version, f"Section, take {version}",
                    {f"issues/{SLUG}/sections/{contributor}.md": _section(contributor, version)},
                    ":1" if version == 0 else None,
                )  # fmt: skip
            )
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(root)], check=True, env=_GIT_ENV)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream), check=True, env=_GIT_ENV)
    subprocess.run(["git", "checkout", "--quiet", "--force", "main"], cwd=root, check=True, env=_GIT_ENV)
    return contributors


def push_more(root: Path, contributors: list[str], version: int = 3) -> None:
    """One more commit on each of these branches, as if their contributors had pushed."""
    stream = [
        _commit(
            f"refs/heads/{SLUG}/{c}", c, 1610000000 + version * 1000 + n, "One more pass",
            {f"issues/{SLUG}/sections/{c}.md": _section(c, version)}, f"refs/heads/{SLUG}/{c}^0",
        )  # fmt: skip
        for n, c in enumerate(contributors)
    ]
    subprocess.run(["git", "fast-import", "--quiet", "--force"], cwd=root, input=b"".join(stream), check=True, env=_GIT_ENV)


def timed(command: list[str], cwd: Path, expect: int = 0) -> float:
    # A cache folder of this repository's own: no results of earlier runs.
    env = {**os.environ, "EDITORIAL_CACHE_DIR": str(cwd.parent / "cache")}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != expect:
        sys.exit(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--branches", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    editorial = [sys.executable, "-m", "editorial"]
    results: dict[str, list[float]] = {}
    for _ in range(options.runs):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "newsletter"
            start = time.perf_counter()
            contributors = build(root, options.branches)
            results.setdefault("build the repository (fast-import)", []).append(time.perf_counter() - start)
            cases = [
                ("editorial --help (baseline)", [*editorial, "--help"]),
                ("collect, first run", [*editorial, "collect", SLUG]),
                ("collect again, nothing new", [*editorial, "collect", SLUG]),
                ("collect after 50 new commits", [*editorial, "collect", SLUG]),
                ("collect --dry-run --format json", [*editorial, "collect", SLUG, "--dry-run", "--format", "json"]),
                ("status --no-lint", [*editorial, "status", SLUG, "--no-lint"]),
                ("status, lint counts, cold", [*editorial, "status", SLUG]),
                ("status, lint counts, cached", [*editorial, "status", SLUG]),
                ("status --no-lint, 50 branches moved", [*editorial, "status", SLUG, "--no-lint"]),
                ("status, 50 branches moved", [*editorial, "status", SLUG]),
            ]
            step = max(1, len(contributors) // 50)
            for name, command in cases:
                if name.startswith("collect after"):
                    push_more(root, contributors[::step][:50])
                if name.startswith("status --no-lint, 50"):
                    push_more(root, contributors[step // 2 :: step][:50], version=4)
                results.setdefault(name, []).append(timed(command, root))
    print(f"{options.branches} contributor branches, 3 commits each; {options.runs} runs, fresh repository each")
    print(f"{'':36} {'median s':>9} {'max s':>7}")
    for name, times in results.items():
        print(f"{name:36} {statistics.median(times):9.3f} {max(times):7.3f}")


if __name__ == "__main__":
    main()
