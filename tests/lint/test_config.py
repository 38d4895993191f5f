from __future__ import annotations

from pathlib import Path

from editorial import settings
from editorial.lint import config
from editorial.lint.config import RuleFilter, selected, severity_of
from editorial.lint.findings import Severity


def test_load_with_overrides(tmp_path: Path) -> None:
    (tmp_path / "editorial.yaml").write_text(
        "lint:\n"
        "  min_severity: warning\n"
        "  select: [proselint, markdown]\n"
        "  ignore: [proselint.typography]\n"
        "  severity: {markdown: error, markdown.duplicate-link: suggestion, proselint.cliches: off}\n"
        "  static: [static, public]\n"
        "  overrides:\n"
        "    - files: [issues/*/sections/*.md]\n"
        "      ignore: [markdown.heading-jump]\n"
        "      severity: {proselint.cliches: warning}\n"
        "      word_limit: 300\n"
    )
    loaded = config.load(settings.load(start=tmp_path))
    assert loaded.min_severity is Severity.warning
    assert loaded.static == (tmp_path / "static", tmp_path / "public")
    top = loaded.for_file("README.md")
    assert top == RuleFilter(
        ("proselint", "markdown"),
        ("proselint.typography",),
        {"markdown": Severity.error, "markdown.duplicate-link": Severity.suggestion, "proselint.cliches": None},
        None,
    )
    section = loaded.for_file("issues/2021-01/sections/a.md")
    assert section.ignore == ("proselint.typography", "markdown.heading-jump")
    assert section.severity["proselint.cliches"] is Severity.warning
    assert section.word_limit == 300
    assert severity_of("markdown.duplicate-link", Severity.warning, top) is Severity.suggestion
    assert severity_of("markdown.heading-jump", Severity.warning, top) is Severity.error
    assert severity_of("proselint.cliches.write_good", Severity.warning, top) is None
    assert severity_of("other.rule", Severity.warning, top) is Severity.warning
    assert selected("proselint.cliches", top)
    assert not selected("proselint.typography.symbols", top)
    assert not selected("frontmatter.required", top)


def test_command_line_wins(tmp_path: Path) -> None:
    loaded = config.load(settings.load(start=tmp_path, required=False))
    cli = loaded.with_cli("error", ["frontmatter"], ["frontmatter.missing"])
    assert cli.min_severity is Severity.error
    assert cli.rules.select == ("frontmatter",)
    assert cli.rules.ignore == ("frontmatter.missing",)
    assert loaded.static == (tmp_path / "static",)
