"""An issue of the newsletter as files: the editor's frame and the contributors' sections."""

from __future__ import annotations

import datetime
import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editorial import files, frontmatter, own_comments
from editorial.errors import EditorialError, Problem, error

ISSUE_FILE = "issue.md"
SECTIONS_FOLDER = "sections"
MAIN_SLOT = "main"
SLUG = re.compile(r"^\w[\w.-]*$")
MARKER = re.compile(r"^\s*<!--\s*editorial:sections(?:\s+(?P<slot>[\w.-]+))?\s*-->\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_WORD = re.compile(r"\w[\w'’-]*")
SLOT_NAME = re.compile(r"^[\w.-]+$")


@dataclass(frozen=True)
class Section:
    """A section file. Without an ``author`` it is unsigned: the team's, or the editor's.

    Until its body has content it is still the stub new-issue wrote: not
    started, and then its title may be empty.
    """

    path: Path
    front: frontmatter.FrontMatter
    body: str
    body_line: int

    @property
    def title(self) -> str:
        return self.front.data["title"]

    @property
    def author(self) -> str | None:
        return self.front.data.get("author")

    @property
    def slot(self) -> str:
        return self.front.data.get("slot", MAIN_SLOT)

    @property
    def order(self) -> int | None:
        return self.front.data.get("order")

    @functools.cached_property
    def published(self) -> own_comments.Lines:
        """What is published of the body, with the line of the file of each of its lines:
        without editorial's own comments (the stub's note, suppressions) nor blank lines around it."""
        return own_comments.strip(self.body, self.body_line).trimmed()

    @property
    def content(self) -> str:
        return self.published.text

    @functools.cached_property
    def words(self) -> int:
        return count_words(self.content)

    @property
    def is_stub(self) -> bool:
        """Nothing written yet: no words and no image."""
        return not self.words and not _has_image(self.content)


def has_content(markdown: str) -> bool:
    return bool(count_words(markdown)) or _has_image(markdown)


def _has_image(markdown: str) -> bool:
    return "![" in markdown or "<img" in markdown.lower()


@dataclass(frozen=True)
class Marker:
    slot: str
    line: int  # 1-based, in the issue file


@dataclass(frozen=True)
class Issue:
    slug: str
    folder: Path
    path: Path
    front: frontmatter.FrontMatter
    body: str
    body_line: int
    markers: tuple[Marker, ...]
    sections: tuple[Section, ...]

    @property
    def metadata(self) -> dict[str, Any]:
        """The tool's own metadata: the ``editorial:`` key, never published."""
        return self.front.data.get("editorial") or {}

    @property
    def contributors(self) -> tuple[str, ...]:
        return tuple(self.metadata.get("contributors") or ())


@dataclass(frozen=True)
class Frame:
    """The issue file alone, for commands that need its front matter and markers but not its sections."""

    slug: str
    folder: Path
    path: Path
    front: frontmatter.FrontMatter
    markers: tuple[Marker, ...] = ()

    @property
    def slots(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.slot for m in self.markers))


def boundary(issues_folder: Path) -> files.Boundary:
    """The issues' files are read only inside the issues folder, wherever it is (editorial.yaml says)."""
    return files.Boundary(issues_folder, "the issues folder")


def _issue_file(issues_folder: Path, slug: str) -> tuple[Path, Path]:
    """The issue's folder and its issue.md, which must exist."""
    check_slug(slug)
    folder = issues_folder / slug
    path = folder / ISSUE_FILE
    if not os.path.lexists(path):
        raise error(path, None, f"no issue '{slug}' (create it with 'editorial new-issue {slug}')")
    return folder, boundary(issues_folder).check(path)


def load_frame(issues_folder: Path, slug: str) -> Frame:
    folder, path = _issue_file(issues_folder, slug)
    split = frontmatter.split(files.read_text(path), path)
    return Frame(slug, folder, path, split.front, markers(split.body, split.body_line))


def marker_line(slot: str) -> str:
    return f"<!-- editorial:sections{'' if slot == MAIN_SLOT else ' ' + slot} -->"


def slot_problem(slot: str, slots: Sequence[str], issue_file: str) -> str | None:
    """Why a section's slot has no place in the frame, if it has none: with the slot most likely meant."""
    if slot in slots:
        return None
    import difflib

    close = difflib.get_close_matches(slot, slots, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"add a line {marker_line(slot)} where it goes"
    known = ", ".join(f"'{s}'" for s in slots) or "none"
    return f"the slot '{slot}' has no marker in {issue_file} (its slots: {known}); {hint}"


def assigned(frame: Frame, registered: Sequence[str]) -> tuple[str, ...]:
    """Who writes for the issue: its ``editorial: contributors``, or everyone registered without it."""
    metadata = frame.front.data.get("editorial")
    if metadata is None:
        return tuple(registered)
    if not isinstance(metadata, dict):
        raise error(frame.path, frame.front.line("editorial"), "'editorial' must be a mapping of keys to values")
    ids = metadata.get("contributors")
    if ids is None:
        return tuple(registered)
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise error(
            frame.path, frame.front.line("editorial", "contributors"), "'editorial.contributors' must be a list of contributor ids"
        )
    return tuple(dict.fromkeys(ids))


def count_words(markdown: str) -> int:
    """Words a reader sees: comments and link destinations do not count."""
    return len(_WORD.findall(_LINK_TARGET.sub("]", _COMMENT.sub("", markdown))))


def check_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise error(
            slug, None, "an issue slug must be letters, digits, '.', '-' or '_' (it names a folder)"
        )
    return slug


def parse_section(text: str, path: Path) -> Section:
    """A section from its text; ``path`` is where it is (or will be) in the working tree."""
    files.check_plain(text, path)
    split = frontmatter.split(text, path)
    front = split.front
    data = front.data
    section = Section(path, front, split.body, split.body_line)
    problems = []
    title = data.get("title")
    if "title" not in data:
        problems.append(Problem(path, front.opening_line, "front matter has no 'title'"))
    elif not isinstance(title, str) or not (title.strip() or section.is_stub):
        # A stub's title is empty until its contributor writes the section.
        problems.append(Problem(path, front.line("title"), "'title' must be non-empty text"))
    author = data.get("author")
    if "author" in data and (not isinstance(author, str) or not author.strip()):
        problems.append(
            Problem(path, front.line("author"), "'author' must be a contributor id (leave it out for an unsigned section)")
        )
    if "slot" in data and not (isinstance(data["slot"], str) and SLOT_NAME.match(data["slot"])):
        problems.append(Problem(path, front.line("slot"), "'slot' must be a name (letters, digits, '.', '-', '_')"))
    if "order" in data and (isinstance(data["order"], bool) or not isinstance(data["order"], int)):
        problems.append(Problem(path, front.line("order"), "'order' must be a whole number"))
    if problems:
        raise EditorialError(*problems)
    return section


def load_section(path: Path) -> Section:
    return parse_section(files.read_text(path), path)


def find_sections(folder: Path) -> tuple[list[Path], list[Problem]]:
    """Every section file of an issue, in file-name order, and the folders and links that could not be followed."""
    sections = folder / SECTIONS_FOLDER
    found, problems = files.walk(sections, boundary(folder.parent))
    paths = sorted((p for p in found if p.suffix == ".md"), key=lambda p: p.relative_to(sections).as_posix())
    return paths, problems


def section_paths(folder: Path) -> list[Path]:
    """Every section file of an issue, in file-name order; an error where some could not be looked for."""
    paths, problems = find_sections(folder)
    if problems:
        raise EditorialError(*problems)
    return paths


def load(issues_folder: Path, slug: str) -> Issue:
    """Read and check an issue and all its sections, reporting every bad file at once."""
    folder, path = _issue_file(issues_folder, slug)
    problems: list[Problem] = []
    try:
        split = frontmatter.split(files.read_text(path), path)
    except EditorialError as exc:
        problems.extend(exc.problems)
        split = None
    found, walk_problems = find_sections(folder)
    problems.extend(walk_problems)
    sections = []
    for section_path in found:
        try:
            sections.append(load_section(section_path))
        except EditorialError as exc:
            problems.extend(exc.problems)
    if split is not None:
        problems.extend(_check_date(split.front, path))
    if problems or split is None:
        raise EditorialError(*problems)
    return Issue(
        slug=slug,
        folder=folder,
        path=path,
        front=split.front,
        body=split.body,
        body_line=split.body_line,
        markers=markers(split.body, split.body_line),
        sections=tuple(sections),
    )


def _check_date(front: frontmatter.FrontMatter, path: Path) -> list[Problem]:
    if "date" not in front.data:
        return [Problem(path, front.opening_line, "front matter has no 'date'")]
    if not isinstance(front.data["date"], datetime.date):
        return [Problem(path, front.line("date"), "'date' must be a date (YYYY-MM-DD) or a date-time")]
    return []


def markers(body: str, first_line: int) -> tuple[Marker, ...]:
    markers = []
    for number, line in enumerate(body.split("\n"), start=first_line):
        match = MARKER.match(line)
        if match:
            markers.append(Marker(match.group("slot") or MAIN_SLOT, number))
    return tuple(markers)
