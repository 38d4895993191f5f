"""Times ``editorial preview`` on the example issue: the first render after the server starts, and an
edit to one section until the browser shows it (Debian's Chromium, driven by Playwright). No LanguageTool.

First render: from spawning ``editorial preview 2021-01`` to the page received (the server renders
the page before it serves it, so this is process start + imports + lint + render), with empty caches
and with warm ones. Edit to visible: a word added to a section file, until the open page's text
shows it (the watcher's poll, the render, the server-sent event, the fetch and the DOM update).

Usage: .venv/bin/python benchmarks/preview.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from corpus import example_newsletter


def start(root: Path, cache: Path) -> tuple[subprocess.Popen[str], str, float, float]:
    """The server, its address, and the seconds to its page: from the process's start, and from the
    server's (its 'serving at' line: it listens, and renders the page the first request waits for)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
    env["EDITORIAL_CACHE_DIR"] = str(cache)
    began = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "editorial", "preview", "2021-01", "--port", "0"],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert server.stdout is not None
    url = server.stdout.readline().split(" at ", 1)[1].split(" ", 1)[0]
    listening = time.perf_counter()
    with urllib.request.urlopen(url) as response:
        response.read()
    done = time.perf_counter()
    return server, url, done - began, done - listening


EDIT = "edit to one section, until the browser shows it"
NAMES = [
    *(f"first render, {caches} caches: {when}" for caches in ("empty", "warm") for when in ("after the server starts", "from the process start")),
    EDIT,
]


def stop(server: subprocess.Popen[str]) -> None:
    server.terminate()
    server.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = example_newsletter(Path(tmp) / "news")
        times: dict[str, list[float]] = {name: [] for name in NAMES}
        for run in range(runs):
            for caches in ("empty", "warm"):  # the second start finds the first one's caches
                server, _, whole, served = start(root, Path(tmp) / f"cache-{run}")
                stop(server)
                times[f"first render, {caches} caches: after the server starts"].append(served)
                times[f"first render, {caches} caches: from the process start"].append(whole)
        server, url, _, _ = start(root, Path(tmp) / "cache-live")
        section = root / "issues/2021-01/sections/andrew.md"
        original = section.read_text(encoding="utf-8")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                page = browser.new_page()
                page.goto(url)
                for run in range(runs):
                    word = f"edited{run}word"
                    began = time.perf_counter()
                    section.write_text(original.replace("It has long been known", f"It has {word} long been known"), encoding="utf-8")
                    page.wait_for_function(f"document.body.innerText.includes('{word}')", polling="raf", timeout=10_000)
                    times[EDIT].append(time.perf_counter() - began)
                    time.sleep(0.3)
                browser.close()
        finally:
            stop(server)
    print(f"{'what':58} {'median s':>9} {'min s':>7} {'max s':>7}   ({runs} runs each)")
    for name, taken in times.items():
        print(f"{name:58} {statistics.median(taken):9.3f} {min(taken):7.3f} {max(taken):7.3f}")


if __name__ == "__main__":
    main()
