"""LanguageTool in ``editorial lint`` on the example issue, each a whole process.

(a) server cold: from ``editorial languagetool start`` until it reports ready;
(b) warm server, empty caches (LanguageTool's and the other checks': the whole lint runs);
(c) warm server, full cache — against ``editorial lint --no-languagetool`` (the baseline, same run);
(d) one paragraph edited, the rest from the cache.
Also prints the server's resident memory and what ``install`` fetched.

The server runs in a cache folder of this script's own (holding links to the
installed jars), so a server you run is never touched.
With ``--busy``, one core spins in another process meanwhile: a commit hook's
figures while an editor or a build is working too.
With ``--other CMD`` (another checkout's editorial, words split as a shell
would), (b), (c) and (d) are measured for it too, each run alternating with
this checkout's, so that both see the same machine; each has its results
cache, and both ask the same server by its address. CPU time (the process and
its children) is printed beside wall time: other work on the machine inflates
it far less.
Usage: .venv/bin/python benchmarks/languagetool.py [--runs N] [--busy] [--other "CMD"]
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

from corpus import example_newsletter
from process import timed

from editorial.languagetool import install, server

BIN = Path(sys.executable).parent


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time; a run where LanguageTool was not asked is no figure of it."""
    wall, cpu, result = timed(command, cwd, env)
    if "warning: languagetool" in result.stderr:
        raise SystemExit(f"{command}: LanguageTool was not asked: {result.stderr[-2000:]}")
    return wall, cpu


def resident_mib(pid: int) -> float:
    """The server's memory: the supervisor and the JVM under it."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if entry.name == str(pid) or fields.get("PPid", "").strip() == str(pid):
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--busy", action="store_true", help="keep one core busy in another process meanwhile")
    parser.add_argument("--other", help="another editorial command to measure beside this one (alternating)")
    arguments = parser.parse_args()
    runs = arguments.runs
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if arguments.busy else None
    installation = install.install()
    fetched = sum(jar.stat().st_size for jar in installation.jars)
    commands = {"": [str(BIN / "editorial")]}
    if arguments.other:
        commands["other "] = shlex.split(arguments.other)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cache = root / "cache"
        lib = install.install_folder(cache) / "lib"
        lib.mkdir(parents=True)
        for jar in installation.jars:
            (lib / jar.name).symlink_to(jar)
        letter = example_newsletter(root / "newsletter")
        issue = letter / "issues" / "2021-01"
        env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
        env["EDITORIAL_CACHE_DIR"] = str(cache)
        editorial = str(BIN / "editorial")
        figures: dict[str, list[tuple[float, float]]] = {}
        try:
            cold, _ = run([editorial, "languagetool", "start", "--idle-timeout", "0"], letter, env)
            pid = server.status(cache).server.pid  # type: ignore[union-attr]
            url = server.status(cache).server.url  # type: ignore[union-attr]
            section = issue / "sections" / "nisha.md"
            original = section.read_text()
            for index in range(runs):
                for label, command in commands.items():  # alternating: both see the machine as it is in this round
                    own = env if not arguments.other else {**env, "EDITORIAL_CACHE_DIR": str(root / f"results-{len(label)}"), "EDITORIAL_LANGUAGETOOL_URL": url}
                    stores = [Path(own["EDITORIAL_CACHE_DIR"]) / name for name in ("languagetool-results.sqlite", "lint-results.sqlite")]
                    lint = [*command, "lint", "--format", "json"]
                    for store in stores:
                        for part in ("", "-wal", "-shm"):
                            Path(f"{store}{part}").unlink(missing_ok=True)
                    figures.setdefault(f"{label}empty", []).append(run(lint, letter, own))
                    figures.setdefault(f"{label}full", []).append(run(lint, letter, own))
                    figures.setdefault(f"{label}baseline", []).append(run([*lint, "--no-languagetool"], letter, own))
                    section.write_text(original.replace("interesting questions", f"interesting questions ({index})"))
                    figures.setdefault(f"{label}edited", []).append(run(lint, letter, own))
                    section.write_text(original)
                    run(lint, letter, own)
            memory = resident_mib(pid)
        finally:
            subprocess.run([editorial, "languagetool", "stop"], cwd=letter, env=env, capture_output=True)
            if spinner is not None:
                spinner.kill()

    def median(name: str) -> str:
        walls = [wall for wall, _ in figures[name]]
        return f"{statistics.median(walls):6.2f} s  (CPU {statistics.median(c for _, c in figures[name]):.2f} s)"

    print(f"what install fetched: {len(installation.jars)} jars, {fetched / 2**20:.1f} MiB")
    print(f"(a) server cold, start until ready:      {cold:6.2f} s")
    for label in commands:
        print(f"(b) {label}warm server, empty caches:     {median(f'{label}empty')}  (target < 1.5 s)")
        print(f"(c) {label}warm server, full cache:       {median(f'{label}full')}  (target < baseline + 0.1 s)")
        print(f"    {label}baseline, --no-languagetool:   {median(f'{label}baseline')}")
        print(f"(d) {label}one paragraph edited:          {median(f'{label}edited')}  (target < 0.5 s)")
    print(f"server resident memory after the runs:   {memory:6.0f} MiB")
    print(f"({runs} runs each, medians, whole processes{'; one core busy meanwhile' if spinner else ''})")


if __name__ == "__main__":
    main()
