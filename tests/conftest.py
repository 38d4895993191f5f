from __future__ import annotations

import ctypes
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
# The July 2022 issue (several parts): the shared copy of the published issue where present; the
# repository a team would keep it in (registry, templates, frame, sections) is bundled only.
SHARED_JULY = REPO.parent / "shared" / "examples" / "2022-07"
BUNDLED_JULY = REPO / "examples" / "2022-07"

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def example_source() -> Path:
    """The real January 2021 issue: the shared copy where present, else the bundled one."""
    return SHARED_EXAMPLE if SHARED_EXAMPLE.is_dir() else BUNDLED_EXAMPLE


_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2


def _as_any_user() -> None:
    """In the child, before exec: root gives up reading and writing past file permissions.

    Without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH in the bounding set, the
    program exec'd has neither, so a file chmod'ed 000 is as unreadable to it
    as to any user: permission errors are real, on this machine and in CI, which
    run as root. Not root: permissions apply already, there is nothing to drop.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture(scope="session")
def permissions(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Skip unless ``run(..., permissions=True)`` really cannot read a file chmod'ed 000."""
    secret = tmp_path_factory.mktemp("permissions") / "secret"
    secret.write_text("x")
    secret.chmod(0)
    try:
        probe = subprocess.run(
            ["cat", str(secret)], preexec_fn=_as_any_user, capture_output=True, timeout=30
        )
    except subprocess.SubprocessError:
        pytest.skip("cannot give up root's file permissions here")
    if probe.returncode == 0:
        pytest.skip("file permissions have no effect here")


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """Run the editorial CLI as a user would: a subprocess, in ``cwd`` (default tmp_path).

    ``permissions=True`` (with the ``permissions`` fixture) runs it as any user
    is run, even as root: file modes apply.
    """

    def run_editorial(
        *args: str | Path,
        cwd: Path | None = None,
        input: str | None = None,
        permissions: bool = False,
        timeout: float = 120,
    ):
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
            preexec_fn=_as_any_user if permissions else None,
        )

    return run_editorial


@pytest.fixture(scope="session")
def july_published() -> Path:
    """The July 2022 issue as it was published."""
    return (SHARED_JULY if SHARED_JULY.is_dir() else BUNDLED_JULY) / "expected.md"


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
