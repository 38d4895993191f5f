from __future__ import annotations

from pathlib import Path

from conftest import Run

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lint" / "newsletter"


def test_newsletter_findings(run: Run) -> None:
    result = run("lint", "--no-languagetool", "--format", "line", "--select", "newsletter", cwd=FIXTURE)
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
        "---\ntitle: T\nauthor: a\n---\n\nLast February, Microsoft announced it. In our February issue…\n"
    )
    result = run("lint", "--no-languagetool", "--format", "line", "--select", "newsletter")
    assert result.stdout == (
        "issues/2021-01/sections/a.md:6:47:newsletter.wrong-month:the issue is dated 2021-01-20 (January),"
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
