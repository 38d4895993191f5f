"""``editorial status``: the issue's roster, the editor's one look before the deadline.

Every assigned contributor and every contributor branch found, with what has
been collected from it and whether it has moved since. A contributor whose
branch holds work not collected yet is shown as the branch has it (its
sections, their words and lint counts, read from git objects: nothing checked
out); anyone else as the working tree has it. Git is asked in bulk (one
``for-each-ref``, one ``rev-list``, and for the branches to read one
``diff-tree`` and two ``cat-file``), so it stays quick with hundreds of branches.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editorial import branches, files, frontmatter, issue, manifest, repository
from editorial.branches import last_commit
from editorial.errors import EditorialError, Problem, display_path, error
from editorial.repository import Fork, Ref, Repository
from editorial.settings import Settings
from editorial.table import format_table, plural

# Where each contributor stands.
NO_BRANCH = "no branch"  # no branch, and nothing collected
NOT_STARTED = "not started"  # a branch with no commits of its own yet
TO_COLLECT = "to collect"  # commits on the branch, never collected
MOVED = "moved"  # collected, and the branch has moved since: collect again
COLLECTED = "collected"  # the working tree has the branch's last commit
STATES = (NO_BRANCH, NOT_STARTED, TO_COLLECT, MOVED, COLLECTED)

BRANCH = "branch"
WORKING_TREE = "working tree"
MAX_BYTES = 1024 * 1024  # a section larger than collect would take is not read either


@dataclass(frozen=True)
class RosterEntry:
    contributor: str
    name: str | None  # from the registry; None for a branch of someone not registered
    assigned: bool
    branch: str | None
    ref: Ref | None
    ahead: int | None  # commits on the branch that HEAD does not have
    collected: str | None  # the commit the last collect took
    sections: tuple[Path, ...]  # the contributor's section files, where they were read
    words: int
    problems: tuple[Problem, ...]  # section files that do not parse, or cannot be placed
    lint: dict[str, int] | None = None  # findings by severity in the sections (None: not linted)
    read_from: str = WORKING_TREE  # or BRANCH: the branch's work not collected yet

    @property
    def state(self) -> str:
        return state(self.ref, self.ahead, self.collected)


def state(ref: Ref | None, ahead: int | None, collected: str | None) -> str:
    if ref is None:
        return COLLECTED if collected else NO_BRANCH
    if ref.commit == collected:
        return COLLECTED
    if not ahead:
        return COLLECTED if collected else NOT_STARTED
    return MOVED if collected else TO_COLLECT


@dataclass(frozen=True)
class Roster:
    slug: str
    base: str
    base_branch: str | None
    remote: str | None
    entries: tuple[RosterEntry, ...]
    ignored: tuple[branches.Ignored, ...] = ()  # branches named like the issue's that give no contributor
    fetched: bool = False


@dataclass(frozen=True)
class _Sections:
    """Section files by contributor, with their words and the problems found in them."""

    paths: dict[str, list[Path]]
    words: dict[str, int]
    problems: dict[str, list[Problem]]


def roster(settings: Settings, slug: str, remote: str | None = None, lint: bool = True, fetch: bool = False) -> Roster:
    """The roster; branches come from ``remote``, else from where the last collect took them.

    With ``fetch``, that remote is fetched first. With ``lint``, each
    contributor's sections are linted as ``editorial lint`` would (LanguageTool
    aside: a dashboard must not wait on a server), with its results cache, so
    only sections changed since the last lint cost anything.
    """
    frame = issue.load_frame(settings.paths.issues, slug)
    assigned = issue.assigned(frame, [c.id for c in settings.contributors])
    repo = repository.open_repository(settings.root)
    head = repository.require_commit(repo)
    recorded = manifest.load(frame.folder)
    remote = remote if remote is not None else recorded.remote
    if fetch and remote is None:
        raise error("--fetch", None, "--fetch needs a remote: --remote NAME (or a collect from one before)")
    if remote is not None:
        branches.check_remote(repo, remote)
    if fetch and remote is not None:
        repository.fetch(repo, remote)
    branched = branches.find(settings, repo, slug, remote)
    found = branched.refs
    forks = repository.forks(repo, head, [ref.commit for ref in found.values()]) if found else {}
    pending = {
        contributor: ref
        for contributor, ref in found.items()
        if state(ref, forks[ref.commit].ahead, c.commit if (c := recorded.taken.get(contributor)) else None) in (TO_COLLECT, MOVED)
    }
    # A branch with work not collected yet is read as it is; where it changed no section, the working tree is.
    read, present = _read_branches(repo, frame, pending, forks)
    branch_texts = {c: texts for c, texts in read.items() if texts}
    taken_from = {frame.folder / relative: c for c, taken in recorded.taken.items() for relative in taken.files}
    working = _sections(frame, {path: (None, None) for path in issue.section_paths(frame.folder)}, taken_from)
    from_branches = {
        contributor: _sections(frame, {path: (text, contributor) for path, text in texts.items()}, taken_from)
        for contributor, texts in branch_texts.items()
    }
    # Two branches changing one file differently (a conflict for collect) share its lint counts here.
    sources = {path: text for texts in branch_texts.values() for path, text in texts.items()}
    linted = [p for c, paths in working.paths.items() if c not in branch_texts for p in paths if p not in sources]
    counts = _lint_counts(settings, linted, sources, present) if lint else None
    everyone = list(dict.fromkeys([*assigned, *sorted(set(found) | set(recorded.taken) | set(working.paths))]))
    entries = []
    for contributor in everyone:
        ref = found.get(contributor)
        registered = settings.contributor(contributor)
        taken = recorded.taken.get(contributor)
        where = from_branches.get(contributor, working)
        entries.append(
            RosterEntry(
                contributor=contributor,
                name=registered.name if registered else None,
                assigned=contributor in assigned,
                branch=branches.short(ref.name) if ref else None,
                ref=ref,
                ahead=forks[ref.commit].ahead if ref else None,
                collected=taken.commit if taken else None,
                sections=tuple(where.paths.get(contributor, ())),
                words=where.words.get(contributor, 0),
                problems=tuple(where.problems.get(contributor, ())),
                lint=_sum(counts, where.paths.get(contributor, ())) if counts is not None else None,
                read_from=BRANCH if contributor in branch_texts else WORKING_TREE,
            )
        )
    base_branch = repo.head_ref.removeprefix(branches.LOCAL) if repo.head_ref else None
    return Roster(slug, head, base_branch, remote, tuple(entries), branched.ignored, fetch)


def _read_branches(
    repo: Repository, frame: issue.Frame, pending: Mapping[str, Ref], forks: Mapping[str, Fork]
) -> tuple[dict[str, dict[Path, bytes]], set[Path]]:
    """The section files each branch changed since it left HEAD, as the branch has them; and
    every other file the branches add or change there (an image a section shows)."""
    pairs = {ref.commit: base for ref in pending.values() if (base := forks[ref.commit].base) is not None and base != ref.commit}
    if not pairs:
        return {}, set()
    sections_git = repo.relative(frame.folder / issue.SECTIONS_FOLDER) + "/"
    diffs = repository.changes(repo, pairs)
    wanted: dict[str, dict[Path, str]] = {}
    present: set[Path] = set()
    for contributor, ref in pending.items():
        changed = [
            c for c in diffs.get(ref.commit, ()) if c.new_blob is not None and c.path.startswith(sections_git)
        ]
        present.update(repo.root / c.path for c in changed)
        wanted[contributor] = {
            repo.root / c.path: c.new_blob
            for c in changed
            if c.path.endswith(".md") and c.new_mode in (repository.REGULAR, repository.EXECUTABLE)
        }
    blobs = sorted({blob for found in wanted.values() for blob in found.values()})
    small = [b for b, info in zip(blobs, repository.object_info(repo, blobs), strict=True) if info and info.size <= MAX_BYTES]
    data = repository.read_blobs(repo, small)
    texts = {
        contributor: {path: data[blob] for path, blob in found.items() if blob in data} for contributor, found in wanted.items()
    }
    return texts, present


def _sections(
    frame: issue.Frame, found: Mapping[Path, tuple[bytes | None, str | None]], taken_from: Mapping[Path, str]
) -> _Sections:
    """Section files, words and problems by contributor: the one whose branch has them (given), else the
    one collect took them from (``taken_from``), else their author. An unsigned file nobody delivered is
    the editor's.

    A stub fresh from new-issue, with its empty title, is a section not written yet rather than a broken one.
    """
    paths: dict[str, list[Path]] = defaultdict(list)
    words: dict[str, int] = defaultdict(int)
    problems: dict[str, list[Problem]] = defaultdict(list)
    for path, (data, branch_of) in found.items():
        try:
            text = files.decode(data, path) if data is not None else files.read_text(path)
            section: issue.Section | None = issue.parse_section(text, path)
            failure: tuple[Problem, ...] = ()
        except EditorialError as exc:
            section, failure = None, exc.problems
        author = section.author if section is not None else _author_anyway(path, data)
        owner = branch_of or taken_from.get(path) or author or (path.stem if section is None else None)
        if owner is None:
            continue
        paths[owner].append(path)
        problems[owner].extend(failure)
        if section is not None:
            words[owner] += section.words
            unplaced = issue.slot_problem(section.slot, frame.slots, frame.path.name) if frame.slots and not section.is_stub else None
            if unplaced is not None:
                line = section.front.line("slot") if "slot" in section.front.data else section.front.opening_line
                problems[owner].append(Problem(path, line, unplaced))
    return _Sections(dict(paths), dict(words), dict(problems))


def _author_anyway(path: Path, data: bytes | None) -> str | None:
    """The author a file that does not parse as a section still names, if its front matter reads."""
    try:
        text = files.decode(data, path) if data is not None else files.read_text(path)
        author = frontmatter.split(text, path).front.data.get("author")
    except EditorialError:
        return None
    return author if isinstance(author, str) and author else None


def _lint_counts(
    settings: Settings, paths: list[Path], sources: Mapping[Path, bytes], present: set[Path]
) -> dict[str, Counter[str]]:
    """Findings by severity for each section file (by its displayed path); ``sources`` as their branches have
    them, where the files ``present`` are (on a branch) as well as those on disk."""
    from editorial.lint import checks, runner
    from editorial.lint import config as lint_config

    if not paths and not sources:
        return {}
    selection = checks.select(settings, settings.root, languagetool=False)
    result = runner.lint(
        settings, lint_config.load(settings), paths, selection.checks, suffixes=selection.suffixes, sources=sources, present=present
    )
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for finding in result.findings:
        counts[finding.path][finding.severity.name] += 1
    return counts


def _sum(counts: dict[str, Counter[str]], paths: Sequence[Path]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for path in paths:
        total.update(counts.get(display_path(path), Counter()))
    return {level: total[level] for level in ("error", "warning", "suggestion")}


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
        "fetched": roster.fetched,
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
                "read_from": e.read_from,
                "lint": e.lint,
                "problems": [str(p) for p in e.problems],
            }
            for e in roster.entries
        ],
        "ignored_branches": [{"branch": i.branch, "reason": i.reason} for i in roster.ignored],
        "counts": {state: sum(1 for e in roster.entries if e.state == state) for state in STATES},
    }
