from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import gitrepo
import pytest
from conftest import BUNDLED_EXAMPLE, BUNDLED_JULY, Run
from gitrepo import isolated_git  # noqa: F401 (a fixture)

ISSUE = "issues/2021-01"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_example_issue_is_reproduced_byte_for_byte(run: Run, newsletter: Path, example_source: Path) -> None:
    result = run("assemble", "2021-01", cwd=newsletter)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (newsletter / "build/2021-01.md").read_bytes() == (example_source / "expected.md").read_bytes()
    assert result.stdout.splitlines()[0].split() == ["SECTION", "AUTHOR", "SLOT", "WORDS"]
    assert result.stdout.splitlines()[1].split()[-3:] == ["andrew", "main", "175"]
    assert result.stdout.splitlines()[-1] == "wrote build/2021-01.md (5 sections, 997 words)"


def test_runs_from_a_subfolder_and_writes_where_asked(run: Run, newsletter: Path, example_source: Path) -> None:
    result = run("assemble", "2021-01", "--output", "../draft.md", cwd=newsletter / ISSUE)
    assert result.returncode == 0, result.stderr
    assert (newsletter / "issues/draft.md").read_bytes() == (example_source / "expected.md").read_bytes()
    assert not (newsletter / "build").exists()


def test_json_summary(run: Run, newsletter: Path) -> None:
    result = run("assemble", "2021-01", "--format", "json", cwd=newsletter)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["output"] == "build/2021-01.md"
    assert report["written"] is True
    assert report["up_to_date"] is False
    assert [s["author"] for s in report["sections"]] == ["andrew", "melanie", "nisha", "victor", "chris"]
    assert report["sections"][3] == {
        "path": "issues/2021-01/sections/victor.md",
        "title": "Advances in self supervised learning",
        "author": "victor",
        "slot": "main",
        "words": 124,
    }
    assert report["warnings"] == []


def test_check_exits_1_when_out_of_date_and_writes_nothing(run: Run, newsletter: Path) -> None:
    missing = run("assemble", "2021-01", "--check", cwd=newsletter)
    assert missing.returncode == 1
    assert missing.stdout.splitlines()[-1] == "build/2021-01.md is out of date"
    assert not (newsletter / "build").exists()

    assert run("assemble", "2021-01", cwd=newsletter).returncode == 0
    fresh = run("assemble", "2021-01", "--check", cwd=newsletter)
    assert fresh.returncode == 0
    assert fresh.stdout.splitlines()[-1] == "build/2021-01.md is up to date"

    section = newsletter / ISSUE / "sections/nisha.md"
    section.write_text(section.read_text() + "\nOne more line.\n")
    before = (newsletter / "build/2021-01.md").read_bytes()
    stale = run("assemble", "2021-01", "--check", cwd=newsletter)
    assert stale.returncode == 1
    assert (newsletter / "build/2021-01.md").read_bytes() == before


def test_order_field_then_registry_then_file_name(run: Run, newsletter: Path) -> None:
    sections = newsletter / ISSUE / "sections"
    chris = sections / "chris.md"
    chris.write_text(chris.read_text().replace("author: chris\n", "author: chris\norder: 1\n"))
    write(sections / "zz-andrew-extra.md", "---\ntitle: Extra\nauthor: andrew\n---\n\nMore.\n")
    write(sections / "aa-andrew-more.md", "---\ntitle: More\nauthor: andrew\n---\n\nEven more.\n")
    result = run("assemble", "2021-01", "--format", "json", cwd=newsletter)
    assert result.returncode == 0, result.stderr
    titles = [s["title"] for s in json.loads(result.stdout)["sections"]]
    assert titles == [
        "The causal revolution continues",
        "More",
        "The prevalence of MLOps",
        "Extra",
        "Language models are bigger than ever — but are they _better_?",
        "Bridging the gap between research and production",
        "Advances in self supervised learning",
    ]


def test_named_slots_and_section_template_variables(run: Run, newsletter: Path) -> None:
    issue = newsletter / ISSUE
    (issue / "sections").rename(issue / "old")
    write(
        issue / "issue.md",
        "---\ndate: 2021-02-01\ntitle: Feb\neditorial:\n  contributors: [andrew, chris]\n---\n\n"
        "## Research\n\n<!-- editorial:sections -->\n\n## Reading\n\n<!-- editorial:sections reading -->\n\nBye.\n",
    )
    write(issue / "sections/andrew.md", "---\ntitle: A\nauthor: andrew\nemoji: 🚀\n---\n\nBody A.\n\n\n")
    write(issue / "sections/chris.md", "---\ntitle: C\nauthor: chris\nslot: reading\n---\nBody C.\n")
    write(
        newsletter / "templates/section.md.j2",
        "#### {{ title }} {{ section.emoji | default('') }}\n"
        "by {{ author.name }} ({{ author.id }}) in {{ issue.title }}, {{ newsletter.name }}\n\n{{ body }}\n",
    )
    result = run("assemble", "2021-01", cwd=newsletter)
    assert result.returncode == 0, result.stderr
    assert (newsletter / "build/2021-01.md").read_text() == (
        "---\ndate: 2021-02-01\ntitle: Feb\n---\n\n"
        "## Research\n\n#### A 🚀\nby Andrew (andrew) in Feb, Cloudera Fast Forward\n\nBody A.\n\n"
        "## Reading\n\n#### C \nby Chris (chris) in Feb, Cloudera Fast Forward\n\nBody C.\n\nBye.\n"
    )


