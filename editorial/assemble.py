"""``editorial assemble``: the issue's frame with every section rendered in its slot."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editorial import issue as issues
from editorial import templates
from editorial.errors import EditorialError, Problem
from editorial.files import read_bytes, write_atomic
from editorial.issue import Issue, Section
from editorial.settings import Settings

if TYPE_CHECKING:
    import jinja2

# Digests of what assemble wrote, so that hand edits to a draft are never overwritten unseen.
LEDGER = ".assembled.json"


@dataclass(frozen=True)
class Placed:
    path: Path
    title: str
    author: str
    slot: str
    words: int


@dataclass(frozen=True)
class Assembly:
    issue: Issue
    output: Path
    text: str
    sections: tuple[Placed, ...]
    warnings: tuple[Problem, ...]


def build(settings: Settings, slug: str, output: Path | None = None) -> Assembly:
    """Assemble an issue in memory; every problem with its files is reported at once."""
    issue = issues.load(settings.paths.issues, slug)
    problems = _check(settings, issue)
    if problems:
        raise EditorialError(*problems)
    slots = _by_slot(settings, issue.sections)
    env = templates.environment(settings)
    issue_front = _published(issue)
    rendered: dict[str, str] = {}
    for slot, sections in slots.items():
        rendered[slot] = "\n\n".join(
            _render(env, settings, section, issue_front).rstrip("\n") for section in sections
        )
    warnings = tuple(
        Problem(issue.path, marker.line, f"no sections for the slot '{marker.slot}'")
        for marker in issue.markers
        if marker.slot not in slots
    )
    body = "\n".join(
        rendered.get(marker.slot, "") if marker else line
        for line, marker in _lines_with_markers(issue)
    )
    text = f"---\n{_front_without_metadata(issue)}---\n{body}"
    placed = tuple(
        Placed(s.path, s.title, s.author, slot, s.words) for slot, group in slots.items() for s in group
    )
    return Assembly(issue, output or settings.paths.build / f"{slug}.md", text, placed, warnings)


def differs(assembly: Assembly) -> bool:
    """Whether the file on disk is not what assemble would write (``--check``)."""
    return _on_disk(assembly.output) != assembly.text.encode("utf-8")


def _on_disk(path: Path) -> bytes | None:
    """The draft as it is now; None where there is none to read (a FIFO is not read)."""
    try:
        return read_bytes(path)
    except EditorialError:
        return None


def write(assembly: Assembly, force: bool = False) -> None:
    """Write the draft, refusing to overwrite one edited by hand since it was assembled."""
    output = assembly.output
    ledger_path = output.parent / LEDGER
    ledger = _read_ledger(ledger_path)
    key = output.name
    if output.exists() and not force and differs(assembly):
        current = _on_disk(output)
        if current is None or ledger.get(key) != hashlib.sha256(current).hexdigest():
            raise EditorialError(
                Problem(
                    output,
                    None,
                    "was changed since editorial assembled it; keep your edits elsewhere "
                    "or run again with --force to overwrite them",
                )
            )
    write_atomic(output, assembly.text)
    ledger[key] = hashlib.sha256(assembly.text.encode("utf-8")).hexdigest()
    write_atomic(ledger_path, json.dumps(ledger, indent=2, sort_keys=True) + "\n")


def _read_ledger(path: Path) -> dict[str, str]:
    try:
        data = json.loads(read_bytes(path))
    except (EditorialError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _check(settings: Settings, issue: Issue) -> list[Problem]:
    problems = []
    marker_slots: dict[str, int] = {}
    for marker in issue.markers:
        if marker.slot in marker_slots:
            problems.append(
                Problem(
                    issue.path,
                    marker.line,
                    f"second marker for the slot '{marker.slot}' (the first is on line "
                    f"{marker_slots[marker.slot]})",
                )
            )
        marker_slots.setdefault(marker.slot, marker.line)
    titles: dict[tuple[str, str], Section] = {}
    for section in issue.sections:
        if section.slot not in marker_slots:
            problems.append(
                Problem(
                    section.path,
                    section.front.line("slot") if "slot" in section.front.data else section.front.opening_line,
                    f"its slot '{section.slot}' has no marker in {issue.path.name} "
                    f"(add a line <!-- editorial:sections{'' if section.slot == issues.MAIN_SLOT else ' ' + section.slot} -->)",
                )
            )
        if settings.contributor(section.author) is None:
            problems.append(
                Problem(
                    section.path,
                    section.front.line("author"),
                    f"author '{section.author}' is not in the contributor registry of "
                    f"{settings.config_path.name if settings.config_path else 'editorial.yaml'}",
                )
            )
        if not issues.count_words(section.content) and not _has_media(section.content):
            problems.append(Problem(section.path, section.body_line, "the section has no content yet"))
        key = (section.slot, section.title.strip().casefold())
        if key in titles:
            first = titles[key]
            problems.append(
                Problem(
                    section.path,
                    section.front.line("title"),
                    f"same title as {first.path.name} in the slot '{section.slot}': '{section.title}'",
                )
            )
        titles.setdefault(key, section)
    return problems


def _has_media(markdown: str) -> bool:
    return "![" in markdown


def _by_slot(settings: Settings, sections: tuple[Section, ...]) -> dict[str, list[Section]]:
    """Sections per slot: explicit ``order`` first, then the registry's order, then file name."""
    rank = {c.id: index for index, c in enumerate(settings.contributors)}
    slots: dict[str, list[Section]] = defaultdict(list)
    for section in sections:
        slots[section.slot].append(section)
    for group in slots.values():
        group.sort(
            key=lambda s: (
                s.order is None,
                s.order if s.order is not None else 0,
                rank.get(s.author, len(rank)),
                s.path.name,
            )
        )
    return dict(slots)


def _render(
    env: jinja2.Environment, settings: Settings, section: Section, issue_front: dict[str, Any]
) -> str:
    author = settings.contributor(section.author)
    assert author is not None  # checked in _check
    context = {
        **section.front.data,
        "title": section.title,
        "body": section.content,
        "section": section.front.data,
        "author": author.as_dict(),
        "issue": issue_front,
        "newsletter": {"name": settings.name, "language": settings.language},
    }
    return templates.render(env, templates.SECTION, context)


def _published(issue: Issue) -> dict[str, Any]:
    return {k: v for k, v in issue.front.data.items() if k != "editorial"}


def _front_without_metadata(issue: Issue) -> str:
    """The issue's front matter as written, minus the lines of its ``editorial:`` key."""
    lines = issue.front.raw.split("\n")
    span = issue.front.yaml.spans.get(("editorial",))
    if span is None:
        return issue.front.raw
    first = issue.front.yaml.first_line
    keep = lines[: span.start - first] + lines[span.end - first :]
    return "\n".join(keep)


def _lines_with_markers(issue: Issue) -> Iterator[tuple[str, issues.Marker | None]]:
    by_line = {m.line: m for m in issue.markers}
    for number, line in enumerate(issue.body.split("\n"), start=issue.body_line):
        yield line, by_line.get(number)
