"""LanguageTool over a whole archive: the first ``editorial lint`` of This Week in Rust, against the floor.

(a) the floor: LanguageTool's own time for the text lint asks about (every
    distinct prose block for the sentence rules, each file for the text
    rules), sent one request at a time in requests of ~10,000 characters (the
    size it answers fastest at, measured) to a warmed server;
(b) the first lint: ``editorial lint`` of the archive just after
    ``editorial languagetool start``, both results caches empty; it must
    finish with every block checked (no "did not check", no "skipped");
(c) a rerun with nothing changed, against the lint without LanguageTool
    (its own cache full), alternating.
Each of (a) and (b) gets a server of its own, started (and warmed up by
``start``) just before, so that neither finds the other's sentences in the
server's cache; their order alternates from round to round. Wall times, the
server's CPU time (the JVM's) and the lint's own; words per second count the
words of the prose view. With ``--busy N``, N processes spin meanwhile.

The archive is read where it is (``../shared/corpora/twir/archive``), never
copied; where it is absent the script says so and stops.
Usage: .venv/bin/python benchmarks/archive.py [--rounds N] [--busy N] [--reruns N] [--no-floor]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from process import timed
from twir import ARCHIVE, require_corpus

from editorial import document
from editorial.languagetool import client, install, scheduler, server

BIN = Path(sys.executable).parent
FLOOR_CHARS = 10_000
TICKS = os.sysconf("SC_CLK_TCK")


def prose(files: list[Path]) -> tuple[list[str], list[list[str]], int]:
    """What lint asks about: the distinct blocks (sentence rules), each file's blocks (text rules); and the words."""
    import re

    word = re.compile(r"\w[\w'’-]*")
    blocks: dict[str, None] = {}
    documents = []
    words = 0
    for path in files:
        texts = [b.text for b in document.read(path).blocks if b.text.strip()]
        if texts:
            documents.append(texts)
            blocks.update(dict.fromkeys(texts))
            words += sum(len(word.findall(t)) for t in texts)
    return list(blocks), documents, words


