from __future__ import annotations

from pathlib import Path

from editorial.style.valeini import find, parse


def test_parse(tmp_path: Path) -> None:
    text = """StylesPath = styles
MinAlertLevel = suggestion
Vocab = Base, Second
IgnoredClasses = nop

[formats]
mdx = md

[*.{md,mdx}]
BasedOnStyles = Vale, Google
Google.Will = NO
Google.Passive = error
TokenIgnores = (\\$+[^\\n$]+\\$+), (<http[^\\n]+>)
"""
    ini = parse(text, tmp_path / ".vale.ini")
    assert ini.styles_path == (tmp_path / "styles").resolve()
    assert (ini.min_alert_level, ini.vocab, ini.ignored_classes, ini.formats) == (
        "suggestion", ("Base", "Second"), ("nop",), {"mdx": "md"}
    )
    [section] = ini.sections
    assert section.glob == "*.{md,mdx}"
    assert section.based_on == ("Vale", "Google")
    assert section.rules == {"Google.Will": "NO", "Google.Passive": "error"}
    assert section.token_ignores == ("(\\$+[^\\n$]+\\$+)", "(<http[^\\n]+>)")


def test_vales_search_order(tmp_path: Path) -> None:
    (tmp_path / "_vale").write_text("")
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find(tmp_path / "a" / "b") == tmp_path / "_vale"
    (tmp_path / "a" / ".vale.ini").write_text("")
    assert find(tmp_path / "a" / "b") == tmp_path / "a" / ".vale.ini"
