from __future__ import annotations

from pathlib import Path

from conftest import Run

SLIPS = ("lint", "--no-languagetool", "--format", "line", "--select", "slips")


def test_an_article_before_of_and_two_spaces_between_words(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "The of CPS metric is new. A of, an of and the often are slips.\n"
        "\n"
        "Developing  dozens of methods.  After a full stop, two spaces are a habit: fine.\n"
        "\n"
        "In `the` of code, and `x`  beside code: no slip.\n"
    )
    strict = run(*SLIPS, "--profile", "strict", "a.md")
    assert strict.stdout.splitlines() == [
        "a.md:1:1:slips.missing-word:a word seems to be missing between these two",
        "a.md:1:27:slips.missing-word:a word seems to be missing between these two",
        "a.md:1:33:slips.missing-word:a word seems to be missing between these two",
        "a.md:3:11:slips.double-space:two spaces between words: was a word deleted here?",
    ]
    # Two spaces are reported only in the strict profile: in link titles they are their authors'.
    assert run(*SLIPS, "a.md").stdout.splitlines() == strict.stdout.splitlines()[:3]


def test_the_example_issues_slip(run: Run, tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "2022-07" / "expected.md"
    if not example.is_file():
        import pytest

        pytest.skip("../shared/examples/2022-07 is not here")
    (tmp_path / "expected.md").write_bytes(example.read_bytes())
    assert run(*SLIPS, "--profile", "strict", "expected.md").stdout.splitlines() == [
        "expected.md:33:1:slips.missing-word:a word seems to be missing between these two",
        "expected.md:65:101:slips.double-space:two spaces between words: was a word deleted here?",
    ]