def test_marker_without_sections_is_a_warning(run: Run, newsletter: Path) -> None:
    issue = newsletter / ISSUE / "issue.md"
    issue.write_text(issue.read_text() + "\n<!-- editorial:sections reading -->\n")
    result = run("assemble", "2021-01", cwd=newsletter)
    assert result.returncode == 0
    assert result.stderr == f"warning: {ISSUE}/issue.md:17: no sections for the slot 'reading'\n"
    assert (newsletter / "build/2021-01.md").exists()


def assert_fails(run: Run, newsletter: Path, expected_stderr: str) -> None:
    result = run("assemble", "2021-01", cwd=newsletter)
    assert result.stderr == expected_stderr
    assert result.returncode == 2
    assert result.stdout == ""
    assert not (newsletter / "build").exists()


def test_nothing_is_dropped_silently(run: Run, newsletter: Path) -> None:
    sections = newsletter / ISSUE / "sections"
    write(sections / "late.md", "---\ntitle: Late\nauthor: andrew\nslot: reading\n---\n\nText.\n")
    write(sections / "ghost.md", "---\ntitle: Boo\nauthor: casper\n---\n\nText.\n")
    write(sections / "stub.md", "---\ntitle: Stub\nauthor: nisha\n---\n\n<!-- write here -->\n\n")
    write(sections / "twin.md", "---\ntitle: 'the prevalence of MLOps'\nauthor: victor\n---\n\nText.\n")
    assert_fails(
        run,
        newsletter,
        f"{ISSUE}/sections/ghost.md:3: author 'casper' is not in the contributor registry of editorial.yaml\n"
        f"{ISSUE}/sections/late.md:4: the slot 'reading' has no marker in issue.md"
        " (its slots: 'main'); add a line <!-- editorial:sections reading --> where it goes\n"
        f"{ISSUE}/sections/stub.md:5: Nisha's section is not written yet (still the stub):"
        " write it, or assemble without it with --allow-missing\n"
        f"{ISSUE}/sections/twin.md:2: same title as andrew.md in the slot 'main': 'the prevalence of MLOps'\n",
    )


def test_second_marker_for_a_slot(run: Run, newsletter: Path) -> None:
    issue = newsletter / ISSUE / "issue.md"
    issue.write_text(issue.read_text() + "\n<!-- editorial:sections -->\n")
    assert_fails(
        run,
        newsletter,
        f"{ISSUE}/issue.md:17: second marker for the slot 'main' (the first is on line 13)\n",
    )


def test_bad_files_are_all_reported_with_lines(run: Run, newsletter: Path) -> None:
    sections = newsletter / ISSUE / "sections"
    (sections / "andrew.md").write_bytes(b"---\ntitle: Caf\xe9\nauthor: andrew\n---\n\nText.\n")
    (sections / "chris.md").write_bytes(b"---\r\ntitle: C\r\nauthor: chris\r\n---\r\n")
    (sections / "melanie.md").write_bytes("\ufeff---\ntitle: M\n".encode())
    (sections / "nisha.md").write_text("---\ntitle: N\nauthor: nisha\n")
    (sections / "victor.md").write_text("---\n- a list\n---\n\nText.\n")
    (sections / "zed.md").write_text("No front matter.\n")
    (sections / "yann.md").write_text("---\ntitle: [unclosed\nauthor: x\n---\n")
    (sections / "xavier.md").write_text("---\ntitle: X\ntitle: Y\nauthor: chris\norder: first\n---\n\nText\n")
    assert_fails(
        run,
        newsletter,
        f"{ISSUE}/sections/andrew.md:2: not UTF-8 text (byte 0xe9 at column 11)\n"
        f"{ISSUE}/sections/chris.md:1: CRLF line ending; save the file with LF (Unix) line endings\n"
        f"{ISSUE}/sections/melanie.md:1: starts with a byte-order mark; save the file as UTF-8 without BOM\n"
        f"{ISSUE}/sections/nisha.md:1: front matter opened here is never closed with a line '---'\n"
        f"{ISSUE}/sections/victor.md:2: front matter must be a mapping of keys to values, not a list\n"
        f"{ISSUE}/sections/xavier.md:3: duplicate key 'title'\n"
        f"{ISSUE}/sections/yann.md:3: invalid YAML: did not find expected ',' or ']'\n"
        f"{ISSUE}/sections/zed.md:1: missing front matter: the file must start with a line '---'\n",
    )


