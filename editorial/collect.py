"""``editorial collect``: the contributors' sections, from their branches into the working tree.

Everything is read from git objects: no checkout, and no ref changes (other
than what ``git fetch`` does to remote-tracking branches with ``--fetch``), so
collecting works while the editor has uncommitted work in other files, and
the contributors' branches stay exactly as they were.

A branch is taken whole or not at all: if one of its files is refused, in
conflict, or deleted on the branch, none of its files is written, so that a
section never arrives without the image it shows.

Where the editor edited a file that the branch changed too, ``--merge`` merges
the two three ways (``git merge-file``, from the version collect took last):
conflict markers only where both changed the same lines.

What ``--force`` replaces of the editor's is first kept in the issue's
``kept/`` folder, outside the sections folder: no branch can deliver a file
there, and a kept copy is only ever created under a name nobody has taken, so
nothing can overwrite one, in the same collect or a later one.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import os
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from editorial import branches, issue, local_links, manifest, repository
from editorial.errors import EditorialError, Problem, display_path, error
from editorial.files import write_many_atomic, write_new
from editorial.repository import Change, Fork, ObjectInfo, Ref, Repository
from editorial.settings import Settings

MAX_BYTES = 1024 * 1024
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff", ".ico"})
KEPT_FOLDER = "kept"  # in the issue folder: the editor's versions that --force replaced

# What happened to each contributor (one branch each).
NEW = "new"  # files taken; nothing had been collected from this contributor before
UPDATED = "updated"  # files taken over an earlier collect
UNCHANGED = "unchanged"  # nothing new: the working tree already has what the branch has
MISSING = "missing"  # no branch, or a branch that changes nothing in the sections folder
CONFLICT = "conflict"  # a file edited here and on the branch, or on two branches differently
DELETED = "deleted"  # the branch deletes a file the editor edited; kept (use --force)
REJECTED = "rejected"  # a file collect refuses, or a branch it cannot take
STATUSES = (NEW, UPDATED, UNCHANGED, MISSING, CONFLICT, DELETED, REJECTED)
ATTENTION = frozenset({CONFLICT, DELETED, REJECTED})

# What happened to each file.
WRITE = "write"  # the branch's version is written
REMOVE = "remove"  # the branch deleted the file: removed here too (untouched here, or --force)
MERGE = "merge"  # edited here and on the branch: merged three ways (--merge)
SAME = "unchanged"  # nothing to do
HELD = "held"  # would be written, but another file of the branch stops the branch
# and CONFLICT, DELETED, REJECTED as above


@dataclass(frozen=True)
class FileResult:
    path: Path  # in the working tree
    action: str
    blob: str | None  # the branch's version; None where the branch deletes the file
    kept: Path | None = None  # where --force keeps (or, in a dry run, would keep) the editor's version
    problems: tuple[Problem, ...] = ()
    conflicts: int = 0  # with MERGE: the places both changed, written with conflict markers


@dataclass(frozen=True)
class Delivery:
    """One contributor's branch and what collect did with it."""

    contributor: str
    assigned: bool
    status: str
    branch: str | None  # as git shows it
    ref: Ref | None
    collected_before: str | None  # the commit the previous collect took
    files: tuple[FileResult, ...] = ()
    problems: tuple[Problem, ...] = ()  # the branch's own, then its files'


@dataclass(frozen=True)
class Collection:
    slug: str
    base: str  # the commit the branches are compared with: HEAD
    base_branch: str | None  # None when HEAD is detached
    remote: str | None
    fetched: bool
    dry_run: bool
    force: bool
    manifest: Path
    deliveries: tuple[Delivery, ...]
    ignored: tuple[branches.Ignored, ...] = ()  # branches named like the issue's that give no contributor
    merge: bool = False

    @property
    def exit_code(self) -> int:
        attention = any(d.status in ATTENTION for d in self.deliveries) or any(f.conflicts for f in self.files(MERGE))
        return 1 if self.ignored or attention else 0

    @property
    def held(self) -> list[Delivery]:
        """The branches nothing was taken from, though they had something to give."""
        return [d for d in self.deliveries if d.status in ATTENTION]

    def files(self, *actions: str) -> list[FileResult]:
        return [f for d in self.deliveries for f in d.files if f.action in actions]


