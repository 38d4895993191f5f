"""``editorial collect``: real repositories, real branches by different people, real remotes."""

from __future__ import annotations

import json
import os
import posixpath
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import gitrepo
import pytest
from conftest import Run
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st
from gitrepo import REGISTRY, SECTIONS, SLUG, Repo, clone, files_under, git, isolated_git, newsletter, section  # noqa: F401 (fixtures)

from editorial.collect import CONFLICT, DELETED, MERGE, REJECTED, REMOVE, WRITE, collect
from editorial.new_issue import scaffold
from editorial.settings import load as load_settings

pytestmark = pytest.mark.usefixtures("isolated_git")

MANIFEST = f"issues/{SLUG}/collected.yaml"
HEADER = (
    "# Written by 'editorial collect': the commit and the blob of every file it took\n"
    "# from each contributor's branch. Commit it with the sections; do not edit it.\n"
)
# A PNG header and then bytes that are not UTF-8: an image, as far as collect can tell.
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


MELANIE = section("melanie", "Bigger models", "Language models keep growing.")
ZOE = section("zoë", "Charts", "Here is a chart.\n\n![the chart](zoë/chart.png)")


def checkout(editor: Repo, contributor: str) -> Repo:
    """The contributor's own working tree of their branch (a worktree of the editor's repository)."""
    return editor.worktree(f"{SLUG}/{contributor}", editor.path.parent / f"{contributor}-checkout")


def blob(repo: Repo, revision: str, path: str) -> str:
    return repo.git("rev-parse", f"{revision}:{path}")


def deliver_melanie_and_zoe(editor: Repo) -> tuple[str, str]:
    """Melanie writes her section in two commits; Zoë adds hers with a chart. Their tips."""
    melanie = checkout(editor, "melanie")
    melanie.commit({f"{SECTIONS}/melanie.md": "---\ntitle: Draft\nauthor: melanie\n---\n"}, "Start", "Melanie", "2021-01-10T10:00:00+01:00")
    melanie_tip = melanie.commit({f"{SECTIONS}/melanie.md": MELANIE}, "Section", "Melanie", "2021-01-11T10:00:00+01:00")
    zoe = checkout(editor, "zoë")
    zoe_tip = zoe.commit(
        {f"{SECTIONS}/zoë.md": ZOE, f"{SECTIONS}/zoë/chart.png": PNG}, "Section and chart", "Zoë Ng", "2021-01-12T18:30:00-05:00"
    )
    return melanie_tip, zoe_tip


def manifest(editor: Repo, **contributors: tuple[str, str, dict[str, str]]) -> str:
    """The manifest collect should have written: contributor -> (branch, commit, {path: blob})."""
    lines = [HEADER, "remote: null\n", "contributors:\n" if contributors else "contributors: {}\n"]
    for contributor, (branch, commit, files) in sorted(contributors.items()):
        lines.append(f"  {contributor}:\n    branch: {branch}\n    commit: {commit}\n")
        lines.append("    files:\n" + "".join(f"      {p}: {b}\n" for p, b in sorted(files.items())) if files else "    files: {}\n")
    return "".join(lines)


def test_collects_new_sections_into_the_working_tree(run: Run, editor: Repo) -> None:
    stubs = files_under(editor.path / SECTIONS)
    melanie_tip, zoe_tip = deliver_melanie_and_zoe(editor)
    editor.git("branch", "-D", f"{SLUG}/nisha")
    # The editor's uncommitted work in other files.
    editor.write({f"issues/{SLUG}/issue.md": "---\ndate: 2021-01-20\n---\n\nMy intro, half done.\n", "notes.txt": "todo\n"})
    refs = editor.refs()
    head = editor.git("rev-parse", "HEAD")

    result = run("collect", SLUG, cwd=editor.path)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"collect 2021-01 from local branches onto main ({head[:12]})\n"
        "CONTRIBUTOR  BRANCH           LAST COMMIT               FILES  STATUS\n"
        "melanie      2021-01/melanie  2021-01-11 10:00 Melanie      1  new\n"
        "andrew       2021-01/andrew   2021-01-05 09:00 Editor       0  missing\n"
        "nisha        -                -                             0  missing\n"
        "zoë          2021-01/zoë      2021-01-12 18:30 Zoë Ng       2  new\n"
        "wrote 3 files; 2 new, 2 missing\n"
    )
    assert files_under(editor.path / SECTIONS) == {
        **stubs,
        "melanie.md": MELANIE.encode(),
        "zoë.md": ZOE.encode(),
        "zoë/chart.png": PNG,
    }
    assert (editor.path / MANIFEST).read_text() == manifest(
        editor,
        melanie=(f"{SLUG}/melanie", melanie_tip, {"sections/melanie.md": blob(editor, melanie_tip, f"{SECTIONS}/melanie.md")}),
        zoë=(
            f"{SLUG}/zoë",
            zoe_tip,
            {
                "sections/zoë.md": blob(editor, zoe_tip, f"{SECTIONS}/zoë.md"),
                "sections/zoë/chart.png": blob(editor, zoe_tip, f"{SECTIONS}/zoë/chart.png"),
            },
        ),
    )
    assert editor.refs() == refs
    assert (editor.path / f"issues/{SLUG}/issue.md").read_text() == "---\ndate: 2021-01-20\n---\n\nMy intro, half done.\n"
    assert editor.git("-c", "core.quotePath=false", "status", "--porcelain", "--untracked-files=all").split("\n") == [
        f" M issues/{SLUG}/issue.md",
        f" M {SECTIONS}/melanie.md",
        f" M {SECTIONS}/zoë.md",
        f"?? issues/{SLUG}/collected.yaml",
        f"?? {SECTIONS}/zoë/chart.png",
        "?? notes.txt",
    ]


def test_dry_run_writes_nothing_and_json_reports(run: Run, editor: Repo) -> None:
    melanie_tip, zoe_tip = deliver_melanie_and_zoe(editor)
    before = files_under(editor.path)
    refs = editor.refs()
    head = editor.git("rev-parse", "HEAD")

    result = run("collect", SLUG, "--dry-run", "--format", "json", cwd=editor.path)

    assert (result.returncode, result.stderr) == (0, "")
    assert files_under(editor.path) == before
    assert editor.refs() == refs
    report = json.loads(result.stdout)
    melanie, andrew, nisha, zoe = report["contributors"]
    assert {k: v for k, v in report.items() if k != "contributors"} == {
        "issue": SLUG,
        "base": {"commit": head, "branch": "main"},
        "remote": None,
        "fetched": False,
        "dry_run": True,
        "force": False,
        "merge": False,
        "manifest": MANIFEST,
        "ignored_branches": [],
        "counts": {"new": 2, "updated": 0, "unchanged": 0, "missing": 2, "conflict": 0, "deleted": 0, "rejected": 0},
        "exit_code": 0,
    }
    assert melanie == {
        "contributor": "melanie",
        "assigned": True,
        "status": "new",
        "branch": f"{SLUG}/melanie",
        "commit": melanie_tip,
        "last_commit": {"date": "2021-01-11T10:00:00+01:00", "author": "Melanie"},
        "collected_before": None,
        "files": [
            {
                "path": f"{SECTIONS}/melanie.md",
                "action": "write",
                "blob": blob(editor, melanie_tip, f"{SECTIONS}/melanie.md"),
                "kept": None,
                "conflicts": 0,
            }
        ],
        "problems": [],
    }
    assert [(f["path"], f["action"]) for f in zoe["files"]] == [(f"{SECTIONS}/zoë.md", "write"), (f"{SECTIONS}/zoë/chart.png", "write")]
    assert (andrew["status"], andrew["branch"], andrew["files"]) == ("missing", f"{SLUG}/andrew", [])
    assert (nisha["status"], nisha["commit"], nisha["last_commit"]["author"]) == ("missing", editor.git("rev-parse", "HEAD"), "Editor")

    text = run("collect", SLUG, "--dry-run", cwd=editor.path)
    assert text.stdout.endswith("would write 3 files (dry run: nothing written); 2 new, 2 missing\n")
    assert files_under(editor.path) == before


