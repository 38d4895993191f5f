from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Run

from editorial import document, settings
from editorial.errors import EditorialError
from editorial.lint import config, frontmatter
from editorial.lint.context import Context

REGISTRY = "contributors:\n  ana:\n    name: Ana\n  bo:\n    name: Bo\n"


def check(root: Path, relative: str, text: str) -> list[tuple[int, int, str, str]]:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    loaded = settings.load(start=root, required=False)
    context = Context(loaded, config.load(loaded))
    return [(f.line, f.column, f.rule, f.message) for f in frontmatter.check(document.read(path), context)]


def test_valid_issue_and_section_are_clean(tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text(REGISTRY)
    assert check(tmp_path, "issues/1/issue.md", "---\ndate: 2021-01-20T16:14:00Z\n---\n") == []
    assert check(tmp_path, "issues/1/issue.md", "---\ndate: 2021-01-20\ntitle: Jan\n---\n") == []
    assert check(tmp_path, "issues/1/sections/ana.md", "---\ntitle: T\nauthor: ana\norder: 2\nextra: kept\n---\nx\n") == []


def test_issue_findings(tmp_path: Path) -> None:
    assert check(tmp_path, "issues/1/issue.md", "---\ntitle: Jan\n---\n") == [
        (1, 1, "frontmatter.required", "front matter has no 'date'")
    ]
    assert check(tmp_path, "issues/1/issue.md", "---\ntitle: Jan\ndate: soon\n---\n") == [
        (3, 1, "frontmatter.invalid", "'date' 'soon' is not valid under any of the given schemas")
    ]
    assert check(tmp_path, "issues/1/issue.md", "No front matter.\n") == [
        (1, 1, "frontmatter.missing", "no front matter (files matching 'issues/*/issue.md' need one)")
    ]
    assert check(tmp_path, "issues/1/issue.md", "---\ndate: [\n---\n") == [
        (3, 1, "frontmatter.malformed", "invalid YAML: did not find expected node content")
    ]


def test_section_findings(tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text(REGISTRY)
    assert check(
        tmp_path, "issues/1/sections/x.md", "---\ntitle: '  '\nauthor: casper\norder: first\n---\nx\n"
    ) == [
        (2, 1, "frontmatter.invalid", "'title' must not be empty"),
        (3, 1, "frontmatter.unknown-author", "author 'casper' is not in the contributor registry (ana, bo)"),
        (4, 1, "frontmatter.invalid", "'order' 'first' is not of type 'integer'"),
    ]
    assert check(tmp_path, "issues/1/sections/y.md", "---\nauthor: bo\n---\nx\n") == [
        (1, 1, "frontmatter.required", "front matter has no 'title'")
    ]


def test_configured_schemas_by_glob(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas/page.yaml").write_text(
        "type: object\nrequired: [layout]\nadditionalProperties: false\n"
        "properties:\n  layout: {enum: [page, post]}\n  tags: {type: array, items: {type: string}}\n"
    )
    (tmp_path / "editorial.yaml").write_text(
        "lint:\n  frontmatter:\n    'pages/*.md': schemas/page.yaml\n"
        "    'notes/*.md': {type: object, required: [topic]}\n"
    )
    assert check(tmp_path, "pages/a.md", "---\nlayout: poster\ntags: [a, 3]\ncolour: red\n---\n") == [
        (2, 1, "frontmatter.invalid", "'layout' 'poster' is not one of ['page', 'post']"),
        (3, 1, "frontmatter.invalid", "'tags.1' 3 is not of type 'string'"),
        (4, 1, "frontmatter.unexpected", "unexpected key 'colour'"),
    ]
    assert check(tmp_path, "notes/b.md", "---\ntags: []\n---\n") == [
        (1, 1, "frontmatter.required", "front matter has no 'topic'")
    ]
    assert check(tmp_path, "elsewhere/c.md", "no front matter needed\n") == []


def test_broken_schema_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text("lint:\n  frontmatter:\n    '*.md': {type: 12}\n")
    with pytest.raises(EditorialError, match=r"invalid JSON Schema: 12 is not valid under any of the given schemas"):
        check(tmp_path, "a.md", "---\na: 1\n---\n")


def test_a_stub_not_written_yet_is_no_error_but_an_empty_title_on_a_written_section_is(tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text(REGISTRY)
    stub = "---\ntitle: ''\nauthor: ana\n---\n\n<!-- editorial: Ana, write your section of 1 below this note. -->\n"
    assert check(tmp_path, "issues/1/sections/ana.md", stub) == []
    assert check(tmp_path, "issues/1/sections/ana.md", stub + "Written.\n") == [
        (2, 1, "frontmatter.invalid", "'title' must not be empty")
    ]


def test_an_unsigned_section_needs_no_author(tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text(REGISTRY)
    assert check(tmp_path, "issues/1/sections/team.md", "---\ntitle: From all of us\n---\n\nText.\n") == []


def test_a_sections_slot_must_have_a_marker_in_its_issue(tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text(REGISTRY)
    check(tmp_path, "issues/1/issue.md", "---\ndate: 2022-07-22\n---\n\n<!-- editorial:sections research -->\n\n<!-- editorial:sections recommended-reading -->\n")
    typo = "---\ntitle: T\nauthor: ana\nslot: recomended-reading\n---\n\nText.\n"
    assert check(tmp_path, "issues/1/sections/ana.md", typo) == [
        (
            4, 1, "frontmatter.unknown-slot",
            "the slot 'recomended-reading' has no marker in issue.md (its slots: 'research', 'recommended-reading');"
            " did you mean 'recommended-reading'?",
        )
    ]
    # No slot is the slot 'main', which this frame has no marker for.
    assert check(tmp_path, "issues/1/sections/bo.md", "---\ntitle: T\nauthor: bo\n---\n\nText.\n") == [
        (
            1, 1, "frontmatter.unknown-slot",
            "the slot 'main' has no marker in issue.md (its slots: 'research', 'recommended-reading');"
            " add a line <!-- editorial:sections --> where it goes",
        )
    ]
    assert check(tmp_path, "issues/1/sections/ana.md", typo.replace("recomended", "recommended")) == []
    # A frame without any marker yet has nothing to check against.
    check(tmp_path, "issues/1/issue.md", "---\ndate: 2022-07-22\n---\n\nIntro, half done.\n")
    assert check(tmp_path, "issues/1/sections/ana.md", typo) == []


def test_cached_results_follow_the_issues_markers_and_the_stub_being_written(run: Run, tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text(REGISTRY)
    frame = tmp_path / "issues/1/issue.md"
    frame.parent.mkdir(parents=True)
    frame.write_text("---\ndate: 2022-07-22\n---\n\n<!-- editorial:sections research -->\n")
    section = tmp_path / "issues/1/sections/ana.md"
    section.parent.mkdir()
    section.write_text("---\ntitle: ''\nauthor: ana\nslot: reading\n---\n\n<!-- editorial: Ana, write here. -->\n")

    def rules() -> list[str]:
        found = run("lint", "issues", "--no-languagetool", "--select", "frontmatter", "--format", "line", cwd=tmp_path)
        return [line.split(":", 3)[3].split(":")[0] for line in found.stdout.splitlines()]

    assert rules() == []  # a stub: not started
    section.write_text(section.read_text() + "Written at last.\n")
    assert rules() == ["frontmatter.invalid", "frontmatter.unknown-slot"]
    frame.write_text(frame.read_text() + "\n<!-- editorial:sections reading -->\n")  # the section file is unchanged
    assert rules() == ["frontmatter.invalid"]
