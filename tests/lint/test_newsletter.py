from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lint" / "newsletter"


def test_newsletter_findings(run: Run) -> None:
    # newsletter.byline-format reports in the strict profile only.
    result = run("lint", "--no-languagetool", "--profile", "strict", "--format", "line", "--select", "newsletter", cwd=FIXTURE)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "issues/2021-07/issue.md:5:16:newsletter.wrong-month:the issue is dated 2021-07-14 (July),"
        " but the text calls it the June issue",
        "issues/2021-07/issue.md:5:52:newsletter.wrong-month:the issue is dated 2021-07-14 (July),"
        " but the text calls it the June issue",
        "issues/2021-07/issue.md:11:42:newsletter.byline-format:byline written as [**NAME**](URL)"
        " where the others are [_NAME_](URL)",
        "issues/2021-07/issue.md:11:54:newsletter.byline-link:Bo Li's link in the registry is"
        " https://bo.example, not https://bo.example/people/bo",
        "issues/2021-07/sections/bo.md:8:36:newsletter.section-length:14 words, over the limit of 12: this is word 13",
    ]


def test_sections_take_the_date_of_their_issue(run: Run, tmp_path: Path) -> None:
    sections = tmp_path / "issues/2021-01/sections"
    sections.mkdir(parents=True)
    (tmp_path / "issues/2021-01/issue.md").write_text("---\ndate: 2021-01-20T16:14:00Z\n---\n\nHello.\n")
    (sections / "a.md").write_text(
        "---\ntitle: T\nauthor: a\n---\n\nLast February, Microsoft announced it. This is our February issue…\n"
    )
    result = run("lint", "--no-languagetool", "--format", "line", "--select", "newsletter")
    assert result.stdout == (
        "issues/2021-01/sections/a.md:6:52:newsletter.wrong-month:the issue is dated 2021-01-20 (January),"
        " but the text calls it the February issue\n"
    )


def test_example_issue_is_clean(run: Run, newsletter: Path) -> None:
    assert run("assemble", "2021-01", cwd=newsletter).returncode == 0
    result = run("lint", "--no-languagetool", "issues", "build", "--format", "line", "--select", "newsletter,markdown", cwd=newsletter)
    assert (result.returncode, result.stdout) == (0, "")


def test_a_bom_or_crlf_in_an_issue_is_said_as_assemble_says_it(run: Run, newsletter: Path) -> None:
    sections = newsletter / "issues/2021-01/sections"
    melanie = sections / "melanie.md"
    melanie.write_bytes(b"\xef\xbb\xbf" + melanie.read_bytes())
    nisha = sections / "nisha.md"
    lines = nisha.read_bytes().split(b"\n")
    nisha.write_bytes(b"\n".join(lines[:6]) + b"\r\n" + b"\n".join(lines[6:]))
    (newsletter / "notes.md").write_bytes(b"Outside the issues: not published.\r\n")

    assembled = run("assemble", "2021-01", cwd=newsletter)
    assert (assembled.returncode, assembled.stderr) == (
        2,
        "issues/2021-01/sections/melanie.md:1: starts with a byte-order mark; save the file as UTF-8 without BOM\n"
        "issues/2021-01/sections/nisha.md:6: CRLF line ending; save the file with LF (Unix) line endings\n",
    )
    linted = run("lint", "--no-languagetool", "--format", "line", "--select", "newsletter", ".", cwd=newsletter)
    # Still linted, with the same words as a finding: its rule can be configured like any other.
    assert (linted.returncode, linted.stderr) == (1, "")
    assert linted.stdout == (
        "issues/2021-01/sections/melanie.md:1:1:newsletter.file-format:"
        "starts with a byte-order mark; save the file as UTF-8 without BOM\n"
        f"issues/2021-01/sections/nisha.md:6:{len(lines[5]) + 1}:newsletter.file-format:"
        "CRLF line ending; save the file with LF (Unix) line endings\n"
    )
    shouting = run("lint", "--no-languagetool", "--format", "line", "--select", "House.Shouting", cwd=newsletter)
    assert [line.split(":")[:3] for line in shouting.stdout.splitlines()] == [
        ["issues/2021-01/sections/melanie.md", "8", "544"],
        ["issues/2021-01/sections/melanie.md", "8", "1040"],
        ["issues/2021-01/sections/melanie.md", "12", "31"],
    ]