def test_recollect_conflict_update_and_force(run: Run, editor: Repo) -> None:
    melanie_tip, zoe_tip = deliver_melanie_and_zoe(editor)
    assert run("collect", SLUG, cwd=editor.path).returncode == 0
    editor.commit({}, "Collect the sections", "Editor", "2021-01-13T09:00:00+00:00")
    first_manifest = (editor.path / MANIFEST).read_text()

    # Nothing new anywhere: nothing to do.
    again = run("collect", SLUG, cwd=editor.path)
    assert again.returncode == 0
    assert again.stdout.endswith("wrote 0 files; 2 unchanged, 2 missing\n")
    assert (editor.path / MANIFEST).read_text() == first_manifest

    # The editor edits Melanie's section; Melanie and Zoë both commit again.
    edited = MELANIE + "\nAn editor's note.\n"
    (editor.path / f"{SECTIONS}/melanie.md").write_text(edited)
    melanie = Repo(editor.path.parent / "melanie-checkout")
    newer = MELANIE.replace("keep growing", "keep on growing")
    melanie_new = melanie.commit({f"{SECTIONS}/melanie.md": newer}, "Fix", "Melanie", "2021-01-14T08:00:00+01:00")
    zoe = Repo(editor.path.parent / "zoë-checkout")
    zoe_newer = ZOE.replace("Here is", "Here's")
    zoe_new = zoe.commit({f"{SECTIONS}/zoë.md": zoe_newer}, "Tweak", "Zoë Ng", "2021-01-14T09:00:00-05:00")
    refs = editor.refs()

    result = run("collect", SLUG, cwd=editor.path)

    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.split("\n")[2:] == [
        "melanie      2021-01/melanie  2021-01-14 08:00 Melanie      1  conflict",
        "andrew       2021-01/andrew   2021-01-05 09:00 Editor       0  missing",
        "nisha        2021-01/nisha    2021-01-05 09:00 Editor       0  missing",
        "zoë          2021-01/zoë      2021-01-14 09:00 Zoë Ng       2  updated",
        f"conflict: {SECTIONS}/melanie.md: 2021-01/melanie: edited here since the last collect, and changed on the branch;"
        f" yours is kept (--merge merges the two, --force takes the branch's and keeps yours as issues/{SLUG}/kept/melanie.md.orig)",
        "wrote 1 file; 1 updated, 2 missing, 1 conflict; nothing taken from 1 branch: 2021-01/melanie (conflict)",
        "",
    ]
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == edited
    assert (editor.path / f"{SECTIONS}/zoë.md").read_text() == zoe_newer
    melanie_blob = blob(editor, melanie_tip, f"{SECTIONS}/melanie.md")
    chart = blob(editor, zoe_tip, f"{SECTIONS}/zoë/chart.png")
    assert (editor.path / MANIFEST).read_text() == manifest(
        editor,
        melanie=(f"{SLUG}/melanie", melanie_tip, {"sections/melanie.md": melanie_blob}),
        zoë=(f"{SLUG}/zoë", zoe_new, {"sections/zoë.md": blob(editor, zoe_new, f"{SECTIONS}/zoë.md"), "sections/zoë/chart.png": chart}),
    )
    assert editor.refs() == refs

    forced = run("collect", SLUG, "--force", cwd=editor.path)

    assert (forced.returncode, forced.stderr) == (0, "")
    assert forced.stdout.split("\n")[2] == "melanie      2021-01/melanie  2021-01-14 08:00 Melanie      1  updated"
    assert forced.stdout.endswith(
        f"kept your version of {SECTIONS}/melanie.md as issues/{SLUG}/kept/melanie.md.orig\n"
        "wrote 1 file, kept 1 of yours; 1 updated, 1 unchanged, 2 missing\n"
    )
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == newer
    assert (editor.path / f"issues/{SLUG}/kept/melanie.md.orig").read_text() == edited
    assert f"commit: {melanie_new}\n    files:\n      sections/melanie.md: {blob(editor, melanie_new, f'{SECTIONS}/melanie.md')}\n" in (
        editor.path / MANIFEST
    ).read_text()
    assert editor.refs() == refs


def test_merge_takes_both_where_the_editor_and_the_branch_changed_different_lines(run: Run, editor: Repo) -> None:
    melanie = checkout(editor, "melanie")
    draft = section("melanie", "Models", "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.")
    melanie.commit({f"{SECTIONS}/melanie.md": draft}, "Draft", "Melanie", "2021-01-10T10:00:00+01:00")
    assert run("collect", SLUG, cwd=editor.path).returncode == 0
    editor.commit({}, "Collect the sections", "Editor", "2021-01-13T09:00:00+00:00")
    mine = draft + "\nAn editor's note.\n"
    (editor.path / f"{SECTIONS}/melanie.md").write_text(mine)
    newer = draft.replace("First paragraph.", "First paragraph, rewritten.")
    tip = melanie.commit({f"{SECTIONS}/melanie.md": newer}, "Fix", "Melanie", "2021-01-14T08:00:00+01:00")
    held = run("collect", SLUG, cwd=editor.path)
    assert held.returncode == 1
    assert held.stdout.split("\n")[-2] == (
        "wrote 0 files; 3 missing, 1 conflict; nothing taken from 1 branch: 2021-01/melanie (conflict)"
    )

    dry = run("collect", SLUG, "--merge", "--dry-run", cwd=editor.path)
    assert dry.stdout.split("\n")[-3:] == [
        f"would merge your edits to {SECTIONS}/melanie.md with the branch's",
        "would write 1 file, would merge 1 (dry run: nothing written); 1 updated, 3 missing",
        "",
    ]
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == mine

    result = run("collect", SLUG, "--merge", "--format", "json", cwd=editor.path)

    assert (result.returncode, result.stderr) == (0, "")
    report = json.loads(result.stdout)
    assert report["merge"] is True
    assert (report["contributors"][0]["status"], report["contributors"][0]["files"]) == (
        "updated",
        [{"path": f"{SECTIONS}/melanie.md", "action": "merge", "blob": blob(editor, tip, f"{SECTIONS}/melanie.md"), "kept": None, "conflicts": 0}],
    )
    # Melanie's rewrite and the editor's note, as git would merge them: nothing of yours is gone, no copy needed.
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == newer + "\nAn editor's note.\n"
    assert not (editor.path / f"issues/{SLUG}/kept").exists()
    assert f"commit: {tip}\n    files:\n      sections/melanie.md: {blob(editor, tip, f'{SECTIONS}/melanie.md')}\n" in (
        editor.path / MANIFEST
    ).read_text()
    # Recorded as Melanie's last: the merged file counts as the editor's edits from there on.
    assert run("collect", SLUG, cwd=editor.path).stdout.endswith("wrote 0 files; 1 unchanged, 3 missing\n")


def test_merge_marks_conflicts_only_where_both_changed_the_same_lines(run: Run, editor: Repo) -> None:
    melanie = checkout(editor, "melanie")
    draft = section("melanie", "Models", "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.")
    melanie.commit({f"{SECTIONS}/melanie.md": draft}, "Draft", "Melanie", "2021-01-10T10:00:00+01:00")
    assert run("collect", SLUG, cwd=editor.path).returncode == 0
    (editor.path / f"{SECTIONS}/melanie.md").write_text(draft.replace("First paragraph.", "First paragraph, edited."))
    theirs = draft.replace("First paragraph.", "First paragraph, rewritten.").replace("Third", "The third")
    melanie.commit({f"{SECTIONS}/melanie.md": theirs}, "Rewrite", "Melanie", "2021-01-11T10:00:00+01:00")
    assert run("collect", SLUG, "--merge", "--force", cwd=editor.path).stderr == (
        "--merge: --merge keeps both versions and --force takes the branch's: choose one\n"
    )

    result = run("collect", SLUG, "--merge", cwd=editor.path)

    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.split("\n")[-4:] == [
        f"updated: {SECTIONS}/melanie.md: 2021-01/melanie: you and the branch changed the same lines in 1 place:"
        " resolve the conflict markers",
        f"merged your edits to {SECTIONS}/melanie.md with the branch's (1 conflict marked)",
        "wrote 1 file, merged 1; 1 updated, 3 missing",
        "",
    ]
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == (
        "---\ntitle: Models\nauthor: melanie\n---\n\n"
        "<<<<<<< yours\nFirst paragraph, edited.\n=======\nFirst paragraph, rewritten.\n>>>>>>> 2021-01/melanie\n"
        "\nSecond paragraph.\n\nThe third paragraph.\n"
    )


