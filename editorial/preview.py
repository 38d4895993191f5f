"""``editorial preview``: the issue as readers will see it, with every finding in place.

The frame and its sections are rendered with the parser lint uses
(``editorial.document``), each finding marked around its text
(``editorial.highlight``); each section is framed with the ``status`` roster's
line for it: contributor, state, words and findings. A file that cannot be
read or parsed, a section with no place, an image that is missing: each is
shown in the page, never a page left blank. Nothing here prints or serves: the
CLI writes the page, ``preview_server`` serves it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import mimetypes
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from editorial import files, issue, status
from editorial.errors import EditorialError, Problem, display_path
from editorial.settings import Settings

ASSETS = Path(__file__).parent / "assets"
LEVELS = ("error", "warning", "suggestion")
FILE_ROUTE = "/file/"  # where the server serves the repository's files (images)

if TYPE_CHECKING:
    from editorial.document import Document
    from editorial.highlight import Mark
    from editorial.lint.findings import Finding


@dataclass(frozen=True)
class Shown:
    """A finding as the page shows it: ``key`` is its id there; ``in_text`` says whether it is marked
    in the rendered text (or on an image or link) or listed apart (front matter, comments…)."""

    key: str
    path: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    matched: str
    replacements: tuple[str, ...]
    in_text: bool


@dataclass(frozen=True)
class Page:
    html: str  # the whole page
    content: str  # what a live page replaces when a file changes (issue and side list)
    findings: tuple[Shown, ...]
    problems: tuple[Problem, ...]  # files that could not be read or placed: shown in the page too
    notes: tuple[str, ...] = ()  # what the page could not show (no states outside git, LanguageTool not answering)


@dataclass(frozen=True)
class _Part:
    """One section file, read and parsed as far as it goes."""

    path: Path
    document: Document | None
    section: issue.Section | None
    problems: tuple[Problem, ...]  # why it cannot be read, or placed
    missing: tuple[Problem, ...] = ()  # the images it shows that cannot be found


def render(
    settings: Settings,
    slug: str,
    branches: bool = False,
    inline_assets: bool = False,
    live: bool = False,
    use_cache: bool = True,
    languagetool: bool = False,
    pending: str | None = None,
) -> Page:
    """The page for issue ``slug``; with ``branches``, the contributors' work not collected yet as their
    branches have it. ``inline_assets`` puts images in the page (``data:`` addresses), else they are
    asked of the server at ``/file/PATH``; a ``live`` page follows the server's changes. With
    ``languagetool``, its findings are in the page (where a server answers, as lint finds one);
    ``pending`` is a note that more are on their way.

    Only an issue that does not exist is an error: anything wrong inside it is shown in the page.
    """
    from editorial.lint import checks, runner
    from editorial.lint import config as lint_config

    folder, frame_path = issue.locate(settings.paths.issues, slug)
    problems: list[Problem] = []
    frame: issue.Frame | None = None
    try:
        frame = issue.load_frame(settings.paths.issues, slug)
    except EditorialError as exc:
        problems.extend(exc.problems)
    roster: status.Roster | None = None
    notes: list[str] = []
    if frame is not None:
        try:
            roster = status.roster(settings, slug, lint=False)
        except EditorialError as exc:
            # Not a problem with the issue: a folder outside git has no branches, so no states.
            notes.extend(f"No contributor states: {p}" for p in exc.problems)
    texts: Mapping[Path, bytes] = roster.branch_texts if roster is not None and branches else {}
    present = roster.branch_files if roster is not None and branches else frozenset()
    found, walk_problems = issue.find_sections(folder)
    problems.extend(walk_problems)
    paths = sorted(set(found) | set(texts), key=lambda p: p.relative_to(folder).as_posix())
    frame_document = _read_frame(frame_path, problems)
    config = lint_config.load(settings)
    images = {path: image_finder(path, settings.root, config.static, inline_assets) for path in [frame_path, *paths]}
    parts = [_read_part(path, texts.get(path), images[path]) for path in paths]
    if frame_document is not None:
        problems.extend(missing_images(frame_document, images[frame_path]))

    selection = checks.select(settings, settings.root, languagetool=languagetool, use_cache=use_cache)
    on_disk = [frame_path, *(p for p in paths if p not in texts)]
    linted = runner.lint(
        settings, config, on_disk, selection.checks, use_cache, selection.suffixes, sources=dict(texts), present=present
    )
    by_path: dict[str, list[Finding]] = {}
    for finding in linted.findings:
        by_path.setdefault(finding.path, []).append(finding)
    problems.extend(linted.errors)
    notes.extend(linted.warnings)
    if pending:
        notes.append(pending)

    keys = _Keys()
    shown: list[Shown] = []
    names = {c.id: c.name for c in settings.contributors}

    def part_html(part: _Part) -> str:
        return _section_html(part, by_path.get(display_path(part.path), []), roster, names, keys, shown, images[part.path])

    placed_parts: set[Path] = set()
    slots: dict[str, list[issue.Section]] = {}
    if frame is not None:
        ready = [p.section for p in parts if p.section is not None and not p.problems]
        placeable = [s for s in ready if s.slot in frame.slots or not frame.slots]
        slots = issue.by_slot(frame, [c.id for c in settings.contributors], placeable)
    part_of = {p.path: p for p in parts}

    def slot_html(slot: str) -> str:
        group = slots.get(slot, [])
        placed_parts.update(s.path for s in group)
        if not group:
            return f'<p class="empty-slot">No sections for the slot <code>{html.escape(slot)}</code> yet.</p>'
        return "".join(part_html(part_of[s.path]) for s in group)

    body = ""
    if frame_document is not None:
        body = _document_html(
            frame_document, by_path.get(display_path(frame_path), []), keys, shown,
            images[frame_path], slot_html,
        )
    left = [p for p in parts if p.path not in placed_parts]
    if left:
        body += (
            '<section class="unplaced" aria-labelledby="unplaced-title"><h2 id="unplaced-title">Not placed in the issue</h2>'
            "<p>These sections cannot be read, or have no marker for their slot in the frame.</p>"
            + "".join(part_html(p) for p in left)
            + "</section>"
        )
    all_problems = tuple(dict.fromkeys([*problems, *(q for p in parts for q in (*p.problems, *p.missing))]))
    content = _layout(slug, body, shown, all_problems, notes)
    return Page(page(slug, settings.name, content, live), content, tuple(shown), all_problems, tuple(notes))


class _Keys:
    """Ids for the findings of one page, in the order they are shown."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"f{self.count}"


