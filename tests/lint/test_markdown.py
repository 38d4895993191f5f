from __future__ import annotations

from pathlib import Path

from conftest import Run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lint" / "markdown"


def test_every_slip_at_its_place(run: Run) -> None:
    result = run("lint", "--no-languagetool", "slips.md", "--format", "line", "--select", "markdown", cwd=FIXTURES)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "slips.md:3:1:markdown.emphasis-run:'****' renders as literal characters; use ** for bold or _ for italics",
        "slips.md:3:29:markdown.emphasis-run:'****' renders as literal characters; use ** for bold or _ for italics",
        "slips.md:3:53:markdown.emphasis-run:'**************' renders as literal characters; use ** for bold or _ for italics",
        "slips.md:3:73:markdown.emphasis-run:'**************' renders as literal characters; use ** for bold or _ for italics",
        "slips.md:5:3:markdown.unclosed-emphasis:'**' does not open or close emphasis here and shows as literal characters",
        "slips.md:5:40:markdown.repeated-word:'the' is repeated across markup",
        "slips.md:7:23:markdown.missing-scheme:'www.linkedin.com/in/someone' has no scheme and links to a relative path;"
        " write https://www.linkedin.com/in/someone",
        "slips.md:7:62:markdown.tracking-parameter:tracking parameters utm_medium, utm_source in the URL",
        "slips.md:9:1:markdown.empty-link-text:link has no text",
        "slips.md:9:35:markdown.image-alt:image has no alt text",
        "slips.md:9:72:markdown.broken-local-link:'images/missing.png' does not exist (relative to ./)",
        "slips.md:11:1:markdown.heading-jump:heading level jumps from h1 to h4",
        "slips.md:13:25:markdown.duplicate-link:'https://arxiv.org/abs/2006.09882' is already linked on line 5",
    ]


def test_clean_fixture_has_no_findings(run: Run) -> None:
    result = run("lint", "--no-languagetool", "clean.md", "--format", "line", "--select", "markdown", cwd=FIXTURES)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_absolute_paths_are_checked_against_the_static_roots(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("![Logo](/images/logo.png) and ![Gone](/images/gone.png)\n")
    unchecked = run("lint", "--no-languagetool", "a.md", "--format", "line", "--select", "markdown")
    assert unchecked.stdout == ""  # no static folder: nothing to check '/'-paths against
    (tmp_path / "public/images").mkdir(parents=True)
    (tmp_path / "public/images/logo.png").write_bytes(b"png")
    (tmp_path / "editorial.yaml").write_text("lint:\n  static: [static, public]\n")
    checked = run("lint", "--no-languagetool", "a.md", "--format", "line", "--select", "markdown")
    assert checked.stdout == "a.md:1:39:markdown.broken-local-link:'/images/gone.png' is not in the static folder (public/)\n"


def test_severity_and_positions_in_json(run: Run) -> None:
    import json

    result = run("lint", "--no-languagetool", "slips.md", "--format", "json", "--select", "markdown.missing-scheme", cwd=FIXTURES)
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (7, 23, 7, 50)
    assert finding["severity"] == "error"
    assert finding["replacements"] == ["https://www.linkedin.com/in/someone"]


def test_a_sections_title_is_linted_as_markdown(run: Run, tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text("contributors:\n  ana:\n    name: Ana\n")
    title = '---\ntitle: "The ****best [MLOps](www.mlops.org) reads"\nauthor: ana\n---\n\nText.\n'
    (tmp_path / "issues/1/sections").mkdir(parents=True)
    (tmp_path / "issues/1/sections/ana.md").write_text(title)
    (tmp_path / "page.md").write_text(title)  # not a section: its front matter is no prose
    result = run("lint", "--no-languagetool", "issues", "page.md", "--format", "line", "--select", "markdown", cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "issues/1/sections/ana.md:2:13:markdown.emphasis-run:'****' renders as literal characters; use ** for bold or _ for italics",
        "issues/1/sections/ana.md:2:30:markdown.missing-scheme:'www.mlops.org' has no scheme and links to a relative path;"
        " write https://www.mlops.org",
    ]