@dataclass(frozen=True)
class _Entry:
    """A file a branch delivers, with everything needed to decide what to do with it."""

    git_path: str  # relative to the top of the working tree
    path: Path
    mode: str
    theirs: str | None  # the branch's blob; None: the branch deletes the file
    reference: str | None  # the last version collect knows the editor had: recorded, else the merge base's
    changed: bool  # in the branch's diff (else known from the manifest only)
    lookup: str | None = None  # "commit:path", to find ``theirs`` by, for a file known from the manifest only


@dataclass(frozen=True)
class _Context:
    """What every decision about a file needs; ``info`` and ``blobs`` are filled in bulk, once."""

    settings: Settings
    repo: Repository
    frame: issue.Frame
    sections: Path
    sections_real: Path  # resolved once: resolve() is slow, and files are many
    sections_git: str  # the sections folder as git names it, with a trailing '/'
    issue_git: str  # the issue folder as git names it, with a trailing '/'
    kept: Path  # the issue's kept folder, under the repository's root as git gives it
    kept_real: Path  # the same, resolved: where it must lead
    force: bool
    merge: bool = False
    info: dict[str, ObjectInfo | None] = field(default_factory=dict)
    blobs: dict[str, bytes] = field(default_factory=dict)
    merged: dict[Path, bytes] = field(default_factory=dict)  # the result of each MERGE

    @functools.cached_property
    def working_image_references(self) -> set[str]:
        """Images the sections in the working tree show, read only if a binary file needs them."""
        found: set[str] = set()
        for path in issue.section_paths(self.frame.folder):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            found |= local_links.image_references(text, self.repo.relative(path))
        return found


def collect(
    settings: Settings,
    slug: str,
    remote: str | None = None,
    fetch: bool = False,
    dry_run: bool = False,
    force: bool = False,
    merge: bool = False,
) -> Collection:
    frame = issue.load_frame(settings.paths.issues, slug)
    assigned = issue.assigned(frame, [c.id for c in settings.contributors])
    repo = repository.open_repository(settings.root)
    head = repository.require_commit(repo)
    sections = frame.folder / issue.SECTIONS_FOLDER
    issue_git = repo.relative(frame.folder) + "/"
    context = _Context(
        settings=settings,
        repo=repo,
        frame=frame,
        sections=sections,
        sections_real=sections.resolve(),
        sections_git=_inside(repo, sections) + "/",
        issue_git=issue_git,
        kept=repo.root / issue_git / KEPT_FOLDER,
        kept_real=frame.folder.resolve() / KEPT_FOLDER,
        force=force,
        merge=merge,
    )
    if merge and force:
        raise error("--merge", None, "--merge keeps both versions and --force takes the branch's: choose one")
    if fetch and remote is None:
        raise error("--fetch", None, "--fetch needs --remote NAME: the remote to fetch from")
    if remote is not None:
        branches.check_remote(repo, remote)
    if fetch and remote is not None:
        repository.fetch(repo, remote)
    branched = branches.find(settings, repo, slug, remote)
    found = branched.refs
    previous = manifest.load(frame.folder)
    forks = repository.forks(repo, head, [ref.commit for ref in found.values()]) if found else {}
    _check_shallow(repo, found, forks)
    diffs = repository.changes(
        repo,
        {
            ref.commit: base
            for ref in found.values()
            if (base := forks[ref.commit].base) is not None and base != ref.commit
        },
    )
    entries = _read_objects(
        context,
        {
            contributor: _entries(context, ref, diffs.get(ref.commit, []), previous.taken.get(contributor))
            for contributor, ref in found.items()
        },
    )
    clashes = _clashes(entries)
    deliveries = []
    for contributor in sorted(set(assigned) | set(found) | set(previous.taken), key=_order(assigned)):
        ref = found.get(contributor)
        before = previous.taken.get(contributor)
        if ref is None:
            status = UNCHANGED if before is not None else MISSING
            deliveries.append(
                Delivery(contributor, contributor in assigned, status, None, None, before.commit if before else None)
            )
            continue
        deliveries.append(
            _deliver(context, contributor, contributor in assigned, ref, forks[ref.commit], entries[contributor], before, clashes)
        )
    collection = Collection(
        slug=slug,
        base=head,
        base_branch=repo.head_ref.removeprefix(branches.LOCAL) if repo.head_ref else None,
        remote=remote,
        fetched=fetch,
        dry_run=dry_run,
        force=force,
        manifest=previous.path,
        deliveries=tuple(deliveries),
        ignored=branched.ignored,
        merge=merge,
    )
    if dry_run:
        return collection
    kept = _apply(context, collection, entries, previous)
    return dataclasses.replace(collection, deliveries=tuple(_kept_where(d, kept) for d in collection.deliveries))


