"""``editorial new-issue``: scaffold an issue and one section stub per contributor."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editorial import branches as branches_module
from editorial import frontmatter, issue, templates
from editorial.errors import EditorialError, Problem, error
from editorial.files import write_tree_atomic
from editorial.settings import Contributor, Settings

if TYPE_CHECKING:
    import jinja2


@dataclass(frozen=True)
class Scaffold:
    folder: Path
    files: tuple[Path, ...]
    contributors: tuple[Contributor, ...]
    branches: tuple[str, ...] = ()  # with ``branches=True``: one per contributor
    commit: str | None = None  # ... at this commit of the scaffold


def parse_date(text: str) -> datetime.date:
    """An issue date: ``YYYY-MM-DD`` or an ISO 8601 date-time."""
    for parse in (datetime.date.fromisoformat, datetime.datetime.fromisoformat):
        try:
            return parse(text)
        except ValueError:
            continue
    raise error("--date", None, f"'{text}' is not a date (YYYY-MM-DD) or an ISO 8601 date-time")


def choose_contributors(settings: Settings, ids: list[str] | None) -> tuple[Contributor, ...]:
    """The named contributors (all registered ones by default), in the order given."""
    if ids is None:
        return settings.contributors
    unknown = [cid for cid in ids if settings.contributor(cid) is None]
    if unknown:
        known = ", ".join(c.id for c in settings.contributors) or "none"
        raise error(
            settings.config_path or "editorial.yaml",
            None,
            f"not in the contributor registry: {', '.join(unknown)} (registered: {known})",
        )
    return tuple(c for cid in dict.fromkeys(ids) if (c := settings.contributor(cid)) is not None)


def scaffold(
    settings: Settings,
    slug: str,
    date: str,
    title: str | None = None,
    contributor_ids: list[str] | None = None,
    branches: bool = False,
) -> Scaffold:
    """Render the issue and its section stubs, check them, then create the folder in one step.

    With ``branches``, also commit the folder on the current branch and give
    every contributor a branch at that commit.
    """
    issue.check_slug(slug)
    when = parse_date(date)
    contributors = choose_contributors(settings, contributor_ids)
    folder = settings.issue_folder(slug)
    if folder.exists():
        raise error(folder, None, f"issue '{slug}' already exists")
    branching = branches_module.prepare(settings, slug, [c.id for c in contributors]) if branches else None
    env = templates.environment(settings)
    context = issue_context(settings, slug, date, when, title, contributors)
    rendered = {Path(issue.ISSUE_FILE): templates.render(env, templates.ISSUE, context)}
    for contributor in contributors:
        rendered[Path(issue.SECTIONS_FOLDER) / f"{contributor.id}.md"] = render_stub(env, context, contributor)
    check_rendered(folder, rendered)
    write_tree_atomic(folder, rendered)
    files = tuple(folder / p for p in rendered)
    if branching is None:
        return Scaffold(folder, files, contributors)
    try:
        commit = branches_module.commit_and_branch(branching, [folder], f"Scaffold issue {slug}")
    except EditorialError as exc:
        raise EditorialError(
            *exc.problems,
            Problem(folder, None, "was created, but committing it or branching failed as said above: see 'git status'"),
        ) from None
    return Scaffold(folder, files, contributors, branching.names, commit)


def issue_context(
    settings: Settings,
    slug: str,
    date: str,
    when: datetime.date,
    title: str | None,
    contributors: Sequence[Contributor],
) -> dict[str, Any]:
    """What the issue and section-stub templates are given."""
    return {
        "slug": slug,
        "date": date,
        "month": when.strftime("%B"),
        "year": when.year,
        "title": title,
        "contributors": [c.as_dict() for c in contributors],
        "newsletter": {"name": settings.name, "language": settings.language},
    }


def render_stub(env: jinja2.Environment, context: dict[str, Any], contributor: Contributor, title: str = "") -> str:
    return templates.render(
        env,
        templates.SECTION_STUB,
        {**context, "contributor": contributor.as_dict(), "title": title, "issue": context},
    )


def check_rendered(folder: Path, rendered: dict[Path, str]) -> None:
    """A template that renders a file editorial cannot read back is caught before writing."""
    problems: list[Problem] = []
    for relative, text in rendered.items():
        try:
            split = frontmatter.split(text, folder / relative)
        except EditorialError as exc:
            problems.extend(Problem(p.path, p.line, f"{p.message} (as rendered from its template)") for p in exc.problems)
            continue
        if relative == Path(issue.ISSUE_FILE) and "date" not in split.front.data:
            problems.append(Problem(folder / relative, 1, "rendered issue has no 'date' in its front matter"))
    if problems:
        raise EditorialError(*problems)