def test_issue_front_matter_errors(run: Run, newsletter: Path) -> None:
    issue = newsletter / ISSUE / "issue.md"
    issue.write_text("---\ntitle: no date\n---\n\n<!-- editorial:sections -->\n")
    assert_fails(run, newsletter, f"{ISSUE}/issue.md:1: front matter has no 'date'\n")
    issue.write_text("---\ntitle: t\ndate: next week\n---\n\n<!-- editorial:sections -->\n")
    assert_fails(run, newsletter, f"{ISSUE}/issue.md:3: 'date' must be a date (YYYY-MM-DD) or a date-time\n")


def test_unknown_issue_and_bad_slug(run: Run, newsletter: Path) -> None:
    result = run("assemble", "2099-01", cwd=newsletter)
    assert (result.returncode, result.stderr) == (
        2,
        "issues/2099-01/issue.md: no issue '2099-01' (create it with 'editorial new-issue 2099-01')\n",
    )
    result = run("assemble", "../etc", cwd=newsletter)
    assert result.returncode == 2
    assert result.stderr == "../etc: an issue slug must be letters, digits, '.', '-' or '_' (it names a folder)\n"


def test_section_template_error_names_template_and_line(run: Run, newsletter: Path) -> None:
    write(newsletter / "templates/section.md.j2", "### {{ title }}\n\n{{ author.nickname }}\n{{ body }}\n")
    assert_fails(
        run,
        newsletter,
        "templates/section.md.j2:3: template error: 'dict object' has no attribute 'nickname'\n",
    )
    write(newsletter / "templates/section.md.j2", "### {{ title }\n")
    assert_fails(
        run, newsletter, "templates/section.md.j2:1: template error: unexpected '}'\n"
    )


def test_editorial_metadata_is_not_published(run: Run, newsletter: Path) -> None:
    issue = newsletter / ISSUE / "issue.md"
    text = issue.read_text().replace(
        "date: 2021-01-20T16:14:00Z\n",
        "editorial:\n  contributors:\n    - andrew\n    - chris\n  note: x  # private\n"
        "date: 2021-01-20T16:14:00Z\n# kept\n",
    )
    issue.write_text(text)
    assert run("assemble", "2021-01", cwd=newsletter).returncode == 0
    assert (newsletter / "build/2021-01.md").read_text().startswith(
        "---\ndate: 2021-01-20T16:14:00Z\n# kept\n---\n\nWelcome"
    )


def test_hand_edited_draft_is_not_overwritten_without_force(run: Run, newsletter: Path) -> None:
    assert run("assemble", "2021-01", cwd=newsletter).returncode == 0
    draft = newsletter / "build/2021-01.md"
    draft.write_text(draft.read_text() + "\nEditor's last-minute note.\n")
    section = newsletter / ISSUE / "sections/chris.md"
    section.write_text(section.read_text() + "\nNew paragraph.\n")

    refused = run("assemble", "2021-01", cwd=newsletter)
    assert refused.returncode == 2
    assert refused.stderr == (
        "build/2021-01.md: was changed since editorial assembled it; keep your edits elsewhere"
        " or run again with --force to overwrite them\n"
    )
    assert draft.read_text().endswith("Editor's last-minute note.\n")

    forced = run("assemble", "2021-01", "--force", cwd=newsletter)
    assert forced.returncode == 0, forced.stderr
    assert draft.read_text().endswith("New paragraph.\n\nThat's all from us this month. Thanks for reading!\n")
    again = run("assemble", "2021-01", cwd=newsletter)
    assert again.returncode == 0
    assert sorted(p.name for p in (newsletter / "build").iterdir()) == [".assembled.json", "2021-01.md"]


def test_bundled_example_is_the_shared_one(example_source: Path) -> None:
    bundled = Path(__file__).resolve().parents[1] / "examples" / "2021-01"
    names = sorted(p.relative_to(bundled).as_posix() for p in bundled.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(example_source).as_posix() for p in example_source.rglob("*") if p.is_file())
    for name in names:
        assert (bundled / name).read_bytes() == (example_source / name).read_bytes(), name


def test_summary_counts_one_section_in_the_singular(run: Run, newsletter: Path) -> None:
    sections = newsletter / ISSUE / "sections"
    for extra in ("andrew", "melanie", "nisha", "chris"):
        (sections / f"{extra}.md").unlink()
    result = run("assemble", "2021-01", cwd=newsletter)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "wrote build/2021-01.md (1 section, 124 words)"


def test_a_fifo_among_the_sections_is_reported_not_read(run: Run, newsletter: Path) -> None:
    os.mkfifo(newsletter / ISSUE / "sections/zz.md")  # reading it would wait for a writer forever
    assert_fails(
        run, newsletter, "issues/2021-01/sections/zz.md: not a regular file (a FIFO); editorial reads only regular files\n"
    )


