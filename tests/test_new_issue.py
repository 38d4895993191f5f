from __future__ import annotations

import json
from pathlib import Path

from conftest import Run


def test_scaffolds_issue_and_stubs_from_default_templates(run: Run, newsletter: Path) -> None:
    result = run(
        "new-issue", "2021-02", "--date", "2021-02-17", "--title", "February: research",
        "--contributors", "chris,andrew", cwd=newsletter,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "created issues/2021-02/issue.md\n"
        "created issues/2021-02/sections/chris.md\n"
        "created issues/2021-02/sections/andrew.md\n"
    )
    folder = newsletter / "issues/2021-02"
    assert (folder / "issue.md").read_text() == (
        "---\n"
        "date: 2021-02-17\n"
        "title: 'February: research'\n"
        "editorial:\n"
        "  contributors: [chris, andrew]\n"
        "---\n\n"
        "Welcome to the February edition of Cloudera Fast Forward.\n\n"
        "<!-- editorial:sections -->\n\n"
        "That's all from us this month. Thanks for reading!\n"
    )
    assert (folder / "sections/chris.md").read_text() == (
        "---\ntitle: ''\nauthor: chris\n---\n\n"
        "<!-- editorial: Chris, write your section of 2021-02 below this note (it is never published). -->\n"
    )
    assert sorted(p.name for p in (folder / "sections").iterdir()) == ["andrew.md", "chris.md"]


def test_everyone_registered_by_default_and_json(run: Run, newsletter: Path) -> None:
    result = run("new-issue", "2021-03", "--date", "2021-03-01T09:00:00+01:00", "--format", "json", cwd=newsletter)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["issue"] == "issues/2021-03"
    assert report["contributors"] == ["andrew", "melanie", "nisha", "victor", "chris"]
    assert report["files"][0] == "issues/2021-03/issue.md"
    assert "date: 2021-03-01T09:00:00+01:00\n" in (newsletter / "issues/2021-03/issue.md").read_text()


def test_repository_templates_win_over_defaults(run: Run, newsletter: Path) -> None:
    templates = newsletter / "templates"
    templates.mkdir()
    (templates / "section-stub.md.j2").write_text("---\ntitle: TBD\nauthor: {{ contributor.id }}\n---\n\nHi {{ contributor.name }}\n")
    result = run("new-issue", "2021-02", "--date", "2021-02-17", "--contributors", "nisha", cwd=newsletter)
    assert result.returncode == 0, result.stderr
    assert (newsletter / "issues/2021-02/sections/nisha.md").read_text() == "---\ntitle: TBD\nauthor: nisha\n---\n\nHi Nisha\n"
    assert "Welcome to the February edition" in (newsletter / "issues/2021-02/issue.md").read_text()


def test_refuses_an_existing_issue(run: Run, newsletter: Path) -> None:
    before = sorted(p.name for p in (newsletter / "issues/2021-01/sections").iterdir())
    result = run("new-issue", "2021-01", "--date", "2021-01-20", cwd=newsletter)
    assert (result.returncode, result.stderr) == (2, "issues/2021-01: issue '2021-01' already exists\n")
    assert sorted(p.name for p in (newsletter / "issues/2021-01/sections").iterdir()) == before


def test_bad_arguments(run: Run, newsletter: Path) -> None:
    cases = {
        ("new-issue", "x", "--date", "2021-02-30"): "--date: '2021-02-30' is not a date (YYYY-MM-DD) or an ISO 8601 date-time\n",
        ("new-issue", "x", "--date", "2021-02-01", "--contributors", "bob,andrew,eve"): (
            "editorial.yaml: not in the contributor registry: bob, eve"
            " (registered: andrew, melanie, nisha, victor, chris)\n"
        ),
        ("new-issue", "a/b", "--date", "2021-02-01"): "a/b: an issue slug must be letters, digits, '.', '-' or '_' (it names a folder)\n",
    }
    for args, stderr in cases.items():
        result = run(*args, cwd=newsletter)
        assert (result.returncode, result.stderr) == (2, stderr), args
    assert sorted(p.name for p in (newsletter / "issues").iterdir()) == ["2021-01"]


def test_template_errors_write_nothing(run: Run, newsletter: Path) -> None:
    templates = newsletter / "templates"
    templates.mkdir()
    (templates / "section-stub.md.j2").write_text("---\ntitle: x\nauthor: {{ contributor.id }}\n---\n{{ deadline }}\n")
    result = run("new-issue", "2021-02", "--date", "2021-02-17", cwd=newsletter)
    assert (result.returncode, result.stderr) == (2, "templates/section-stub.md.j2:5: template error: 'deadline' is undefined\n")
    (templates / "section-stub.md.j2").write_text("---\n{% for c in x %}\n---\n")
    result = run("new-issue", "2021-02", "--date", "2021-02-17", cwd=newsletter)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "templates/section-stub.md.j2:2: template error: Unexpected end of template."
        " Jinja was looking for the following tags: "
    )
    (templates / "section-stub.md.j2").unlink()
    (templates / "issue.md.j2").write_text("---\ndate: [\n---\n")
    result = run("new-issue", "2021-02", "--date", "2021-02-17", cwd=newsletter)
    assert result.returncode == 2
    assert result.stderr == "issues/2021-02/issue.md:3: invalid YAML: did not find expected node content (as rendered from its template)\n"
    assert sorted(p.name for p in (newsletter / "issues").iterdir()) == ["2021-01"]


def test_new_issue_then_assemble_after_contributors_write(run: Run, newsletter: Path) -> None:
    assert run("new-issue", "2021-02", "--date", "2021-02-17", "--contributors", "victor", cwd=newsletter).returncode == 0
    stub = newsletter / "issues/2021-02/sections/victor.md"
    not_yet = run("assemble", "2021-02", cwd=newsletter)
    assert (not_yet.returncode, not_yet.stderr) == (
        2,
        "issues/2021-02/sections/victor.md:5: Victor's section is not written yet (still the stub):"
        " write it, or assemble without it with --allow-missing\n",
    )
    # Victor writes below the stub's note, as it says: the note is never published.
    stub.write_text(stub.read_text().replace("title: ''", "title: Contrastive learning") + "It works.\n")
    done = run("assemble", "2021-02", cwd=newsletter)
    assert done.returncode == 0, done.stderr
    assert (newsletter / "build/2021-02.md").read_text() == (
        "---\ndate: 2021-02-17\n---\n\n"
        "Welcome to the February edition of Cloudera Fast Forward.\n\n"
        "### Contrastive learning\n\n[_Victor_](https://twitter.com/vykthur)\n\nIt works.\n\n"
        "That's all from us this month. Thanks for reading!\n"
    )
