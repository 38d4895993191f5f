"""What checks may know besides the document: the settings and the issue a file belongs to."""

from __future__ import annotations

import datetime
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from editorial import files, frontmatter, issue
from editorial.errors import EditorialError
from editorial.lint.config import LintConfig, RuleFilter
from editorial.settings import Settings


@dataclass(frozen=True)
class Context:
    settings: Settings
    config: LintConfig
    # Files linted as they are elsewhere than on disk (a contributor's branch, for status): by absolute path;
    # and the other files there, which links may lead to.
    sources: Mapping[Path, bytes] = field(default_factory=dict, repr=False, compare=False)
    present: frozenset[Path] = field(default=frozenset(), repr=False, compare=False)
    _frames: dict[Path, _Frame | None] = field(default_factory=dict, repr=False, compare=False)

    def exists(self, path: Path) -> bool:
        """Whether a file a document links to is there: on disk, or among the sources linted with it."""
        return os.path.normpath(path) in self._elsewhere or path.exists()

    @functools.cached_property
    def _elsewhere(self) -> frozenset[str]:
        return frozenset(os.path.normpath(p) for p in (*self.sources, *self.present))

    def relative(self, path: Path) -> str:
        """``path`` relative to the repository, '/'-separated, for globs."""
        absolute = path.resolve()
        try:
            return absolute.relative_to(self.settings.root).as_posix()
        except ValueError:
            return absolute.as_posix()

    def rules_for(self, path: Path) -> RuleFilter:
        return self.config.for_file(self.relative(path))

    def issue_date(self, path: Path) -> datetime.date | None:
        """The date of the issue a file belongs to: its own, or its issue.md's for a section."""
        frame = self._frame(path)
        return frame.date if frame is not None else None

    def issue_slots(self, path: Path) -> tuple[str, ...]:
        """The slots of the markers in the issue.md of a section's issue (none where it has none)."""
        frame = self._frame(path)
        return frame.slots if frame is not None else ()

    def _frame(self, path: Path) -> _Frame | None:
        folder = path.resolve().parent
        if folder.name == issue.SECTIONS_FOLDER:
            folder = folder.parent
        issue_file = folder / issue.ISSUE_FILE
        if issue_file not in self._frames:
            self._frames[issue_file] = _read_frame(issue_file)
        return self._frames[issue_file]


@dataclass(frozen=True)
class _Frame:
    date: datetime.date | None
    slots: tuple[str, ...]


def _read_frame(path: Path) -> _Frame | None:
    """The date in the frame's YAML front matter or Pelican metadata header, and its slots."""
    try:
        text = files.decode(files.read_bytes(path), path).removeprefix("\ufeff").replace("\r\n", "\n")
    except EditorialError:
        return None
    front: frontmatter.FrontMatter | None
    try:
        split = frontmatter.split(text, path)
        front, body, body_line = split.front, split.body, split.body_line
    except EditorialError:
        front = frontmatter.metadata_header(text.split("\n"), path)
        if front is None:
            return None
        body, body_line = "\n".join(text.split("\n")[front.closing_line :]), front.closing_line + 1
    date = front.data.get("date")
    slots = tuple(dict.fromkeys(m.slot for m in issue.markers(body, body_line)))
    return _Frame(date if isinstance(date, datetime.date) else None, slots)
