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
