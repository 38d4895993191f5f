"""editorial.lint.overlaps: one finding per problem where engines overlap."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conftest import Run

from editorial.lint.findings import Finding, Severity
from editorial.lint.overlaps import BUILT_IN_ORDER, STYLES, one_per_span


def finding(rule: str, column: int = 5, end: int = 12, severity: Severity = Severity.warning, fix: tuple[str, ...] = ()) -> Finding:
    named = rule.split(".", 1)[0]
    engine = named if named in BUILT_IN_ORDER else STYLES
    return Finding("a.md", 3, column, rule, severity, f"{rule} says so", 3, end, fix, engine=engine)


def test_engines_reporting_the_same_words_make_one_finding() -> None:
    repeat = finding("languagetool.ENGLISH_WORD_REPEAT_RULE", fix=("the",))
    illusion = finding("proselint.lexical_illusions")
    before, after = finding("markdown.x", column=1, end=3), finding("House.Y", column=20, end=22)
    assert one_per_span([before, illusion, repeat, after]) == [
        before,
        Finding("a.md", 3, 5, "languagetool.ENGLISH_WORD_REPEAT_RULE", Severity.warning, repeat.message, 3, 12, ("the",),
                also=("proselint.lexical_illusions",), engine="languagetool"),
        after,
    ]  # fmt: skip


def test_which_engine_is_shown() -> None:
    # A higher severity first, then a finding that offers replacements, then the team's own styles, then built-in order.
    error = finding("languagetool.A", severity=Severity.error)
    assert one_per_span([finding("House.B", fix=("x",)), error]) == [replace(error, also=("House.B",))]
    fixed = finding("languagetool.A", fix=("x",))
    assert one_per_span([finding("proselint.b"), fixed])[0].rule == "languagetool.A"
    assert one_per_span([finding("languagetool.A"), finding("proselint.b"), finding("Google.C")])[0].also == (
        "languagetool.A",
        "proselint.b",
    )
    assert one_per_span([finding("languagetool.A"), finding("proselint.b")])[0].rule == "proselint.b"


def test_one_engines_findings_and_other_spans_are_left_alone() -> None:
    same_engine = [finding("proselint.uncomparables"), finding("proselint.weasel_words.very")]
    assert one_per_span(same_engine) == same_engine
    nearby = [finding("proselint.b"), finding("languagetool.A", end=13), finding("languagetool.A", column=6)]
    assert one_per_span(nearby) == nearby
    elsewhere = [finding("proselint.b"), Finding("b.md", 3, 5, "languagetool.A", Severity.warning, "m", 3, 12, engine="languagetool")]
    assert one_per_span(elsewhere) == elsewhere
    no_end = [Finding("a.md", 3, 5, "frontmatter.x", Severity.error, "m", engine="frontmatter"),
              Finding("a.md", 3, 5, "markdown.y", Severity.error, "m", engine="markdown")]
    assert one_per_span(no_end) == no_end
    # The team's styles are one engine, as in Vale: two packages that flag the same words both say so.
    styles = [finding("Google.Passive"), finding("write-good.Passive")]
    assert one_per_span(styles) == styles
    assert one_per_span([*styles, finding("languagetool.A")]) == [replace(styles[0], also=("languagetool.A",)), styles[1]]
    # Two of one engine beside another engine's: the shown engine's findings all stay.
    both = [finding("proselint.b", fix=("x",)), finding("proselint.c"), finding("languagetool.A")]
    assert one_per_span(both) == [replace(both[0], also=("languagetool.A",)), both[1]]


def test_engines_are_told_apart_by_what_found_them_not_by_the_rules_name() -> None:
    built_in = finding("proselint.lexical_illusions")
    package = replace(finding("proselint.Twice"), engine=STYLES)  # Vale's proselint package: a style
    assert one_per_span([built_in, package]) == [replace(package, also=("proselint.lexical_illusions",))]
    other_package = finding("write-good.Weasel")
    assert one_per_span([package, other_package]) == [package, other_package]


def test_a_style_package_named_proselint_is_a_style(run: Run, tmp_path: Path) -> None:
    """Its findings and another package's on the same words both stand; beside the proselint engine's, one stands."""
    for style, rule, tokens in [("proselint", "Very", "[very]"), ("write-good", "Weasel", "[very]"), ("proselint", "Twice", "['the the']")]:
        (tmp_path / "rules" / style).mkdir(parents=True, exist_ok=True)
        (tmp_path / "rules" / style / f"{rule}.yml").write_text(
            f"extends: existence\nmessage: \"{rule}: '%s'.\"\nlevel: warning\nignorecase: true\ntokens: {tokens}\n"
        )
    (tmp_path / "editorial.yaml").write_text("styles:\n  use: [proselint, write-good]\n")
    (tmp_path / "a.md").write_text("It is very good.\n\nHe saw the the cat.\n")
    result = run("lint", "--no-languagetool", "a.md", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "a.md:1:7: warning proselint.Very Very: 'very'.\n"
        "a.md:1:7: warning write-good.Weasel Weasel: 'very'.\n"
        "a.md:3:8: warning proselint.Twice Twice: 'the the'. (also proselint.lexical_illusions)\n"
        "0 errors, 3 warnings, 0 suggestions in 1 file\n"
    )