def _read_frame(path: Path, problems: list[Problem]) -> Document | None:
    from editorial import document

    try:
        return document.parse(files.read_text(path), path)
    except EditorialError as exc:
        problems.extend(exc.problems)
        return None


def _read_part(path: Path, data: bytes | None, images: Callable[[str], str | None]) -> _Part:
    from editorial import document

    try:
        text = files.decode(data, path) if data is not None else files.read_text(path)
    except EditorialError as exc:
        return _Part(path, None, None, exc.problems)
    parsed = document.parse(text, path, prose_fields=("title",))
    missing = tuple(missing_images(parsed, images))
    try:
        section: issue.Section | None = issue.parse_section(text, path)
    except EditorialError as exc:
        return _Part(path, parsed, None, exc.problems, missing)
    return _Part(path, parsed, section, (), missing)


def image_finder(path: Path, root: Path, static: Sequence[Path], inline: bool) -> Callable[[str], str | None]:
    """Where the page shows a file's images from: as the site serves them (``/`` is the static
    folders), in the page itself or asked of the preview server. None: the image is missing."""
    import functools

    from editorial import local_links

    @functools.cache  # the page asks once to show an image and once to know whether it is missing
    def source(destination: str) -> str | None:
        if destination.startswith("/") and not destination.startswith("//"):
            candidates = [folder / destination.lstrip("/") for folder in static]
        else:
            relative = local_links.target(destination)
            if relative is None:
                return destination  # an address: the reader's browser fetches it
            candidates = [path.parent / relative]
        for candidate in candidates:
            # Only a file of the repository is shown: never one a symbolic link leads to elsewhere.
            relative = _inside(candidate, root)
            if relative is not None and candidate.is_file():
                return _data_uri(candidate) if inline else FILE_ROUTE + quote(relative)
        return None

    return source


