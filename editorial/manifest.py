"""``issues/SLUG/collected.yaml``: what collect took from each contributor's branch.

It is how collect tells the editor's own edits from a branch's changes: a
working-tree file that no longer matches the blob recorded here was edited
since the last collect. It is meant to be committed along with the sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from editorial import files, yamlsource
from editorial.errors import EditorialError, Problem

NAME = "collected.yaml"
_OBJECT_ID = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")
_HEADER = (
    "# Written by 'editorial collect': the commit and the blob of every file it took\n"
    "# from each contributor's branch. Commit it with the sections; do not edit it.\n"
)


@dataclass(frozen=True)
class Taken:
    """What was collected from one contributor's branch."""

    branch: str  # as git shows it: 2021-01/melanie, or origin/2021-01/melanie
    commit: str
    files: dict[str, str]  # path relative to the issue folder -> blob id


@dataclass(frozen=True)
class Manifest:
    path: Path
    remote: str | None  # where the last collect looked for branches; None: local branches
    taken: dict[str, Taken]  # by contributor id


def path_of(issue_folder: Path) -> Path:
    return issue_folder / NAME


def load(issue_folder: Path) -> Manifest:
    """The manifest of an issue; an empty one before the first collect."""
    path = path_of(issue_folder)
    if not path.exists():
        return Manifest(path, None, {})
    document = yamlsource.load(files.read_text(path), path)
    data = document.data if document.data is not None else {}
    problems: list[Problem] = []

    def bad(key: yamlsource.KeyPath, message: str) -> None:
        problems.append(Problem(path, document.line(key), f"{message} (collect wrote this file: restore it from git)"))

    if not isinstance(data, dict):
        bad((), "must be a mapping")
        raise EditorialError(*problems)
    remote = data.get("remote")
    if remote is not None and not isinstance(remote, str):
        bad(("remote",), "'remote' must be text")
    taken = {}
    for contributor, entry in (data.get("contributors") or {}).items():
        key: yamlsource.KeyPath = ("contributors", contributor)
        if not isinstance(entry, dict) or not isinstance(entry.get("branch"), str):
            bad(key, f"'{contributor}' must have a 'branch'")
            continue
        commit = entry.get("commit")
        if not isinstance(commit, str) or not _OBJECT_ID.match(commit):
            bad(key + ("commit",), f"'{contributor}' must have a 'commit' id")
            continue
        recorded = entry.get("files") or {}
        if not isinstance(recorded, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and _OBJECT_ID.match(v) for k, v in recorded.items()
        ):
            bad(key + ("files",), f"'files' of '{contributor}' must map paths to blob ids")
            continue
        taken[str(contributor)] = Taken(entry["branch"], commit, dict(recorded))
    if problems:
        raise EditorialError(*problems)
    return Manifest(path, remote, taken)


def render(manifest: Manifest) -> str:
    data: dict[str, Any] = {
        "remote": manifest.remote,
        "contributors": {
            contributor: {
                "branch": taken.branch,
                "commit": taken.commit,
                "files": dict(sorted(taken.files.items())),
            }
            for contributor, taken in sorted(manifest.taken.items())
        },
    }
    # The C dumper where PyYAML has it: a manifest of hundreds of branches takes a while in Python.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return _HEADER + str(
        yaml.dump(
            data, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000
        )
    )


def write(manifest: Manifest) -> bool:
    """Write the manifest (atomically) if it changed; whether it did."""
    text = render(manifest)
    try:
        if manifest.path.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    files.write_atomic(manifest.path, text)
    return True