def test_editors_own_edit_stays_when_the_branch_has_nothing_new(run: Run, editor: Repo) -> None:
    deliver_melanie_and_zoe(editor)
    assert run("collect", SLUG, cwd=editor.path).returncode == 0
    edited = MELANIE.replace("Bigger models", "Big models")
    (editor.path / f"{SECTIONS}/melanie.md").write_text(edited)
    # Zoë's change, made identically by the editor: not a conflict either.
    zoe = Repo(editor.path.parent / "zoë-checkout")
    zoe.commit({f"{SECTIONS}/zoë.md": ZOE + "More.\n"}, "More", "Zoë Ng", "2021-01-14T09:00:00-05:00")
    (editor.path / f"{SECTIONS}/zoë.md").write_text(ZOE + "More.\n")
    refs = editor.refs()

    result = run("collect", SLUG, cwd=editor.path)

    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("wrote 0 files; 2 unchanged, 2 missing\n")
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == edited
    assert editor.refs() == refs


def test_a_collected_file_the_editor_deleted_is_not_brought_back_unasked(run: Run, editor: Repo) -> None:
    deliver_melanie_and_zoe(editor)
    assert run("collect", SLUG, cwd=editor.path).returncode == 0
    (editor.path / f"{SECTIONS}/zoë/chart.png").unlink()
    zoe = Repo(editor.path.parent / "zoë-checkout")
    zoe.commit({f"{SECTIONS}/zoë/chart.png": PNG + b"v2"}, "Better chart", "Zoë Ng", "2021-01-14T09:00:00-05:00")
    refs = editor.refs()

    result = run("collect", SLUG, cwd=editor.path)

    assert result.returncode == 1
    assert result.stdout.split("\n")[-3:] == [
        f"conflict: {SECTIONS}/zoë/chart.png: 2021-01/zoë: deleted here since the last collect,"
        " and changed on the branch (--force takes it)",
        "wrote 0 files; 1 unchanged, 2 missing, 1 conflict; nothing taken from 1 branch: 2021-01/zoë (conflict)",
        "",
    ]
    assert not (editor.path / f"{SECTIONS}/zoë/chart.png").exists()
    assert run("collect", SLUG, "--force", cwd=editor.path).returncode == 0
    assert (editor.path / f"{SECTIONS}/zoë/chart.png").read_bytes() == PNG + b"v2"
    assert editor.refs() == refs


def test_a_branch_deleted_after_its_collect_stays_collected(run: Run, editor: Repo) -> None:
    melanie_tip, _ = deliver_melanie_and_zoe(editor)
    assert run("collect", SLUG, cwd=editor.path).returncode == 0
    editor.git("worktree", "remove", "--force", str(editor.path.parent / "melanie-checkout"))
    editor.git("branch", "-D", f"{SLUG}/melanie")

    result = run("collect", SLUG, "--format", "json", cwd=editor.path)

    assert result.returncode == 0
    melanie = json.loads(result.stdout)["contributors"][0]
    assert (melanie["status"], melanie["branch"], melanie["collected_before"]) == ("unchanged", None, melanie_tip)
    assert f"commit: {melanie_tip}" in (editor.path / MANIFEST).read_text()


def test_a_stub_the_editor_filled_in_is_a_conflict_on_first_collect(run: Run, editor: Repo) -> None:
    deliver_melanie_and_zoe(editor)
    mine = section("melanie", "By the editor", "Written for Melanie.")
    (editor.path / f"{SECTIONS}/melanie.md").write_text(mine)
    refs = editor.refs()

    result = run("collect", SLUG, cwd=editor.path)

    assert result.returncode == 1
    assert "melanie      2021-01/melanie  2021-01-11 10:00 Melanie      1  conflict" in result.stdout
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == mine
    assert "  melanie:" not in (editor.path / MANIFEST).read_text()
    assert editor.refs() == refs


def test_a_branch_that_replaces_its_untouched_stub_with_other_files_is_taken(run: Run, editor: Repo) -> None:
    # Nisha writes two pieces this month: her stub goes, as git would merge it, since nobody else touched it.
    nisha = checkout(editor, "nisha")
    first, second = section("nisha", "Data", "Data."), section("nisha", "Charts", "Charts.")
    tip = nisha.commit(
        {f"{SECTIONS}/nisha.md": None, f"{SECTIONS}/nisha-1.md": first, f"{SECTIONS}/nisha-2.md": second},
        "Two pieces", "Nisha", "2021-01-09T12:00:00+05:30",
    )  # fmt: skip
    refs = editor.refs()

    result = run("collect", SLUG, "--format", "json", cwd=editor.path)

    assert (result.returncode, result.stderr) == (0, "")
    (entry,) = [c for c in json.loads(result.stdout)["contributors"] if c["contributor"] == "nisha"]
    assert entry["status"] == "new"
    assert [(f["path"], f["action"], f["kept"]) for f in entry["files"]] == [
        (f"{SECTIONS}/nisha-1.md", "write", None),
        (f"{SECTIONS}/nisha-2.md", "write", None),
        (f"{SECTIONS}/nisha.md", "remove", None),
    ]
    assert not (editor.path / f"{SECTIONS}/nisha.md").exists()
    assert (editor.path / f"{SECTIONS}/nisha-1.md").read_text() == first
    assert (editor.path / f"{SECTIONS}/nisha-2.md").read_text() == second
    assert not (editor.path / f"issues/{SLUG}/kept").exists()  # the stub is in git: nothing of yours lost
    assert (editor.path / MANIFEST).read_text() == manifest(
        editor,
        nisha=(
            f"{SLUG}/nisha",
            tip,
            {
                "sections/nisha-1.md": blob(editor, tip, f"{SECTIONS}/nisha-1.md"),
                "sections/nisha-2.md": blob(editor, tip, f"{SECTIONS}/nisha-2.md"),
            },
        ),
    )
    assert editor.refs() == refs
    assert run("collect", SLUG, cwd=editor.path).stdout.endswith("wrote 0 files; 1 unchanged, 3 missing\n")


