"""The defaults ship inside the package: a wheel's editorial finds its templates and rules."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO

from editorial import defaults


def test_a_source_checkout_uses_the_top_level_folders() -> None:
    assert defaults.folder("templates") == REPO / "templates"
    assert defaults.folder("rules") == REPO / "rules"


def test_an_installed_wheel_carries_and_uses_them(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("editorial-*.whl")
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    for name in ("templates/section.md.j2", "rules/House/Shouting.yml"):
        assert (target / "editorial/_defaults" / name).read_bytes() == (REPO / name).read_bytes()
    letter = tmp_path / "letter"
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import editorial.defaults as d; print(d.folder('templates'))"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )
    assert where.stdout.strip() == str(target / "editorial/_defaults/templates")
    init = subprocess.run(
        [sys.executable, "-m", "editorial", "init", str(letter)], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert init.returncode == 0, init.stderr
    assert (letter / "templates/issue.md.j2").read_bytes() == (REPO / "templates/issue.md.j2").read_bytes()
    assert (letter / "rules/House/Profanity.yml").is_file()
