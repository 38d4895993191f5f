"""``editorial status``: the issue's roster, the editor's one look before the deadline.

Every assigned contributor and every contributor branch found, with what has
been collected from it and whether it has moved since. It reads refs and the
working tree only (one ``for-each-ref`` and one ``rev-list``), never the
branches' files, so it stays quick with hundreds of branches.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editorial import branches, files, frontmatter, issue, manifest, repository
from editorial.branches import last_commit
from editorial.errors import EditorialError, Problem, display_path
from editorial.repository import Ref
from editorial.settings import Settings
from editorial.table import format_table, plural

# Where each contributor stands.
NO_BRANCH = "no branch"  # no branch, and nothing collected
NOT_STARTED = "not started"  # a branch with no commits of its own yet
TO_COLLECT = "to collect"  # commits on the branch, never collected
MOVED = "moved"  # collected, and the branch has moved since: collect again
COLLECTED = "collected"  # the working tree has the branch's last commit
STATES = (NO_BRANCH, NOT_STARTED, TO_COLLECT, MOVED, COLLECTED)


@dataclass(frozen=True)
class RosterEntry:
    contributor: str
    name: str | None  # from the registry; None for a branch of someone not registered
    assigned: bool
    branch: str | None
    ref: Ref | None
    ahead: int | None  # commits on the branch that HEAD does not have
    collected: str | None  # the commit the last collect took
    sections: tuple[Path, ...]  # the contributor's section files in the working tree
    words: int
    problems: tuple[Problem, ...]  # section files that do not parse
    lint: dict[str, int] | None = None  # findings by severity in the sections (None: not linted)

    @property
    def state(self) -> str:
        if self.ref is None:
            return COLLECTED if self.collected else NO_BRANCH
        if self.ref.commit == self.collected:
            return COLLECTED
        if not self.ahead:
            return COLLECTED if self.collected else NOT_STARTED
        return MOVED if self.collected else TO_COLLECT


@dataclass(frozen=True)
class Roster:
    slug: str
    base: str
    base_branch: str | None
    remote: str | None
    entries: tuple[RosterEntry, ...]
    ignored: tuple[branches.Ignored, ...] = ()  # branches named like the issue's that give no contributor


def roster(settings: Settings, slug: str, remote: str | None = None, lint: bool = True) -> Roster:
    """The roster; branches come from ``remote``, else from where the last collect took them.

    With ``lint``, each contributor's sections are linted as ``editorial lint``
    would (LanguageTool aside: a dashboard must not wait on a server), with its
    results cache, so only sections changed since the last lint cost anything.
    """
    frame = issue.load_frame(settings.paths.issues, slug)
    assigned = issue.assigned(frame, [c.id for c in settings.contributors])
    repo = repository.open_repository(settings.root)
    head = repository.require_commit(repo)
    recorded = manifest.load(frame.folder)
    remote = remote if remote is not None else recorded.remote
    if remote is not None:
        branches.check_remote(repo, remote)
    branched = branches.find(settings, repo, slug, remote)
    found = branched.refs
    forks = repository.forks(repo, head, [ref.commit for ref in found.values()]) if found else {}
    sections, words, problems = _sections(frame)
    counts = _lint_counts(settings, [p for paths in sections.values() for p in paths]) if lint else None
    everyone = list(dict.fromkeys([*assigned, *sorted(set(found) | set(recorded.taken) | set(sections))]))
    entries = []
    for contributor in everyone:
        ref = found.get(contributor)
        registered = settings.contributor(contributor)
        taken = recorded.taken.get(contributor)
        entries.append(
            RosterEntry(
                contributor=contributor,
                name=registered.name if registered else None,
                assigned=contributor in assigned,
                branch=branches.short(ref.name) if ref else None,
                ref=ref,
                ahead=forks[ref.commit].ahead if ref else None,
                collected=taken.commit if taken else None,
                sections=tuple(sections.get(contributor, ())),
                words=words.get(contributor, 0),
                problems=tuple(problems.get(contributor, ())),
                lint=_sum(counts, sections.get(contributor, ())) if counts is not None else None,
            )
        )
    base_branch = repo.head_ref.removeprefix(branches.LOCAL) if repo.head_ref else None
    return Roster(slug, head, base_branch, remote, tuple(entries), branched.ignored)


def _lint_counts(settings: Settings, paths: list[Path]) -> dict[str, Counter[str]]:
    """Findings by severity for each section file (by its displayed path)."""
    from editorial.lint import checks, runner
    from editorial.lint import config as lint_config

    if not paths:
        return {}
    selection = checks.select(settings, settings.root, languagetool=False)
    result = runner.lint(settings, lint_config.load(settings), paths, selection.checks, suffixes=selection.suffixes)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for finding in result.findings:
        counts[finding.path][finding.severity.name] += 1
    return counts


def _sum(counts: dict[str, Counter[str]], paths: Sequence[Path]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for path in paths:
        total.update(counts.get(display_path(path), Counter()))
    return {level: total[level] for level in ("error", "warning", "suggestion")}


def _sections(frame: issue.Frame) -> tuple[dict[str, list[Path]], dict[str, int], dict[str, list[Problem]]]:
    """Section files, words and problems by author (by file name where the author is unknown).

    Only the front matter is required here: a stub fresh from new-issue, with
    its empty title, is a section not written yet rather than a broken one.
    """
    paths: dict[str, list[Path]] = defaultdict(list)
    words: dict[str, int] = defaultdict(int)
    problems: dict[str, list[Problem]] = defaultdict(list)
    for path in issue.section_paths(frame.folder):
        try:
            split = frontmatter.split(files.read_text(path), path)
        except EditorialError as exc:
            paths[path.stem].append(path)
            problems[path.stem].extend(exc.problems)
            continue
        author = split.front.data.get("author")
        author = author if isinstance(author, str) and author else path.stem
        paths[author].append(path)
        words[author] += issue.count_words(split.body)
    return paths, words, problems


def as_text(roster: Roster) -> str:
    base = roster.base_branch or "detached HEAD"
    source = f"the branches of the remote '{roster.remote}'" if roster.remote else "local branches"
    rows = [
        (
            e.contributor + ("" if e.assigned else " (not assigned)"),
            e.branch or "-",
            last_commit(e.ref),
            e.collected[:12] if e.collected else "-",
            len(e.sections),
            e.words,
            "-" if e.lint is None else "/".join(str(n) for n in e.lint.values()),
            e.state,
        )
        for e in roster.entries
    ]
    lines = [
        f"status of {roster.slug} on {base} ({roster.base[:12]}), from {source}",
        format_table(
            ("CONTRIBUTOR", "BRANCH", "LAST COMMIT", "COLLECTED", "SECTIONS", "WORDS", "LINT E/W/S", "STATE"), rows
        ),
    ]
    lines.extend(f"invalid section: {p}" for e in roster.entries for p in e.problems)
    lines.extend(f"ignored branch: {ignored}" for ignored in roster.ignored)
    counts = {state: sum(1 for e in roster.entries if e.state == state) for state in STATES}
    summary = [f"{n} {state}" for state, n in counts.items() if n]
    if roster.ignored:
        summary.append(plural(len(roster.ignored), "ignored branch", "ignored branches"))
    lines.append(", ".join(summary))
    return "\n".join(lines)


def as_json(roster: Roster) -> dict[str, Any]:
    return {
        "issue": roster.slug,
        "base": {"commit": roster.base, "branch": roster.base_branch},
        "remote": roster.remote,
        "contributors": [
            {
                "contributor": e.contributor,
                "name": e.name,
                "assigned": e.assigned,
                "state": e.state,
                "branch": e.branch,
                "commit": e.ref.commit if e.ref else None,
                "last_commit": {"date": e.ref.date, "author": e.ref.author} if e.ref else None,
                "ahead": e.ahead,
                "collected": e.collected,
                "needs_collect": e.state in (TO_COLLECT, MOVED),
                "sections": [display_path(p) for p in e.sections],
                "words": e.words,
                "lint": e.lint,
                "problems": [str(p) for p in e.problems],
            }
            for e in roster.entries
        ],
        "ignored_branches": [{"branch": i.branch, "reason": i.reason} for i in roster.ignored],
        "counts": {state: sum(1 for e in roster.entries if e.state == state) for state in STATES},
    }
