"""``editorial new-issue``: scaffold an issue and one section stub per contributor."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from editorial import frontmatter, issue, templates
from editorial.errors import EditorialError, Problem, error
from editorial.files import write_tree_atomic
from editorial.settings import Contributor, Settings


@dataclass(frozen=True)
class Scaffold:
    folder: Path
    files: tuple[Path, ...]
    contributors: tuple[Contributor, ...]


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
) -> Scaffold:
    """Render the issue and its section stubs, check them, then create the folder in one step."""
    issue.check_slug(slug)
    when = parse_date(date)
    contributors = choose_contributors(settings, contributor_ids)
    folder = settings.issue_folder(slug)
    if folder.exists():
        raise error(folder, None, f"issue '{slug}' already exists")
    env = templates.environment(settings)
    context = {
        "slug": slug,
        "date": date,
        "month": when.strftime("%B"),
        "year": when.year,
        "title": title,
        "contributors": [c.as_dict() for c in contributors],
        "newsletter": {"name": settings.name, "language": settings.language},
    }
    rendered = {Path(issue.ISSUE_FILE): templates.render(env, templates.ISSUE, context)}
    for contributor in contributors:
        stub = templates.render(
            env,
            templates.SECTION_STUB,
            {**context, "contributor": contributor.as_dict(), "title": "", "issue": context},
        )
        rendered[Path(issue.SECTIONS_FOLDER) / f"{contributor.id}.md"] = stub
    _check_rendered(folder, rendered)
    write_tree_atomic(folder, rendered)
    return Scaffold(folder, tuple(folder / p for p in rendered), contributors)


def _check_rendered(folder: Path, rendered: dict[Path, str]) -> None:
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
