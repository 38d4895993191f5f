from __future__ import annotations

from pathlib import Path

from conftest import Run

from editorial import document, settings
from editorial.lint import profiles, proselint
from editorial.lint.config import LintConfig
from editorial.lint.context import Context

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lint"


# proselint's checks but lexical_illusions report in the strict profile only: these tests are about all of them.
STRICT = LintConfig(profile=profiles.STRICT)


def findings(path: Path) -> list[tuple[int, int, int | None, int | None, str]]:
    context = Context(settings.load(start=path.parent, required=False), STRICT)
    return [
        (f.line, f.column, f.end_line, f.end_column, f.rule)
        for f in proselint.check(document.read(path), context)
    ]


def test_positions_point_into_the_file_and_skip_code_urls_comments_front_matter() -> None:
    assert sorted(findings(FIXTURES / "proselint.md")) == [
        (5, 5, 5, 9, "proselint.weasel_words.very"),
        (5, 5, 5, 16, "proselint.uncomparables"),
        (7, 8, 7, 12, "proselint.weasel_words.very"),
        (7, 8, 7, 19, "proselint.uncomparables"),
        (7, 19, 7, 22, "proselint.typography.symbols.ellipsis"),
        (7, 44, 7, 48, "proselint.weasel_words.very"),
        (7, 44, 7, 55, "proselint.uncomparables"),
        (13, 21, 13, 25, "proselint.weasel_words.very"),
        (13, 21, 13, 32, "proselint.uncomparables"),
    ]


def test_results_are_not_doubled_across_calls(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("It is very unique.\n")
    first = findings(path)
    assert first == findings(path)
    assert len(first) == 2


def test_empty_and_prose_free_files_do_not_crash(tmp_path: Path) -> None:
    for text in ("", "\n\n", "```\nvery unique\n```\n", "---\ntitle: very unique\n---\n"):
        path = tmp_path / "e.md"
        path.write_text(text)
        assert findings(path) == []


def test_replacements_are_offered(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("The *ATM machine* failed.\n\nA [cafe](https://cafe.example) is nice.\n")
    context = Context(settings.load(start=tmp_path, required=False), STRICT)
    assert [(f.line, f.column, f.end_column, f.rule, f.replacements) for f in proselint.check(document.read(path), context)] == [
        (1, 6, 17, "proselint.redundancy.ras_syndrome", ("ATM",)),
        (3, 4, 8, "proselint.typography.diacritical_marks", ("café",)),
    ]


def test_rules_are_listed_once_each() -> None:
    ids = [r.id for r in proselint.rules()]
    assert len(ids) == len(set(ids))
    assert "proselint.typography.symbols.ellipsis" in ids
    assert "proselint.weasel_words.very" in ids


def test_a_word_repeated_only_across_code_or_blocks_is_no_lexical_illusion(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "Put it in `Cargo.toml` in the file.\n\n"
        "- The first item ends with the\n- the second starts with it.\n\n"
        "## A heading ends with and\n\nand a paragraph begins with it.\n\n"
        "And this is is a real one, in 2024 2024 and a a too.\n"
    )
    result = run("lint", "--no-languagetool", "--format", "line", "a.md")
    assert (result.returncode, result.stderr) == (0, "")
    # The reader sees the code between "in" and "in", and a list item or heading end where the next begins.
    assert result.stdout.splitlines() == [
        "a.md:10:10:proselint.lexical_illusions:There's a lexical illusion in 'is is' - a phrase is repeated.",
        "a.md:10:45:proselint.lexical_illusions:There's a lexical illusion in 'a a' - a phrase is repeated.",
    ]


def test_a_word_repeated_around_a_tag_that_shows_nothing_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "tags.md"
    path.write_text("It is a <b>word</b> word, and one <img src='w.png'> one.\n")
    # <b> shows nothing between "word" and "word"; an image shows between "one" and "one".
    assert [f for f in findings(path) if f[4] == "proselint.lexical_illusions"] == [
        (1, 12, 1, 25, "proselint.lexical_illusions"),
    ]
