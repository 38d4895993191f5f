"""Which files a lint reads: the Markdown files named, or found in the folders named."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from editorial import repository
from editorial.errors import Problem, display_path
from editorial.files import Boundary, walk

MARKDOWN_SUFFIXES = (".md", ".markdown")
_SKIPPED_FOLDERS = {"node_modules", "__pycache__"}


def discover(
    paths: Sequence[Path], root: Path, suffixes: Sequence[str] = MARKDOWN_SUFFIXES
) -> tuple[list[Path], list[Problem]]:
    """The Markdown files named, or found in the folders named (hidden folders and files git
    ignores skipped: a file named is linted even so, as ruff and markdownlint do).

    Symbolic links do not lead out of the repository (``root``); a folder named
    outside it is walked without leaving it. Whatever is not a folder is kept,
    FIFOs and the like included, for reading to report.
    """
    boundary = Boundary(root, "the repository")
    found: list[Path] = []
    walked: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        inside = Path(os.path.abspath(path)).is_relative_to(boundary.real)
        if not os.path.lexists(path):
            problems.append(Problem(path, None, "no such file or folder"))
        elif inside and (outside := boundary.problem(path)) is not None:
            problems.append(outside)
        elif path.is_dir():
            files, trouble = walk(path, boundary if inside else Boundary(path, display_path(path)), _skipped)
            markdown = [p for p in files if p.suffix.lower() in suffixes]
            found.extend(markdown)
            if inside:
                walked.extend(markdown)
            problems.extend(trouble)
        else:
            found.append(path)
    skipped = repository.ignored(root, walked)
    return [p for p in dict.fromkeys(found) if p not in skipped or p in paths], problems


def _skipped(folder: str) -> bool:
    return folder.startswith(".") or folder in _SKIPPED_FOLDERS
