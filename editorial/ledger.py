"""``.assembled.json`` beside the drafts: what ``editorial assemble`` wrote there.

For each draft: the digest of the text it wrote (a draft edited by hand since
is never overwritten unseen), the local files it copied beside the draft with
theirs, and the lines of the draft where the parts' suppression comments
(``<!-- editorial-disable … -->``, which are never published) silenced rules,
so that linting the draft reports what linting its parts reports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from editorial.errors import EditorialError
from editorial.files import read_bytes, write_atomic

NAME = ".assembled.json"

# Lines first to last (inclusive) of the draft where ``rule`` (an id or a prefix; "*": every rule) is silenced.
Hidden = tuple[int, int, str]


@dataclass(frozen=True)
class Entry:
    digest: str
    hidden: tuple[Hidden, ...] = ()
    copies: Mapping[str, str] = field(default_factory=dict)  # path relative to the draft's folder -> digest


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def path_of(folder: Path) -> Path:
    return folder / NAME


def load(folder: Path) -> dict[str, Entry]:
    """Every draft recorded in ``folder``; nothing where the ledger is missing or unreadable.

    An unreadable ledger only costs the protection of hand edits, which
    ``--force`` would lift anyway; it is rewritten on the next assemble.
    """
    try:
        data = json.loads(read_bytes(path_of(folder)))
    except (EditorialError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    entries = {}
    for name, value in data.items():
        if isinstance(value, str):  # as editorial wrote it before it recorded more than the digest
            entries[name] = Entry(value)
        elif isinstance(value, dict) and isinstance(value.get("sha256"), str):
            hidden = tuple(
                (int(h[0]), int(h[1]), str(h[2])) for h in value.get("hidden", ()) if isinstance(h, list) and len(h) == 3
            )
            copies = {str(k): str(v) for k, v in (value.get("copies") or {}).items()}
            entries[name] = Entry(value["sha256"], hidden, copies)
    return entries


def write(folder: Path, entries: Mapping[str, Entry]) -> None:
    data = {
        name: {"sha256": entry.digest, "hidden": [list(h) for h in entry.hidden], "copies": dict(sorted(entry.copies.items()))}
        for name, entry in sorted(entries.items())
    }
    write_atomic(path_of(folder), json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def hidden_in(draft: Path, text: bytes, entries: Mapping[str, Entry]) -> tuple[Hidden, ...]:
    """What the parts of ``draft`` silence in it, if it is still as assemble wrote it (``text``: its bytes)."""
    entry = entries.get(draft.name)
    if entry is None or entry.digest != digest(text):
        return ()
    return entry.hidden
