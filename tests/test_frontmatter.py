from __future__ import annotations

import pytest

from editorial import frontmatter
from editorial.errors import EditorialError


def test_split_keeps_the_raw_text_and_positions() -> None:
    text = "---\ntitle: 'A: b'  # note\nauthor: x\n---\n\nBody *here*.\n"
    split = frontmatter.split(text, "s.md")
    assert split.front.data == {"title": "A: b", "author": "x"}
    assert split.front.raw == "title: 'A: b'  # note\nauthor: x\n"
    assert (split.front.opening_line, split.front.closing_line) == (1, 4)
    assert split.front.line("author") == 3
    assert split.body == "\nBody *here*.\n"
    assert split.body_line == 5


def test_closing_dots_and_empty_body() -> None:
    split = frontmatter.split("---\na: 1\n...", "s.md")
    assert split.front.data == {"a": 1}
    assert (split.body, split.body_line) == ("", 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\n---\n", "s.md:1: missing front matter: the file must start with a line '---'"),
        ("", "s.md:1: missing front matter: the file must start with a line '---'"),
        ("---\na: 1\n", "s.md:1: front matter opened here is never closed with a line '---'"),
        ("---\n---\nbody\n", "s.md:1: front matter is empty"),
        ("---\njust text\n---\n", "s.md:2: front matter must be a mapping of keys to values, not a str"),
        ("---\na: 1\n\nb: [\n---\n", "s.md:5: invalid YAML: did not find expected node content"),
    ],
)
def test_errors(text: str, expected: str) -> None:
    with pytest.raises(EditorialError) as exc:
        frontmatter.split(text, "s.md")
    assert str(exc.value) == expected
