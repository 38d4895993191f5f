"""``editorial assemble``: the issue's frame with every section rendered in its slot.

The draft is built line by line, each line knowing the line of the file it
comes from (None for what a template wrote), so that what is said about the
draft can be said of the parts: a heading placed above its section's title,
and the lines where a part's suppression comments silence lint.
"""

from __future__ import annotations

import difflib
import os
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editorial import files, ledger, local_links, own_comments, templates
from editorial import issue as issues
from editorial.errors import EditorialError, Problem, display_path
from editorial.issue import Issue, Section
from editorial.settings import Settings

if TYPE_CHECKING:
    import jinja2

# Where a line of the draft comes from: a file and its line; None where a template wrote it.
Origin = tuple[Path, int] | None
# What could be a heading (ATX, or the underline of a setext one) or a link to a relative path:
# text without either needs no parsing.
_MAY_BE_HEADING = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
_MAY_LINK_LOCALLY = re.compile(
    r"\]\(\s*+<?+(?![A-Za-z][A-Za-z0-9+.-]*:|/|#)|^ {0,3}\[[^\]]+\]:\s*+<?+(?![A-Za-z][A-Za-z0-9+.-]*:|/|#)|<img\b",
    re.MULTILINE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Placed:
    path: Path
    title: str
    author: str | None  # None: unsigned
    slot: str
    words: int


@dataclass(frozen=True)
class Copy:
    """A file a part links to, copied beside the draft so that the link still leads to it."""

    source: Path
    target: Path


@dataclass(frozen=True)
class Assembly:
    issue: Issue
    output: Path | None  # None: a stream (standard output), where nothing is copied nor recorded
    text: str
    sections: tuple[Placed, ...]
    missing: tuple[Section, ...]  # stubs not written yet, left out (allow_missing)
    copies: tuple[Copy, ...]
    hidden: tuple[ledger.Hidden, ...]  # what the parts' suppression comments silence, in the draft's lines
    warnings: tuple[Problem, ...]


def build(
    settings: Settings, slug: str, output: Path | None = None, stream: bool = False, allow_missing: bool = False
) -> Assembly:
    """Assemble an issue in memory; every problem with its files is reported at once.

    With ``stream``, the draft goes to a stream rather than a file: links to
    the parts' files then lead from the working directory, and nothing is copied.
    """
    issue = issues.load(settings.paths.issues, slug)
    problems, missing = _check(settings, issue, allow_missing)
    if problems:
        raise EditorialError(*problems)
    target = None if stream else output or settings.paths.build / f"{slug}.md"
    links = _Links(issue.folder, target)
    left_out = {s.path for s in missing}
    written = [s for s in issue.sections if s.path not in left_out]
    slots = _by_slot(settings, issue, written)
    env = templates.environment(settings)
    published = _published(issue)
    issue_vars = {**published, "slug": slug, "front": published}
    rendered = {
        slot: _render_slot(env, settings, issue, group, issue_vars, links) for slot, group in slots.items()
    }
    lines: list[tuple[str, Origin]] = [("---", (issue.path, issue.front.opening_line))]
    lines += [(line, (issue.path, number)) for line, number in _front_without_metadata(issue)]
    lines.append(("---", (issue.path, issue.front.closing_line)))
    frame = own_comments.strip(issue.body, issue.body_line, keep_markers=True)
    frame_text = links.rewrite(frame.text, issue.folder)
    by_line = {m.line: m for m in issue.markers}
    for line, origin in zip(frame_text.split("\n"), frame.origins, strict=True):
        marker = by_line.get(origin)
        if marker is None:
            lines.append((line, (issue.path, origin)))
        else:
            lines.extend(rendered.get(marker.slot) or [("", None)])
    text = "\n".join(line for line, _ in lines)
    origins = [origin for _, origin in lines]
    warnings = [
        Problem(issue.path, marker.line, f"no sections for the slot '{marker.slot}'")
        for marker in issue.markers
        if marker.slot not in slots
    ]
    warnings += [_left_out(settings, s) for s in missing]
    warnings += _headings_above_titles(text, origins, written)
    placed = tuple(
        Placed(s.path, s.title, s.author, slot, s.words) for slot, group in slots.items() for s in group
    )
    return Assembly(
        issue,
        target,
        text,
        placed,
        tuple(missing),
        tuple(sorted(links.copies.values(), key=lambda c: c.target)),
        _hidden(origins, [issue.path, *(s.path for s in written)]),
        tuple(warnings),
    )


def differs(assembly: Assembly) -> bool:
    """Whether the files on disk are not what assemble would write (``--check``)."""
    return any(_on_disk(path) != data for path, data in _writes(assembly).items())


def diff(assembly: Assembly) -> str:
    """What ``--check`` shows: the draft on disk against the draft assembled, and the copies that differ."""
    assert assembly.output is not None
    where = display_path(assembly.output)
    current = _on_disk(assembly.output)
    before = current.decode("utf-8", "replace") if current is not None else ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        assembly.text.splitlines(keepends=True),
        fromfile=where if current is not None else "/dev/null",
        tofile=f"{where} (assembled)",
    )
    shown = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    for copy in assembly.copies:
        if _on_disk(copy.target) != files.read_bytes(copy.source):
            shown += f"{display_path(copy.target)}: differs from {display_path(copy.source)}\n"
    return shown


