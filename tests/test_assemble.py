from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import Run

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
        f"{ISSUE}/sections/late.md:4: its slot 'reading' has no marker in issue.md"
        " (add a line <!-- editorial:sections reading -->)\n"
        f"{ISSUE}/sections/stub.md:5: the section has no content yet\n"
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
