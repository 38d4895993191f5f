"""Profiles: the default reports the rules editors act on; strict reports every rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import Run

from editorial.lint import profiles

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lint" / "profiles" / "notes.md"
LINT = ("lint", "--no-languagetool", "--format", "line")
VERY = (
    "a.md:3:7:proselint.weasel_words.very:Substitute 'damn' every time you're inclined to write 'very';"
    " your editor will delete it and the writing will be just as it should be."
)
UNCOMPARABLE = "a.md:3:7:proselint.uncomparables:Comparison of an uncomparable: 'very unique' is not comparable."
# The slips: what both profiles report.
SLIPS = [
    "a.md:3:24:proselint.lexical_illusions:There's a lexical illusion in 'the the' - a phrase is repeated.",
    "a.md:5:11:House.Shouting:'ONE TRILLION' is in capitals for emphasis: write it in lower case (or use italics).",
    "a.md:7:15:markdown.missing-scheme:'www.example.com/me' has no scheme and links to a relative path;"
    " write https://www.example.com/me",
]


def lint(run: Run, tmp_path: Path, *args: str) -> tuple[int, list[str], str]:
    shutil.copyfile(FIXTURE, tmp_path / "a.md")
    result = run(*LINT, *args, "a.md")
    return result.returncode, result.stdout.splitlines(), result.stderr


def test_the_default_profile_reports_the_slips_and_strict_every_rule(run: Run, tmp_path: Path) -> None:
    assert lint(run, tmp_path) == (1, SLIPS, "")
    assert lint(run, tmp_path, "--profile", "default") == (1, SLIPS, "")
    assert lint(run, tmp_path, "--profile", "strict") == (
        1,
        [
            "a.md:1:3:House.Headings:'Notes From The Team' should be in sentence case: 'Notes from the team'.",
            UNCOMPARABLE,
            VERY,
            SLIPS[0],
            SLIPS[1],
            SLIPS[2],
            "a.md:7:39:markdown.nested-emphasis:'****' only nests bold in bold; '**' says the same",
            "a.md:7:47:markdown.nested-emphasis:'****' only nests bold in bold; '**' says the same",
            "a.md:9:1:markdown.heading-jump:heading level jumps from h1 to h4",
            "a.md:11:1:markdown.image-alt:image has no alt text",
        ],
        "",
    )
    # editorial.yaml says it for every run; the command line wins over it.
    (tmp_path / "editorial.yaml").write_text("lint:\n  profile: strict\n")
    assert len(lint(run, tmp_path)[1]) == 10
    assert lint(run, tmp_path, "--profile", "default") == (1, SLIPS, "")


def test_a_rule_given_a_level_reports_whatever_the_profile(run: Run, tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text("lint:\n  severity:\n    proselint.weasel_words.very: error\n")
    assert lint(run, tmp_path) == (1, [VERY, *SLIPS], "")
    # A prefix gives its rules a level; "off" is no level, and turns a rule off in any profile.
    (tmp_path / "editorial.yaml").write_text(
        "lint:\n  severity:\n    proselint.uncomparables: suggestion\n    proselint.lexical_illusions: off\n"
        "    markdown: warning\n"
    )
    code, lines, _ = lint(run, tmp_path)
    assert (code, lines) == (
        0,
        [
            UNCOMPARABLE,
            SLIPS[1],
            SLIPS[2],
            "a.md:7:39:markdown.nested-emphasis:'****' only nests bold in bold; '**' says the same",
            "a.md:7:47:markdown.nested-emphasis:'****' only nests bold in bold; '**' says the same",
            "a.md:9:1:markdown.heading-jump:heading level jumps from h1 to h4",
            "a.md:11:1:markdown.image-alt:image has no alt text",
        ],
    )
    # Per glob too: only where the override applies.
    (tmp_path / "editorial.yaml").write_text(
        "lint:\n  overrides:\n    - files: b.md\n      severity: {proselint.weasel_words: warning}\n"
    )
    shutil.copyfile(FIXTURE, tmp_path / "b.md")
    both = run(*LINT, "a.md", "b.md")
    assert both.stdout.splitlines() == [*SLIPS, VERY.replace("a.md", "b.md", 1), *(s.replace("a.md", "b.md", 1) for s in SLIPS)]


def test_a_profile_that_does_not_exist_is_an_error(run: Run, tmp_path: Path) -> None:
    shutil.copyfile(FIXTURE, tmp_path / "a.md")
    named = run(*LINT, "--profile", "loud", "a.md")
    assert (named.returncode, named.stdout, named.stderr) == (2, "", "--profile: 'loud' is not a profile (default or strict)\n")
    (tmp_path / "editorial.yaml").write_text("newsletter:\n  name: N\nlint:\n  profile: Strict\n")
    configured = run(*LINT, "a.md")
    assert (configured.returncode, configured.stdout, configured.stderr) == (
        2, "", "editorial.yaml:4: 'Strict' is not a profile (default or strict)\n"
    )
    (tmp_path / "editorial.yaml").write_text("lint:\n  profile: [strict]\n")
    listed = run(*LINT, "a.md")
    assert (listed.returncode, listed.stderr) == (2, "editorial.yaml:2: 'lint.profile' must be text, not a list\n")


def test_rules_shows_each_rules_profile(run: Run, tmp_path: Path) -> None:
    table = run("rules", cwd=tmp_path)
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["RULE", "SEVERITY", "PROFILE", "SOURCE", "DESCRIPTION"]
    shown = {line.split()[0]: line.split()[2] for line in lines[1:]}
    assert {rule: shown[rule] for rule in (
        "markdown.missing-scheme", "markdown.heading-jump", "markdown.nested-emphasis", "newsletter.byline-format",
        "proselint.lexical_illusions", "proselint.weasel_words.very", "House.Shouting", "House.Headings", "House.Profanity",
        "languagetool.RULE_ID",
    )} == {
        "markdown.missing-scheme": "default",
        "markdown.heading-jump": "strict",
        "markdown.nested-emphasis": "strict",
        "newsletter.byline-format": "strict",
        "proselint.lexical_illusions": "default",
        "proselint.weasel_words.very": "strict",
        "House.Shouting": "default",
        "House.Headings": "strict",
        "House.Profanity": "strict",
        "languagetool.RULE_ID": "strict",
    }
    as_json = {r["id"]: r["profile"] for r in json.loads(run("rules", "--format", "json", cwd=tmp_path).stdout)}
    assert {k: v for k, v in shown.items()} == as_json
    explained = run("rules", "markdown.heading-jump", cwd=tmp_path)
    assert explained.stdout.startswith(
        "markdown.heading-jump (warning; reports in the strict profile only (lint.profile: strict))\n\n"
        "A heading more than one level below the one before it.\n"
    )
    speller = run("rules", "languagetool.MORFOLOGIK_RULE_EN_US", cwd=tmp_path)
    assert speller.stdout.startswith("languagetool.MORFOLOGIK_RULE_EN_US (warning; reports in the default profile)\n")


def test_a_style_named_like_an_engine_keeps_its_rules(run: Run, tmp_path: Path) -> None:
    """Vale's proselint package is a style: the profiles filter the engines' rules, not a team's styles."""
    (tmp_path / "rules/proselint").mkdir(parents=True)
    (tmp_path / "rules/proselint/Very.yml").write_text(
        "extends: existence\nmessage: \"Remove '%s'.\"\nlevel: warning\nignorecase: true\ntokens: [very]\n"
    )
    (tmp_path / "editorial.yaml").write_text("styles:\n  use: [proselint]\n")
    (tmp_path / "a.md").write_text("It is very unique.\n")
    result = run(*LINT, "a.md")
    assert (result.returncode, result.stdout, result.stderr) == (0, "a.md:1:7:proselint.Very:Remove 'very'.\n", "")
    rules = {r["id"]: r["profile"] for r in json.loads(run("rules", "--format", "json").stdout)}
    assert (rules["proselint.Very"], rules["proselint.uncomparables"]) == ("default", "strict")
    strict = run(*LINT, "--profile", "strict", "a.md")
    assert strict.stdout.splitlines() == [
        "a.md:1:7:proselint.Very:Remove 'very'.",
        "a.md:1:7:proselint.uncomparables:Comparison of an uncomparable: 'very unique' is not comparable.",
        "a.md:1:7:proselint.weasel_words.very:Substitute 'damn' every time you're inclined to write 'very';"
        " your editor will delete it and the writing will be just as it should be.",
    ]