def _on_disk(path: Path) -> bytes | None:
    """A file as it is now; None where there is none to read (a FIFO is not read)."""
    try:
        return files.read_bytes(path)
    except EditorialError:
        return None


def _writes(assembly: Assembly) -> dict[Path, bytes]:
    assert assembly.output is not None, "a stream is written by whoever holds it"
    writes = {assembly.output: assembly.text.encode("utf-8")}
    for copy in assembly.copies:
        writes[copy.target] = files.read_bytes(copy.source)
    return writes


def write(assembly: Assembly, force: bool = False) -> None:
    """Write the draft and its copies, refusing to overwrite any edited by hand since it was assembled.

    Copies a draft no longer needs are removed, unless edited since.
    """
    assert assembly.output is not None
    output = assembly.output
    folder = output.parent
    entries = ledger.load(folder)
    before = entries.get(output.name, ledger.Entry(""))
    writes = _writes(assembly)

    def recorded(path: Path) -> str | None:
        return before.digest if path == output else before.copies.get(path.relative_to(folder).as_posix())

    def edited(path: Path) -> bool:
        current = _on_disk(path)
        return current is None or ledger.digest(current) != recorded(path)

    changed = [p for p, data in writes.items() if os.path.lexists(p) and _on_disk(p) != data and edited(p)]
    if changed and not force:
        raise EditorialError(
            *(
                Problem(
                    path,
                    None,
                    "was changed since editorial assembled it; keep your edits elsewhere "
                    "or run again with --force to overwrite them",
                )
                for path in changed
            )
        )
    stale = [folder / name for name in before.copies if folder / name not in writes and not edited(folder / name)]
    if len(writes) == 1:
        files.write_atomic(output, assembly.text)
    else:
        files.write_many_atomic(writes)
    for path in stale:
        path.unlink()
    entries[output.name] = ledger.Entry(
        ledger.digest(writes[output]),
        assembly.hidden,
        {p.relative_to(folder).as_posix(): ledger.digest(data) for p, data in writes.items() if p != output},
    )
    ledger.write(folder, entries)


def _check(settings: Settings, issue: Issue, allow_missing: bool) -> tuple[list[Problem], list[Section]]:
    """Every problem with the issue's files; and the stubs not written yet, where they may be left out."""
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
    missing = []
    titles: dict[tuple[str, str], Section] = {}
    for section in issue.sections:
        if section.is_stub:
            if allow_missing:
                missing.append(section)
            else:
                problems.append(
                    Problem(
                        section.path,
                        section.body_line,
                        f"{_whose(settings, section)} is not written yet (still the stub):"
                        " write it, or assemble without it with --allow-missing",
                    )
                )
            continue
        unplaced = issues.slot_problem(section.slot, tuple(marker_slots), issue.path.name)
        if unplaced is not None:
            line = section.front.line("slot") if "slot" in section.front.data else section.front.opening_line
            problems.append(Problem(section.path, line, unplaced))
        if section.author is not None and settings.contributor(section.author) is None:
            problems.append(
                Problem(
                    section.path,
                    section.front.line("author"),
                    f"author '{section.author}' is not in the contributor registry of "
                    f"{settings.config_path.name if settings.config_path else 'editorial.yaml'}",
                )
            )
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
    return problems, missing


def _whose(settings: Settings, section: Section) -> str:
    contributor = settings.contributor(section.author) if section.author else None
    return f"{contributor.name}'s section" if contributor else "the section"


