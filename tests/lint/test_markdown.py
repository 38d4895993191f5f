from __future__ import annotations

import json
from pathlib import Path

from conftest import Run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lint" / "markdown"


def test_every_slip_at_its_place(run: Run) -> None:
    # heading-jump, image-alt and nested-emphasis report in the strict profile only.
    result = run("lint", "--no-languagetool", "--profile", "strict", "slips.md", "--format", "line", "--select", "markdown", cwd=FIXTURES)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        # Four stars that close or open bold nest it in CommonMark: they render, and say no more than '**'.
        "slips.md:3:1:markdown.nested-emphasis:'****' only nests bold in bold; '**' says the same",
        "slips.md:3:29:markdown.nested-emphasis:'****' only nests bold in bold; '**' says the same",
        "slips.md:3:53:markdown.nested-emphasis:'**************' only nests bold in bold; '**' says the same",
        "slips.md:3:73:markdown.nested-emphasis:'**************' only nests bold in bold; '**' says the same",
        "slips.md:5:3:markdown.unclosed-emphasis:'**' does not open or close emphasis here and shows as literal characters",
        "slips.md:5:40:markdown.repeated-word:'the' is repeated across markup",
        "slips.md:7:23:markdown.missing-scheme:'www.linkedin.com/in/someone' has no scheme and links to a relative path;"
        " write https://www.linkedin.com/in/someone",
        "slips.md:7:62:markdown.tracking-parameter:tracking parameters utm_medium, utm_source in the URL",
        "slips.md:9:1:markdown.empty-link-text:link has no text",
        "slips.md:9:35:markdown.image-alt:image has no alt text",
        "slips.md:9:72:markdown.broken-local-link:'images/missing.png' does not exist (relative to ./)",
        "slips.md:11:1:markdown.heading-jump:heading level jumps from h1 to h4",
        # Line 13 links line 5's paper again, in another paragraph: no finding. Line 15 links it twice
        # in one paragraph (http, www. and a trailing slash aside: the same page).
        "slips.md:15:3:markdown.emphasis-run:'****' renders as literal characters; use ** for bold or _ for italics",
        "slips.md:15:77:markdown.duplicate-link:'http://www.arxiv.org/abs/2006.09882/' is already linked on line 15",
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


SLIPS_OF_LINKS_AND_STARS = """\
Use dyn* and Fn* and *mut T, \\*Filter and ok_or[_else] or 2 * 3.

*No calls this week

[*Broken emphasis](https://example.com/b) and this.

A **bold claim that never closes.

A __bold claim that never closes either.

A ***triple that never closes.

****[Title](https://example.com/t)****

A ****b and c.

Read [the paper] (https://arxiv.org/abs/2006.09882) today.

Read [the paper](https://arxiv.org/abs/2006.09882 today.

Join the [meetup](hhttps://www.meetup.com/rust-noris/), [this](https//example.com/x) and [that](http®s://example.com/y).

See [serde-ply]([https://github.com/a/b](https://www.reddit.com/r/rust/c)).

Visit [https://example.com/post](Name) now.

Fine: [ftp](ftp://example.com/f), [mail](mailto:a@example.com), [cdn](//cdn.example.com/x.png), [see](#e), [a](https://example.com/a) [b].
"""


