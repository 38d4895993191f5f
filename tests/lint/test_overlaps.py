"""editorial.lint.overlaps: one finding per problem where engines overlap."""

from __future__ import annotations

from dataclasses import replace

from editorial.lint.findings import Finding, Severity
from editorial.lint.overlaps import one_per_span


def finding(rule: str, column: int = 5, end: int = 12, severity: Severity = Severity.warning, fix: tuple[str, ...] = ()) -> Finding:
    return Finding("a.md", 3, column, rule, severity, f"{rule} says so", 3, end, fix)


def test_engines_reporting_the_same_words_make_one_finding() -> None:
    repeat = finding("languagetool.ENGLISH_WORD_REPEAT_RULE", fix=("the",))
    illusion = finding("proselint.lexical_illusions")
    before, after = finding("markdown.x", column=1, end=3), finding("House.Y", column=20, end=22)
    assert one_per_span([before, illusion, repeat, after]) == [
        before,
        Finding("a.md", 3, 5, "languagetool.ENGLISH_WORD_REPEAT_RULE", Severity.warning, repeat.message, 3, 12, ("the",),
                also=("proselint.lexical_illusions",)),
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
    elsewhere = [finding("proselint.b"), Finding("b.md", 3, 5, "languagetool.A", Severity.warning, "m", 3, 12)]
    assert one_per_span(elsewhere) == elsewhere
    no_end = [Finding("a.md", 3, 5, "frontmatter.x", Severity.error, "m"), Finding("a.md", 3, 5, "markdown.y", Severity.error, "m")]
    assert one_per_span(no_end) == no_end
    # The team's styles are one engine, as in Vale: two packages that flag the same words both say so.
    styles = [finding("Google.Passive"), finding("write-good.Passive")]
    assert one_per_span(styles) == styles
    assert one_per_span([*styles, finding("languagetool.A")]) == [replace(styles[0], also=("languagetool.A",)), styles[1]]
    # Two of one engine beside another engine's: the shown engine's findings all stay.
    both = [finding("proselint.b", fix=("x",)), finding("proselint.c"), finding("languagetool.A")]
    assert one_per_span(both) == [replace(both[0], also=("languagetool.A",)), both[1]]