def test_links_out_of_the_issues_folder_are_refused(run: Run, newsletter: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("---\ntitle: Secret\nauthor: andrew\n---\n\nNot part of the repository.\n")
    (newsletter / ISSUE / "sections/zz.md").symlink_to(elsewhere)
    (newsletter / ISSUE / "sections/passwd.md").symlink_to("/etc/passwd")
    assert_fails(
        run,
        newsletter,
        f"issues/2021-01/sections/passwd.md: leads out of the issues folder (to /etc/passwd) through a symbolic link; not followed\n"
        f"issues/2021-01/sections/zz.md: leads out of the issues folder (to {elsewhere}) through a symbolic link; not followed\n",
    )
    (newsletter / ISSUE / "sections/zz.md").unlink()
    (newsletter / ISSUE / "sections/passwd.md").unlink()
    sections = newsletter / ISSUE / "sections"
    sections.rename(tmp_path / "sections")
    sections.symlink_to(tmp_path / "sections")
    assert_fails(
        run,
        newsletter,
        f"issues/2021-01/sections: leads out of the issues folder (to {tmp_path / 'sections'}) through a symbolic link;"
        " not followed\n",
    )
    issue = newsletter / ISSUE / "issue.md"
    issue.rename(tmp_path / "issue.md")
    issue.symlink_to(tmp_path / "issue.md")
    assert_fails(
        run,
        newsletter,
        f"issues/2021-01/issue.md: leads out of the issues folder (to {tmp_path / 'issue.md'}) through a symbolic link;"
        " not followed\n",
    )


def test_an_unreadable_sections_folder_is_an_error(run: Run, newsletter: Path, permissions: None) -> None:
    sections = newsletter / ISSUE / "sections"
    sections.chmod(0)
    try:
        result = run("assemble", "2021-01", cwd=newsletter, permissions=True)
    finally:
        sections.chmod(0o755)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "issues/2021-01/sections: cannot read the folder: Permission denied\n"
    assert not (newsletter / "build").exists()


def test_a_build_folder_that_cannot_be_written_is_an_error(run: Run, newsletter: Path, permissions: None) -> None:
    build = newsletter / "build"
    build.mkdir()
    build.chmod(0o555)
    try:
        result = run("assemble", "2021-01", cwd=newsletter, permissions=True)
    finally:
        build.chmod(0o755)
    assert (result.returncode, result.stderr) == (2, "build/2021-01.md: cannot write: Permission denied\n")
    assert list(build.iterdir()) == []


def test_a_build_path_that_is_a_file_is_an_error(run: Run, newsletter: Path) -> None:
    (newsletter / "build").write_text("not a folder\n")
    result = run("assemble", "2021-01", cwd=newsletter)
    assert (result.returncode, result.stderr) == (2, "build: is a file, where a folder is needed\n")
    nested = run("assemble", "2021-01", "--output", "build/drafts/2021-01.md", cwd=newsletter)
    assert (nested.returncode, nested.stderr) == (2, "build/drafts: cannot create the folder: Not a directory\n")
    assert (newsletter / "build").read_text() == "not a folder\n"


def test_a_template_that_cannot_be_read_is_an_error(run: Run, newsletter: Path, permissions: None) -> None:
    template = newsletter / "templates/section.md.j2"
    write(template, "### {{ title }}\n")
    template.chmod(0)
    result = run("assemble", "2021-01", cwd=newsletter, permissions=True)
    assert (result.returncode, result.stderr) == (2, "templates/section.md.j2: cannot read: Permission denied\n")
    template.chmod(0o644)
    template.unlink()
    template.symlink_to("section.md.j2")  # a link to itself: the OS says why it cannot be read
    assert_fails(run, newsletter, "templates/section.md.j2: cannot read: Too many levels of symbolic links\n")
    template.unlink()
    template.mkdir()
    assert_fails(run, newsletter, "templates/section.md.j2: is a folder, not a file\n")


def test_templates_are_sandboxed(run: Run, newsletter: Path, tmp_path: Path) -> None:
    template = newsletter / "templates/section.md.j2"
    proof = tmp_path / "ran"
    write(template, f"### {{{{ title }}}}\n\n{{{{ cycler.__init__.__globals__.os.system('touch {proof}') }}}}\n")
    assert_fails(
        run, newsletter, "templates/section.md.j2:3: template error: access to attribute '__init__' of 'type' object is unsafe.\n"
    )
    assert not proof.exists()
    # Nor can a template change what the next section's template is given.
    write(template, "{% set _ = issue.update({'date': 'changed'}) %}{{ title }}\n")
    assert_fails(run, newsletter, "templates/section.md.j2:1: template error: access to attribute 'update' of 'dict' object is unsafe.\n")
    write(template, "{{ 1 / 0 }}\n")
    assert_fails(run, newsletter, "templates/section.md.j2:1: template error: ZeroDivisionError: division by zero\n")


def test_templates_that_lead_out_of_their_folder_are_refused(run: Run, newsletter: Path) -> None:
    template = newsletter / "templates/section.md.j2"
    template.parent.mkdir()
    template.symlink_to("/etc/passwd")
    assert_fails(
        run, newsletter, "templates/section.md.j2: leads out of the templates folder (to /etc/passwd) through a symbolic link; not followed\n"
    )
    template.unlink()
    write(template, "{% include 'header.j2' %}{{ title }}\n")
    (newsletter / "templates/header.j2").symlink_to("/etc/hostname")
    assert_fails(
        run, newsletter, "templates/header.j2: leads out of the templates folder (to /etc/hostname) through a symbolic link; not followed\n"
    )
    (newsletter / "templates/header.j2").unlink()
    (newsletter / "templates/header.j2").symlink_to("section.md.j2")  # inside: followed
    (newsletter / "templates/section.md.j2").write_text("{% if false %}{% include 'header.j2' %}{% endif %}### {{ title }}\n\n{{ body }}\n")
    assert run("assemble", "2021-01", cwd=newsletter).returncode == 0


def test_bundled_july_issue_is_the_shared_one(july_published: Path) -> None:
    assert (BUNDLED_JULY / "expected.md").read_bytes() == july_published.read_bytes()


@pytest.mark.usefixtures("isolated_git")
def test_the_july_2022_issue_byte_for_byte_through_the_editors_path(run: Run, tmp_path: Path, july_published: Path) -> None:
    """Three parts, one unsigned piece, two bylines in their authors' own markup: written the way
    a team would, each piece on its author's branch, collected and assembled."""
    team = tmp_path / "cffl"
    team.mkdir()
    shutil.copyfile(BUNDLED_JULY / "editorial.yaml", team / "editorial.yaml")
    shutil.copytree(BUNDLED_JULY / "templates", team / "templates")
    editor = gitrepo.init(team)
    scaffolded = run("new-issue", "2022-07", "--date", "2022-07-22", "--contributors", "andrew,melanie", "--branches", cwd=team)
    assert scaffolded.returncode == 0, scaffolded.stderr
    # A fresh scaffold is a known state: lint on the editor's branch stays green.
    fresh = run("lint", "issues", "--no-languagetool", "--format", "line", cwd=team)
    assert (fresh.returncode, fresh.stdout, fresh.stderr) == (0, "", "")

    # The editor fills in the frame; what the scaffold wrote for editorial (metadata, markers) stays as it was.
    frame = (BUNDLED_JULY / "issue.md").read_text(encoding="utf-8")
    own = [line for line in (team / "issues/2022-07/issue.md").read_text().split("\n") if "editorial" in line or "contributors:" in line]
    assert own == ["editorial:", "  contributors: [andrew, melanie]", "<!-- editorial:sections research -->", "<!-- editorial:sections reading -->"]
    assert [line for line in frame.split("\n") if "editorial" in line or "contributors:" in line] == own
    editor.commit({"issues/2022-07/issue.md": frame}, "The July frame", "Editor", "2022-07-18T09:00:00+00:00")

    # Andrew writes his pick below his stub's note, and the team's research piece, unsigned; Melanie her pick.
    for who, pieces, when in (
        ("andrew", ("andrew.md", "research.md"), "2022-07-19T10:00:00-07:00"),
        ("melanie", ("melanie.md",), "2022-07-20T11:00:00-04:00"),
    ):
        checkout = editor.worktree(f"2022-07/{who}", tmp_path / who)
        stub = (checkout.path / f"issues/2022-07/sections/{who}.md").read_text()
        written = {f"issues/2022-07/sections/{name}": (BUNDLED_JULY / "sections" / name).read_text(encoding="utf-8") for name in pieces}
        assert stub.split("\n")[-2] in written[f"issues/2022-07/sections/{who}.md"].split("\n")  # the note stays where it was
        checkout.commit(written, "My pieces for July", who.title(), when)

    collected = run("collect", "2022-07", cwd=team)
    assert (collected.returncode, collected.stderr) == (0, "")
    assert collected.stdout.endswith("wrote 3 files; 2 new\n")
    assembled = run("assemble", "2022-07", cwd=team)
    assert (assembled.returncode, assembled.stderr) == (0, "")

    assert (team / "build/2022-07.md").read_bytes() == july_published.read_bytes()
    assert [line.split()[-3:] for line in assembled.stdout.splitlines()[1:4]] == [
        ["(unsigned)", "research", "421"],
        ["andrew", "reading", "103"],
        ["melanie", "reading", "148"],
    ]
    # The draft passes lint as its parts do: the same slip ("The of CPS") in both, no error in either.
    linted = run("lint", "build/2022-07.md", "issues/2022-07", "--no-languagetool", "--format", "line", cwd=team)
    assert linted.returncode == 0, linted.stdout
    assert [line for line in linted.stdout.splitlines() if "slips.missing-word" in line] == [
        "build/2022-07.md:33:1:slips.missing-word:a word seems to be missing between these two",
        "issues/2022-07/sections/research.md:18:1:slips.missing-word:a word seems to be missing between these two",
    ]


def test_front_matter_after_the_editorial_block_is_kept_as_written(run: Run, newsletter: Path) -> None:
    issue = newsletter / ISSUE / "issue.md"
    issue.write_text(
        issue.read_text().replace(
            "date: 2021-01-20T16:14:00Z\n",
            "date: 2021-01-20T16:14:00Z\npost_type: Newsletter\n"
            "editorial:\n  contributors: [andrew, melanie, nisha, victor, chris]\n  # who writes: the issue's order\n"
            "\n# external_url: \n",
        )
    )
    assert run("assemble", "2021-01", cwd=newsletter).returncode == 0
    assert (newsletter / "build/2021-01.md").read_text().startswith(
        "---\ndate: 2021-01-20T16:14:00Z\npost_type: Newsletter\n\n# external_url: \n---\n\nWelcome"
    )


def test_editorials_own_comments_never_reach_the_draft(run: Run, newsletter: Path) -> None:
    issue = newsletter / ISSUE / "issue.md"
    issue.write_text(
        issue.read_text().replace(
            "Welcome to", "<!-- editorial: Chris, the intro is yours this month. -->\nWelcome to"
        ).replace("<!-- editorial:sections -->\n", "<!-- editorial:sections -->\n\n<!-- editorial-disable House -->\n")
    )
    nisha = newsletter / ISSUE / "sections/nisha.md"
    head, body = nisha.read_text().split("---\n\n", 1)
    nisha.write_text(
        f"{head}---\n\n<!-- editorial: Nisha, write your section of 2021-01 below this note (it is never published). -->\n"
        f"<!-- editorial-disable-next-line proselint -->\n{body}\n<!--more-->\n"
    )
    result = run("assemble", "2021-01", cwd=newsletter)
    assert (result.returncode, result.stderr) == (0, "")
    draft = (newsletter / "build/2021-01.md").read_text()
    assert "editorial" not in draft
    assert draft.count("<!--more-->") == 1  # not editorial's: the author's, and kept
    expected = (BUNDLED_EXAMPLE / "expected.md").read_text()
    published_nisha = body.rstrip("\n")
    assert draft == expected.replace(published_nisha, published_nisha + "\n\n<!--more-->")


def test_a_sections_image_is_copied_beside_the_draft_which_passes_lint(run: Run, newsletter: Path) -> None:
    sections = newsletter / ISSUE / "sections"
    png = b"\x89PNG\r\n\x1a\nkeynote"
    (sections / "victor").mkdir()
    (sections / "victor/keynote.png").write_bytes(png)
    victor = sections / "victor.md"
    victor.write_text(victor.read_text() + "\n![The keynote](victor/keynote.png \"Keynote\")\n\n[slides][s]\n\n[s]: victor/keynote.png#page=2\n")
    write(newsletter / ISSUE / "cover.png", "cover")
    issue = newsletter / ISSUE / "issue.md"
    issue.write_text(issue.read_text().replace("Welcome to", "![cover](cover.png)\n\nWelcome to"))

    result = run("assemble", "2021-01", "--format", "json", cwd=newsletter)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["copied"] == [
        {"from": f"{ISSUE}/cover.png", "to": "build/2021-01/cover.png"},
        {"from": f"{ISSUE}/sections/victor/keynote.png", "to": "build/2021-01/sections/victor/keynote.png"},
    ]
    draft = (newsletter / "build/2021-01.md").read_text()
    assert "![cover](2021-01/cover.png)\n" in draft
    assert (
        "![The keynote](2021-01/sections/victor/keynote.png \"Keynote\")\n\n[slides][s]\n\n"
        "[s]: 2021-01/sections/victor/keynote.png#page=2\n"
    ) in draft
    assert (newsletter / "build/2021-01/sections/victor/keynote.png").read_bytes() == png
    linted = run("lint", "build", "--no-languagetool", "--select", "markdown", "--format", "line", cwd=newsletter)
    assert (linted.returncode, linted.stdout, linted.stderr) == (0, "", "")

    # A copy edited by hand is not overwritten; a copy no longer shown goes.
    (newsletter / "build/2021-01/cover.png").write_text("retouched")
    refused = run("assemble", "2021-01", cwd=newsletter)
    assert (refused.returncode, refused.stderr) == (
        2,
        "build/2021-01/cover.png: was changed since editorial assembled it; keep your edits elsewhere"
        " or run again with --force to overwrite them\n",
    )
    assert run("assemble", "2021-01", "--force", cwd=newsletter).returncode == 0
    assert (newsletter / "build/2021-01/cover.png").read_text() == "cover"
    issue.write_text(issue.read_text().replace("![cover](cover.png)\n\n", ""))
    assert run("assemble", "2021-01", cwd=newsletter).returncode == 0
    assert not (newsletter / "build/2021-01/cover.png").exists()
    assert (newsletter / "build/2021-01/sections/victor/keynote.png").read_bytes() == png


def test_output_to_standard_output_and_to_a_stream(run: Run, newsletter: Path) -> None:
    result = run("assemble", "2021-01", "--output", "-", cwd=newsletter)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (BUNDLED_EXAMPLE / "expected.md").read_text()
    assert result.stderr.splitlines()[-1] == "wrote - (5 sections, 997 words)"
    assert not (newsletter / "-").exists() and not (newsletter / "build").exists()

    # /dev/stdout is the pipe the test reads: written to, never replaced nor read back.
    streamed = run("assemble", "2021-01", "--output", "/dev/stdout", cwd=newsletter)
    assert streamed.returncode == 0, streamed.stderr
    assert streamed.stdout.startswith((BUNDLED_EXAMPLE / "expected.md").read_text())
    assert streamed.stdout.endswith("wrote /dev/stdout (5 sections, 997 words)\n")
    assert not (newsletter / "build").exists()

    json_too = run("assemble", "2021-01", "--output", "-", "--format", "json", cwd=newsletter)
    assert (json_too.returncode, json_too.stderr) == (
        2, "--format json: reports on standard output, where --output - writes the draft\n"
    )
    checked = run("assemble", "2021-01", "--output", "-", "--check", cwd=newsletter)
    assert (checked.returncode, checked.stderr) == (
        2, "--check: compares the files assemble writes with those on disk: not with a stream\n"
    )


def test_check_shows_what_differs(run: Run, newsletter: Path) -> None:
    assert run("assemble", "2021-01", cwd=newsletter).returncode == 0
    nisha = newsletter / ISSUE / "sections/nisha.md"
    nisha.write_text(nisha.read_text().replace("In 2021 and coming years,", "In 2021 and the years to come,"))
    line = next(
        n for n, text in enumerate((newsletter / "build/2021-01.md").read_text().split("\n"), 1) if text.startswith("In 2021 and coming")
    )

    result = run("assemble", "2021-01", "--check", cwd=newsletter)

    assert (result.returncode, result.stderr) == (1, "")
    shown = result.stdout.split("\n")
    diff = shown[shown.index("--- build/2021-01.md") : -2]
    assert diff[:3] == ["--- build/2021-01.md", "+++ build/2021-01.md (assembled)", f"@@ -{line - 3},7 +{line - 3},7 @@"]
    changed = [text[:40] for text in diff[3:] if text[:1] in "+-"]
    assert changed == ["-In 2021 and coming years, I hope academ", "+In 2021 and the years to come, I hope a"]
    assert shown[-2] == "build/2021-01.md is out of date"


def test_the_table_follows_the_frames_order_of_slots(run: Run, newsletter: Path) -> None:
    issue = newsletter / ISSUE / "issue.md"
    issue.write_text(issue.read_text().replace("<!-- editorial:sections -->", "<!-- editorial:sections zz-first -->\n\n<!-- editorial:sections -->"))
    andrew = newsletter / ISSUE / "sections/andrew.md"
    andrew.write_text(andrew.read_text().replace("author: andrew\n", "author: andrew\nslot: zz-first\n"))
    result = run("assemble", "2021-01", "--format", "json", cwd=newsletter)
    assert result.returncode == 0, result.stderr
    assert [(s["author"], s["slot"]) for s in json.loads(result.stdout)["sections"]] == [
        ("andrew", "zz-first"), ("melanie", "main"), ("nisha", "main"), ("victor", "main"), ("chris", "main"),
    ]


def test_a_heading_that_would_end_its_section_early_is_flagged(run: Run, newsletter: Path) -> None:
    chris = newsletter / ISSUE / "sections/chris.md"
    chris.write_text(chris.read_text() + "\n## What next\n\nMore.\n\n#### Fine below\n\nText.\n")
    lines = chris.read_text().split("\n")
    result = run("assemble", "2021-01", cwd=newsletter)
    assert result.returncode == 0
    assert result.stderr == (
        f"warning: {ISSUE}/sections/chris.md:{lines.index('## What next') + 1}: a level-2 heading placed under the"
        " level-3 heading 'The causal revolution continues': in the draft it ends the section there;"
        " use level 4 or below\n"
    )


def test_section_template_variables(run: Run, newsletter: Path) -> None:
    write(
        newsletter / "editorial.yaml",
        "contributors:\n  andrew:\n    name: Andrew\n    byline: '*[— Andrew](https://andrew.example)*'\n"
        "  chris:\n    name: Chris\n    byline: '— [*Chris*](https://chris.example)'\n",
    )
    issue = newsletter / ISSUE
    for name in ("melanie", "nisha", "victor"):
        (issue / f"sections/{name}.md").unlink()
    write(issue / "sections/team-1.md", "---\ntitle: From us\n---\n\nThe team's piece.\n")
    write(
        newsletter / "templates/section.md.j2",
        "{{ position.index }}/{{ position.count }} {{ id }} ({{ file }}) slot={{ slot }} order={{ order }}"
        " first={{ position.first }} last={{ position.last }} issue={{ issue.slug }} {{ issue.date }}\n\n"
        "{{ body }}{% if author %} {{ author.byline }}{% endif %}\n",
    )
    result = run("assemble", "2021-01", cwd=newsletter)
    assert result.returncode == 0, result.stderr
    draft = (newsletter / "build/2021-01.md").read_text().split("\n")
    # Signed sections in the registry's order, then the unsigned one; a byline from the registry's own key.
    assert [line for line in draft if "/3 " in line] == [
        "1/3 andrew (andrew.md) slot=main order=None first=True last=False issue=2021-01 2021-01-20 16:14:00+00:00",
        "2/3 chris (chris.md) slot=main order=None first=False last=False issue=2021-01 2021-01-20 16:14:00+00:00",
        "3/3 team-1 (team-1.md) slot=main order=None first=False last=True issue=2021-01 2021-01-20 16:14:00+00:00",
    ]
    assert [line[-60:] for line in draft if ".example)" in line] == [
        'ols and tasks involved. *[— Andrew](https://andrew.example)*',
        'en-or-egg-1611159168.png) — [*Chris*](https://chris.example)',
    ]
    assert draft[-6:] == ["3/3 team-1 (team-1.md) slot=main order=None first=False last=True issue=2021-01 2021-01-20 16:14:00+00:00",
                          "", "The team's piece.", "", "That's all from us this month. Thanks for reading!", ""]


def test_the_issues_order_of_contributors_orders_its_sections(run: Run, newsletter: Path) -> None:
    issue = newsletter / ISSUE / "issue.md"
    issue.write_text(issue.read_text().replace("---\n\nWelcome", "editorial:\n  contributors: [chris, nisha]\n---\n\nWelcome", 1))
    result = run("assemble", "2021-01", "--format", "json", cwd=newsletter)
    assert result.returncode == 0, result.stderr
    # The issue's contributors first, in its order; then the registry's for anyone else.
    assert [s["author"] for s in json.loads(result.stdout)["sections"]] == ["chris", "nisha", "andrew", "melanie", "victor"]


def test_a_stub_not_written_yet_is_named_and_may_be_left_out(run: Run, newsletter: Path) -> None:
    stub = "---\ntitle: ''\nauthor: victor\n---\n\n<!-- editorial: Victor, write your section of 2021-01 below this note. -->\n"
    (newsletter / ISSUE / "sections/victor.md").write_text(stub)
    assert_fails(
        run,
        newsletter,
        f"{ISSUE}/sections/victor.md:5: Victor's section is not written yet (still the stub):"
        " write it, or assemble without it with --allow-missing\n",
    )
    result = run("assemble", "2021-01", "--allow-missing", "--format", "json", cwd=newsletter)
    assert result.returncode == 0
    assert result.stderr == f"warning: {ISSUE}/sections/victor.md:5: left out: Victor's section is not written yet\n"
    report = json.loads(result.stdout)
    assert report["missing"] == [{"path": f"{ISSUE}/sections/victor.md", "author": "victor"}]
    assert [s["author"] for s in report["sections"]] == ["andrew", "melanie", "nisha", "chris"]
    assert "Advances in self supervised learning" not in (newsletter / "build/2021-01.md").read_text()


def test_a_slot_with_a_typo_says_which_was_meant(run: Run, newsletter: Path) -> None:
    issue = newsletter / ISSUE / "issue.md"
    issue.write_text(issue.read_text() + "\n## Reading\n\n<!-- editorial:sections recommended-reading -->\n")
    andrew = newsletter / ISSUE / "sections/andrew.md"
    andrew.write_text(andrew.read_text().replace("author: andrew\n", "author: andrew\nslot: recomended-reading\n"))
    assert_fails(
        run,
        newsletter,
        f"{ISSUE}/sections/andrew.md:4: the slot 'recomended-reading' has no marker in issue.md"
        " (its slots: 'main', 'recommended-reading'); did you mean 'recommended-reading'?\n",
    )


def test_lint_of_the_draft_honours_the_parts_suppression_comments(run: Run, newsletter: Path) -> None:
    victor, draft = newsletter / ISSUE / "sections/victor.md", newsletter / "build/2021-01.md"

    def illusions(path: Path) -> list[str]:
        found = run("lint", path, "--no-languagetool", "--select", "proselint", "--format", "line", cwd=newsletter)
        return [line.split(":")[3] for line in found.stdout.splitlines()]

    assert run("assemble", "2021-01", cwd=newsletter).returncode == 0
    assert illusions(victor) == illusions(draft) == ["proselint.lexical_illusions"]  # "the the"
    head, body = victor.read_text().split("---\n\n", 1)
    victor.write_text(f"{head}---\n\n<!-- editorial-disable proselint.lexical_illusions -->\n{body}")
    assert run("assemble", "2021-01", cwd=newsletter).returncode == 0

    assert "editorial-disable" not in draft.read_text()
    assert illusions(victor) == illusions(draft) == []
    # Edited by hand, the draft is no longer what its parts make: nothing is silenced in it.
    draft.write_text(draft.read_text() + "\nA note.\n")
    assert illusions(draft) == ["proselint.lexical_illusions"]