def byline_repository(root: Path, text: str) -> Path:
    (root / "editorial.yaml").write_text(
        "newsletter:\n  name: Acme Weekly\n"
        "contributors:\n"
        "  melanie:\n    name: Melanie\n    link: https://www.linkedin.com/in/melanierbeck/\n    links: [https://github.com/mbeck]\n"
        "  andrew:\n    name: Andrew\n"
    )
    (root / "issues/2021-07").mkdir(parents=True)
    (root / "issues/2021-07/issue.md").write_text(f"---\ndate: 2021-07-14\n---\n\n{text}\n")
    return root


def test_a_byline_may_link_to_any_of_a_contributors_profiles_written_any_way(run: Run, tmp_path: Path) -> None:
    byline_repository(
        tmp_path,
        "By [Melanie](http://linkedin.com/in/melanierbeck), [Melanie](https://WWW.LinkedIn.com/in/melanierbeck),"
        " [Melanie](https://github.com/mbeck/), [Melanie](http://www.github.com/mbeck) and [Andrew](https://andrew.example).",
    )
    result = run("lint", "--no-languagetool", "--format", "line", "--select", "newsletter")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_byline_to_another_page_or_without_a_scheme_is_reported(run: Run, tmp_path: Path) -> None:
    byline_repository(
        tmp_path,
        "By [Melanie](https://github.com/melanie), [Melanie](www.linkedin.com/in/melanierbeck),"
        " [Melanie](https://www.linkedin.com/in/melanierbeck?trk=x).",
    )
    result = run("lint", "--no-languagetool", "--format", "json", "--select", "newsletter,markdown")
    assert result.returncode == 1
    registry = "Melanie's link in the registry is https://www.linkedin.com/in/melanierbeck/ or https://github.com/mbeck"
    found = json.loads(result.stdout)["findings"]
    assert [(f["line"], f["column"], f["end_column"], f["rule"], f["message"], f["replacements"], f["also"]) for f in found] == [
        (5, 14, 40, "newsletter.byline-link", f"{registry}, not https://github.com/melanie",
         ["https://www.linkedin.com/in/melanierbeck/", "https://github.com/mbeck"], []),
        # A link without a scheme is a relative link, whatever it names: still wrong, and said once.
        (5, 53, 85, "newsletter.byline-link", f"{registry}, not www.linkedin.com/in/melanierbeck",
         ["https://www.linkedin.com/in/melanierbeck/", "https://github.com/mbeck"], ["markdown.missing-scheme"]),
        (5, 98, 144, "newsletter.byline-link", f"{registry}, not https://www.linkedin.com/in/melanierbeck?trk=x",
         ["https://www.linkedin.com/in/melanierbeck/", "https://github.com/mbeck"], []),
    ]


MONTHS_TEXT = """\
Welcome to the June edition.

This is the June Acme Weekly newsletter.

Acme Weekly's June issue is out, and so is Acme Weekly’s June 2021 newsletter.

The June edition of Acme Weekly is here; our June 2021 newsletter too; this June issue as well.

In the June edition we promised a lot. Since our June issue, we grew.

Like the June newsletter, unlike the June Acme Weekly newsletter, after the June edition of Acme Weekly.

Other Weekly's June issue is fine, as is the July edition and the june edition.
"""