def test_which_rules_each_profile_reports() -> None:
    default, strict = profiles.DEFAULT, profiles.STRICT
    assert profiles.reports("languagetool.MORFOLOGIK_RULE_EN_GB", default)
    assert profiles.reports("languagetool.ENGLISH_WORD_REPEAT_RULE", default)
    assert not profiles.reports("languagetool.A_NNS", default)
    assert not profiles.reports("languagetool.WHITESPACE_RULE", default)
    assert not profiles.reports("proselint.lexical_illusions_extra", default)  # a prefix ends at a dot
    assert not profiles.reports("proselint.weasel_words.very", default, levelled=("proselint.weasel",))
    assert profiles.reports("proselint.weasel_words.very", default, levelled=("proselint.weasel_words",))
    assert profiles.reports("House.Shouting", default, from_styles=True)
    assert not profiles.reports("House.Headings", default, from_styles=True)
    assert profiles.reports("Google.Headings", default, from_styles=True)
    assert profiles.reports("proselint.Cliches", default, from_styles=True)
    assert all(profiles.reports(rule, strict) for rule in ("languagetool.A_NNS", "House.Headings", "markdown.image-alt"))
    assert (profiles.of("markdown.image-alt"), profiles.of("markdown.link-syntax")) == (strict, default)


def test_house_rules_chosen_in_styles_report_in_the_default_profile(run: Run, tmp_path: Path) -> None:
    (tmp_path / "issues").mkdir()
    (tmp_path / "issues/a.md").write_text("## Early Stopping With Care\n\nDamn.\n")
    lint = ("lint", "--no-languagetool", "--format", "line", "--select", "House")
    assert run(*lint).stdout == ""  # both opinions: the strict profile's
    (tmp_path / "editorial.yaml").write_text("styles:\n  headings: sentence\n  rules:\n    House.Profanity: warning\n")
    assert run(*lint).stdout.splitlines() == [
        "issues/a.md:1:4:House.Headings:'Early Stopping With Care' should be in sentence case: 'Early stopping with care'.",
        "issues/a.md:3:1:House.Profanity:Remove or replace 'Damn': a newsletter reaches work inboxes.",
    ]
    (tmp_path / "editorial.yaml").write_text("styles:\n  headings: off\n  rules:\n    House.Profanity: off\n")
    assert run(*lint, "--profile", "strict").stdout == ""