def _kept_where(delivery: Delivery, kept: Mapping[Path, Path]) -> Delivery:
    """The delivery with the names its kept copies got."""
    files = tuple(dataclasses.replace(f, kept=kept[f.path]) if f.path in kept else f for f in delivery.files)
    return dataclasses.replace(delivery, files=files)


def _order(assigned: Sequence[str]) -> Callable[[str], tuple[int, str]]:
    """Assigned contributors in the issue's order, then the others by id."""
    rank = {c: i for i, c in enumerate(assigned)}
    return lambda c: (rank.get(c, len(rank)), c)


def _inside(repo: Repository, folder: Path) -> str:
    try:
        return repo.relative(folder)
    except ValueError:
        raise error(folder, None, f"is not inside the git repository at {repo.root}") from None


def _check_shallow(repo: Repository, found: Mapping[str, Ref], forks: Mapping[str, Fork]) -> None:
    lost = [branches.short(ref.name) for ref in found.values() if forks[ref.commit].base is None]
    if lost and repo.shallow:
        named = ", ".join(lost[:3])
        if len(lost) > 3:
            named += f" and {len(lost) - 3} other branch{'es' if len(lost) > 4 else ''}"
        raise error(
            repo.root,
            None,
            f"this is a shallow clone and the history that {named} shares with HEAD is not in it,"
            " so there is no merge base to compare with;"
            " run 'git fetch --unshallow' (or fetch with a larger --depth), then collect again",
        )


def _entries(context: _Context, ref: Ref, diff: Sequence[Change], before: manifest.Taken | None) -> list[_Entry]:
    """The branch's changes, and the files it delivered before that it no longer changes.

    A contributor who merges the editor's branch back into theirs (after a
    collect was committed) no longer changes the file relative to the new merge
    base; it is still theirs, and still compared with what was recorded.
    """
    recorded = {} if before is None else before.files
    root = context.repo.root
    entries = []
    listed = set()
    issue_git = context.issue_git
    for change in diff:
        listed.add(change.path)
        reference = recorded.get(change.path.removeprefix(issue_git)) if change.path.startswith(issue_git) else None
        entries.append(
            _Entry(
                git_path=change.path,
                path=root / change.path,
                mode=change.new_mode,
                theirs=change.new_blob,
                reference=reference if reference is not None else change.old_blob,
                changed=True,
            )
        )
    for relative, blob in recorded.items():
        git_path = issue_git + relative
        if git_path not in listed:
            lookup = f"{ref.commit}:{git_path}"
            entries.append(_Entry(git_path, root / git_path, repository.REGULAR, None, blob, False, lookup))
    return entries


def _read_objects(context: _Context, entries: Mapping[str, list[_Entry]]) -> dict[str, list[_Entry]]:
    """Type and size of every blob delivered in one batch, then the content of those to check.

    Files known from the manifest only get their blob here, from "commit:path";
    one the branch no longer has as recorded counts as changed again.
    """
    names = sorted({name for group in entries.values() for e in group if (name := e.lookup or e.theirs)})
    context.info.update(zip(names, repository.object_info(context.repo, names), strict=True))
    resolved: dict[str, list[_Entry]] = {}
    for contributor, group in entries.items():
        resolved[contributor] = []
        for entry in group:
            if entry.lookup is not None:
                info = context.info[entry.lookup]
                blob = info.id if info is not None and info.type == "blob" else None
                if blob is not None:
                    context.info[blob] = info
                entry = _Entry(entry.git_path, entry.path, entry.mode, blob, entry.reference, blob != entry.reference)
            resolved[contributor].append(entry)
    wanted = [
        e.theirs
        for group in resolved.values()
        for e in group
        if e.theirs is not None
        and not _nothing_new(context, e)
        and (info := context.info.get(e.theirs)) is not None
        and info.type == "blob"
        and info.size <= MAX_BYTES
        and e.mode in (repository.REGULAR, repository.EXECUTABLE)
    ]
    context.blobs.update(repository.read_blobs(context.repo, wanted))
    return resolved


