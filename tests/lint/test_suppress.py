from __future__ import annotations

from editorial.lint import suppress
from editorial.lint.findings import Finding, Severity
from editorial.lint.suppress import ALL, Region


def finding(line: int, rule: str) -> Finding:
    return Finding("a.md", line, 1, rule, Severity.warning, "m")


def test_regions() -> None:
    source = (
        "<!-- editorial-disable markdown proselint.typography -->\n"  # 1
        "x\n"
        "<!-- editorial-enable markdown -->\n"  # 3
        "<!-- editorial-disable-next-line House.Caps, House.Bang -->\n"  # 4
        "y\n"
        "<!--editorial-disable-->\n"  # 6
    )
    parsed = suppress.parse(source)
    assert parsed.regions == (
        Region(1, 3, "markdown"),
        Region(5, 5, "House.Caps"),
        Region(5, 5, "House.Bang"),
        Region(1, 1 << 62, "proselint.typography"),
        Region(6, 1 << 62, ALL),
    )
    assert parsed.covers(finding(2, "markdown.heading-jump"))
    assert not parsed.covers(finding(4, "markdown.heading-jump"))
    assert not parsed.covers(finding(2, "markdownish.x"))
    assert parsed.covers(finding(5, "House.Caps"))
    assert not parsed.covers(finding(5, "House.Other"))
    assert parsed.covers(finding(99, "anything.at.all"))


def test_no_comments() -> None:
    assert suppress.parse("plain text\n").regions == ()