def jvm_seconds(supervisor: int) -> float:
    """CPU seconds of the JVM under the supervisor ``supervisor``."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == str(supervisor):  # its parent
                return (int(fields[11]) + int(fields[12])) / TICKS
    raise SystemExit(f"no JVM under the supervisor {supervisor}")


def floor(url: str, blocks: list[str], documents: list[list[str]]) -> float:
    """Seconds for every request, one at a time."""
    requests = [(client.SENTENCE_RULES, blocks[a:b]) for a, b in scheduler.chunks(blocks, FLOOR_CHARS)]
    for texts in documents:
        requests += [(client.TEXT_RULES, texts[a:b]) for a, b in scheduler.chunks(texts, scheduler.MAX_CHARS)]
    began = time.perf_counter()
    for mode, texts in requests:
        body = urllib.parse.urlencode({"language": "en-US", "mode": mode, "text": client.SEPARATOR.join(texts)}).encode()
        with urllib.request.urlopen(f"{url}/v2/check", data=body, timeout=600) as answer:
            json.load(answer)
    return time.perf_counter() - began


def timed_lint(command: list[str], env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    # Run from the cache folder: no editorial.yaml above it, so lint reads the archive with its defaults.
    return timed(command, env["EDITORIAL_CACHE_DIR"], env)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=1, help="floor and first lint, this many times each")
    parser.add_argument("--busy", type=int, default=0, help="processes that spin meanwhile")
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--no-floor", action="store_true", help="the first lint alone (does it finish?), no floor to compare with")
    arguments = parser.parse_args()
    require_corpus()
    files = sorted(ARCHIVE.glob("*.md"))
    blocks, documents, words = prose(files)
    chars = sum(map(len, blocks))
    print(f"archive: {len(files)} files, {words:,} words; {len(blocks):,} distinct blocks ({chars:,} characters)", flush=True)
    installation = install.install()
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(arguments.busy)]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp) / "cache"
            lib = install.install_folder(cache) / "lib"
            lib.mkdir(parents=True)
            for jar in installation.jars:
                (lib / jar.name).symlink_to(jar)
            env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
            env["EDITORIAL_CACHE_DIR"] = str(cache)
            editorial = str(BIN / "editorial")
            lint = [editorial, "lint", "--format", "json", str(ARCHIVE)]
            measured: dict[str, list[tuple[float, float, float]]] = {"floor": [], "lint": []}
            for round_ in range(arguments.rounds):
                cases = ("lint",) if arguments.no_floor else ("floor", "lint") if round_ % 2 == 0 else ("lint", "floor")
                for case in cases:
                    for name in ("languagetool-results.sqlite", "lint-results.sqlite"):
                        for part in ("", "-wal", "-shm"):
                            (cache / f"{name}{part}").unlink(missing_ok=True)
                    subprocess.run([editorial, "languagetool", "start", "--idle-timeout", "0"], env=env, capture_output=True, check=True)
                    running = server.status(cache).server
                    assert running is not None
                    jvm = jvm_seconds(running.pid)
                    try:
                        if case == "floor":
                            wall, own = floor(running.url, blocks, documents), 0.0
                        else:
                            wall, own, result = timed_lint(lint, env)
                            found = json.loads(result.stdout)["findings"]
                            trouble = [line for line in result.stderr.splitlines() if "languagetool" in line.lower()]
                            if trouble:
                                raise SystemExit(f"the lint did not check everything: {trouble}")
                            print(f"    lint: {sum(f['rule'].startswith('languagetool.') for f in found):,} LanguageTool findings", flush=True)
                        server_cpu = jvm_seconds(running.pid) - jvm
                    finally:
                        subprocess.run([editorial, "languagetool", "stop"], env=env, capture_output=True)
                    measured[case].append((wall, server_cpu, own))
                    print(f"    {case}: {wall:7.1f} s, {words / wall:6,.0f} words/s; server CPU {server_cpu:6.1f} s, lint CPU {own:5.1f} s", flush=True)
            # (c): the results caches are full from the last lint; the one without LanguageTool fills its own first.
            (Path(tmp) / "plain").mkdir()
            plain = {**env, "EDITORIAL_CACHE_DIR": str(Path(tmp) / "plain")}
            subprocess.run([editorial, "languagetool", "start", "--idle-timeout", "0"], env=env, capture_output=True, check=True)
            try:
                timed_lint(lint, env)
                timed_lint([*lint, "--no-languagetool"], plain)
                reruns: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
                for _ in range(arguments.reruns):
                    reruns["with"].append(timed_lint(lint, env)[:2])
                    reruns["without"].append(timed_lint([*lint, "--no-languagetool"], plain)[:2])
            finally:
                subprocess.run([editorial, "languagetool", "stop"], env=env, capture_output=True)
    finally:
        for spinner in spinners:
            spinner.kill()
    median = statistics.median
    print(f"({arguments.rounds} rounds; {arguments.busy} busy processes beside; load average after: {os.getloadavg()[0]:.1f})")
    for case, runs in ((c, r) for c, r in measured.items() if r):
        print(
            f"({'a' if case == 'floor' else 'b'}) {case:5}: median {median(w for w, _, _ in runs):7.1f} s"
            f" ({words / median(w for w, _, _ in runs):,.0f} words/s), server CPU {median(s for _, s, _ in runs):.1f} s"
        )
    if measured["floor"]:
        ratio = median(w for w, _, _ in measured["lint"]) / median(w for w, _, _ in measured["floor"])
        print(f"    first lint / floor: {ratio:.2f} x (target < 1.3 x)")
    for case, runs in reruns.items():
        print(f"(c) rerun {case:7} LanguageTool: median {median(w for w, _ in runs):5.2f} s, CPU {median(c for _, c in runs):5.2f} s")
    print(f"    {median(w for w, _ in reruns['with']) / median(w for w, _ in reruns['without']):.2f} x (target < 1.1 x)")


if __name__ == "__main__":
    main()
