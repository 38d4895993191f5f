"""``editorial new-section``: a section stub for a contributor who joins an issue later."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from editorial import branches, files, frontmatter, issue, repository, templates
from editorial.errors import EditorialError, Problem, error
from editorial.files import write_atomic
from editorial.new_issue import check_rendered, choose_contributors, issue_context, render_stub
from editorial.settings import Contributor, Settings

_FLOW_LIST = re.compile(r"^(?P<key>\s*contributors:\s*)\[.*\](?P<comment>\s*(#.*)?)$")
_BLOCK_ITEM = re.compile(r"^(?P<dash>\s*-\s+)")


@dataclass(frozen=True)
class NewSection:
    path: Path
    contributor: Contributor
    assigned: bool  # added to the issue's ``editorial.contributors`` just now
    branch: str | None = None  # with ``branch=True``: the contributor's new branch
    commit: str | None = None  # ... at this commit of the stub
    warnings: tuple[Problem, ...] = ()


def create(
    settings: Settings,
    slug: str,
    contributor_id: str | None = None,
    title: str | None = None,
    branch: bool = False,
) -> NewSection:
    """Write the contributor's stub and list them in the issue; with ``branch``, commit and branch."""
    frame = issue.load_frame(settings.paths.issues, slug)
    if contributor_id is None:
        contributor_id = _contributor_of_current_branch(settings, slug)
    (contributor,) = choose_contributors(settings, [contributor_id])
    path = issue.boundary(settings.paths.issues).check(frame.folder / issue.SECTIONS_FOLDER / f"{contributor.id}.md")
    if path.exists():
        raise error(path, None, f"{contributor.id} already has a section in issue '{slug}'")
    branching = branches.prepare(settings, slug, [contributor.id]) if branch else None
    when = frame.front.data.get("date")
    if not isinstance(when, datetime.date):
        raise error(frame.path, frame.front.line("date"), "'date' must be a date (YYYY-MM-DD) or a date-time")
    assigned = issue.assigned(frame, [c.id for c in settings.contributors])
    team = [c for cid in (*assigned, contributor.id) if (c := settings.contributor(cid)) is not None]
    context = issue_context(settings, slug, when.isoformat(), when, frame.front.data.get("title"), team)
    stub = render_stub(templates.environment(settings), context, contributor, title or "")
    check_rendered(frame.folder, {path.relative_to(frame.folder): stub})
    listed, warnings = _list_in_issue(frame, contributor.id, assigned)
    write_atomic(path, stub)
    if listed is not None:
        write_atomic(frame.path, listed)
    if branching is None:
        return NewSection(path, contributor, listed is not None, warnings=warnings)
    changed = [path, frame.path] if listed is not None else [path]
    try:
        commit = branches.commit_and_branch(branching, changed, f"Add a section for {contributor.id} to issue {slug}")
    except EditorialError as exc:
        raise EditorialError(
            *exc.problems,
            Problem(path, None, "was created, but committing it or branching failed as said above: see 'git status'"),
        ) from None
    return NewSection(path, contributor, listed is not None, branching.names[0], commit, warnings)


def _contributor_of_current_branch(settings: Settings, slug: str) -> str:
    """On a contributor's own branch, the stub is theirs."""
    repo = repository.open_repository(settings.root)
    current = branches.short(repo.head_ref) if repo.head_ref else None
    contributor = branches.contributor_of(settings, slug, current) if current else None
    if contributor is None:
        where = f"the current branch '{current}'" if current else "a detached HEAD"
        raise error(
            "--contributor", None, f"say whose section it is: {where} is not a contributor's branch of issue '{slug}'"
        )
    return contributor


def _list_in_issue(
    frame: issue.Frame, contributor: str, assigned: tuple[str, ...]
) -> tuple[str | None, tuple[Problem, ...]]:
    """The issue file with the contributor added to ``editorial.contributors``, if it needs them.

    Only the line(s) of that list change, so the editor's formatting and
    comments stay; a list written in a form not recognised here is left to
    the editor, with a warning.
    """
    metadata = frame.front.data.get("editorial")
    if not isinstance(metadata, dict) or metadata.get("contributors") is None or contributor in assigned:
        return None, ()  # without a list, everyone registered is assigned
    text = files.read_text(frame.path)
    lines = text.split("\n")
    spans = frame.front.yaml.spans
    key = ("editorial", "contributors")
    span = spans[key]
    index = span.start - 1
    flow = _FLOW_LIST.match(lines[index])
    if flow is not None and span.end == span.start + 1:
        items = yaml.safe_dump([*assigned, contributor], default_flow_style=True, allow_unicode=True, width=10**6)
        lines[index] = flow.group("key") + items.strip() + flow.group("comment")
    elif assigned and (key + (len(assigned) - 1,)) in spans:
        last = spans[key + (len(assigned) - 1,)]
        dash = _BLOCK_ITEM.match(lines[last.start - 1])
        if dash is None:
            return None, (_warning(frame, span.start, contributor),)
        lines.insert(last.end - 1, dash.group("dash") + contributor)
    else:
        return None, (_warning(frame, span.start, contributor),)
    edited = "\n".join(lines)
    try:
        reread = issue.Frame(frame.slug, frame.folder, frame.path, frontmatter.split(edited, frame.path).front)
        ok = issue.assigned(reread, ()) == (*assigned, contributor)
    except EditorialError:
        ok = False
    if not ok:
        return None, (_warning(frame, span.start, contributor),)
    return edited, ()


def _warning(frame: issue.Frame, line: int, contributor: str) -> Problem:
    return Problem(
        frame.path, line, f"add '{contributor}' to editorial.contributors yourself: collect and status go by that list"
    )