def _clashes(entries: Mapping[str, list[_Entry]]) -> dict[str, dict[str, str | None]]:
    """Paths that two branches change differently: path -> {contributor: their blob}."""
    versions: dict[str, dict[str, str | None]] = defaultdict(dict)
    for contributor, group in entries.items():
        for entry in group:
            if entry.changed:
                versions[entry.git_path][contributor] = entry.theirs
    return {path: by for path, by in versions.items() if len(set(by.values())) > 1}


def _deliver(
    context: _Context,
    contributor: str,
    assigned: bool,
    ref: Ref,
    fork: Fork,
    entries: Sequence[_Entry],
    before: manifest.Taken | None,
    clashes: Mapping[str, Mapping[str, str | None]],
) -> Delivery:
    branch = branches.short(ref.name)
    collected_before = before.commit if before is not None else None
    branch_problems = []
    if context.settings.contributor(contributor) is None:
        where = context.settings.config_path or "editorial.yaml"
        branch_problems.append(
            Problem(where, None, f"{branch}: the contributor '{contributor}' is not in the contributor registry")
        )
    if fork.base is None:
        branch_problems.append(
            Problem(context.repo.root, None, f"{branch}: has no history in common with HEAD ({context.repo.head})")
        )
    decided = [_decide(context, contributor, branch, entry, clashes, entries) for entry in entries]
    results = [r for r in decided if r is not None]
    actions = {r.action for r in results}
    if branch_problems or REJECTED in actions:
        status = REJECTED
    elif CONFLICT in actions:
        status = CONFLICT
    elif DELETED in actions:
        status = DELETED
    elif not results:
        status = MISSING
    elif actions <= {SAME}:
        status = UNCHANGED
    else:
        status = NEW if before is None else UPDATED
    if status in ATTENTION:
        results = [_hold(r) for r in results]
    problems = (*branch_problems, *(p for r in results for p in r.problems))
    return Delivery(contributor, assigned, status, branch, ref, collected_before, tuple(results), problems)


def _hold(result: FileResult) -> FileResult:
    if result.action in (WRITE, REMOVE, MERGE):
        return FileResult(result.path, HELD, result.blob)
    return result


def _decide(
    context: _Context,
    contributor: str,
    branch: str,
    entry: _Entry,
    clashes: Mapping[str, Mapping[str, str | None]],
    siblings: Sequence[_Entry],
) -> FileResult | None:
    def result(action: str, message: str | None = None, kept: Path | None = None) -> FileResult:
        problems = (Problem(entry.path, None, f"{branch}: {message}"),) if message else ()
        return FileResult(entry.path, action, entry.theirs, kept, problems)

    if _nothing_new(context, entry):
        # Checked when it was taken; whatever the editor has made of it since is theirs to keep.
        return result(SAME)
    refusal = _refusal(context, contributor, entry, siblings)
    if refusal:
        problems = tuple(Problem(p.path, p.line, f"{branch}: {p.message}") for p in refusal)
        return FileResult(entry.path, REJECTED, entry.theirs, None, problems)
    if entry.changed and entry.git_path in clashes:
        others = ", ".join(sorted(c for c in clashes[entry.git_path] if c != contributor))
        return result(CONFLICT, f"changed differently on the branch of {others} too; neither version is taken")
    mine = _working_blob(context, entry.path)
    if entry.theirs is None:
        if mine is None:
            return result(SAME) if entry.changed else None
        if mine == entry.reference:
            # Untouched here since the branch had it (its stub, say): deleted as git would delete it.
            return result(REMOVE)
        if context.force:
            return result(REMOVE, kept=_kept(context, entry.git_path))
        return result(
            DELETED,
            "the branch deletes this file, which you edited; yours is kept (delete it yourself, or collect with --force)",
        )
    if mine == entry.theirs:
        return result(SAME)
    if mine == entry.reference:
        return result(WRITE)
    if context.force:
        return result(WRITE, kept=_kept(context, entry.git_path) if mine is not None else None)
    if mine is None:
        return result(CONFLICT, "deleted here since the last collect, and changed on the branch (--force takes it)")
    if context.merge:
        return _merge(context, branch, entry, result)
    return result(
        CONFLICT,
        "edited here since the last collect, and changed on the branch; yours is kept"
        " (--merge merges the two, --force takes the branch's and keeps yours as"
        f" {display_path(_kept_name(context, entry.git_path))})",
    )


