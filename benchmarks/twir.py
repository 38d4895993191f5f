"""This Week in Rust (``../shared/corpora/twir/``): a real archive to measure lint's findings on.

The archive is not ours to publish: it is read where it is, never copied into
the project, and every script that uses it says so and stops cleanly where it
is absent. Labels and fix kinds (``benchmarks/data/``) name files and
fingerprints only, never the text.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "twir"
ARCHIVE = CORPUS / "archive"
FIXES = CORPUS / "fixes"
DATA = Path(__file__).resolve().parent / "data"
EDITORIAL = Path(sys.executable).parent / "editorial"
_WORD = re.compile(r"\w[\w'’-]*")


def require_corpus() -> None:
    if not ARCHIVE.is_dir():
        print(f"skipped: the archive is not here ({ARCHIVE}); nothing measured")
        raise SystemExit(0)


@dataclass(frozen=True)
class Run:
    findings: list[dict]
    warnings: str


def lint(
    paths: Sequence[Path],
    cwd: Path,
    *,
    editorial: str = str(EDITORIAL),
    options: Sequence[str] = (),
    config: str = "",
    cache: Path | None = None,
) -> Run:
    """``editorial lint --format json`` over ``paths``, run in ``cwd`` with ``config`` as its editorial.yaml.

    ``editorial`` is the command, words split as a shell would: another checkout's, say
    (``env PYTHONPATH=/other/checkout .venv/bin/python -m editorial``).
    """
    with tempfile.TemporaryDirectory(prefix="twir.") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
        env["EDITORIAL_CACHE_DIR"] = str(cache or Path(tmp) / "cache")
        url = languagetool_url()
        if url:
            env["EDITORIAL_LANGUAGETOOL_URL"] = url
        command = [*shlex.split(editorial), "lint", "--format", "json", *options]
        if config:
            (Path(tmp) / "editorial.yaml").write_text(config, encoding="utf-8")
            command += ["--config", str(Path(tmp) / "editorial.yaml")]
        result = subprocess.run([*command, *map(str, paths)], cwd=cwd, capture_output=True, text=True, env=env)
    if result.returncode not in (0, 1):
        raise SystemExit(f"editorial lint failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return Run(json.loads(result.stdout)["findings"], result.stderr)


def languagetool_url() -> str | None:
    """The server to use: EDITORIAL_LANGUAGETOOL_URL, else the one ``editorial languagetool start`` started."""
    if os.environ.get("EDITORIAL_LANGUAGETOOL_URL"):
        return os.environ["EDITORIAL_LANGUAGETOOL_URL"]
    status = subprocess.run(
        [str(EDITORIAL), "languagetool", "status", "--format", "json"], capture_output=True, text=True
    )
    return json.loads(status.stdout).get("url") if status.returncode == 0 else None


def words(paths: Sequence[Path]) -> int:
    """The words of the prose view (what lint reads), front matter and code left out."""
    from editorial import document

    return sum(len(_WORD.findall(block.text)) for path in paths for block in document.read(path).blocks)


def at_least(findings: Sequence[dict], level: str) -> list[dict]:
    order = ["suggestion", "warning", "error"]
    return [f for f in findings if order.index(f["severity"]) >= order.index(level)]