def test_a_branch_that_deletes_a_file_the_editor_edited_is_held_and_says_so(run: Run, editor: Repo) -> None:
    nisha = checkout(editor, "nisha")
    tip = nisha.commit({f"{SECTIONS}/nisha.md": None}, "Not this month", "Nisha", "2021-01-09T12:00:00+05:30")
    mine = section("nisha", "Written for Nisha", "By the editor.")
    (editor.path / f"{SECTIONS}/nisha.md").write_text(mine)
    refs = editor.refs()

    result = run("collect", SLUG, cwd=editor.path)

    assert result.returncode == 1
    assert result.stdout.split("\n")[4:] == [
        "nisha        2021-01/nisha    2021-01-09 12:00 Nisha       1  deleted",
        "zoë          2021-01/zoë      2021-01-05 09:00 Editor      0  missing",
        f"deleted: {SECTIONS}/nisha.md: 2021-01/nisha: the branch deletes this file, which you edited;"
        " yours is kept (delete it yourself, or collect with --force)",
        "wrote 0 files; 3 missing, 1 deleted; nothing taken from 1 branch: 2021-01/nisha (deleted)",
        "",
    ]
    assert (editor.path / f"{SECTIONS}/nisha.md").read_text() == mine
    assert (editor.path / MANIFEST).read_text() == manifest(editor)

    forced = run("collect", SLUG, "--force", "--format", "json", cwd=editor.path)

    assert forced.returncode == 0
    (entry,) = [c for c in json.loads(forced.stdout)["contributors"] if c["contributor"] == "nisha"]
    assert (entry["status"], entry["files"]) == (
        "new",
        [
            {
                "path": f"{SECTIONS}/nisha.md",
                "action": "remove",
                "blob": None,
                "kept": f"issues/{SLUG}/kept/nisha.md.orig",
                "conflicts": 0,
            }
        ],
    )
    assert not (editor.path / f"{SECTIONS}/nisha.md").exists()
    assert (editor.path / f"issues/{SLUG}/kept/nisha.md.orig").read_text() == mine
    assert (editor.path / MANIFEST).read_text() == manifest(editor, nisha=(f"{SLUG}/nisha", tip, {}))
    assert editor.refs() == refs
    # Once gone on both sides, there is nothing left to say.
    assert run("collect", SLUG, cwd=editor.path).stdout.endswith("wrote 0 files; 1 unchanged, 3 missing\n")


def test_two_branches_changing_one_file(run: Run, editor: Repo) -> None:
    shared = f"{SECTIONS}/shared/sources.txt"
    melanie = checkout(editor, "melanie")
    melanie.commit({f"{SECTIONS}/melanie.md": MELANIE, shared: "arXiv\n"}, "S", "Melanie", "2021-01-10T10:00:00+01:00")
    andrew = checkout(editor, "andrew")
    andrew.commit({f"{SECTIONS}/andrew.md": section("andrew", "Tools", "Tools."), shared: "PapersWithCode\n"}, "S", "Andrew", "2021-01-10T11:00:00+01:00")
    nisha = checkout(editor, "nisha")
    nisha.commit({f"{SECTIONS}/nisha.md": section("nisha", "Data", "Data."), f"{SECTIONS}/shared/glossary.txt": "ML\n"}, "S", "Nisha", "2021-01-10T12:00:00+01:00")
    zoe = checkout(editor, "zoë")
    zoe.commit({f"{SECTIONS}/shared/glossary.txt": "ML\n"}, "S", "Zoë Ng", "2021-01-10T13:00:00+01:00")
    before = files_under(editor.path / SECTIONS)
    refs = editor.refs()

    result = run("collect", SLUG, "--format", "json", cwd=editor.path)

    assert result.returncode == 1
    report = {c["contributor"]: c for c in json.loads(result.stdout)["contributors"]}
    assert {c: r["status"] for c, r in report.items()} == {"melanie": "conflict", "andrew": "conflict", "nisha": "new", "zoë": "new"}
    assert [(f["path"], f["action"]) for f in report["melanie"]["files"]] == [
        (f"{SECTIONS}/melanie.md", "held"),
        (shared, "conflict"),
    ]
    assert report["melanie"]["problems"] == [
        f"{shared}: 2021-01/melanie: changed differently on the branch of andrew too; neither version is taken"
    ]
    assert report["andrew"]["problems"] == [
        f"{shared}: 2021-01/andrew: changed differently on the branch of melanie too; neither version is taken"
    ]
    # Changed identically on two branches: not a conflict.
    assert files_under(editor.path / SECTIONS) == {
        **before,
        "nisha.md": section("nisha", "Data", "Data.").encode(),
        "shared/glossary.txt": b"ML\n",
    }
    # --force settles the editor's edits, not two contributors' disagreement.
    forced = run("collect", SLUG, "--force", cwd=editor.path)
    assert forced.returncode == 1
    assert forced.stdout.endswith(
        "wrote 0 files; 2 unchanged, 2 conflict;"
        " nothing taken from 2 branches: 2021-01/melanie (conflict), 2021-01/andrew (conflict)\n"
    )
    assert not (editor.path / shared).exists()
    assert editor.refs() == refs


def test_refused_files_reject_the_whole_branch(run: Run, editor: Repo, tmp_path: Path) -> None:
    # Melanie: a symbolic link. Andrew: a change outside the sections folder.
    melanie = checkout(editor, "melanie")
    (melanie.path / SECTIONS / "secrets.md").symlink_to("/etc/passwd")
    melanie.commit({f"{SECTIONS}/melanie.md": MELANIE}, "S", "Melanie", "2021-01-10T10:00:00+01:00")
    andrew = checkout(editor, "andrew")
    andrew.commit(
        {f"{SECTIONS}/andrew.md": section("andrew", "Tools", "Tools."), f"issues/{SLUG}/issue.md": "---\ndate: 2021-01-21\n---\n"},
        "S", "Andrew", "2021-01-10T11:00:00+01:00",
    )  # fmt: skip
    # Nisha: a section claiming another author, a binary that is no image, a file over 1 MiB.
    nisha = checkout(editor, "nisha")
    nisha.commit(
        {
            f"{SECTIONS}/nisha.md": section("andrew", "Data", "Data."),
            f"{SECTIONS}/nisha/data.bin": b"ok\n\xff\xfe",
            f"{SECTIONS}/nisha/big.txt": "x" * (1024 * 1024 + 1),
        },
        "S", "Nisha", "2021-01-10T12:00:00+01:00",
    )  # fmt: skip
    # Zoë: an image no section shows.
    zoe = checkout(editor, "zoë")
    zoe.commit({f"{SECTIONS}/zoë.md": ZOE, f"{SECTIONS}/zoë/chart.png": PNG, f"{SECTIONS}/zoë/other.png": PNG}, "S", "Zoë Ng", "2021-01-10T13:00:00+01:00")
    # Victor, who is not in the registry, has a branch too.
    editor.git("branch", f"{SLUG}/victor", editor.git("rev-parse", f"{SLUG}/zoë"))
    before = files_under(editor.path)
    refs = editor.refs()

    result = run("collect", SLUG, cwd=editor.path)

    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.split("\n")[1:] == [
        "CONTRIBUTOR  BRANCH           LAST COMMIT               FILES  STATUS",
        "melanie      2021-01/melanie  2021-01-10 10:00 Melanie      2  rejected",
        "andrew       2021-01/andrew   2021-01-10 11:00 Andrew       2  rejected",
        "nisha        2021-01/nisha    2021-01-10 12:00 Nisha        3  rejected",
        "zoë          2021-01/zoë      2021-01-10 13:00 Zoë Ng       3  rejected",
        "victor       2021-01/victor   2021-01-10 13:00 Zoë Ng       3  rejected",
        f"rejected: {SECTIONS}/secrets.md: 2021-01/melanie: a symbolic link; collect takes regular files only",
        f"rejected: issues/{SLUG}/issue.md: 2021-01/andrew: outside the issue's sections folder ({SECTIONS});"
        " collect takes only files in it",
        f"rejected: {SECTIONS}/nisha.md:3: 2021-01/nisha: its author is 'andrew', not 'nisha' whose branch this is",
        f"rejected: {SECTIONS}/nisha/big.txt: 2021-01/nisha: 1048577 bytes: over the 1 MiB that collect takes",
        f"rejected: {SECTIONS}/nisha/data.bin:2: 2021-01/nisha: not UTF-8 text (byte 0xff);"
        " collect takes text, and images sections show",
        f"rejected: {SECTIONS}/zoë/other.png: 2021-01/zoë: an image that no section shows;"
        " collect takes binary files only as images sections show",
        "rejected: editorial.yaml: 2021-01/victor: the contributor 'victor' is not in the contributor registry",
        f"rejected: {SECTIONS}/zoë.md:3: 2021-01/victor: its author is 'zoë', not 'victor' whose branch this is",
        f"rejected: {SECTIONS}/zoë/other.png: 2021-01/victor: an image that no section shows;"
        " collect takes binary files only as images sections show",
        "wrote 0 files; 5 rejected; nothing taken from 5 branches:"
        " 2021-01/melanie (rejected), 2021-01/andrew (rejected), 2021-01/nisha (rejected) and 2 more",
        "",
    ]
    assert files_under(editor.path) == {**before, MANIFEST: manifest(editor).encode()}
    assert editor.refs() == refs


