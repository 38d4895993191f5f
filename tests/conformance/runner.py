"""Running Vale's scenarios through editorial, as a user would.

Each scenario's step names a folder and what to lint there (see
``peers/README.md``). The folder's ``.vale.ini`` decides which rules
run. The run is ``editorial lint --format line`` in that folder once the lint
command runs the styles; until then the library is called directly and the
lines are formatted here the same way (``path:line:column:rule:message``,
sorted, paths relative to the folder).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .gherkin import Scenario, parse

__all__ = ["Scenario", "execute", "markdown_lines", "plan", "root_of", "scenarios", "workspace"]

# Vale's test data and the packages' (MIT), the part of them the scenarios read: vendored, so
# that every clone runs them (peers/README.md says where they come from).
PEERS = Path(__file__).resolve().parent / "peers"
VALE = PEERS / "vale"
PACKAGES = PEERS / "vale-styles"
PACKAGE_NAMES = ("Google", "Joblint", "alex", "proselint", "write-good")

# Folders Vale never descends into.
IGNORED_FOLDERS = frozenset({"node_modules", ".git", "__pycache__", ".venv", "venv"})

_STEPS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r'^I test "(.*)"$'), "fixtures/{0}"),
    (re.compile(r'^I test scope "(.*)"$'), "fixtures/scopes/{0}"),
    (re.compile(r'^I apply style "(.*)"$'), "fixtures/styles/{0}"),
    (re.compile(r'^I use Vocab "(.*)"$'), "fixtures/vocab/{0}"),
    (re.compile(r'^I lint path with exclusions$'), "fixtures/folders"),
    (re.compile(r'^I lint path "(.*)"$'), "fixtures/formats/{0}"),
]


@dataclass
class Run:
    """What a scenario runs and what it expects."""

    folder: Path  # where to run, or a temporary folder's relative place for "I run vale"
    targets: list[str]
    expected: list[str]
    exact: bool = True
    status: int | None = None
    files: dict[str, str] = field(default_factory=dict)  # files the scenario writes first
    not_contain: list[str] = field(default_factory=list)


def scenarios() -> list[Scenario]:
    found = []
    for feature in sorted((VALE / "features").glob("*.feature")):
        found.extend(parse(feature))
    for name in PACKAGE_NAMES:
        found.extend(parse(PACKAGES / name / "features" / "rules.feature"))
    return found


def root_of(scenario: Scenario) -> Path:
    """The package (or Vale's test data) a scenario belongs to."""
    return Path(scenario.feature).parent.parent


def plan(scenario: Scenario) -> Run | None:
    """The run a scenario describes, or None for a step this runner does not know."""
    root = root_of(scenario)
    run: Run | None = None
    files = {}
    for step in scenario.background + scenario.steps:
        text = step.text
        if step.keyword == "Given" or (step.keyword == "And" and text.startswith("a file named")):
            match = re.match(r'^a file named "(.*)" with:$', text)
            if match and step.doc is not None:
                files[match.group(1)] = step.doc + "\n"
            continue
        if step.keyword == "When":
            run = _when(root, text)
            if run is None:
                return None
            continue
        if run is None:
            return None
        if text == "the output should contain exactly:":
            run.expected = _lines(step.doc or "")
        elif text == "the output should contain:":
            run.expected = _lines(step.doc or "")
            run.exact = False
        elif match := re.match(r"^the exit status should be (\d+)$", text):
            run.status = int(match.group(1))
        elif match := re.match(r'^the output should not contain "(.*)"$', text):
            run.not_contain.append(match.group(1))
        else:
            return None
    if run is not None:
        run.files = files
    return run


def _when(root: Path, text: str) -> Run | None:
    for pattern, folder in _STEPS:
        match = pattern.match(text)
        if match:
            return Run(root / folder.format(*match.groups()), ["."], [])
    if match := re.match(r'^I lint "(.*)"$', text):
        return Run(root / "fixtures/formats", match.group(1).split(), [])
    if match := re.match(r'^I test comments for "(.*)"$', text):
        return Run(root / "fixtures/comments", ["test" + match.group(1)], [])
    if match := re.match(r'^I test patterns for "(.*)"$', text):
        return Run(root / "fixtures/patterns", [match.group(1)], [])
    if match := re.match(r'^I run vale "(.*)"$', text):
        # Vale's steps write their files two folders below its test data,
        # whose `styles/` the written config reaches as ../../styles.
        return Run(Path("tmp/aruba"), match.group(1).split(), [])
    return None


def _lines(doc: str) -> list[str]:
    return [line for line in doc.split("\n") if line.strip()]


@contextmanager
def workspace(run: Run, root: Path) -> Iterator[Path]:
    """The folder to run in: the fixture folder, or a temporary one with the scenario's files."""
    if not run.files or run.folder.is_absolute():
        yield run.folder
        return
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "styles").symlink_to(root / "styles")
        folder = base / run.folder
        folder.mkdir(parents=True)
        for name, text in run.files.items():
            (folder / name).write_text(text, encoding="utf-8")
        yield folder


def execute(folder: Path, targets: list[str], markdown_only: bool = False) -> tuple[list[str], int]:
    """``editorial lint --format line`` on ``targets`` in ``folder``, as a user runs it: its lines and exit status."""
    files = _markdown_files(folder, targets) if markdown_only else targets
    if markdown_only and not files:
        return [], 0
    command = [sys.executable, "-m", "editorial", "lint", "--format", "line", "--no-cache", *files]
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")} | {"NO_COLOR": "1"}
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env)
    return [line for line in done.stdout.split("\n") if line.strip()], done.returncode


def _markdown_files(folder: Path, targets: list[str]) -> list[str]:
    from editorial.style import find_vale_ini
    from editorial.style.valeini import load

    ini_path = find_vale_ini(folder)
    formats = load(ini_path).formats if ini_path else {}
    found = []
    for target in targets:
        path = folder / target
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for candidate in candidates:
            relative = candidate.relative_to(folder)
            if any(part.startswith(".") or part in IGNORED_FOLDERS for part in relative.parts[:-1]):
                continue
            suffix = candidate.suffix.lstrip(".")
            if suffix in ("md", "mdx") and formats.get(suffix, suffix) == "md":
                found.append(relative.as_posix())
    return found


def markdown_lines(lines: list[str], folder: Path) -> list[str]:
    """The expected lines about files this runner lints (Markdown, or MDX read as Markdown)."""
    from editorial.style import find_vale_ini
    from editorial.style.valeini import load

    ini_path = find_vale_ini(folder)
    formats = load(ini_path).formats if ini_path else {}
    kept = []
    for line in lines:
        suffix = line.split(":", 1)[0].rsplit(".", 1)[-1]
        if suffix in ("md", "mdx") and formats.get(suffix, suffix) == "md":
            kept.append(line)
    return kept
