from __future__ import annotations

from pathlib import Path

import pytest

from editorial import document
from editorial.errors import EditorialError
from editorial.style import check, list_rules, load_config
from editorial.style.config import vale_glob

RULE = "extends: existence\nmessage: \"'%s'\"\nlevel: warning\ntokens: [TODO]\n"


def styles(root: Path) -> None:
    for style, name in (("A", "One"), ("A", "Two"), ("B", "Three")):
        folder = root / "styles" / style
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.yml").write_text(RULE)


def rules_for(root: Path, name: str) -> list[tuple[str, str]]:
    config = load_config(root, None, root / ".vale.ini")
    return sorted((r.rule.spec.id, r.level.name) for r in config.for_path(root / name).rules)


def test_per_glob_sections_as_vale(tmp_path: Path) -> None:
    styles(tmp_path)
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = suggestion\n\n[*]\nBasedOnStyles = A\nA.Two = NO\n\n"
        "[docs/*.md]\nB.Three = error\nA.Two = YES\n\n[notes.md]\nBasedOnStyles = B\n"
    )
    assert rules_for(tmp_path, "x.md") == [("A.One", "warning")]
    assert rules_for(tmp_path, "docs/x.md") == [("A.One", "warning"), ("A.Two", "warning"), ("B.Three", "error")]
    assert rules_for(tmp_path, "notes.md") == [("B.Three", "warning")]


def test_min_alert_level_and_unknown_style(tmp_path: Path) -> None:
    styles(tmp_path)
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\nMinAlertLevel = error\n[*]\nBasedOnStyles = A\n")
    assert rules_for(tmp_path, "x.md") == []
    (tmp_path / ".vale.ini").write_text("StylesPath = styles\n[*]\nBasedOnStyles = Nope\n")
    with pytest.raises(EditorialError, match="style 'Nope' not found"):
        load_config(tmp_path, None, tmp_path / ".vale.ini")


def test_editorial_yaml_styles(tmp_path: Path) -> None:
    styles(tmp_path)
    (tmp_path / "rules").symlink_to(tmp_path / "styles")
    settings = {
        "use": ["A"],
        "min_level": "warning",
        "rules": {"A.Two": "off", "B.Three": "error"},
        "files": [{"files": "drafts/**", "rules": {"A.One": "off"}}],
    }
    config = load_config(tmp_path, settings, None)
    assert sorted(r.rule.spec.id for r in config.for_path(tmp_path / "x.md").rules) == ["A.One", "B.Three"]
    assert sorted(r.rule.spec.id for r in config.for_path(tmp_path / "drafts/a/x.md").rules) == ["B.Three"]
    assert [(r.id, r.severity.name) for r in list_rules(config)] == [("A.One", "warning"), ("B.Three", "error")]
    doc = document.parse("TODO\n", tmp_path / "x.md")
    assert [(f.rule, f.line, f.column) for f in check(doc, config)] == [("A.One", 1, 1), ("B.Three", 1, 1)]


def test_the_default_house_style_is_used_without_a_rules_folder(tmp_path: Path) -> None:
    config = load_config(tmp_path, None, None)
    assert {r.id for r in list_rules(config)} >= {"House.Abbreviations", "House.Shouting", "House.Profanity"}


def test_vale_globs() -> None:
    assert vale_glob("*.{md,py}").fullmatch("a/b.md")
    assert vale_glob("[!.]*.adoc").fullmatch("x.adoc")
    assert not vale_glob("[!.]*.adoc").fullmatch(".x.adoc")


def test_styles_vale_runs_the_vale_ini_under_editorial_yaml(tmp_path: Path) -> None:
    styles(tmp_path)  # the .vale.ini's StylesPath: A.One, A.Two, B.Three (warning)
    team = tmp_path / "rules" / "Team"
    team.mkdir(parents=True)
    (team / "Four.yml").write_text(RULE)
    (team / "Five.yml").write_text(RULE.replace("level: warning", "level: suggestion"))
    (tmp_path / ".vale.ini").write_text(
        "StylesPath = styles\nMinAlertLevel = warning\n\n[*]\nBasedOnStyles = A\nA.Two = NO\n\n"
        "[docs/*.md]\nBasedOnStyles = B\n"
    )

    def active(settings: dict[str, object], name: str) -> list[tuple[str, str]]:
        config = load_config(tmp_path, settings, None)
        return sorted((r.rule.spec.id, r.level.name) for r in config.for_path(tmp_path / name).rules)

    ours = {"use": ["Team"], "rules": {"A.Two": "error"}}
    # Without styles.vale neither the .vale.ini nor its StylesPath is read: A.Two is not found.
    assert active(ours, "x.md") == [("Team.Five", "suggestion"), ("Team.Four", "warning")]
    assert [p.message for p in load_config(tmp_path, ours, None).warnings] == [
        "rule 'A.Two' not found (no A/Two.yml in the styles folder)"
    ]
    # With it: the ini's BasedOnStyles, sections and MinAlertLevel; editorial.yaml's rules win.
    with_vale = {**ours, "vale": True}
    assert active(with_vale, "x.md") == [("A.One", "warning"), ("A.Two", "error"), ("Team.Four", "warning")]
    # A section's BasedOnStyles replaces the ini's others, as in Vale; styles.use still runs.
    assert active(with_vale, "docs/x.md") == [("A.Two", "error"), ("B.Three", "warning"), ("Team.Four", "warning")]
    # styles.min_level, where given, is the minimum rather than MinAlertLevel.
    assert ("Team.Five", "suggestion") in active({**with_vale, "min_level": "suggestion"}, "x.md")