def test_an_unsigned_section_comes_from_any_branch_and_a_slot_must_have_a_marker(run: Run, editor: Repo) -> None:
    frame = editor.path / f"issues/{SLUG}/issue.md"
    frame.write_text(frame.read_text() + "\n<!-- editorial:sections recommended-reading -->\n")
    editor.commit({}, "A reading part", "Editor", "2021-01-06T09:00:00+00:00")
    team = "---\ntitle: From all of us\nslot: recommended-reading\n---\n\nThe team's piece.\n"
    andrew = checkout(editor, "andrew")
    andrew.commit({f"{SECTIONS}/team.md": team}, "The team's piece", "Andrew", "2021-01-10T11:00:00+01:00")
    melanie = checkout(editor, "melanie")
    typo = section("melanie", "Picks", "Read this.").replace("author: melanie\n", "author: melanie\nslot: recomended-reading\n")
    melanie.commit({f"{SECTIONS}/melanie.md": typo}, "My pick", "Melanie", "2021-01-10T10:00:00+01:00")

    result = run("collect", SLUG, cwd=editor.path)

    assert result.returncode == 1
    assert result.stdout.split("\n")[2:4] == [
        "melanie      2021-01/melanie  2021-01-10 10:00 Melanie      1  rejected",
        "andrew       2021-01/andrew   2021-01-10 11:00 Andrew       1  new",
    ]
    assert result.stdout.split("\n")[-3:] == [
        f"rejected: {SECTIONS}/melanie.md:4: 2021-01/melanie: the slot 'recomended-reading' has no marker in issue.md"
        " (its slots: 'main', 'recommended-reading'); did you mean 'recommended-reading'?",
        "wrote 1 file; 1 new, 2 missing, 1 rejected; nothing taken from 1 branch: 2021-01/melanie (rejected)",
        "",
    ]
    assert (editor.path / f"{SECTIONS}/team.md").read_text() == team


def test_contributor_who_merged_the_collect_back_is_unchanged_not_missing(run: Run, editor: Repo) -> None:
    melanie_tip, _ = deliver_melanie_and_zoe(editor)
    assert run("collect", SLUG, cwd=editor.path).returncode == 0
    editor.commit({}, "Collect", "Editor", "2021-01-13T09:00:00+00:00")
    melanie = Repo(editor.path.parent / "melanie-checkout")
    melanie.git("merge", "--quiet", "--no-edit", "main", who="Melanie", when="2021-01-14T09:00:00+01:00")
    refs = editor.refs()

    result = run("collect", SLUG, cwd=editor.path)

    assert result.returncode == 0
    assert result.stdout.split("\n")[2] == "melanie      2021-01/melanie  2021-01-14 09:00 Melanie      1  unchanged"
    assert editor.refs() == refs