def test_the_month_rule_reports_the_issue_naming_itself_not_another(run: Run, tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text("newsletter:\n  name: Acme Weekly\n")
    (tmp_path / "issues/2021-07").mkdir(parents=True)
    (tmp_path / "issues/2021-07/issue.md").write_text(f"---\ndate: 2021-07-14\n---\n\n{MONTHS_TEXT}")
    result = run("lint", "--no-languagetool", "--format", "line", "--select", "newsletter")
    lines = MONTHS_TEXT.splitlines()
    # Welcome lines, the newsletter's own name before or after the month, "this" and "our" issue; not
    # "in the June edition we promised", "since our June issue", another newsletter's, the right month.
    places = [(5, 16), (7, 13), (9, 15), (9, 58), (11, 5), (11, 46), (11, 77)]
    assert result.stdout.splitlines() == [
        f"issues/2021-07/issue.md:{row}:{column}:newsletter.wrong-month:the issue is dated 2021-07-14 (July),"
        " but the text calls it the June issue"
        for row, column in places
    ]
    assert all(lines[row - 5][column - 1 :].startswith("June") for row, column in places)


def test_this_issue_is_this_issue_whatever_word_comes_before(run: Run, tmp_path: Path) -> None:
    (tmp_path / "issues/2021-07").mkdir(parents=True)
    (tmp_path / "issues/2021-07/issue.md").write_text("---\ndate: 2021-07-14\n---\n\nIn this June issue we talk.\n")
    result = run("lint", "--no-languagetool", "--format", "line", "--select", "newsletter")
    assert result.stdout == (
        "issues/2021-07/issue.md:5:9:newsletter.wrong-month:the issue is dated 2021-07-14 (July), but the text calls it the June issue\n"
    )


def test_a_pelican_headers_date_is_the_issues_date(run: Run, tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text("newsletter:\n  name: This Week in Rust\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content/twir-500.md").write_text(
        "Title: This Week in Rust 500\nNumber: 500\nDate: 2023-06-28\n\nHello and welcome to the May edition of This Week in Rust.\n"
    )
    (tmp_path / "content/twir-501.md").write_text("Title: This Week in Rust 501\nDate: 2023-07-05\n\nThe July edition.\n")
    result = run("lint", "--no-languagetool", "--format", "line", "--select", "newsletter", "content")
    assert (result.returncode, result.stdout) == (
        1,
        "content/twir-500.md:5:26:newsletter.wrong-month:the issue is dated 2023-06-28 (June), but the text calls it the May issue\n",
    )


def test_sections_take_the_date_of_an_issue_with_a_pelican_header(run: Run, tmp_path: Path) -> None:
    sections = tmp_path / "issues/2021-01/sections"
    sections.mkdir(parents=True)
    (tmp_path / "issues/2021-01/issue.md").write_text("Title: January\nDate: 2021-01-20\n\nHello.\n")
    (sections / "a.md").write_text("---\ntitle: T\nauthor: a\n---\n\nWelcome to the February issue.\n")
    result = run("lint", "--no-languagetool", "--format", "line", "--select", "newsletter.wrong-month")
    assert result.stdout == (
        "issues/2021-01/sections/a.md:6:16:newsletter.wrong-month:the issue is dated 2021-01-20 (January),"
        " but the text calls it the February issue\n"
    )


def test_a_sections_title_is_not_part_of_its_length(run: Run, tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text("contributors:\n  bo:\n    name: Bo\nlint:\n  word_limit: 4\n")
    (tmp_path / "issues/1/sections").mkdir(parents=True)
    (tmp_path / "issues/1/issue.md").write_text("---\ndate: 2021-07-14\n---\n\n<!-- editorial:sections -->\n")
    section = tmp_path / "issues/1/sections/bo.md"
    section.write_text("---\ntitle: A title of six words here\nauthor: bo\n---\n\nOne two three four.\n")
    quiet = run("lint", "--no-languagetool", "--format", "line", "--select", "newsletter", cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout) == (0, "")
    section.write_text(section.read_text().replace("four.", "four five."))
    over = run("lint", "--no-languagetool", "--format", "line", "--select", "newsletter", cwd=tmp_path)
    assert over.stdout == "issues/1/sections/bo.md:6:20:newsletter.section-length:5 words, over the limit of 4: this is word 5\n"
