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
Usage: .venv/bin/python benchmarks/languagetool.py [--runs N] [--busy]
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

from corpus import example_newsletter

from editorial.languagetool import install, server

BIN = Path(sys.executable).parent


def run(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1) or "warning: languagetool" in result.stderr:
        raise SystemExit(f"{command} failed ({result.returncode}): {result.stderr[-2000:]}")
    return elapsed


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
    arguments = parser.parse_args()
    runs = arguments.runs
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if arguments.busy else None
    installation = install.install()
    fetched = sum(jar.stat().st_size for jar in installation.jars)
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
        try:
            cold = run([editorial, "languagetool", "start", "--idle-timeout", "0"], letter, env)
            pid = server.status(cache).server.pid  # type: ignore[union-attr]
            lint = [editorial, "lint", "--format", "json"]
            empty, full, edited, baseline = [], [], [], []
            stores = [cache / "languagetool-results.sqlite", cache / "lint-results.sqlite"]
            section = issue / "sections" / "nisha.md"
            original = section.read_text()
            for index in range(runs):
                for store in stores:
                    for part in ("", "-wal", "-shm"):
                        Path(f"{store}{part}").unlink(missing_ok=True)
                empty.append(run(lint, letter, env))
                full.append(run(lint, letter, env))
                baseline.append(run([*lint, "--no-languagetool"], letter, env))
                section.write_text(original.replace("interesting questions", f"interesting questions ({index})"))
                edited.append(run(lint, letter, env))
                section.write_text(original)
                run(lint, letter, env)
            memory = resident_mib(pid)
        finally:
            subprocess.run([editorial, "languagetool", "stop"], cwd=letter, env=env, capture_output=True)
            if spinner is not None:
                spinner.kill()
    median = statistics.median
    print(f"what install fetched: {len(installation.jars)} jars, {fetched / 2**20:.1f} MiB")
    print(f"(a) server cold, start until ready:      {cold:6.2f} s")
    print(f"(b) warm server, empty caches:           {median(empty):6.2f} s  (target < 1.5 s)")
    print(f"(c) warm server, full cache:             {median(full):6.2f} s  (target < baseline + 0.1 s)")
    print(f"    baseline, --no-languagetool:         {median(baseline):6.2f} s  (+{median(full) - median(baseline):.2f} s)")
    print(f"(d) one paragraph edited:                {median(edited):6.2f} s  (target < 0.5 s)")
    print(f"server resident memory after the runs:   {memory:6.0f} MiB")
    print(f"({runs} runs each, medians, whole processes{'; one core busy meanwhile' if spinner else ''})")


if __name__ == "__main__":
    main()