def test_collect_from_a_remote_after_fetching(run: Run, editor: Repo, tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", str(origin))
    editor.git("remote", "add", "origin", str(origin))
    editor.git("push", "--quiet", "origin", "--all")
    # Each contributor works in a clone of their own and pushes.
    tips = {}
    for who, name, text, when in [
        ("melanie", "Melanie", MELANIE, "2021-01-10T10:00:00+01:00"),
        ("zoë", "Zoë Ng", section("zoë", "Charts", "No chart yet."), "2021-01-11T10:00:00+01:00"),
    ]:
        mine = clone(origin, tmp_path / f"{who}-clone", name)
        mine.git("checkout", "--quiet", f"{SLUG}/{who}")
        tips[who] = mine.commit({f"{SECTIONS}/{who}.md": text}, "Section", name, when)
        mine.git("push", "--quiet", "origin", f"{SLUG}/{who}")
    remote_refs = git(origin, "for-each-ref", "--format=%(refname) %(objectname) %(tree)")
    clone_refs = Repo(tmp_path / "melanie-clone").refs()
    local_refs = editor.git("for-each-ref", "--format=%(refname) %(objectname)", "refs/heads")

    result = run("collect", SLUG, "--remote", "origin", "--fetch", cwd=editor.path)

    assert (result.returncode, result.stderr) == (0, "")
    head = editor.git("rev-parse", "HEAD")
    assert result.stdout == (
        f"collect 2021-01 from the branches of the remote 'origin' onto main ({head[:12]})\n"
        "CONTRIBUTOR  BRANCH                  LAST COMMIT               FILES  STATUS\n"
        "melanie      origin/2021-01/melanie  2021-01-10 10:00 Melanie      1  new\n"
        "andrew       origin/2021-01/andrew   2021-01-05 09:00 Editor       0  missing\n"
        "nisha        origin/2021-01/nisha    2021-01-05 09:00 Editor       0  missing\n"
        "zoë          origin/2021-01/zoë      2021-01-11 10:00 Zoë Ng       1  new\n"
        "wrote 2 files; 2 new, 2 missing\n"
    )
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == MELANIE
    text = (editor.path / MANIFEST).read_text()
    assert text.startswith(HEADER + "remote: origin\ncontributors:\n  melanie:\n    branch: origin/2021-01/melanie\n")
    assert git(origin, "for-each-ref", "--format=%(refname) %(objectname) %(tree)") == remote_refs
    assert Repo(tmp_path / "melanie-clone").refs() == clone_refs
    assert editor.git("for-each-ref", "--format=%(refname) %(objectname)", "refs/heads") == local_refs


def test_detached_head_is_the_base(run: Run, editor: Repo) -> None:
    deliver_melanie_and_zoe(editor)
    editor.git("checkout", "--quiet", "--detach")
    head = editor.git("rev-parse", "HEAD")
    refs = editor.refs()

    result = run("collect", SLUG, "--format", "json", cwd=editor.path)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["base"] == {"commit": head, "branch": None}
    assert json.loads(result.stdout)["counts"]["new"] == 2
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == MELANIE
    assert editor.refs() == refs
    text = run("collect", SLUG, "--dry-run", cwd=editor.path)
    assert text.stdout.split("\n")[0] == (
        f"collect 2021-01 from local branches onto detached HEAD at {head[:12]} (the merge bases are taken with that commit)"
    )


def test_errors(run: Run, editor: Repo, tmp_path: Path) -> None:
    cases = {
        ("collect", SLUG, "--remote", "upstream"): ".: no git remote named 'upstream' (remotes: none)\n",
        ("collect", SLUG, "--fetch"): "--fetch: --fetch needs --remote NAME: the remote to fetch from\n",
        ("collect", "2099-01"): "issues/2099-01/issue.md: no issue '2099-01' (create it with 'editorial new-issue 2099-01')\n",
    }
    for args, stderr in cases.items():
        result = run(*args, cwd=editor.path)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", stderr), args
    editor.git("remote", "add", "gone", str(tmp_path / "no-such-repository"))
    result = run("collect", SLUG, "--remote", "gone", "--fetch", cwd=editor.path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(".: could not fetch from the remote 'gone': ")
    assert not (editor.path / MANIFEST).exists()

    plain = tmp_path / "plain"
    (plain / "issues" / SLUG).mkdir(parents=True)
    (plain / "editorial.yaml").write_bytes((editor.path / "editorial.yaml").read_bytes())
    (plain / "issues" / SLUG / "issue.md").write_bytes((editor.path / f"issues/{SLUG}/issue.md").read_bytes())
    result = run("collect", SLUG, cwd=plain)
    assert (result.returncode, result.stderr) == (2, ".: not a git repository (editorial's branches live in git: run 'git init' here)\n")
    git(plain, "init", "--quiet")
    result = run("collect", SLUG, cwd=plain)
    assert (result.returncode, result.stderr) == (
        2,
        ".: the git repository has no commits yet; commit editorial.yaml and the issue first\n",
    )

    (editor.path / MANIFEST).write_text("remote: null\ncontributors:\n  melanie:\n    branch: x\n    commit: nope\n")
    result = run("collect", SLUG, cwd=editor.path)
    assert (result.returncode, result.stderr) == (
        2,
        f"{MANIFEST}:5: 'melanie' must have a 'commit' id (collect wrote this file: restore it from git)\n",
    )


def test_shallow_clone_says_how_to_fix_it(run: Run, editor: Repo, tmp_path: Path) -> None:
    melanie = checkout(editor, "melanie")
    for n in range(3):
        melanie.commit({f"{SECTIONS}/melanie.md": MELANIE + f"{n}\n"}, f"take {n}", "Melanie", f"2021-01-1{n}T10:00:00+01:00")
    editor.commit({"notes.txt": "1\n"}, "More", "Editor", "2021-01-13T10:00:00+00:00")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "1", "--no-single-branch", f"file://{editor.path}", str(shallow))

    result = run("collect", SLUG, "--remote", "origin", cwd=shallow)

    assert result.returncode == 2
    assert result.stderr == (
        ".: this is a shallow clone and the history that origin/2021-01/andrew, origin/2021-01/melanie,"
        " origin/2021-01/nisha and 1 other branch shares with HEAD is not in it,"
        " so there is no merge base to compare with; run 'git fetch --unshallow' (or fetch with a larger --depth),"
        " then collect again\n"
    )
    assert not (shallow / MANIFEST).exists()


def test_custom_branch_pattern(run: Run, tmp_path: Path) -> None:
    repo = newsletter(tmp_path / "news", REGISTRY + "collect:\n  branch: drafts/{issue}/by/{contributor}\n")
    assert run("new-issue", SLUG, "--date", "2021-01-20", "--contributors", "zoë", "--branches", cwd=repo.path).returncode == 0
    zoe = repo.worktree(f"drafts/{SLUG}/by/zoë", tmp_path / "zoë")
    zoe.commit({f"{SECTIONS}/zoë.md": ZOE, f"{SECTIONS}/zoë/chart.png": PNG}, "S", "Zoë Ng", "2021-01-10T10:00:00+01:00")
    # Not the pattern's: ignored.
    repo.git("branch", f"{SLUG}/zoë", zoe.git("rev-parse", "HEAD"))
    repo.git("branch", f"drafts/{SLUG}/zoë", zoe.git("rev-parse", "HEAD"))
    refs = repo.refs()

    result = run("collect", SLUG, cwd=repo.path)

    assert result.returncode == 0, result.stdout
    assert result.stdout.split("\n")[1:4] == [
        "CONTRIBUTOR  BRANCH                 LAST COMMIT              FILES  STATUS",
        "zoë          drafts/2021-01/by/zoë  2021-01-10 10:00 Zoë Ng      2  new",
        "wrote 2 files; 1 new",
    ]
    assert (repo.path / f"{SECTIONS}/zoë/chart.png").read_bytes() == PNG
    assert repo.refs() == refs


def test_force_keeps_yours_where_no_file_of_a_branch_can_reach_it(run: Run, editor: Repo) -> None:
    # Melanie commits her section and, as git mergetool leaves it, melanie.md.orig.
    melanie = checkout(editor, "melanie")
    theirs_orig = "left over from a merge\n"
    melanie.commit({f"{SECTIONS}/melanie.md": MELANIE, f"{SECTIONS}/melanie.md.orig": theirs_orig}, "S", "Melanie", "2021-01-10T10:00:00+01:00")
    mine = (editor.path / f"{SECTIONS}/melanie.md").read_text() + "The editor's line.\n"
    (editor.path / f"{SECTIONS}/melanie.md").write_text(mine)

    result = run("collect", SLUG, cwd=editor.path)

    assert result.returncode == 1
    assert result.stdout.split("\n")[-3:] == [
        f"conflict: {SECTIONS}/melanie.md: 2021-01/melanie: edited here since the last collect, and changed on the branch;"
        f" yours is kept (--merge merges the two, --force takes the branch's and keeps yours as issues/{SLUG}/kept/melanie.md.orig)",
        "wrote 0 files; 3 missing, 1 conflict; nothing taken from 1 branch: 2021-01/melanie (conflict)",
        "",
    ]

    dry = run("collect", SLUG, "--force", "--dry-run", cwd=editor.path)
    assert dry.stdout.split("\n")[-3:] == [
        f"would keep your version of {SECTIONS}/melanie.md as issues/{SLUG}/kept/melanie.md.orig",
        "would write 2 files, would keep 1 of yours (dry run: nothing written); 1 new, 3 missing",
        "",
    ]
    assert not (editor.path / f"issues/{SLUG}/kept").exists()

    forced = run("collect", SLUG, "--force", cwd=editor.path)

    assert (forced.returncode, forced.stderr) == (0, "")
    assert forced.stdout.split("\n")[-3:] == [
        f"kept your version of {SECTIONS}/melanie.md as issues/{SLUG}/kept/melanie.md.orig",
        "wrote 2 files, kept 1 of yours; 1 new, 3 missing",
        "",
    ]
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == MELANIE
    assert (editor.path / f"{SECTIONS}/melanie.md.orig").read_text() == theirs_orig
    assert files_under(editor.path / f"issues/{SLUG}/kept") == {"melanie.md.orig": mine.encode()}

    # Again: the editor edits both files, Melanie changes both. The first kept copy stays as it was.
    mine_again = MELANIE + "Second thoughts.\n"
    (editor.path / f"{SECTIONS}/melanie.md").write_text(mine_again)
    (editor.path / f"{SECTIONS}/melanie.md.orig").write_text(theirs_orig + "Tidied by the editor.\n")
    newer = MELANIE.replace("keep growing", "keep on growing")
    melanie.commit({f"{SECTIONS}/melanie.md": newer, f"{SECTIONS}/melanie.md.orig": "another merge\n"}, "S2", "Melanie", "2021-01-11T10:00:00+01:00")

    again = run("collect", SLUG, "--force", "--format", "json", cwd=editor.path)

    assert again.returncode == 0, again.stdout
    files = json.loads(again.stdout)["contributors"][0]["files"]
    assert [(f["path"], f["action"], f["kept"]) for f in files] == [
        (f"{SECTIONS}/melanie.md", "write", f"issues/{SLUG}/kept/melanie.md.orig.2"),
        (f"{SECTIONS}/melanie.md.orig", "write", f"issues/{SLUG}/kept/melanie.md.orig.orig"),
    ]
    assert files_under(editor.path / f"issues/{SLUG}/kept") == {
        "melanie.md.orig": mine.encode(),
        "melanie.md.orig.2": mine_again.encode(),
        "melanie.md.orig.orig": (theirs_orig + "Tidied by the editor.\n").encode(),
    }
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == newer
    assert (editor.path / f"{SECTIONS}/melanie.md.orig").read_text() == "another merge\n"


def test_a_branch_cannot_write_into_the_kept_folder(run: Run, editor: Repo) -> None:
    (editor.path / f"issues/{SLUG}/kept").mkdir()
    (editor.path / f"issues/{SLUG}/kept/melanie.md.orig").write_text("kept earlier\n")
    melanie = checkout(editor, "melanie")
    melanie.commit({f"{SECTIONS}/melanie.md": MELANIE, f"issues/{SLUG}/kept/melanie.md.orig": "mine now\n"}, "S", "Melanie", "2021-01-10T10:00:00+01:00")

    result = run("collect", SLUG, "--force", cwd=editor.path)

    assert result.returncode == 1
    assert f"rejected: issues/{SLUG}/kept/melanie.md.orig: 2021-01/melanie: outside the issue's sections folder" in result.stdout
    assert (editor.path / f"issues/{SLUG}/kept/melanie.md.orig").read_text() == "kept earlier\n"


def test_a_kept_folder_that_is_a_file_or_leads_elsewhere_stops_force_before_anything_is_written(
    run: Run, editor: Repo, tmp_path: Path
) -> None:
    melanie = checkout(editor, "melanie")
    melanie.commit({f"{SECTIONS}/melanie.md": MELANIE}, "S", "Melanie", "2021-01-10T10:00:00+01:00")
    mine = (editor.path / f"{SECTIONS}/melanie.md").read_text() + "Mine.\n"
    (editor.path / f"{SECTIONS}/melanie.md").write_text(mine)
    kept = editor.path / f"issues/{SLUG}/kept"
    kept.write_text("a note\n")
    before = files_under(editor.path)

    result = run("collect", SLUG, "--force", cwd=editor.path)

    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"issues/{SLUG}/kept: a file stands where collect keeps your versions; move it away, then collect again\n"
    )
    assert files_under(editor.path) == before

    kept.unlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    kept.symlink_to(elsewhere)

    result = run("collect", SLUG, "--force", cwd=editor.path)

    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"issues/{SLUG}/kept: leads out of the issue's kept folder (a symbolic link?); collect keeps your versions only there\n"
    )
    assert list(elsewhere.iterdir()) == []
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == mine