def _inside(path: Path, root: Path) -> str | None:
    """``path`` relative to ``root`` (a posix path), or None where it really is elsewhere."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return None


def _data_uri(path: Path) -> str | None:
    try:
        data = files.read_bytes(path)
    except EditorialError:
        return None
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _marks(document: Document, findings: Sequence[Finding], keys: _Keys) -> list[Mark]:
    from editorial.highlight import Mark
    from editorial.lint import fingerprint

    marks = []
    for finding in findings:
        try:
            start, end = fingerprint.span(document, finding)
        except IndexError:
            start = end = 0
        marks.append(Mark(keys.next(), start, end, finding.severity.name, _tip(finding)))
    return marks


def _tip(finding: Finding) -> str:
    tip = f"{finding.severity.name}: {finding.message} ({finding.rule})"
    if finding.replacements:
        tip += " — try: " + ", ".join(finding.replacements[:5])
    return tip


def _document_html(
    document: Document,
    findings: Sequence[Finding],
    keys: _Keys,
    shown: list[Shown],
    images: Callable[[str], str | None],
    slot_html: Callable[[str], str] = lambda slot: "",
) -> str:
    from editorial import highlight

    marks = _marks(document, findings, keys)
    rendered = highlight.render(document.tokens, marks, images, slot_html)
    placed = set(rendered.placed)
    shown.extend(_shown(m.key, f, m.key in placed) for m, f in zip(marks, findings, strict=True))
    return rendered.html + _apart(marks, findings, placed)


def missing_images(document: Document, images: Callable[[str], str | None]) -> list[Problem]:
    """The images the page cannot show, each where it is written: the page shows a placeholder."""
    return [
        Problem(document.path, document.position(link.span[0]).line, f"image not found: {link.destination}")
        for link in document.links
        if link.kind == "image" and images(link.destination) is None
    ]


def _shown(key: str, finding: Finding, in_text: bool) -> Shown:
    return Shown(
        key, finding.path, finding.line, finding.column, finding.rule, finding.severity.name, finding.message,
        finding.matched, finding.replacements, in_text,
    )


def _apart(marks: Sequence[Mark], findings: Sequence[Finding], placed: set[str]) -> str:
    """The findings that have no place in the rendered text, listed where it ends."""
    rows = [
        f'<li id="{m.key}" tabindex="0" class="finding-apart sev-{f.severity.name}" aria-describedby="{m.key}-about">'
        f"<span class=\"where\">line {f.line}:{f.column}</span> {_severity_badge(f.severity.name)} "
        f"{html.escape(f.message)} <code>{html.escape(f.rule)}</code>"
        + (f' <q class="matched">{html.escape(f.matched)}</q>' if f.matched else "")
        + "</li>"
        for m, f in zip(marks, findings, strict=True)
        if m.key not in placed
    ]
    if not rows:
        return ""
    return '<div class="apart"><p>Not in the rendered text (front matter, comments, addresses):</p><ul>' + "".join(rows) + "</ul></div>"


def _count(number: int, level: str) -> str:
    return f"{number} {level}{'' if number == 1 else 's'}"


def _severity_badge(level: str) -> str:
    return f'<span class="badge sev-{level}">{level}</span>'


def _section_html(
    part: _Part,
    findings: Sequence[Finding],
    roster: status.Roster | None,
    names: Mapping[str, str],
    keys: _Keys,
    shown: list[Shown],
    images: Callable[[str], str | None],
) -> str:
    from editorial import highlight

    section = part.section
    entry = _entry_for(roster, part.path, section)
    counts = Counter(f.severity.name for f in findings)
    author = section.author if section is not None else None
    who = (entry.name or entry.contributor) if entry else names.get(author, author) if author else "unsigned"
    state = entry.state if entry else "-"
    if section is not None and section.is_stub:
        state = status.NOT_STARTED
    words = section.words if section is not None else 0
    heading_id = "s-" + _anchor(display_path(part.path))
    meta = (
        f'<span class="who">{html.escape(who)}</span>'
        f' <span class="state">{html.escape(state)}</span>'
        f' <span class="words">{words} words</span>'
        f' <span class="count">{len(findings)} finding{"" if len(findings) == 1 else "s"}'
        + (" (" + ", ".join(_count(counts[level], level) for level in LEVELS if counts[level]) + ")" if findings else "")
        + f'</span> <code class="file">{html.escape(display_path(part.path))}</code>'
    )
    inner: list[str] = [f'<header class="section-meta" aria-label="about this section">{meta}</header>']
    inner.extend(
        f'<p class="problem" role="alert">{_severity_badge("error")} {html.escape(str(p))}</p>'
        for p in (*part.problems, *part.missing)
    )
    document = part.document
    if document is not None:
        marks = _marks(document, findings, keys)
        title_html = ""
        if document.title_tokens:
            title = highlight.render(document.title_tokens[0].children or [], marks, images, inline=True)
            title_html, placed = title.html, set(title.placed)
        else:
            placed = set()
            raw = section.title if section is not None else ""
            title_html = html.escape(raw) if isinstance(raw, str) else ""
        if title_html:
            inner.append(f'<h3 id="{heading_id}">{title_html}</h3>')
        if section is not None and section.is_stub:
            inner.append('<p class="stub">Not written yet (still the stub new-issue wrote).</p>')
        else:
            body = highlight.render(document.tokens, marks, images)
            inner.append(body.html)
            placed |= body.placed
        shown.extend(_shown(m.key, f, m.key in placed) for m, f in zip(marks, findings, strict=True))
        inner.append(_apart(marks, findings, placed))
    return (
        f'<article class="contribution" aria-labelledby="{heading_id}">' + "".join(inner) + "</article>"
        if document is not None and (document.title_tokens or section is not None)
        else f'<article class="contribution" aria-label="{html.escape(display_path(part.path))}">' + "".join(inner) + "</article>"
    )


def _entry_for(roster: status.Roster | None, path: Path, section: issue.Section | None) -> status.RosterEntry | None:
    if roster is None:
        return None
    for entry in roster.entries:
        if path in entry.sections:
            return entry
    author = section.author if section is not None else None
    return next((e for e in roster.entries if e.contributor == author), None)


def _anchor(path: str) -> str:
    """An id for a section, from its file: unique in the page, as its path is."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in path)


