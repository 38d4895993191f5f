from __future__ import annotations

from pathlib import Path

import pytest

from editorial import manifest
from editorial.errors import EditorialError

COMMIT = "0123456789abcdef0123456789abcdef01234567"
BLOB = "89abcdef0123456789abcdef0123456789abcdef"


def test_round_trip_and_unchanged_writes(tmp_path: Path) -> None:
    empty = manifest.load(tmp_path)
    assert empty == manifest.Manifest(tmp_path / "collected.yaml", None, {})
    taken = {"zoë": manifest.Taken("origin/2021-01/zoë", COMMIT, {"sections/zoë.md": BLOB, "sections/a b.png": BLOB})}
    assert manifest.write(manifest.Manifest(empty.path, "origin", taken)) is True
    assert empty.path.read_text() == (
        "# Written by 'editorial collect': the commit and the blob of every file it took\n"
        "# from each contributor's branch. Commit it with the sections; do not edit it.\n"
        "remote: origin\n"
        "contributors:\n"
        "  zoë:\n"
        "    branch: origin/2021-01/zoë\n"
        f"    commit: {COMMIT}\n"
        "    files:\n"
        f"      sections/a b.png: {BLOB}\n"
        f"      sections/zoë.md: {BLOB}\n"
    )
    assert manifest.load(tmp_path) == manifest.Manifest(empty.path, "origin", taken)
    assert manifest.write(manifest.load(tmp_path)) is False


def test_every_bad_entry_is_named_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "collected.yaml").write_text(
        "remote: 3\n"
        "contributors:\n"
        "  melanie: nobody\n"
        "  andrew:\n"
        "    branch: 2021-01/andrew\n"
        "    commit: HEAD\n"
        "  nisha:\n"
        "    branch: 2021-01/nisha\n"
        f"    commit: {COMMIT}\n"
        "    files:\n"
        "      sections/nisha.md: 42\n"
    )
    with pytest.raises(EditorialError) as caught:
        manifest.load(tmp_path)
    restore = "(collect wrote this file: restore it from git)"
    assert [str(p).split(": ", 1)[1] for p in caught.value.problems] == [
        f"'remote' must be text {restore}",
        f"'melanie' must have a 'branch' {restore}",
        f"'andrew' must have a 'commit' id {restore}",
        f"'files' of 'nisha' must map paths to blob ids {restore}",
    ]
    assert [p.line for p in caught.value.problems] == [1, 3, 6, 10]
