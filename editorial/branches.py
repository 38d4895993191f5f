"""Contributor branches: the name the pattern gives each one, finding them, creating them."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from editorial import repository
from editorial.errors import EditorialError, Problem, error
from editorial.repository import Ref, Repository
from editorial.settings import CONTRIBUTOR_ID, Settings
from editorial.terminal import printable

LOCAL = "refs/heads/"
REMOTES = "refs/remotes/"
# What git forbids in a ref name (see ``git help check-ref-format``).
_BAD_REF = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//|^/|/$|\.$|(^|/)\.|\.lock(/|$)")


def name(settings: Settings, slug: str, contributor: str) -> str:
    return settings.branch_pattern.format(issue=slug, contributor=contributor)


def check_name(settings: Settings, branch: str) -> None:
    if not branch or branch == "@" or _BAD_REF.search(branch):
        raise error(
            settings.config_path or "editorial.yaml",
            None,
            f"'{branch}' is not a valid git branch name (see 'collect.branch', the pattern of branch names)",
        )


def _matcher(settings: Settings, slug: str) -> re.Pattern[str]:
    """A regular expression for the branch names of ``slug``, capturing the contributor."""
    parts = []
    seen = False
    for literal, field, _, _ in string.Formatter().parse(settings.branch_pattern):
        parts.append(re.escape(literal))
        if field == "issue":
            parts.append(re.escape(slug))
        elif field == "contributor":
            parts.append("(?P=contributor)" if seen else "(?P<contributor>[^/]+)")
            seen = True
    return re.compile("".join(parts))


def _outline(settings: Settings, slug: str) -> re.Pattern[str]:
    """The pattern's frame with anything at all for each ``{contributor}``: what is meant as a branch of ``slug``."""
    parts = []
    for literal, field, _, _ in string.Formatter().parse(settings.branch_pattern):
        parts.append(re.escape(literal))
        if field == "issue":
            parts.append(re.escape(slug))
        elif field == "contributor":
            parts.append("(.+)")
    return re.compile("".join(parts), re.DOTALL)


def contributor_of(settings: Settings, slug: str, branch: str, matcher: re.Pattern[str] | None = None) -> str | None:
    """The contributor whose branch of ``slug`` this is, if the pattern gives it that name."""
    match = (matcher or _matcher(settings, slug)).fullmatch(branch)
    if match is None or not CONTRIBUTOR_ID.match(match.group("contributor")):
        return None
    return match.group("contributor")


def last_commit(ref: Ref | None) -> str:
    """The date and author of a branch's last commit, short: ``2021-01-12 10:00 Melanie``."""
    if ref is None:
        return "-"
    return f"{ref.date[:16].replace('T', ' ')} {ref.author}"


def prefix(remote: str | None) -> str:
    return f"{REMOTES}{remote}/" if remote is not None else LOCAL


def short(ref: str) -> str:
    """The name git shows: ``2021-01/melanie``, or ``origin/2021-01/melanie`` for a remote's."""
    return ref.removeprefix(LOCAL).removeprefix(REMOTES)


def check_remote(repo: Repository, remote: str) -> None:
    known = repository.remotes(repo)
    if remote not in known:
        raise error(repo.root, None, f"no git remote named '{remote}' (remotes: {', '.join(known) or 'none'})")


@dataclass(frozen=True)
class Ignored:
    """A branch named like one of the issue's, which is not taken for any contributor."""

    branch: str  # as git shows it, made printable (see :func:`printable`)
    reason: str

    def __str__(self) -> str:
        return f"{self.branch}: {self.reason}"


@dataclass(frozen=True)
class Found:
    refs: dict[str, Ref]  # by contributor id
    ignored: tuple[Ignored, ...]


def find(settings: Settings, repo: Repository, slug: str, remote: str | None = None) -> Found:
    """The branches of ``slug`` by contributor: local ones, or the remote-tracking ones of ``remote``.

    A branch that fits the pattern around the contributor's part, but whose
    part is no contributor id (a '/', a ';', bytes that are not UTF-8…), is
    not taken, and said so: silence would leave the editor thinking the
    contributor had written nothing.
    """
    start = prefix(remote)
    found = {}
    ignored = []
    matcher = _matcher(settings, slug)
    outline = _outline(settings, slug)
    for ref in repository.refs(repo, start):
        name = ref.name[len(start) :]
        contributor = contributor_of(settings, slug, name, matcher)
        if contributor is not None:
            found[contributor] = ref
        elif (frame := outline.fullmatch(name)) is not None:
            ignored.append(Ignored(printable(short(ref.name)), _why_not(frame.groups())))
    return Found(dict(sorted(found.items())), tuple(ignored))


def _why_not(parts: Sequence[str]) -> str:
    """Why the ``{contributor}`` parts of a branch name give no contributor."""
    part = parts[0]
    shown = printable(part)
    try:
        part.encode("utf-8")
    except UnicodeEncodeError:
        return f"'{shown}' is not a contributor id: the branch's name is not UTF-8"
    if len(set(parts)) > 1:
        return "the pattern's {contributor} parts differ: " + ", ".join(f"'{printable(p)}'" for p in parts)
    if "/" in part:
        return f"'{shown}' is not a contributor id: it has a '/'"
    composed = unicodedata.normalize("NFC", part)
    if composed != part and CONTRIBUTOR_ID.match(composed):
        spelt = part.encode("ascii", "backslashreplace").decode("ascii")
        return (
            f"'{shown}' is not a contributor id: it is '{composed}' written with combining characters"
            f" ('{spelt}'); name the branch with the id as editorial.yaml spells it"
        )
    return f"'{shown}' is not a contributor id: ids are letters, digits, '.', '-' or '_'"


@dataclass(frozen=True)
class Branching:
    """Branches checked and ready to be created once their first commit exists."""

    repo: Repository
    names: tuple[str, ...]


def prepare(settings: Settings, slug: str, contributors: Sequence[str]) -> Branching:
    """Check, before anything is written, that the branches can be made: every problem at once."""
    repo = repository.open_repository(settings.root)
    if repo.head is None:
        raise error(
            repo.root, None, "the git repository has no commits yet; commit editorial.yaml first, so that branches have it"
        )
    if repo.head_ref is None:
        raise error(repo.root, None, f"HEAD is detached (at {repo.head[:12]}); switch to the editing branch first")
    names = tuple(name(settings, slug, c) for c in contributors)
    for branch in names:
        check_name(settings, branch)
    existing = {ref.name for ref in repository.refs(repo, LOCAL)}
    taken = [b for b in names if LOCAL + b in existing]
    if taken:
        raise EditorialError(
            *(Problem(b, None, "the branch already exists (delete or rename it first)") for b in taken)
        )
    repository.check_identity(repo)
    return Branching(repo, names)


def commit_and_branch(branching: Branching, paths: Sequence[Path], message: str) -> str:
    """Commit ``paths`` on the current branch, then create every branch at that commit."""
    commit = repository.commit_paths(branching.repo, paths, message)
    repository.create_refs(branching.repo, {LOCAL + b: commit for b in branching.names}, message)
    return commit
