from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import gitrepo
from counting_proxy import Counting

REPO = Path(__file__).resolve().parents[1]
SHARED_EXAMPLE = REPO.parent / "shared" / "examples" / "2021-01"
BUNDLED_EXAMPLE = REPO / "examples" / "2021-01"

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def example_source() -> Path:
    """The real January 2021 issue: the shared copy where present, else the bundled one."""
    return SHARED_EXAMPLE if SHARED_EXAMPLE.is_dir() else BUNDLED_EXAMPLE


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """Run the editorial CLI as a user would: a subprocess, in ``cwd`` (default tmp_path)."""

    def run_editorial(*args: str | Path, cwd: Path | None = None, input: str | None = None, timeout: float = 120):
        # Nothing of the developer's own: no LanguageTool server, no cached results.
        env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
        env["EDITORIAL_CACHE_DIR"] = str(tmp_path / ".editorial-cache")
        env["NO_COLOR"] = "1"
        return subprocess.run(
            [sys.executable, "-m", "editorial", *map(str, args)],
            cwd=cwd or tmp_path,
            capture_output=True,
            text=True,
            input=input,
            env=env,
            timeout=timeout,
        )

    return run_editorial


@pytest.fixture
def newsletter(tmp_path: Path, example_source: Path) -> Path:
    """A newsletter repository holding the example issue as ``issues/2021-01``."""
    root = tmp_path / "newsletter"
    issue = root / "issues" / "2021-01"
    issue.mkdir(parents=True)
    shutil.copyfile(example_source / "editorial.yaml", root / "editorial.yaml")
    shutil.copyfile(example_source / "issue.md", issue / "issue.md")
    shutil.copytree(example_source / "sections", issue / "sections")
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return root


@pytest.fixture
def editor(run: Run, tmp_path: Path) -> gitrepo.Repo:
    """The editor's git repository: issue 2021-01 scaffolded, with a branch for each of four contributors."""
    repo = gitrepo.newsletter(tmp_path / "news")
    result = run(
        "new-issue", gitrepo.SLUG, "--date", "2021-01-20", "--contributors", "melanie,andrew,nisha,zoë", "--branches",
        cwd=repo.path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return repo


@pytest.fixture(scope="session")
def languagetool_url() -> str:
    """The real LanguageTool server of this machine: the one .ci/test started, or one started now."""
    from editorial.languagetool import install, server

    install.install()
    return server.start().server.url


@pytest.fixture
def proxy(languagetool_url: str) -> Iterator[Counting]:
    """A proxy in front of the real server that counts what is asked of it."""
    counting = Counting(languagetool_url)
    thread = threading.Thread(target=counting.serve_forever, daemon=True)
    thread.start()
    yield counting
    counting.shutdown()