def _layout(slug: str, body: str, shown: Sequence[Shown], problems: Sequence[Problem], notes: Sequence[str]) -> str:
    counts = Counter(s.severity for s in shown)
    summary = ", ".join(_count(counts[level], level) for level in LEVELS) if shown else "no findings"
    page_problems = "".join(
        f'<li class="problem">{_severity_badge("error")} {html.escape(str(p))}</li>' for p in problems
    )
    items = "".join(
        f'<li class="sev-{s.severity}"><a href="#{s.key}" data-target="{s.key}">'
        f'<span class="where">{html.escape(s.path)}:{s.line}:{s.column}</span></a> {_severity_badge(s.severity)}'
        f' <span id="{s.key}-about">{html.escape(s.message)} <code>{html.escape(s.rule)}</code>'
        + (f" (try: {html.escape(', '.join(s.replacements[:5]))})" if s.replacements else "")
        + ("" if s.in_text else " <em>(listed apart: not in the rendered text)</em>")
        + "</span></li>"
        # In the order they stand in the page: a frame's findings are keyed before its sections'.
        for s in sorted(shown, key=lambda s: body.find(f'id="{s.key}"'))
    )
    return (
        f'<main id="issue" aria-label="The issue {html.escape(slug)}">{body}</main>'
        f'<aside id="findings" aria-labelledby="findings-title"><h2 id="findings-title">Findings</h2>'
        f'<p class="summary">{summary}. Keys: <kbd>n</kbd> next, <kbd>p</kbd> previous.</p>'
        + "".join(f'<p class="note">{html.escape(note)}</p>' for note in notes)
        + (f'<ul class="problems" aria-label="Files with problems">{page_problems}</ul>' if page_problems else "")
        + f'<ol class="finding-list">{items}</ol></aside>'
    )


def page(slug: str, name: str, content: str, live: bool) -> str:
    """The whole page around ``content``: its style and its script in it."""
    css = (ASSETS / "preview.css").read_text(encoding="utf-8")
    script = (ASSETS / "preview.js").read_text(encoding="utf-8")
    title = f"{name}: {slug}" if name else slug
    # A contributor's raw HTML is shown as written, but its scripts never run in the editor's browser:
    # only this page's own script (by its hash) does, and nothing is fetched from elsewhere.
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src 'self' data: https:;"
        " connect-src 'self'; base-uri 'none'; form-action 'none'"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Preview of {html.escape(title)}</title><style>{css}</style></head>"
        f'<body{" data-live" if live else ""}><a class="skip" href="#findings">Skip to the findings</a>'
        f'<div id="layout" class="layout">{content}</div><script>{script}</script></body></html>\n'
    )
