from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from editorial import document
from editorial.style import check, load_config

Lint = Callable[..., list[str]]


@pytest.fixture
def lint(tmp_path: Path) -> Lint:
    """Lint Markdown with rules written inline: ``lint(text, Rule='yaml...')`` -> "line:col:id:message"."""
    counter = iter(range(1000))

    def run(markdown: str, ini: str = "", min_level: str = "suggestion", **rules: str) -> list[str]:
        root = tmp_path / f"case{next(counter)}"
        style = root / "styles" / "Test"
        style.mkdir(parents=True)
        for name, text in rules.items():
            (style / f"{name}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
        config = f"StylesPath = styles\nMinAlertLevel = {min_level}\n{ini}\n[*.md]\nBasedOnStyles = Test\n"
        (root / ".vale.ini").write_text(config, encoding="utf-8")
        (root / "test.md").write_text(textwrap.dedent(markdown), encoding="utf-8")
        loaded = load_config(root, None, root / ".vale.ini")
        doc = document.read(root / "test.md")
        return [f"{f.line}:{f.column}:{f.rule}:{f.message}" for f in check(doc, loaded)]

    return run
