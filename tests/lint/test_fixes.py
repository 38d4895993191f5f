from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Run

from editorial.errors import EditorialError
from editorial.lint import command, fixes
from editorial.lint.findings import Finding, Fix

CONFIG = """\
newsletter:
  name: Cloudera Fast Forward
contributors:
  melanie:
    name: Melanie
    link: http://www.linkedin.com/in/melanierbeck
  andrew:
    name: Andrew
    links: [https://a.example/andrew, https://b.example/andrew]
"""


@pytest.fixture
def lint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Lint one file in process (strict profile, no LanguageTool unless asked): its findings, by rule and column."""
    monkeypatch.setenv("EDITORIAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)

    def run(text: str, config: str = CONFIG, languagetool: bool = False, profile: str = "strict") -> list[Finding]:
        (tmp_path / "editorial.yaml").write_text(config)
        (tmp_path / "a.md").write_text(text)
        options = command.Options(paths=(Path("a.md"),), languagetool=languagetool, profile=profile, use_cache=False)
        return list(command.run(options, tmp_path).result.findings)

    return run


def fixes_of(found: list[Finding], rule: str) -> list[tuple[int, Fix | None]]:
    return [(f.column, f.fix) for f in found if f.rule == rule]


def test_a_scheme_is_added_to_a_www_link_only(lint) -> None:  # type: ignore[no-untyped-def]
    found = lint("See [a](www.example.com), [b](<www.example.com>), [notes](notes.me/x), [c][r].\n\n[r]: www.example.com\n")
    assert fixes_of(found, "markdown.missing-scheme") == [
        (9, Fix(1, 9, 1, 9, "https://", True)),
        (32, Fix(1, 32, 1, 32, "https://", True)),  # inside the angle brackets (the finding is on "<")
        (59, None),  # "notes.me" may be a file: the replacement is offered, not applied
        (72, None),  # a reference link: its address is written elsewhere
    ]
    assert [f.replacements for f in found if f.rule == "markdown.missing-scheme"][2] == ("https://notes.me/x",)


def test_a_misspelt_scheme_is_corrected_where_one_web_scheme_is_a_slip_away(lint) -> None:  # type: ignore[no-untyped-def]
    found = lint("[a](hhttps://x.org) [b](https//x.org) [c](http®s://x.org) [d](htps://x.org) [e](ftp//x.org)\n")
    assert fixes_of(found, "markdown.unknown-scheme") == [
        (5, Fix(1, 5, 1, 14, "https://", True)),
        (25, Fix(1, 25, 1, 32, "https://", True)),
        (43, Fix(1, 43, 1, 52, "https://", True)),
        (63, Fix(1, 63, 1, 70, "https://", True)),
        (81, None),
    ]


def test_literal_runs_go_and_nested_ones_halve(lint) -> None:  # type: ignore[no-untyped-def]
    found = lint("A ****b\n\na **** b\n\nfoo****bar\n\nend ****\n\n****x**** too\n")
    assert [(f.line, f.column, f.fix) for f in found if f.rule == "markdown.emphasis-run"] == [
        (1, 3, Fix(1, 3, 1, 7, "", True)),
        (3, 3, Fix(3, 3, 3, 8, "", True)),  # with the space after it: "a b", not "a  b"
        (5, 4, None),  # between two words: it may stand for a space or a word
        (7, 5, Fix(7, 4, 7, 9, "", True)),  # at the end of the line, with the space before it
    ]
    assert fixes_of(found, "markdown.nested-emphasis") == [(1, Fix(9, 1, 9, 5, "**", True)), (6, Fix(9, 6, 9, 10, "**", True))]


def test_a_doubled_word_goes_keeping_the_markup_and_only_articles_are_sure(lint) -> None:  # type: ignore[no-untyped-def]
    found = lint("Read the the notes, **the** the list, the [the paper](https://a.org/x) and, and more.\n")
    assert fixes_of(found, "proselint.lexical_illusions") == [(6, Fix(1, 9, 1, 13, "", True))]
    assert fixes_of(found, "markdown.repeated-word") == [
        (23, Fix(1, 28, 1, 32, "", True)),  # "**the** the" -> "**the**"
        (39, Fix(1, 39, 1, 47, "[the", True)),  # "the [the paper]" -> "[the paper]"
    ]
    unsure = lint("It is what it is is what they said, and is is how.\n")
    assert [(f.column, f.fix) for f in unsure if f.rule == "proselint.lexical_illusions"] == [
        (15, Fix(1, 17, 1, 20, "", False)),  # "what it is is": meant; a fix, but not a safe one
        (41, Fix(1, 43, 1, 46, "", False)),
    ]


def test_link_syntax_swapped_links_and_bold_headings_have_unsafe_fixes(lint) -> None:  # type: ignore[no-untyped-def]
    found = lint("### **Bold title**\n\nRead [the paper] (https://arxiv.org/abs/1) by [https://x.com/p](Jane%20Doe).\n")
    assert [(f.rule, f.fix) for f in found if f.fix] == [
        ("markdown.bold-heading", Fix(1, 5, 1, 19, "Bold title", False)),
        ("markdown.link-syntax", Fix(3, 16, 3, 19, "](", False)),
        ("markdown.swapped-link", Fix(3, 47, 3, 76, "[Jane Doe](https://x.com/p)", False)),
    ]


def test_a_byline_takes_the_one_registry_link(lint) -> None:  # type: ignore[no-untyped-def]
    found = lint("By [Melanie](https://twitter.com/mel) and [Andrew](https://c.example/andrew).\n")
    assert fixes_of(found, "newsletter.byline-link") == [
        (14, Fix(1, 14, 1, 37, "http://www.linkedin.com/in/melanierbeck", True)),
        (52, None),  # two links in the registry: which one is not for a fix to say
    ]


def test_the_wrong_month_is_an_unsafe_fix(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    found = lint("---\ndate: 2021-07-14\n---\n\nWelcome to the June edition of our newsletter.\n")
    assert fixes_of(found, "newsletter.wrong-month") == [(16, Fix(5, 16, 5, 20, "July", False))]


def test_house_substitutions_are_safe_a_teams_are_unsafe_unless_configured(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = tmp_path / "rules" / "Team"
    team.mkdir(parents=True)
    (team / "Utilise.yml").write_text("extends: substitution\nmessage: \"Use '%s', not '%s'.\"\nlevel: warning\nswap:\n  utilise: use\n")
    styles = CONFIG + "styles:\n  use: [House, Team]\n"
    text = "We at cloudera fast forward utilise it, eg here; we utilise **it** too.\n"
    found = lint(text, styles)
    assert [(f.rule, f.column, f.fix) for f in found if f.fix] == [
        ("House.Names", 7, Fix(1, 7, 1, 28, "Cloudera Fast Forward", True)),
        ("Team.Utilise", 29, Fix(1, 29, 1, 36, "use", False)),
        ("House.Abbreviations", 41, Fix(1, 41, 1, 43, "e.g.", True)),
        ("Team.Utilise", 53, Fix(1, 53, 1, 60, "use", False)),  # "**it**" after it is no matter
    ]
    marked = lint(text, styles + "lint:\n  fixes:\n    Team: safe\n    House.Abbreviations: off\n")
    assert [(f.rule, f.column, f.fix.safe) for f in marked if f.fix] == [
        ("House.Names", 7, True), ("Team.Utilise", 29, True), ("Team.Utilise", 53, True),
    ]
    with pytest.raises(EditorialError) as bad:
        lint(text, styles + "lint:\n  fixes:\n    Team: maybe\n")
    assert str(bad.value) == "editorial.yaml:14: 'maybe' is not a kind of fix (safe, unsafe or off)"


def test_an_engines_replacement_is_applied_only_where_its_words_are_written_as_read(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = tmp_path / "rules" / "Team"
    team.mkdir(parents=True)
    (team / "Phrase.yml").write_text("extends: substitution\nmessage: \"Use '%s'.\"\nlevel: warning\nswap:\n  in order to: to\n")
    found = lint("Do it in order to win, in *order* to win, in&#32;order to win.\n", CONFIG + "styles:\n  use: [Team]\n")
    assert [(f.column, f.matched, f.fix) for f in found if f.rule == "Team.Phrase"] == [
        (7, "in order to", Fix(1, 7, 1, 18, "to", False)),
        (24, "in *order* to", None),  # "to" in place of this would take the markup with it
        (43, "in&#32;order to", None),  # an entity inside
    ]


def test_languagetool_replacements(lint, monkeypatch: pytest.MonkeyPatch, languagetool_url: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EDITORIAL_LANGUAGETOOL_URL", languagetool_url)
    found = lint("He dont care. Github is big. Teh cat sat on the the mat.\n", CONFIG, languagetool=True)
    assert [(f.rule, f.fix) for f in found if f.rule.startswith("languagetool.")] == [
        ("languagetool.EN_CONTRACTION_SPELLING", Fix(1, 4, 1, 8, "don't", True)),
        ("languagetool.GITHUB", Fix(1, 15, 1, 21, "GitHub", False)),
        ("languagetool.MORFOLOGIK_RULE_EN_US", None),  # several suggestions: none is the fix
        ("languagetool.ENGLISH_WORD_REPEAT_RULE", Fix(1, 48, 1, 52, "", True)),
    ]


def test_what_editorial_rules_shows_of_each_fix() -> None:
    assert fixes.declared("markdown.missing-scheme") == "safe"
    assert fixes.declared("markdown.swapped-link") == "unsafe"
    assert fixes.declared("languagetool.EN_SPECIFIC_CASE", replaces=True) == "safe"
    assert fixes.declared("languagetool.EN_A_VS_AN", replaces=True) == "unsafe"
    assert fixes.declared("Team.Utilise", replaces=True) == "unsafe"
    assert fixes.declared("House.Shouting") == ""
    assert fixes.declared("markdown.broken-local-link") == ""


def test_editorial_rules_shows_each_rules_fix(run: Run, tmp_path: Path) -> None:
    table = run("rules", cwd=tmp_path).stdout.splitlines()
    assert table[0].split()[:4] == ["RULE", "SEVERITY", "PROFILE", "FIX"]
    shown = {line.split()[0]: line.split()[3] for line in table[1:]}
    assert {rule: shown[rule] for rule in ("markdown.missing-scheme", "markdown.link-syntax", "markdown.heading-jump", "House.Abbreviations", "House.Shouting", "languagetool.RULE_ID")} == {
        "markdown.missing-scheme": "safe", "markdown.link-syntax": "unsafe", "markdown.heading-jump": "-",
        "House.Abbreviations": "safe", "House.Shouting": "-", "languagetool.RULE_ID": "unsafe",
    }
    as_json = {r["id"]: r["fix"] for r in json.loads(run("rules", "--format", "json", cwd=tmp_path).stdout)}
    assert (as_json["markdown.emphasis-run"], as_json["markdown.empty-link-text"]) == ("safe", None)
    explained = run("rules", "markdown.missing-scheme", cwd=tmp_path).stdout
    assert explained.endswith("\nFix: safe; 'editorial lint --fix' applies it where the rule is sure of it.\n")
