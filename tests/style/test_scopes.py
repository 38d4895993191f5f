from __future__ import annotations

from editorial.style.scopes import parse, sections


def matches(rule: tuple[str, ...], block: str, parent: str = "", sentence: bool = False) -> bool:
    return parse(rule).matches(sections(block), sections(parent or block), sentence)


def test_parts_are_contained() -> None:
    assert matches(("heading",), "text.heading.h2.md")
    assert matches(("heading.h2",), "text.heading.h2.md")
    assert not matches(("heading.h3",), "text.heading.h2.md")
    assert matches(("text",), "text.list.md")
    assert not matches(("text",), "paragraph.md")


def test_negation_is_decided_on_the_parent() -> None:
    assert matches(("~blockquote",), "text.md")
    assert not matches(("~blockquote",), "paragraph.md", parent="text.blockquote.md")
    assert matches(("~blockquote & ~heading",), "text.list.md")
    assert not matches(("~heading",), "raw.md")


def test_sentences_only_for_rules_that_ask() -> None:
    assert matches(("sentence",), "text.sentence.md", parent="text.md", sentence=True)
    assert not matches(("text",), "text.sentence.md", parent="text.md", sentence=True)
