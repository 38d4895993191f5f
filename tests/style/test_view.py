from __future__ import annotations

from editorial import document
from editorial.style import view


def blocks(markdown: str, **options: object) -> list[tuple[str, str]]:
    built = view.build(document.parse(markdown, "x.md"), view.ViewOptions(**options))  # type: ignore[arg-type]
    return [(b.scope, b.text) for b in built.blocks]


def test_scopes_and_inline_code_masked() -> None:
    text = "# Use the `APPEND` operator\n\n> Quoted\n\n- Item `x` here\n\n| H |\n|---|\n| c |\n\n![alt text](a.png)\n"
    assert blocks(text) == [
        ("text.heading.h1.md", "Use the ****** operator"),
        ("text.blockquote.md", "Quoted"),
        ("text.list.md", "Item * here"),
        ("text.table.header.md", "H"),
        ("text.table.cell.md", "c"),
        ("text.attr.alt", "alt text"),
    ]


def test_html_blocks_are_read() -> None:
    text = "<table>\n  <caption>Plan</caption>\n  <tr><td>One &amp; two</td></tr>\n</table>\n"
    assert blocks(text) == [("text.table.caption.md", "Plan"), ("text.table.cell.md", "One & two")]


def test_sentences_and_summary() -> None:
    built = view.build(document.parse("One. Two.\n\n# Head\n", "x.md"), view.ViewOptions(sentences=True, summary=True))
    assert [(b.scope, b.text) for b in built.blocks] == [
        ("text.md", "One. Two."),
        ("text.sentence.md", "One."),
        ("text.sentence.md", "Two."),
        ("text.heading.h1.md", "Head"),
    ]
    assert built.summary is not None and built.summary.text == "One. Two.\n\n"
    assert built.summary.metrics == {"paragraphs": 1, "heading.h1": 1}


def test_html_paragraphs_are_cut_into_sentences_and_headings_are_not_as_in_vale() -> None:
    text = "## Why? Because.\n\n<h2>An HTML heading. Two.</h2>\n<p>One. Two.</p>\n"
    built = view.build(document.parse(text, "x.md"), view.ViewOptions(sentences=True))
    assert [(b.scope, b.text, b.parent) for b in built.blocks] == [
        ("text.heading.h2.md", "Why? Because.", ""),
        ("text.heading.h2.md", "An HTML heading. Two.", ""),
        ("text.md", "One. Two.", ""),
        ("text.sentence.md", "One.", "text.md"),
        ("text.sentence.md", "Two.", "text.md"),
    ]