# Branch names git accepts that give no contributor id: each reported, none taken.
ODD_BRANCHES = {
    f"{SLUG}/melanie;rm": "'melanie;rm' is not a contributor id: ids are letters, digits, '.', '-' or '_'",
    f"{SLUG}/melanie/wip": "'melanie/wip' is not a contributor id: it has a '/'",
    f"{SLUG}/zoe\u0308": "'zoe\u0308' is not a contributor id: it is 'zoë' written with combining characters ('zoe\\u0308');"
    " name the branch with the id as editorial.yaml spells it",
    f"{SLUG}/nisha\u202e": "'nisha\\u202e' is not a contributor id: ids are letters, digits, '.', '-' or '_'",
    f"{SLUG}/\udcff\udcfe": "'\\xff\\xfe' is not a contributor id: the branch's name is not UTF-8",
}


def odd_branches(editor: Repo) -> str:
    """Melanie's section on each of ODD_BRANCHES; the commit."""
    melanie = checkout(editor, "melanie")
    tip = melanie.commit({f"{SECTIONS}/melanie.md": MELANIE}, "S", "Melanie", "2021-01-10T10:00:00+01:00")
    melanie.git("checkout", "--quiet", "--detach")
    editor.git("branch", "-D", f"{SLUG}/melanie")
    for name in ODD_BRANCHES:
        editor.git("update-ref", f"refs/heads/{name}", tip)
    return tip


def test_branches_named_like_the_issues_but_giving_no_contributor_are_reported(run: Run, editor: Repo) -> None:
    odd_branches(editor)
    stubs = files_under(editor.path / SECTIONS)

    result = run("collect", SLUG, cwd=editor.path)

    assert (result.returncode, result.stderr) == (1, "")
    shown = {
        f"{SLUG}/melanie;rm": f"{SLUG}/melanie;rm",
        f"{SLUG}/melanie/wip": f"{SLUG}/melanie/wip",
        f"{SLUG}/zoe\u0308": f"{SLUG}/zoe\u0308",
        f"{SLUG}/nisha\u202e": f"{SLUG}/nisha\\u202e",
        f"{SLUG}/\udcff\udcfe": f"{SLUG}/\\xff\\xfe",
    }
    # In the order git lists them: by the bytes of their names.
    order = sorted(ODD_BRANCHES, key=lambda n: n.encode("utf-8", "surrogateescape"))
    assert result.stdout.split("\n")[2:] == [
        "melanie      -               -                            0  missing",
        "andrew       2021-01/andrew  2021-01-05 09:00 Editor      0  missing",
        "nisha        2021-01/nisha   2021-01-05 09:00 Editor      0  missing",
        "zoë          2021-01/zoë     2021-01-05 09:00 Editor      0  missing",
        *(f"ignored branch: {shown[n]}: {ODD_BRANCHES[n]}" for n in order),
        "wrote 0 files; 4 missing, 5 ignored branches",
        "",
    ]
    assert files_under(editor.path / SECTIONS) == stubs

    report = json.loads(run("collect", SLUG, "--format", "json", cwd=editor.path).stdout)
    assert report["ignored_branches"] == [{"branch": shown[n], "reason": ODD_BRANCHES[n]} for n in order]
    assert report["exit_code"] == 1


def test_collect_killed_at_random_moments_leaves_no_litter_and_loses_nothing(editor: Repo) -> None:
    rng = random.Random(12)
    branch = f"{SLUG}/melanie"
    paths = [f"{SECTIONS}/melanie.md", *(f"{SECTIONS}/melanie/notes-{n:03}.txt" for n in range(200))]
    base = {path: section("melanie", "Notes", "x" * 800) if path.endswith(".md") else "y" * 800 + "\n" for path in paths}
    versions: dict[str, set[bytes]] = {path: {base[path].encode()} for path in paths}  # every version the file had
    tip = editor.commit_on(branch, base, "Notes", "Melanie", "2021-01-06T10:00:00+01:00")
    command = [sys.executable, "-m", "editorial", "collect", SLUG, "--force"]
    started = time.monotonic()
    assert subprocess.run(command, cwd=editor.path, capture_output=True).returncode == 0
    duration = time.monotonic() - started
    mine: list[str] = []  # the editor's lines
    killed = 0
    for round in range(25):
        contents = {path: base[path] + f"<m{round}>\n" for path in paths}
        tip = editor.commit_on(branch, contents, f"Round {round}", "Melanie", f"2021-01-07T10:{round:02}:00+01:00")
        for path in paths:
            versions[path].add(contents[path].encode())
        for path in rng.sample(paths, 3):
            line = f"<E{round}-{paths.index(path)}>\n"
            with open(editor.path / path, "a") as handle:
                handle.write(line)
            mine.append(line)
            versions[path].add((editor.path / path).read_bytes())

        process = subprocess.Popen(command, cwd=editor.path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration * 1.1))
        process.kill()
        killed += process.wait() == -signal.SIGKILL

        litter = [p for p in (editor.path / "issues").rglob("*") if p.name.startswith(".") or p.name.endswith(".tmp")]
        assert litter == []
        kept = {p: p.read_bytes() for p in (editor.path / f"issues/{SLUG}/kept").rglob("*") if p.is_file()}
        sections = {path: (editor.path / path).read_bytes() for path in paths}
        for path, data in sections.items():
            assert data in versions[path], f"{path} is neither a version it had nor the branch's: written in part?"
        for copy, data in kept.items():
            source = f"{SECTIONS}/" + copy.relative_to(editor.path / f"issues/{SLUG}/kept").as_posix().split(".orig")[0]
            assert data in versions[source], f"{copy} is not a version of {source} whole"
        everything = b"".join([*sections.values(), *kept.values()]).decode()
        assert [line for line in mine if line not in everything] == []

    assert killed >= 8, f"only {killed} of 25 runs were killed before they finished"
    final = subprocess.run(command, cwd=editor.path, capture_output=True, text=True)
    assert final.returncode == 0, final.stdout + final.stderr
    assert {path: (editor.path / path).read_text() for path in paths} == contents
    assert f"commit: {tip}" in (editor.path / MANIFEST).read_text()
    assert list((editor.path / ".git" / "editorial" / "tmp").iterdir()) == []
    kept_text = "".join(p.read_text() for p in (editor.path / f"issues/{SLUG}/kept").rglob("*") if p.is_file())
    assert [line for line in mine if line not in kept_text] == []
    assert [line for line in editor.git("status", "--porcelain", "--untracked-files=all", "--ignored").split("\n") if ".tmp" in line] == []


