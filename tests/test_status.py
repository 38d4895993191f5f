"""``editorial status``: the roster of an issue, from real branches and the working tree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run
from gitrepo import SECTIONS, SLUG, Repo, clone, git, isolated_git, newsletter, section  # noqa: F401 (fixtures)

pytestmark = pytest.mark.usefixtures("isolated_git")


def work(editor: Repo, who: str, name: str, text: str, when: str) -> str:
    """``who`` commits ``text`` as their section on their branch; the new tip."""
    path = editor.path.parent / f"{who}-checkout"
    contributor = Repo(path) if path.exists() else editor.worktree(f"{SLUG}/{who}", path)
    return contributor.commit({f"{SECTIONS}/{who}.md": text}, "Section", name, when)


def test_roster_from_branches_manifest_and_working_tree(run: Run, editor: Repo) -> None:
    melanie = work(editor, "melanie", "Melanie", section("melanie", "Models", "Language models keep growing."), "2021-01-10T10:00:00+01:00")
    zoe_first = work(editor, "zoë", "Zoë Ng", section("zoë", "Charts", "One two three."), "2021-01-11T10:00:00+01:00")
    assert run("collect", SLUG, cwd=editor.path).returncode == 0
    zoe = work(editor, "zoë", "Zoë Ng", section("zoë", "Charts", "One two three four."), "2021-01-12T10:00:00+01:00")
    andrew = work(editor, "andrew", "Andrew", section("andrew", "Tools", "Tools."), "2021-01-13T10:00:00+01:00")
    editor.git("branch", "-D", f"{SLUG}/nisha")
    # A branch of someone not assigned to this issue (nor registered).
    editor.git("branch", f"{SLUG}/victor", andrew)
    head = editor.git("rev-parse", "HEAD")
    refs = editor.refs()

    result = run("status", SLUG, cwd=editor.path)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"status of 2021-01 on main ({head[:12]}), from local branches\n"
        "CONTRIBUTOR            BRANCH           LAST COMMIT               COLLECTED     SECTIONS  WORDS  LINT E/W/S  STATE\n"
        f"melanie                2021-01/melanie  2021-01-10 10:00 Melanie  {melanie[:12]}         1      4  0/0/0       collected\n"
        # Work not collected yet, as the branch has it; a stub from new-issue is not started, not an error.
        "andrew                 2021-01/andrew   2021-01-13 10:00 Andrew   -                    1      1  0/0/0       to collect\n"
        "nisha                  -                -                         -                    1      0  0/0/0       no branch\n"
        f"zoë                    2021-01/zoë      2021-01-12 10:00 Zoë Ng   {zoe_first[:12]}         1      4  0/0/0       moved\n"
        "victor (not assigned)  2021-01/victor   2021-01-13 10:00 Andrew   -                    1      1  0/0/0       to collect\n"
        "1 no branch, 2 to collect, 1 moved, 1 collected\n"
    )
    assert editor.refs() == refs

    report = json.loads(run("status", SLUG, "--format", "json", cwd=editor.path).stdout)
    assert {k: v for k, v in report.items() if k != "contributors"} == {
        "issue": SLUG,
        "base": {"commit": head, "branch": "main"},
        "remote": None,
        "ignored_branches": [],
        "counts": {"no branch": 1, "not started": 0, "to collect": 2, "moved": 1, "collected": 1},
        "fetched": False,
    }
    by_id = {c["contributor"]: c for c in report["contributors"]}
    assert by_id["zoë"] == {
        "contributor": "zoë",
        "name": "Zoë",
        "assigned": True,
        "state": "moved",
        "branch": f"{SLUG}/zoë",
        "commit": zoe,
        "last_commit": {"date": "2021-01-12T10:00:00+01:00", "author": "Zoë Ng"},
        "ahead": 2,
        "collected": zoe_first,
        "needs_collect": True,
        "sections": [f"{SECTIONS}/zoë.md"],
        "words": 4,
        "read_from": "branch",
        "lint": {"error": 0, "warning": 0, "suggestion": 0},
        "problems": [],
    }
    assert (by_id["andrew"]["read_from"], by_id["melanie"]["read_from"]) == ("branch", "working tree")
    assert (by_id["victor"]["name"], by_id["victor"]["assigned"], by_id["victor"]["ahead"]) == (None, False, 1)
    assert (by_id["nisha"]["branch"], by_id["nisha"]["state"], by_id["nisha"]["needs_collect"]) == (None, "no branch", False)


def test_not_started_and_broken_sections(run: Run, editor: Repo) -> None:
    (editor.path / f"{SECTIONS}/andrew.md").write_text("no front matter\n")

    result = run("status", SLUG, "--format", "json", cwd=editor.path)

    assert result.returncode == 0
    by_id = {c["contributor"]: c for c in json.loads(result.stdout)["contributors"]}
    assert [(c["contributor"], c["state"], c["ahead"], c["words"]) for c in by_id.values()] == [
        ("melanie", "not started", 0, 0),
        ("andrew", "not started", 0, 0),
        ("nisha", "not started", 0, 0),
        ("zoë", "not started", 0, 0),
    ]
    assert by_id["andrew"]["problems"] == [
        f"{SECTIONS}/andrew.md:1: missing front matter: the file must start with a line '---'"
    ]
    assert by_id["andrew"]["lint"] == {"error": 1, "warning": 0, "suggestion": 0}  # frontmatter.missing

    text = run("status", SLUG, cwd=editor.path).stdout
    assert text.endswith(
        f"invalid section: {SECTIONS}/andrew.md:1: missing front matter: the file must start with a line '---'\n4 not started\n"
    )


def test_lint_counts_follow_the_sections_and_can_be_left_out(run: Run, editor: Repo) -> None:
    (editor.path / f"{SECTIONS}/melanie.md").write_text(
        section("melanie", "Models", "It is very unique. Read it at [here](www.example.com).")
    )
    counted = json.loads(run("status", SLUG, "--format", "json", cwd=editor.path).stdout)
    by_id = {c["contributor"]: c for c in counted["contributors"]}
    # markdown.missing-scheme is an error; proselint's uncomparables and very report in the strict profile only.
    assert by_id["melanie"]["lint"] == {"error": 1, "warning": 0, "suggestion": 0}
    # The counts are those of editorial lint, with editorial.yaml's profile.
    config = editor.path / "editorial.yaml"
    config.write_text(config.read_text() + "lint:\n  profile: strict\n")
    strict = json.loads(run("status", SLUG, "--format", "json", cwd=editor.path).stdout)
    by_id = {c["contributor"]: c for c in strict["contributors"]}
    assert by_id["melanie"]["lint"] == {"error": 1, "warning": 2, "suggestion": 0}
    skipped = json.loads(run("status", SLUG, "--format", "json", "--no-lint", cwd=editor.path).stdout)
    assert {c["contributor"]: c["lint"] for c in skipped["contributors"]}["melanie"] is None


def test_follows_the_remote_of_the_last_collect(run: Run, editor: Repo, tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", str(origin))
    editor.git("remote", "add", "origin", str(origin))
    editor.git("push", "--quiet", "origin", "--all")
    tip = work(editor, "melanie", "Melanie", section("melanie", "Models", "Models."), "2021-01-10T10:00:00+01:00")
    editor.git("push", "--quiet", "origin", f"{SLUG}/melanie")
    editor.git("update-ref", f"refs/heads/{SLUG}/melanie", editor.git("rev-parse", "HEAD"))  # the local branch lags
    assert run("collect", SLUG, "--remote", "origin", "--fetch", cwd=editor.path).returncode == 0

    report = json.loads(run("status", SLUG, "--format", "json", cwd=editor.path).stdout)

    assert report["remote"] == "origin"
    assert report["contributors"][0] | {"last_commit": None} == {
        "contributor": "melanie",
        "name": "Melanie",
        "assigned": True,
        "state": "collected",
        "branch": f"origin/{SLUG}/melanie",
        "commit": tip,
        "last_commit": None,
        "ahead": 1,
        "collected": tip,
        "needs_collect": False,
        "sections": [f"{SECTIONS}/melanie.md"],
        "words": 1,
        "read_from": "working tree",
        "lint": {"error": 0, "warning": 0, "suggestion": 0},
        "problems": [],
    }
    unknown = run("status", SLUG, "--remote", "upstream", cwd=editor.path)
    assert (unknown.returncode, unknown.stderr) == (2, ".: no git remote named 'upstream' (remotes: origin)\n")


def test_sections_leading_out_of_the_issues_folder_are_refused(run: Run, editor: Repo, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text(section("zoë", "Secret", "Words from outside the repository."))
    (editor.path / f"{SECTIONS}/zz.md").symlink_to(elsewhere)
    result = run("status", SLUG, cwd=editor.path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"{SECTIONS}/zz.md: leads out of the issues folder (to {elsewhere}) through a symbolic link; not followed\n"
    )


def test_an_unreadable_sections_folder_is_an_error(run: Run, editor: Repo, permissions: None) -> None:
    sections = editor.path / SECTIONS
    sections.chmod(0)
    try:
        result = run("status", SLUG, cwd=editor.path, permissions=True)
    finally:
        sections.chmod(0o755)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"{SECTIONS}: cannot read the folder: Permission denied\n"


def test_branches_that_give_no_contributor_are_listed(run: Run, editor: Repo) -> None:
    tip = work(editor, "melanie", "Melanie", section("melanie", "Models", "Models."), "2021-01-10T10:00:00+01:00")
    editor.git("update-ref", f"refs/heads/{SLUG}/melanie;rm", tip)
    editor.git("update-ref", f"refs/heads/{SLUG}/\udcff", tip)

    result = run("status", SLUG, "--no-lint", cwd=editor.path)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.split("\n")[-4:] == [
        f"ignored branch: {SLUG}/melanie;rm: 'melanie;rm' is not a contributor id: ids are letters, digits, '.', '-' or '_'",
        f"ignored branch: {SLUG}/\\xff: '\\xff' is not a contributor id: the branch's name is not UTF-8",
        "3 not started, 1 to collect, 2 ignored branches",
        "",
    ]
    report = json.loads(run("status", SLUG, "--no-lint", "--format", "json", cwd=editor.path).stdout)
    assert report["ignored_branches"] == [
        {"branch": f"{SLUG}/melanie;rm", "reason": "'melanie;rm' is not a contributor id: ids are letters, digits, '.', '-' or '_'"},
        {"branch": f"{SLUG}/\\xff", "reason": "'\\xff' is not a contributor id: the branch's name is not UTF-8"},
    ]


def test_work_not_collected_yet_is_counted_as_the_branch_has_it(run: Run, editor: Repo) -> None:
    text = section("melanie", "Models", "Language models keep growing. " * 40 + "\n\n![the chart](melanie/chart.png)\n\nSee [here](www.example.com).")
    path = editor.path.parent / "melanie-checkout"
    melanie = editor.worktree(f"{SLUG}/melanie", path)
    melanie.commit(
        {f"{SECTIONS}/melanie.md": text, f"{SECTIONS}/melanie/chart.png": b"\x89PNG\r\n\x1a\n"}, "Section", "Melanie",
        "2021-01-10T10:00:00+01:00",
    )  # fmt: skip
    stub = (editor.path / f"{SECTIONS}/melanie.md").read_text()

    report = json.loads(run("status", SLUG, "--format", "json", cwd=editor.path).stdout)

    melanie_entry = report["contributors"][0]
    assert (melanie_entry["state"], melanie_entry["read_from"], melanie_entry["sections"], melanie_entry["words"]) == (
        "to collect", "branch", [f"{SECTIONS}/melanie.md"], 40 * 4 + 4,
    )
    # The chart exists on the branch: only the link without a scheme is an error.
    assert melanie_entry["lint"] == {"error": 1, "warning": 0, "suggestion": 0}
    assert (editor.path / f"{SECTIONS}/melanie.md").read_text() == stub  # nothing checked out, nothing written
    assert not (editor.path / f"{SECTIONS}/melanie").exists()


def test_fetch_brings_the_remotes_branches_up_to_date(run: Run, editor: Repo, tmp_path: Path) -> None:
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--quiet", "--bare", str(origin))
    editor.git("remote", "add", "origin", str(origin))
    editor.git("push", "--quiet", "origin", "--all")
    editor.git("fetch", "--quiet", "origin")
    nisha = clone(origin, tmp_path / "nisha", "Nisha")
    nisha.git("checkout", "--quiet", f"{SLUG}/nisha")
    nisha.commit({f"{SECTIONS}/nisha.md": section("nisha", "Data", "Data, data, data.")}, "Section", "Nisha", "2021-01-11T10:00:00+05:30")
    nisha.git("push", "--quiet", "origin", f"{SLUG}/nisha")

    def nishas(*args: str) -> tuple[str, int]:
        report = json.loads(run("status", SLUG, "--remote", "origin", "--format", "json", *args, cwd=editor.path).stdout)
        entry = next(c for c in report["contributors"] if c["contributor"] == "nisha")
        return entry["state"], entry["words"]

    assert nishas() == ("not started", 0)  # as the editor last fetched
    assert nishas("--fetch") == ("to collect", 3)
    refused = run("status", SLUG, "--fetch", cwd=editor.path)
    assert (refused.returncode, refused.stderr) == (2, "--fetch: --fetch needs a remote: --remote NAME (or a collect from one before)\n")


def test_a_slot_with_a_typo_is_a_problem_of_the_section(run: Run, editor: Repo) -> None:
    frame = editor.path / f"issues/{SLUG}/issue.md"
    frame.write_text(frame.read_text() + "\n<!-- editorial:sections recommended-reading -->\n")
    work(editor, "andrew", "Andrew", section("andrew", "Tools", "Tools.").replace("author: andrew\n", "author: andrew\nslot: recomended-reading\n"), "2021-01-13T10:00:00+01:00")

    result = run("status", SLUG, cwd=editor.path)

    assert result.returncode == 0
    assert result.stdout.split("\n")[-3] == (
        f"invalid section: {SECTIONS}/andrew.md:4: the slot 'recomended-reading' has no marker in issue.md"
        " (its slots: 'main', 'recommended-reading'); did you mean 'recommended-reading'?"
    )
    andrew = next(line for line in result.stdout.split("\n") if line.startswith("andrew "))
    assert andrew.split()[-5:] == ["1", "1", "1/0/0", "to", "collect"]  # frontmatter.unknown-slot
