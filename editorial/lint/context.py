"""What checks may know besides the document: the settings and the issue a file belongs to."""

from __future__ import annotations

import datetime
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
    _dates: dict[Path, datetime.date | None] = field(default_factory=dict, repr=False, compare=False)

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
        folder = path.resolve().parent
        if folder.name == issue.SECTIONS_FOLDER:
            folder = folder.parent
        issue_file = folder / issue.ISSUE_FILE
        if issue_file not in self._dates:
            self._dates[issue_file] = _read_date(issue_file)
        return self._dates[issue_file]


def _read_date(path: Path) -> datetime.date | None:
    """The date in a file's YAML front matter or Pelican metadata header."""
    try:
        text = files.decode(files.read_bytes(path), path).removeprefix("\ufeff").replace("\r\n", "\n")
    except EditorialError:
        return None
    try:
        front: frontmatter.FrontMatter | None = frontmatter.split(text, path).front
    except EditorialError:
        front = frontmatter.metadata_header(text.split("\n"), path)
    if front is None:
        return None
    date = front.data.get("date")
    return date if isinstance(date, datetime.date) else None
