from __future__ import annotations

from pathlib import Path

import pytest

from editorial import issue
from editorial.errors import EditorialError


def test_parse_section_properties() -> None:
    section = issue.parse_section(
        "---\ntitle: T\nauthor: ana\nslot: reading\norder: 2\nextra: [1]\n---\n\n\nBody.\n\n", Path("s.md")
    )
    assert (section.title, section.author, section.slot, section.order) == ("T", "ana", "reading", 2)
    assert section.content == "Body."
    assert section.body_line == 8
    assert issue.parse_section("---\ntitle: T\nauthor: a\n---\nx\n", Path("s.md")).slot == "main"


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("author: a", ["s.md:1: front matter has no 'title'"]),
        ("title: ''\nauthor: a", ["s.md:2: 'title' must be non-empty text"]),
        (
            "title: 3\nauthor: ' '",
            [
                "s.md:2: 'title' must be non-empty text",
                "s.md:3: 'author' must be a contributor id (leave it out for an unsigned section)",
            ],
        ),
        ("title: T\nauthor: a\nslot: 'a b'", ["s.md:4: 'slot' must be a name (letters, digits, '.', '-', '_')"]),
        ("title: T\nauthor: a\norder: true", ["s.md:4: 'order' must be a whole number"]),
        ("title: T\nauthor: a\norder: 1.5", ["s.md:4: 'order' must be a whole number"]),
    ],
)
def test_parse_section_errors(front: str, expected: list[str]) -> None:
    with pytest.raises(EditorialError) as exc:
        issue.parse_section(f"---\n{front}\n---\nBody\n", Path("s.md"))
    assert [str(p) for p in exc.value.problems] == expected


def test_unsigned_sections_and_stubs() -> None:
    unsigned = issue.parse_section("---\ntitle: By the team\n---\n\nWe wrote this.\n", Path("s.md"))
    assert (unsigned.author, unsigned.is_stub) == (None, False)
    # A stub fresh from new-issue: its title is empty and its body is the note for its contributor.
    stub = issue.parse_section(
        "---\ntitle: ''\nauthor: a\n---\n\n<!-- editorial: Ana, write your section of 1 below this note. -->\n\n",
        Path("s.md"),
    )
    assert (stub.title, stub.is_stub, stub.content, stub.words) == ("", True, "", 0)
    # An image alone is content.
    assert not issue.parse_section("---\ntitle: T\n---\n![a chart](chart.png)\n", Path("s.md")).is_stub


def test_published_content_keeps_the_authors_spaces_but_not_editorials_notes() -> None:
    section = issue.parse_section(
        "---\ntitle: T\nauthor: a\n---\n"
        "<!-- editorial: Ana, write below this note. -->\n"
        "First paragraph. \n\n"
        "<!-- editorial-disable-next-line proselint -->\n"
        "It is very unique.<!-- editorial: ask Bo -->\n\n"
        "<!--more-->\n\n"
        "Last line, with the space before the byline. \n\n\n",
        Path("s.md"),
    )
    assert section.content == (
        "First paragraph. \n\nIt is very unique.\n\n<!--more-->\n\nLast line, with the space before the byline. "
    )
    # Each line of what is published, with its line in the file.
    assert section.published.origins == (6, 7, 9, 10, 11, 12, 13)


def test_count_words_ignores_comments_and_link_targets() -> None:
    text = "<!-- draft: not counted -->\nIt's [a link](https://x.example/a-b-c) and self-supervised ML.\n"
    assert issue.count_words(text) == 6


def test_markers_and_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "2021-01"
    (folder / "sections").mkdir(parents=True)
    (folder / "issue.md").write_text(
        "---\ndate: 2021-01-01\neditorial:\n  contributors: [a, b]\n---\n"
        "<!-- editorial:sections -->\n  <!--editorial:sections reading-->  \n<!-- editorial:sections two words -->\n"
    )
    (folder / "sections" / "b.md").write_text("---\ntitle: B\nauthor: b\n---\nB\n")
    (folder / "sections" / "a.md").write_text("---\ntitle: A\nauthor: a\n---\nA\n")
    loaded = issue.load(tmp_path, "2021-01")
    assert loaded.markers == (issue.Marker("main", 6), issue.Marker("reading", 7))
    assert loaded.contributors == ("a", "b")
    assert [s.path.name for s in loaded.sections] == ["a.md", "b.md"]
