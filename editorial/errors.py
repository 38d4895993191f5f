"""Problems with the user's input, reported as ``path:line: what is wrong``.

Every command turns an :class:`EditorialError` into those lines on standard
error and exit code 2; nothing else is allowed to reach the user as a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def display_path(path: Path | str) -> str:
    """The path as the user would type it: relative to the working directory when inside it."""
    path = Path(path)
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return os.fspath(path)
    return path.as_posix()


@dataclass(frozen=True)
class Problem:
    path: Path | str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class EditorialError(Exception):
    """One or more problems that stop a command before it writes anything."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    def __reduce__(self) -> tuple[type[EditorialError], tuple[Problem, ...]]:
        # Pickled whole, not as its message: it crosses a pipe from a lint worker process.
        return (type(self), self.problems)


def error(path: Path | str, line: int | None, message: str) -> EditorialError:
    return EditorialError(Problem(path, line, message))
