"""editorial.languagetool.config: the ``languagetool:`` part of editorial.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from editorial import settings
from editorial.errors import EditorialError
from editorial.languagetool import config
from editorial.languagetool.config import LanguageToolSettings
from editorial.lint.findings import Severity


def load(tmp_path: Path, text: str) -> LanguageToolSettings:
    (tmp_path / "editorial.yaml").write_text(text)
    return config.load(settings.load(start=tmp_path))


def test_defaults_follow_the_newsletter(tmp_path: Path) -> None:
    loaded = load(tmp_path, "newsletter:\n  name: The Monthly\n  language: en-GB\n")
    assert loaded == LanguageToolSettings(language="en-GB", accept=frozenset({"The", "Monthly"}))
    assert loaded.severity_of("GRAMMAR") is Severity.warning
    assert loaded.severity_of("STYLE") is Severity.suggestion
    assert loaded.severity_of("A_NEW_CATEGORY") is Severity.warning


def test_every_setting(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        "newsletter:\n  name: Weekly\n  language: en-GB\n"
        "contributors:\n  zoe:\n    name: Zoë O’Hara-Quinn\n"
        "styles:\n  names: [Zentrafuge Cloud]\n"
        "languagetool:\n"
        "  enabled: false\n"
        "  url: https://lt.example.org/team/\n"
        "  language: en-US\n"
        "  required: true\n"
        "  picky: true\n"
        "  enabled_rules: [SERIAL_COMMA_OFF]\n"
        "  disabled_rules: [A_NNS, EN_QUOTES]\n"
        "  enabled_categories: [PLAIN_ENGLISH]\n"
        "  disabled_categories: [TYPOS]\n"
        "  accept: [Blorptastic]\n"
        "  severity: {GRAMMAR: error, STYLE: warning}\n"
        "  timeout: 2.5\n",
    )
    assert loaded == LanguageToolSettings(
        enabled=False,
        url="https://lt.example.org/team/",
        language="en-US",
        required=True,
        picky=True,
        enabled_rules=("SERIAL_COMMA_OFF",),
        disabled_rules=("A_NNS", "EN_QUOTES"),
        enabled_categories=("PLAIN_ENGLISH",),
        disabled_categories=("TYPOS",),
        # A name's words, each as LanguageTool's speller sees it.
        accept=frozenset({"Weekly", "Zoë", "O’Hara-Quinn", "Zentrafuge", "Cloud", "Blorptastic"}),
        severity={"GRAMMAR": Severity.error, "STYLE": Severity.warning},
        timeout=2.5,
    )
    assert loaded.severity_of("GRAMMAR") is Severity.error
    assert loaded.severity_of("TYPOS") is Severity.warning


def test_the_fingerprint_is_what_changes_the_answers(tmp_path: Path) -> None:
    base = LanguageToolSettings()
    assert base.fingerprint() == LanguageToolSettings(disabled_rules=()).fingerprint()
    # Neither severity, accepted words, the server nor the timeout change what LanguageTool answers.
    same = LanguageToolSettings(
        accept=frozenset({"Zoë"}), severity={"GRAMMAR": Severity.error}, url="http://x", timeout=1.0, required=True
    )
    assert same.fingerprint() == base.fingerprint()
    assert LanguageToolSettings(enabled_rules=("A", "B")).fingerprint() == LanguageToolSettings(enabled_rules=("B", "A")).fingerprint()
    different = [
        LanguageToolSettings(language="en-GB"),
        LanguageToolSettings(picky=True),
        LanguageToolSettings(enabled_rules=("A",)),
        LanguageToolSettings(disabled_rules=("A",)),
        LanguageToolSettings(enabled_categories=("A",)),
        LanguageToolSettings(disabled_categories=("A",)),
    ]
    assert len({s.fingerprint() for s in [base, *different]}) == 7


def test_bad_values_are_named_with_their_line(tmp_path: Path) -> None:
    with pytest.raises(EditorialError) as raised:
        load(
            tmp_path,
            "languagetool:\n"
            "  severity:\n"
            "    GRAMMAR: loud\n"
            "  timeout: 0\n"
            "  url: localhost:8081\n",
        )
    config_path = tmp_path / "editorial.yaml"
    assert [(p.path, p.line, p.message) for p in raised.value.problems] == [
        (config_path, 3, "'loud' is not a severity (error, warning, suggestion)"),
        (config_path, 4, "timeout must be a number of seconds above 0, not 0"),
        (config_path, 5, "'localhost:8081' is not the http:// or https:// address of a LanguageTool server"),
    ]


def test_is_http_url() -> None:
    assert config.is_http_url("http://127.0.0.1:8081")
    assert config.is_http_url("https://lt.example.org/team/")
    assert not config.is_http_url("localhost:8081")
    assert not config.is_http_url("ftp://lt.example.org")
    assert not config.is_http_url("http://")
