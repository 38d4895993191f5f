"""Which files a lint reads: the Markdown files named, or found in the folders named."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from editorial.errors import Problem, display_path
from editorial.files import Boundary, walk

MARKDOWN_SUFFIXES = (".md", ".markdown")
_SKIPPED_FOLDERS = {"node_modules", "__pycache__"}


def discover(
    paths: Sequence[Path], root: Path, suffixes: Sequence[str] = MARKDOWN_SUFFIXES
) -> tuple[list[Path], list[Problem]]:
    """The Markdown files named, or found in the folders named (hidden folders skipped).

    Symbolic links do not lead out of the repository (``root``); a folder named
    outside it is walked without leaving it. Whatever is not a folder is kept,
    FIFOs and the like included, for reading to report.
    """
    repository = Boundary(root, "the repository")
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        inside = Path(os.path.abspath(path)).is_relative_to(repository.real)
        if not os.path.lexists(path):
            problems.append(Problem(path, None, "no such file or folder"))
        elif inside and (outside := repository.problem(path)) is not None:
            problems.append(outside)
        elif path.is_dir():
            files, trouble = walk(path, repository if inside else Boundary(path, display_path(path)), _skipped)
            found.extend(p for p in files if p.suffix.lower() in suffixes)
            problems.extend(trouble)
        else:
            found.append(path)
    return list(dict.fromkeys(found)), problems


def _skipped(folder: str) -> bool:
    return folder.startswith(".") or folder in _SKIPPED_FOLDERS