def test_links_and_stars_that_show_as_text(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(SLIPS_OF_LINKS_AND_STARS)
    (tmp_path / "static").mkdir()  # '/'-paths are checked; '//host/…' is no path
    unclosed = "does not open or close emphasis here and shows as literal characters"
    result = run("lint", "--no-languagetool", "--profile", "strict", "--format", "line", "--select", "markdown", "a.md")
    assert (result.returncode, result.stderr) == (1, "")
    # Line 1: stars and underscores that are part of what is written (dyn*, \\*, ok_or[_else]) are not slips.
    assert result.stdout.splitlines() == [
        f"a.md:3:1:markdown.unclosed-emphasis:'*' {unclosed}",  # opens its block
        f"a.md:5:2:markdown.unclosed-emphasis:'*' {unclosed}",  # against markup
        f"a.md:7:3:markdown.unclosed-emphasis:'**' {unclosed}",
        f"a.md:9:3:markdown.unclosed-emphasis:'__' {unclosed}",
        f"a.md:11:3:markdown.unclosed-emphasis:'***' {unclosed}",
        "a.md:13:1:markdown.nested-emphasis:'****' only nests bold in bold; '**' says the same",
        "a.md:13:35:markdown.nested-emphasis:'****' only nests bold in bold; '**' says the same",
        "a.md:15:3:markdown.emphasis-run:'****' renders as literal characters; use ** for bold or _ for italics",
        "a.md:17:16:markdown.link-syntax:this link shows as text, brackets and address: a space between ']' and '('",
        "a.md:19:16:markdown.link-syntax:this link shows as text, brackets and address: a ')' missing",
        "a.md:21:19:markdown.unknown-scheme:'hhttps://' is no scheme a browser follows: the link goes nowhere",
        "a.md:21:64:markdown.unknown-scheme:'https//' is no scheme a browser follows: the link goes nowhere",
        "a.md:21:97:markdown.unknown-scheme:'http®s://' is no scheme a browser follows: the link goes nowhere",
        "a.md:23:17:markdown.link-in-destination:a link is written inside this link's address: the address is its text,"
        " brackets and all",
        "a.md:25:7:markdown.swapped-link:the address is written as the link's text and 'Name' as its address:"
        " write [Name](https://example.com/post)",
    ]
    as_json = run("lint", "--no-languagetool", "--format", "json", "--select", "markdown", "a.md")
    found = {(f["line"], f["column"]): (f["rule"], f["end_line"], f["end_column"], f["severity"], f["matched"])
             for f in json.loads(as_json.stdout)["findings"]}
    assert (13, 1) not in found and (13, 35) not in found  # nested-emphasis: a suggestion of the strict profile
    assert found[(7, 3)] == ("markdown.unclosed-emphasis", 7, 5, "warning", "**")
    assert found[(15, 3)] == ("markdown.emphasis-run", 15, 7, "error", "****")
    assert found[(17, 16)] == ("markdown.link-syntax", 17, 19, "error", "] (")
    assert found[(21, 19)] == ("markdown.unknown-scheme", 21, 54, "error", "hhttps://www.meetup.com/rust-noris/")
    assert found[(21, 97)] == ("markdown.unknown-scheme", 21, 119, "error", "http®s://example.com/y")
    assert found[(23, 17)] == (
        "markdown.link-in-destination", 23, 74, "error", "[https://github.com/a/b](https://www.reddit.com/r/rust/c)"
    )
    assert found[(25, 7)] == ("markdown.swapped-link", 25, 39, "error", "[https://example.com/post](Name)")


def test_a_page_linked_twice_in_one_paragraph_or_list_item(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "* [paper](https://arxiv.org/x) and [again](https://arxiv.org/x)\n"
        "* [the paper](http://arxiv.org/x/)\n\n"
        "| a | b |\n|---|---|\n| [p](https://e.org/p) | [q](https://e.org/p) |\n\n"
        "One [a](https://e.org//a//) and [b](https://www.E.org/a), [c](https://e.org/a?x=1), [d](https://e.org/a#s).\n\n"
        "Another [paragraph](https://arxiv.org/x).\n"
    )
    result = run("lint", "--no-languagetool", "--format", "line", "--select", "markdown.duplicate-link", "a.md")
    assert (result.returncode, result.stdout) == (
        0,
        "a.md:1:44:markdown.duplicate-link:'https://arxiv.org/x' is already linked on line 1\n"
        "a.md:8:37:markdown.duplicate-link:'https://www.E.org/a' is already linked on line 8\n",
    )


def test_a_heading_in_bold_all_through(run: Run, tmp_path: Path) -> None:
    (tmp_path / "h.md").write_text(
        "# Title\n\n### **[A paper](https://example.com/a)**\n\n### [**Another**](https://example.com/b)\n\n"
        "### **Bold** and not\n\n### __All__ ###\n\n### **One** and **two**\n"
    )
    result = run("lint", "--no-languagetool", "--format", "line", "--select", "markdown.bold-heading", "h.md")
    assert result.stdout.splitlines() == [
        "h.md:3:5:markdown.bold-heading:the whole heading is in bold: a heading is bold already",
        "h.md:5:5:markdown.bold-heading:the whole heading is in bold: a heading is bold already",
        "h.md:9:5:markdown.bold-heading:the whole heading is in bold: a heading is bold already",
    ]


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