def _left_out(settings: Settings, section: Section) -> Problem:
    return Problem(section.path, section.body_line, f"left out: {_whose(settings, section)} is not written yet")


def _by_slot(settings: Settings, issue: Issue, sections: Sequence[Section]) -> dict[str, list[Section]]:
    """Sections per slot, the slots in the frame's order; in a slot, ``order`` first, then the
    issue's order of contributors (``editorial.contributors``), then the registry's, then
    unsigned sections, each by file name."""
    frame = issues.Frame(issue.slug, issue.folder, issue.path, issue.front, issue.markers)
    ranked = [*issues.assigned(frame, ()), *(c.id for c in settings.contributors)]
    rank = {cid: position for position, cid in enumerate(dict.fromkeys(ranked))}
    slots: dict[str, list[Section]] = {marker.slot: [] for marker in issue.markers}
    for section in sections:
        slots.setdefault(section.slot, []).append(section)
    for group in slots.values():
        group.sort(
            key=lambda s: (
                s.order is None,
                s.order if s.order is not None else 0,
                rank.get(s.author, len(rank)) if s.author is not None else len(rank) + 1,
                s.path.name,
            )
        )
    return {slot: group for slot, group in slots.items() if group}


def _render_slot(
    env: jinja2.Environment,
    settings: Settings,
    issue: Issue,
    sections: Sequence[Section],
    issue_vars: dict[str, Any],
    links: _Links,
) -> list[tuple[str, Origin]]:
    """The slot's sections rendered and joined by a blank line, each line with its origin."""
    lines: list[tuple[str, Origin]] = []
    for index, section in enumerate(sections):
        if lines:
            lines.append(("", None))
        lines.extend(_render(env, settings, issue, section, index, len(sections), issue_vars, links))
    return lines


def _render(
    env: jinja2.Environment,
    settings: Settings,
    issue: Issue,
    section: Section,
    index: int,
    count: int,
    issue_vars: dict[str, Any],
    links: _Links,
) -> list[tuple[str, Origin]]:
    author = settings.contributor(section.author) if section.author else None
    body = links.rewrite(section.content, section.path.parent)
    relative = section.path.relative_to(issue.folder / issues.SECTIONS_FOLDER).as_posix()
    context = {
        **section.front.data,
        "title": links.rewrite(section.title, section.path.parent),
        "body": body,
        "slot": section.slot,
        "order": section.order,
        "id": relative.removesuffix(".md"),
        "file": relative,
        "position": {"index": index + 1, "index0": index, "first": index == 0, "last": index == count - 1, "count": count},
        "section": section.front.data,
        "author": author.as_dict() if author else None,
        "issue": issue_vars,
        "newsletter": {"name": settings.name, "language": settings.language},
    }
    rendered = templates.render(env, templates.SECTION, context).rstrip("\n")
    lines: list[tuple[str, Origin]] = [(line, None) for line in rendered.split("\n")]
    # The body's lines are the section's own where the template wrote the body as it was given.
    at = rendered.find(body) if body else -1
    if at >= 0:
        first = rendered.count("\n", 0, at)
        for offset, origin in enumerate(section.published.origins):
            line, _ = lines[first + offset]
            lines[first + offset] = (line, (section.path, origin))
    return lines


def _published(issue: Issue) -> dict[str, Any]:
    return {k: v for k, v in issue.front.data.items() if k != "editorial"}