def _merge(context: _Context, branch: str, entry: _Entry, result: Callable[..., FileResult]) -> FileResult:
    """The editor's version and the branch's merged from the version collect took last (or the stub).

    A file both added has no such version: merged from nothing, as git merges an add/add.
    """
    assert entry.theirs is not None
    base = b""
    if entry.reference is not None:
        try:
            base = repository.read_blobs(context.repo, [entry.reference])[entry.reference]
        except EditorialError:
            return result(
                CONFLICT,
                "edited here and on the branch, and the version both started from is no longer in git;"
                " yours is kept (--force takes the branch's)",
            )
    started = f"collected before ({entry.reference[:12]})" if entry.reference else "neither"
    merged, conflicts = repository.merge_file(context.repo, entry.path, base, context.blobs[entry.theirs], ("yours", started, branch))
    context.merged[entry.path] = merged
    if not conflicts:
        return result(MERGE)
    places = "1 place" if conflicts == 1 else f"{conflicts} places"
    merged_result = result(MERGE, f"you and the branch changed the same lines in {places}: resolve the conflict markers")
    return dataclasses.replace(merged_result, conflicts=conflicts)


def _nothing_new(context: _Context, entry: _Entry) -> bool:
    """Whether the branch has, in this file, just what collect took from it before."""
    return (
        entry.theirs is not None
        and entry.theirs == entry.reference
        and entry.mode in (repository.REGULAR, repository.EXECUTABLE)
        and entry.git_path.startswith(context.sections_git)
    )


def _refusal(context: _Context, contributor: str, entry: _Entry, siblings: Sequence[_Entry]) -> list[Problem]:
    """Why a file may not be taken from a branch, if it may not."""
    path = entry.path

    def refuse(message: str, line: int | None = None) -> list[Problem]:
        return [Problem(path, line, message)]

    parts = entry.git_path.split("/")
    if not entry.git_path.startswith(context.sections_git):
        return refuse(f"outside the issue's sections folder ({context.sections_git.rstrip('/')}); collect takes only files in it")
    if any(p in ("", ".", "..") or p.lower() == ".git" for p in parts) or not entry.git_path.isprintable():
        return refuse("not a plain path; collect will not write it")
    try:
        entry.git_path.encode("utf-8")
    except UnicodeEncodeError:
        return refuse("its name is not UTF-8; collect will not write it")
    if entry.theirs is None:
        return []
    if entry.mode == repository.SYMLINK:
        return refuse("a symbolic link; collect takes regular files only")
    if entry.mode == repository.SUBMODULE:
        return refuse("a submodule; collect takes regular files only")
    info = context.info.get(entry.theirs)
    if info is None or info.type != "blob":
        return refuse("cannot be read from git")
    if info.size > MAX_BYTES:
        return refuse(f"{info.size} bytes: over the 1 MiB that collect takes")
    data = context.blobs[entry.theirs]
    suffix = path.suffix.lower()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if suffix in IMAGE_SUFFIXES:
            if _referenced(context, entry, siblings):
                return []
            return refuse("an image that no section shows; collect takes binary files only as images sections show")
        line = data.count(b"\n", 0, exc.start) + 1
        return refuse(f"not UTF-8 text (byte 0x{data[exc.start]:02x}); collect takes text, and images sections show", line)
    if suffix != ".md":
        return []
    try:
        section = issue.parse_section(text, path)
    except EditorialError as exc:
        return list(exc.problems)
    if section.author is not None and section.author != contributor:
        return refuse(
            f"its author is '{section.author}', not '{contributor}' whose branch this is", section.front.line("author")
        )
    slots = context.frame.slots
    # A frame with no marker yet is still being laid out: there is nothing to check the slot against.
    unplaced = issue.slot_problem(section.slot, slots, context.frame.path.name) if slots and not section.is_stub else None
    if unplaced is not None:
        line = section.front.line("slot") if "slot" in section.front.data else section.front.opening_line
        return refuse(unplaced, line)
    return []


