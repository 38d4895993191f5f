from __future__ import annotations

import json
from pathlib import Path

from conftest import Run

from editorial import settings
from editorial.lint import checks


def test_the_newsletter_name_is_a_house_name(run: Run, tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text("newsletter:\n  name: Fast Forward Labs\n")
    (tmp_path / "a.md").write_text("Welcome to fast forward labs from Fast Forward Labs.\n")
    result = run("lint", "--no-languagetool", "--format", "line", "--select", "House", "a.md")
    assert result.stdout == (
        "a.md:1:12:House.Names:Write 'Fast Forward Labs', not 'fast forward labs':"
        " names are spelled as their owners spell them.\n"
    )


def test_a_vale_ini_alone_runs_exactly_its_styles(run: Run, tmp_path: Path) -> None:
    (tmp_path / "styles/Team").mkdir(parents=True)
    (tmp_path / "styles/Team/Hype.yml").write_text("extends: existence\nmessage: \"No '%s'.\"\nlevel: warning\ntokens: [synergy]\n")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nMinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = Team\n")
    (tmp_path / "a.md").write_text("Our synergy is very unique, [see](www.example.com).\n")
    result = run("lint", "--format", "line", "a.md")
    assert (result.returncode, result.stdout, result.stderr) == (0, "a.md:1:5:Team.Hype:No 'synergy'.\n", "")
    selection = checks.select(settings.load(start=tmp_path, required=False), tmp_path)
    assert (selection.vale_mode, [c.prefix for c in selection.checks]) == (True, [None])
    (tmp_path / "editorial.yaml").write_text("styles:\n  use: [House]\n")
    both = run("lint", "--no-languagetool", "--profile", "strict", "--format", "line", "a.md")
    assert [":".join(line.split(":")[2:4]) for line in both.stdout.splitlines()] == [
        "5:proselint.industrial_language.corporate_speak",
        "16:proselint.uncomparables",
        "16:proselint.weasel_words.very",
        "35:markdown.missing-scheme",
    ]
    # styles.vale: true brings the .vale.ini back beside editorial's checks; an edit to it is seen.
    (tmp_path / "editorial.yaml").write_text("styles:\n  use: [House]\n  vale: true\n")
    with_vale = run("lint", "--no-languagetool", "--format", "line", "--select", "Team", "a.md")
    assert (with_vale.returncode, with_vale.stdout, with_vale.stderr) == (0, "a.md:1:5:Team.Hype:No 'synergy'.\n", "")
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n\n[*.md]\nBasedOnStyles = Team\nTeam.Hype = error\n")
    edited = run("lint", "--no-languagetool", "--format", "line", "--select", "Team", "a.md")
    assert (edited.returncode, edited.stdout) == (1, "a.md:1:5:Team.Hype:No 'synergy'.\n")


def test_rules_lists_every_check_and_the_styles_with_their_files(run: Run, tmp_path: Path) -> None:
    result = run("rules", "--format", "json")
    assert result.returncode == 0
    rules = {r["id"]: r for r in json.loads(result.stdout)}
    assert rules["markdown.missing-scheme"]["severity"] == "error"
    assert rules["House.Shouting"]["source"].endswith("rules/House/Shouting.yml")
    assert rules["proselint.lexical_illusions"]["source"] == ""
    assert {"frontmatter.required", "newsletter.wrong-month", "languagetool.RULE_ID"} <= set(rules)
    explained = run("rules", "markdown.missing-scheme")
    assert explained.stdout.startswith(
        "markdown.missing-scheme (error; reports in the default profile)\n\nA link to a domain without https://"
    )
    assert "    [profile](www.linkedin.com/in/someone)" in explained.stdout
    unknown = run("rules", "markdown.nope")
    assert (unknown.returncode, unknown.stderr) == (2, "markdown.nope: no such rule (editorial rules lists them)\n")


def test_rules_explains_any_languagetool_rule_seen_in_a_report(run: Run, tmp_path: Path) -> None:
    explained = run("rules", "languagetool.A_NNS")
    assert explained.returncode == 0
    assert explained.stdout == (
        "languagetool.A_NNS (warning; reports in the strict profile only (lint.profile: strict))\n\n"
        "LanguageTool's rule A_NNS; what it found is in its message."
        " Its severity follows its category (grammar, spelling and punctuation are warnings; style and typography"
        " suggestions; languagetool.severity in editorial.yaml). To turn it off: --ignore languagetool.A_NNS,"
        " or languagetool.disabled_rules: [A_NNS] in editorial.yaml.\n\n"
        "Fix: unsafe; 'editorial lint --fix --unsafe-fixes' applies it where it offers one replacement.\n"
    )
    as_json = json.loads(run("rules", "languagetool.EN_A_VS_AN", "--format", "json").stdout)
    assert [(r["id"], r["severity"], r["source"]) for r in as_json] == [("languagetool.EN_A_VS_AN", "warning", "")]
    for not_a_rule in ("languagetool.", "languagetool.A NNS", "languagetoolA_NNS"):
        unknown = run("rules", not_a_rule)
        assert (unknown.returncode, unknown.stderr) == (2, f"{not_a_rule}: no such rule (editorial rules lists them)\n")


def test_skipped_rule_files_are_said_on_every_run_even_from_the_cache(run: Run, tmp_path: Path) -> None:
    (tmp_path / "rules/Mine").mkdir(parents=True)
    (tmp_path / "rules/Mine/Spell.yml").write_text("extends: spelling\nmessage: \"Did you really mean '%s'?\"\n")
    (tmp_path / "rules/Mine/Hype.yml").write_text("extends: existence\nmessage: \"No '%s'.\"\nlevel: error\ntokens: [synergy]\n")
    (tmp_path / "editorial.yaml").write_text("styles:\n  use: [Mine]\n")
    (tmp_path / "a.md").write_text("Our synergy.\n")
    first = run("lint", "--no-languagetool", "--format", "line", "--select", "Mine", "a.md")
    second = run("lint", "--no-languagetool", "--format", "line", "--select", "Mine", "a.md")
    assert first.stdout == second.stdout == "a.md:1:5:Mine.Hype:No 'synergy'.\n"
    assert first.stderr == second.stderr
    assert first.stderr.startswith("warning: rules/Mine/Spell.yml")
    assert "spelling" in first.stderr


def test_rules_that_cannot_be_read_are_an_error_not_left_out(run: Run, tmp_path: Path, permissions: None) -> None:
    # Unread, the repository's House would silently give way to editorial's own.
    (tmp_path / "editorial.yaml").write_text("styles:\n  use: [House]\n")
    house = tmp_path / "rules/House"
    house.mkdir(parents=True)
    (house / "Hype.yml").write_text("extends: existence\nmessage: \"No '%s'.\"\nlevel: error\ntokens: [synergy]\n")
    (tmp_path / "a.md").write_text("Our synergy.\n")
    assert run("lint", "--no-languagetool", "--format", "line", "a.md").stdout == "a.md:1:5:House.Hype:No 'synergy'.\n"
    cases = [
        (tmp_path / "rules", 0, "rules: cannot read the folder: Permission denied\n"),
        (house, 0, "rules/House: cannot read the folder: Permission denied\n"),
        (house, 0o444, "rules/House/Hype.yml: cannot read: Permission denied\n"),  # listed, but not searchable
        (house / "Hype.yml", 0, "rules/House/Hype.yml: cannot read: Permission denied\n"),
    ]
    for path, mode, stderr in cases:
        before = path.stat().st_mode
        path.chmod(mode)
        try:
            result = run("lint", "--no-languagetool", "--format", "line", "a.md", permissions=True)
        finally:
            path.chmod(before)
        assert (result.returncode, result.stderr, result.stdout) == (2, stderr, ""), (path, oct(mode))


def test_a_title_quoted_as_a_links_text_is_written_as_its_authors_wrote_it(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# Talks\n\n"
        "[RUST MEETUP at HACKER DOJO](https://meetup.example/dojo) and RUST MEETUP at HACKER DOJO.\n\n"
        "## [Early Stopping With Ray](https://talks.example/ray)\n\n"
        "## Early Stopping With Ray\n"
    )
    result = run("lint", "--no-languagetool", "--profile", "strict", "--format", "line", "--select", "House", "a.md")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "a.md:3:63:House.Shouting:'RUST MEETUP' is in capitals for emphasis: write it in lower case (or use italics).",
        "a.md:3:78:House.Shouting:'HACKER DOJO' is in capitals for emphasis: write it in lower case (or use italics).",
        "a.md:7:4:House.Headings:'Early Stopping With Ray' should be in sentence case: 'Early stopping with ray'.",
    ]