def _front_without_metadata(issue: Issue) -> list[tuple[str, int]]:
    """The lines of the issue's front matter as written, each with its line in the file, minus
    the lines of its ``editorial:`` key."""
    first = issue.front.yaml.first_line
    lines = issue.front.raw.split("\n")[:-1]  # the raw text ends with its last line's newline
    numbered = list(zip(lines, range(first, first + len(lines))))
    span = issue.front.yaml.spans.get(("editorial",))
    if span is None:
        return numbered
    start, end = span.start - first, span.end - first
    indent = _indent(lines[start])
    # A block value runs on to the next key in YAML's eyes: the blank lines and comments of
    # the outer level before that key are the editor's, not the metadata's.
    while end > start + 1 and (not lines[end - 1].strip() or (lines[end - 1].lstrip().startswith("#") and _indent(lines[end - 1]) <= indent)):
        end -= 1
    return numbered[:start] + numbered[end:]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _headings_above_titles(text: str, origins: Sequence[Origin], sections: Sequence[Section]) -> list[Problem]:
    """A heading of a section's body at the level of the heading it is placed under, or above:
    in the draft it would end the section (a ``##`` under the section's ``###`` title)."""
    if not any(_MAY_BE_HEADING.search(s.content) for s in sections):
        return []
    from editorial import document

    paths = {s.path for s in sections}
    problems = []
    above: tuple[int, str] | None = None  # the last heading of the frame or of a template
    for heading in document.parse(text, "draft.md").headings:
        origin = origins[heading.line - 1]
        if origin is None or origin[0] not in paths:
            above = (heading.level, heading.text)
        elif above is not None and heading.level <= above[0]:
            problems.append(
                Problem(
                    origin[0],
                    origin[1],
                    f"a level-{heading.level} heading placed under the level-{above[0]} heading '{above[1]}':"
                    f" in the draft it ends the section there; use level {above[0] + 1} or below",
                )
            )
    return problems


def _hidden(origins: Sequence[Origin], parts: Sequence[Path]) -> tuple[ledger.Hidden, ...]:
    """The suppression comments of the parts, as lines of the draft (they are not published)."""
    from editorial.lint import suppress

    regions = {}
    for path in parts:
        source = files.read_text(path)
        if own_comments.has_own(source):
            found = suppress.parse(source).regions
            if found:
                regions[path] = found
    if not regions:
        return ()
    runs: dict[str, list[list[int]]] = defaultdict(list)
    for number, origin in enumerate(origins, start=1):
        if origin is None or origin[0] not in regions:
            continue
        for region in regions[origin[0]]:
            if region.first_line <= origin[1] <= region.last_line:
                spans = runs[region.rule]
                if spans and spans[-1][1] == number - 1:
                    spans[-1][1] = number
                else:
                    spans.append([number, number])
    return tuple((first, last, rule) for rule, spans in sorted(runs.items()) for first, last in spans)


class _Links:
    """Local links of the parts, made to lead from where the draft is.

    A file inside the issue's folder is copied into a folder named after the
    draft, beside it (``build/2021-01/sections/chart.png``), so that the draft
    and what it shows can be published together; any other file of the
    repository is linked where it is.
    """

    def __init__(self, issue_folder: Path, draft: Path | None) -> None:
        self.issue_folder = issue_folder
        self.boundary = files.Boundary(issue_folder, "the issue's folder")
        self.draft = draft
        self.copies: dict[Path, Copy] = {}

    def rewrite(self, markdown: str, folder: Path) -> str:
        if not _MAY_LINK_LOCALLY.search(markdown):
            return markdown  # not parsed: markdown-it is costly to start, and most parts link only to addresses
        from editorial import document

        # A leading line so that a body opening with "---" is not read as front matter.
        parsed = document.parse("\n" + markdown, "part.md")
        spans = [
            (start - 1, end - 1)
            for link in parsed.links
            if link.kind in ("link", "image") and link.destination_span is not None
            for start, end in [link.destination_span]
        ]
        for pattern in (local_links.LINK_DEFINITION, local_links.IMAGE_TAG):
            spans += [match.span(1) for match in pattern.finditer(markdown)]
        for start, end in sorted(set(spans), reverse=True):
            written = markdown[start:end]
            moved = self._moved(written, folder)
            if moved is not None:
                markdown = markdown[:start] + moved + markdown[end:]
        return markdown

    def _moved(self, destination: str, folder: Path) -> str | None:
        """The destination as the draft must write it, or None to leave it as it is."""
        path = local_links.target(destination)
        if path is None:
            return None
        source = Path(os.path.normpath(folder / path))
        if not source.is_file():
            return None  # lint reports it in the part
        base = self.draft.parent if self.draft is not None else Path.cwd()
        if self.draft is not None and source.is_relative_to(self.issue_folder) and self.boundary.problem(source) is None:
            relative = source.relative_to(self.issue_folder).as_posix()
            copy_to = self.draft.parent / self.draft.stem / relative
            self.copies.setdefault(source, Copy(source, copy_to))
            link = f"{self.draft.stem}/{relative}"
        else:
            link = Path(os.path.relpath(source, base)).as_posix()
        return urllib.parse.quote(link, safe="/:@!$&'()*+,;=-._~") + local_links.suffix(destination)