KEPT = f"issues/{SLUG}/kept"
# Hundreds of repositories made and removed: in memory where the system offers it.
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
# What the contributors of the randomized test write: their section, the .orig files
# git mergetool leaves behind, and a file where collect keeps the editor's versions
# (which rejects their branch until they delete it).
PLACES = ("{}.md", "{}.md.orig", "{}/notes.txt", "{}/notes.txt.orig", "../kept/{}.md.orig")
# A step: (what, who, where); a contributor writes or deletes, the editor edits,
# collects (with --force where "where" is the second or fourth place, with --merge where it is
# the third or fifth) or, now and then, commits all
# (the kept copies too, as 'git add --all' does).
STEPS = st.tuples(
    st.sampled_from(["write", "write", "delete", "edit", "edit", "collect", "collect", "commit"]),
    st.sampled_from(["melanie", "andrew"]),
    st.sampled_from(PLACES),
)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A newsletter repository with issue 2021-01 and a branch each for melanie and andrew: copied, not rebuilt."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in gitrepo.ISOLATED.items():
            patch.setenv(name, value)
        repo = newsletter(tmp_path_factory.mktemp("template") / "news")
        scaffold(load_settings(repo.path / "editorial.yaml"), SLUG, "2021-01-20", None, ["melanie", "andrew"], branches=True)
    # Copied and removed for every example: as few files as git can do with.
    repo.git("gc", "--quiet")
    for extra in ("hooks", "logs", "info", "branches", "description", "COMMIT_EDITMSG"):
        shutil.rmtree(repo.path / ".git" / extra) if (repo.path / ".git" / extra).is_dir() else (repo.path / ".git" / extra).unlink(missing_ok=True)
    return repo.path


class Newsroom:
    """The editor's working tree and two contributors' branches, and everything each of them wrote."""

    def __init__(self, path: Path) -> None:
        self.editor = Repo(path)
        self.settings = load_settings(path / "editorial.yaml")
        self.stubs = {f"{SECTIONS}/{who}.md": (path / f"{SECTIONS}/{who}.md").read_text() for who in ("melanie", "andrew")}
        self.branches = {who: {f"{SECTIONS}/{who}.md": self.stubs[f"{SECTIONS}/{who}.md"]} for who in ("melanie", "andrew")}
        self.mine: list[str] = []  # the editor's lines, each once
        self.kept: dict[str, bytes] = {}  # every copy collect kept, as it kept it
        self.merged: set[str] = set()  # files merged three ways (--merge), until a branch's version replaces them
        self.commits = 0

    def files(self) -> dict[str, bytes]:
        """The sections and the kept copies, by path."""
        return {
            p.relative_to(self.editor.path).as_posix(): p.read_bytes()
            for folder in (SECTIONS, KEPT)
            for p in sorted((self.editor.path / folder).rglob("*"))
            if p.is_file()
        }

    def contribute(self, action: str, who: str, place: str) -> None:
        path = posixpath.normpath(f"{SECTIONS}/{place.format(who)}")
        files = self.branches[who]
        self.commits += 1
        if action == "delete":
            if path not in files:
                return
            del files[path]
        else:
            line = f"<{who}{self.commits}>\n"
            current = files.get(path)
            if path.endswith(".md") and current in (None, self.stubs.get(path)):
                files[path] = section(who, f"Take {self.commits}", line)  # a section collect takes: titled, by them
            else:
                files[path] = (current or "") + line
        when = f"2021-01-{10 + self.commits // 60:02}T{self.commits // 60 % 24:02}:{self.commits % 60:02}:00+00:00"
        self.editor.commit_on(f"{SLUG}/{who}", {path: files.get(path)}, f"Step {self.commits}", who.title(), when)

    def edit(self, who: str, place: str) -> None:
        path = self.editor.path / posixpath.normpath(f"{SECTIONS}/{place.format(who)}")
        line = f"<E{len(self.mine)}>\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(line)
        self.mine.append(line)
        relative = self.editor.relative(path)
        if relative in self.kept:  # the editor may edit a kept copy: then it is theirs as edited
            self.kept[relative] = path.read_bytes()

    def collect(self, force: bool = False, merge: bool = False) -> None:
        before = self.files()
        collection = collect(self.settings, SLUG, force=force, merge=merge)
        after = self.files()
        flag = " --force" if force else " --merge" if merge else ""
        note(f"collect{flag}: {', '.join(f'{d.contributor} {d.status}' for d in collection.deliveries)}")

        results = [f for d in collection.deliveries for f in d.files]
        # No loss: the editor's every line is somewhere, and every copy kept so far is as it was kept.
        text = b"".join(after.values()).decode()
        assert [line for line in self.mine if line not in text] == [], "the editor's text is lost"
        for kept, data in self.kept.items():
            assert after.get(kept) == data, f"the kept copy {kept} was overwritten or removed"
        new = {}
        for result in results:
            if result.kept is not None:
                kept, source = self.editor.relative(result.kept), self.editor.relative(result.path)
                assert kept not in before, f"{kept} was taken already"
                assert after.get(kept) == before[source], f"{kept} does not hold what {source} held"
                new[kept] = before[source]
        self.kept.update(new)
        # Where: a kept copy goes to the kept folder, and anything else that changes is reported.
        assert sorted(p for p in after if p.startswith(KEPT) and p not in before) == sorted(new)
        assert all(after.get(p) == data for p, data in before.items() if p.startswith(KEPT))
        changed = {self.editor.relative(f.path) for f in results if f.action in (WRITE, REMOVE, MERGE)}
        self.merged -= {self.editor.relative(f.path) for f in results if f.action in (WRITE, REMOVE)}
        self.merged |= {self.editor.relative(f.path) for f in results if f.action == MERGE}
        assert {p for p in before.keys() | after.keys() if before.get(p) != after.get(p) and not p.startswith(KEPT)} == changed
        # A branch taken is in the working tree whole; one refused leaves its files alone.
        for delivery in collection.deliveries:
            if delivery.status in (CONFLICT, DELETED, REJECTED):
                assert not {self.editor.relative(f.path) for f in delivery.files} & changed
            elif delivery.ref is not None:
                for path, content in self.branches[delivery.contributor].items():
                    taken = after.get(path, b"").decode()
                    if path in self.merged:  # every line of theirs is in it, with the editor's (between markers where both changed one place)
                        assert all(line in taken.splitlines() for line in content.splitlines()), f"{path} lacks what {delivery.contributor} wrote"
                    else:
                        assert taken.startswith(content), f"{path} lacks what {delivery.contributor} wrote"
        # No litter.
        assert [p for p in after if posixpath.basename(p).startswith(".")] == []
        assert list((self.editor.path / ".git").glob("editorial/tmp/*")) == []

    def commit(self) -> None:
        self.editor.git("add", "--all")
        self.editor.git("commit", "--quiet", "--allow-empty", "-m", "Editing")


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(STEPS, min_size=1, max_size=12))
# Found by CI: the editor edits a copy collect kept; it stays as they edited it.
@example([("write", "andrew", "{}.md"), ("edit", "andrew", "{}.md"), ("collect", "melanie", "{}.md.orig"), ("edit", "andrew", "../kept/{}.md.orig")])
def test_no_text_is_ever_lost_whatever_the_contributors_and_the_editor_do(
    scaffolded: Path, steps: list[tuple[str, str, str]]
) -> None:
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        room = Newsroom(Path(shutil.copytree(scaffolded, Path(folder).resolve() / "news", symlinks=True)))
        for what, who, where in steps:
            if what in ("write", "delete"):
                note(f"{who} {what}s {where.format(who)}")
                room.contribute(what, who, where)
            elif what == "edit":
                note(f"the editor edits {where.format(who)}")
                room.edit(who, where)
            elif what == "collect":
                room.collect(force=PLACES.index(where) in (1, 3), merge=PLACES.index(where) in (2, 4))
            else:
                note("the editor commits")
                room.commit()
        room.collect(force=True)