def _referenced(context: _Context, entry: _Entry, siblings: Sequence[_Entry]) -> bool:
    """Whether a section (on the branch, or already in the working tree) shows this image."""
    for sibling in siblings:
        if sibling.git_path.endswith(".md") and sibling.theirs in context.blobs:
            text = context.blobs[sibling.theirs].decode("utf-8", "replace")
            if entry.git_path in local_links.image_references(text, sibling.git_path):
                return True
    return entry.git_path in context.working_image_references


def _working_blob(context: _Context, path: Path) -> str | None:
    """The blob id of the working tree's file, or None where there is none."""
    if path.parent != context.sections and not path.parent.resolve().is_relative_to(context.sections_real):
        raise error(path.parent, None, "leads out of the issue's sections folder (a symbolic link?); collect will not write there")
    if path.is_symlink() or path.is_dir():
        raise error(path, None, "is a folder or a symbolic link in the working tree; move it away, then collect again")
    try:
        return repository.blob_id(context.repo, path.read_bytes())
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise error(path, None, "a file in the working tree stands where the branch has a folder") from None


def _kept(context: _Context, git_path: str) -> Path:
    """Where --force keeps the editor's version of a file, once it is sure that it can."""
    name = _kept_name(context, git_path)
    if not name.parent.resolve().is_relative_to(context.kept_real):
        raise error(
            name.parent, None, "leads out of the issue's kept folder (a symbolic link?); collect keeps your versions only there"
        )
    for step in (name.parent, *name.parent.parents):
        if step.exists():
            if not step.is_dir():
                raise error(step, None, "a file stands where collect keeps your versions; move it away, then collect again")
            break
    return name


def _kept_name(context: _Context, git_path: str) -> Path:
    """The first of :func:`_kept_names` that is free now."""
    return next(name for name in _kept_names(context, git_path) if not os.path.lexists(name))


def _kept_names(context: _Context, git_path: str) -> Iterator[Path]:
    """``kept/FILE.orig``, then ``kept/FILE.orig.2`` and so on (FILE relative to the sections folder).

    No two files share a name here: a numbered name ends in digits, an
    unnumbered one in ``.orig``, and the last ``.orig.`` of a numbered one
    separates the file from the number.
    """
    base = context.kept / (git_path.removeprefix(context.sections_git) + ".orig")
    yield base
    for number in itertools.count(2):
        yield base.with_name(f"{base.name}.{number}")


def _apply(
    context: _Context, collection: Collection, entries: Mapping[str, list[_Entry]], previous: manifest.Manifest
) -> dict[Path, Path]:
    """Write the files of every branch taken (the editor's versions kept first), then record what was taken.

    Where each of the editor's versions went, by the file it was: a name
    found free when deciding may have been taken since.
    """
    taken = dict(previous.taken)
    kept: dict[Path, Path] = {}
    writes: dict[Path, bytes] = {}  # a file two branches changed alike is written once
    removals: set[Path] = set()
    for delivery in collection.deliveries:
        if delivery.ref is None or delivery.status not in (NEW, UPDATED, UNCHANGED):
            continue
        for result in delivery.files:
            if result.kept is not None and result.path not in kept:
                git_path = result.path.relative_to(context.repo.root).as_posix()
                kept[result.path] = write_new(result.path.read_bytes(), _kept_names(context, git_path))
            if result.action == WRITE:
                assert result.blob is not None
                writes[result.path] = context.blobs[result.blob]
            elif result.action == MERGE:
                writes[result.path] = context.merged[result.path]
            elif result.action == REMOVE:
                removals.add(result.path)
        issue_git = context.issue_git
        taken[delivery.contributor] = manifest.Taken(
            branch=delivery.branch or "",
            commit=delivery.ref.commit,
            files={
                e.git_path.removeprefix(issue_git): e.theirs
                for e in entries[delivery.contributor]
                if e.theirs is not None
            },
        )
    write_many_atomic(writes)
    for path in sorted(removals):
        path.unlink()
    manifest.write(manifest.Manifest(previous.path, collection.remote, taken))
    return kept
