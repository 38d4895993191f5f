from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import fuzz
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from editorial.document import Document, Heading, Link, Position, parse, read
from editorial.errors import EditorialError, Problem
from editorial.prose import ProseBlock

ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")


def prose(document: Document) -> list[tuple[str, tuple[str, ...], str]]:
    return [(block.kind, block.scopes, block.text) for block in document.blocks]


def at(document: Document, block: int, needle: str, start: int = 0) -> Position:
    """Where the first ``needle`` in block number ``block`` (from ``start``) is in the file."""
    text = document.blocks[block].text
    return document.position(document.blocks[block].source_offset(text.index(needle, start)))


def columns(document: Document, block: ProseBlock) -> list[int]:
    return [document.position(offset).column for offset in block.offsets]


def rendered_at(source: str, offset: int) -> str | None:
    """What the escape or entity starting at ``offset`` renders as, if one does."""
    if source[offset] == "\\":
        return source[offset + 1]
    entity = ENTITY.match(source, offset)
    if entity:
        value = html.unescape(entity.group())
        return "\ufffd" if value == "\0" else value
    if source[offset] == "\0":
        return "\ufffd"
    return None


def assert_exact(document: Document) -> None:
    """Every character of the prose is the source character it points at.

    Except where the rules say otherwise: an escape or an entity points at its
    first character (a second code point of an entity at the next one); a line
    break at the line's "\\r" or "\\n". Offsets only ever grow within a block.
    """
    source = document.source
    for block in document.blocks:
        offsets = block.offsets
        assert len(offsets) == len(block.text)
        for index, (character, offset) in enumerate(zip(block.text, offsets)):
            assert index == 0 or offset > offsets[index - 1], (block.text, index)
            if source[offset] == character:
                continue
            if character == "\n" and source[offset] in "\r\n":
                continue
            rendered = rendered_at(source, offset)
            if rendered is not None and rendered[0] == character:
                continue
            previous = rendered_at(source, offset - 1) if offset else None
            if previous is not None and len(previous) == 2 and previous[1] == character:
                continue
            raise AssertionError(f"{block.text!r}[{index}] is not at {source[offset:offset + 9]!r}")


def test_paragraphs() -> None:
    document = parse("First paragraph\nwith two lines.\n\nSecond one.\n", "doc.md")
    assert prose(document) == [
        ("paragraph", ("paragraph",), "First paragraph\nwith two lines."),
        ("paragraph", ("paragraph",), "Second one."),
    ]
    assert list(document.blocks[0].offsets) == list(range(31))
    assert at(document, 0, "\n") == Position(1, 16)
    assert at(document, 0, "with") == Position(2, 1)
    assert at(document, 1, "Second") == Position(4, 1)
    assert document.tokens[0].type == "paragraph_open"
    assert (document.front_matter, document.front_matter_error, document.body_offset) == (None, None, 0)


def test_headings_of_every_level() -> None:
    text = (
        "# One\n## Two ##\n### Three\n#### Four\n##### Five\n###### Six #\n\n"
        "Setext one\n==========\n\nSetext two\n---\n\n  ## Indented\n"
    )
    document = parse(text, "doc.md")
    assert prose(document) == [
        ("heading", ("heading", "heading.h1"), "One"),
        ("heading", ("heading", "heading.h2"), "Two"),
        ("heading", ("heading", "heading.h3"), "Three"),
        ("heading", ("heading", "heading.h4"), "Four"),
        ("heading", ("heading", "heading.h5"), "Five"),
        ("heading", ("heading", "heading.h6"), "Six"),
        ("heading", ("heading", "heading.h1"), "Setext one"),
        ("heading", ("heading", "heading.h2"), "Setext two"),
        ("heading", ("heading", "heading.h2"), "Indented"),
    ]
    assert document.headings == (
        Heading(1, "One", 1),
        Heading(2, "Two", 2),
        Heading(3, "Three", 3),
        Heading(4, "Four", 4),
        Heading(5, "Five", 5),
        Heading(6, "Six", 6),
        Heading(1, "Setext one", 8),
        Heading(2, "Setext two", 11),
        Heading(2, "Indented", 14),
    )
    assert [at(document, index, document.blocks[index].text) for index in range(9)] == [
        Position(1, 3),
        Position(2, 4),
        Position(3, 5),
        Position(4, 6),
        Position(5, 7),
        Position(6, 8),
        Position(8, 1),
        Position(11, 1),
        Position(14, 6),
    ]


def test_a_heading_with_hashes_in_its_text() -> None:
    document = parse("# C# and F# #\n", "doc.md")
    assert prose(document) == [("heading", ("heading", "heading.h1"), "C# and F#")]
    assert columns(document, document.blocks[0]) == [3, 4, 5, 6, 7, 8, 9, 10, 11]


def test_nested_lists() -> None:
    text = (
        "- one\n- two *items*\n  - nested *deep*\n    continued\n\n    second paragraph\n"
        "1. first\n"
    )
    document = parse(text, "doc.md")
    assert prose(document) == [
        ("paragraph", ("list", "paragraph"), "one"),
        ("paragraph", ("list", "paragraph"), "two items"),
        ("paragraph", ("list", "paragraph"), "nested deep\ncontinued"),
        ("paragraph", ("list", "paragraph"), "second paragraph"),
        ("paragraph", ("list", "paragraph"), "first"),
    ]
    assert at(document, 0, "one") == Position(1, 3)
    assert at(document, 1, "items") == Position(2, 8)
    assert at(document, 2, "deep") == Position(3, 13)
    assert at(document, 2, "continued") == Position(4, 5)
    assert at(document, 3, "second") == Position(6, 5)
    assert at(document, 4, "first") == Position(7, 4)


def test_block_quotes_with_a_lazy_line_a_nested_quote_and_a_quote_in_a_list() -> None:
    text = (
        "> Quoted *text*\n> on two lines\nand a lazy one.\n>\n> > Nested quote.\n\n"
        "- item\n\n  > In a list.\n"
    )
    document = parse(text, "doc.md")
    assert prose(document) == [
        ("paragraph", ("blockquote", "paragraph"), "Quoted text\non two lines\nand a lazy one."),
        ("paragraph", ("blockquote", "paragraph"), "Nested quote."),
        ("paragraph", ("list", "paragraph"), "item"),
        ("paragraph", ("list", "blockquote", "paragraph"), "In a list."),
    ]
    assert at(document, 0, "text") == Position(1, 11)
    assert at(document, 0, "\n") == Position(1, 16)
    assert at(document, 0, "on") == Position(2, 3)
    assert at(document, 0, "and") == Position(3, 1)
    assert at(document, 1, "Nested") == Position(5, 5)
    assert at(document, 3, "In") == Position(9, 5)


def test_tables() -> None:
    text = "| Name | Role \\| team |\n|:-----|-----:|\n| Ana  | *lead* |\n| Bo | |\n"
    document = parse(text, "doc.md")
    assert prose(document) == [
        ("table.header", ("table", "table.header"), "Name"),
        ("table.header", ("table", "table.header"), "Role | team"),
        ("table.cell", ("table", "table.cell"), "Ana"),
        ("table.cell", ("table", "table.cell"), "lead"),
        ("table.cell", ("table", "table.cell"), "Bo"),
    ]
    assert at(document, 0, "Name") == Position(1, 3)
    # The escaped pipe stands for its backslash.
    assert columns(document, document.blocks[1]) == [10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21]
    assert at(document, 2, "Ana") == Position(3, 3)
    assert at(document, 3, "lead") == Position(3, 11)
    assert at(document, 4, "Bo") == Position(4, 3)


def test_a_table_in_a_block_quote() -> None:
    document = parse("> | a | b |\n> |---|---|\n> | c | d |\n", "doc.md")
    assert prose(document) == [
        ("table.header", ("blockquote", "table", "table.header"), "a"),
        ("table.header", ("blockquote", "table", "table.header"), "b"),
        ("table.cell", ("blockquote", "table", "table.cell"), "c"),
        ("table.cell", ("blockquote", "table", "table.cell"), "d"),
    ]
    assert [at(document, index, "abcd"[index]) for index in range(4)] == [
        Position(1, 5),
        Position(1, 9),
        Position(3, 5),
        Position(3, 9),
    ]


def test_links_keep_their_text_and_lose_their_destination() -> None:
    text = (
        'See [the *docs*](https://example.com/docs "Docs") and [ref][r] or <https://auto.example>.\n'
        "\n[r]: https://ref.example\n"
    )
    document = parse(text, "doc.md")
    assert prose(document) == [("paragraph", ("paragraph",), "See the docs and ref or.")]
    assert columns(document, document.blocks[0]) == [
        1, 2, 3, 4,  # "See "
        6, 7, 8, 9, 11, 12, 13, 14,  # "the docs"
        50, 51, 52, 53, 54,  # " and "
        56, 57, 58,  # "ref"
        63, 64, 65,  # " or"
        89,  # "."
    ]  # fmt: skip
    assert document.links == (
        Link("link", "the docs", "https://example.com/docs", "Docs", (4, 49), (17, 41)),
        Link("link", "ref", "https://ref.example", None, (54, 62), None),
        Link("autolink", "https://auto.example", "https://auto.example", None, (66, 88), (67, 87)),
    )
    assert text[4:49] == '[the *docs*](https://example.com/docs "Docs")'
    assert text[17:41] == "https://example.com/docs"
    assert text[66:88] == "<https://auto.example>"


def test_images_alt_text_is_a_block_of_its_own() -> None:
    text = 'Before ![An *alt* text](pic.png "T") after.\n\n![Only](only.png)\n\n- ![Listed](l.png)\n'
    document = parse(text, "doc.md")
    assert prose(document) == [
        ("paragraph", ("paragraph",), "Before after."),
        ("alt", ("alt",), "An alt text"),
        ("alt", ("alt",), "Only"),
        ("alt", ("list", "alt"), "Listed"),
    ]
    # The space before the image goes with it; the one after stays.
    assert columns(document, document.blocks[0]) == [1, 2, 3, 4, 5, 6, 37, 38, 39, 40, 41, 42, 43]
    assert columns(document, document.blocks[1]) == [10, 11, 12, 14, 15, 16, 18, 19, 20, 21, 22]
    assert at(document, 2, "Only") == Position(3, 3)
    assert at(document, 3, "Listed") == Position(5, 5)
    assert document.links[:2] == (
        Link("image", "An alt text", "pic.png", "T", (7, 36), (24, 31)),
        Link("image", "Only", "only.png", None, (45, 62), (53, 61)),
    )


def test_code_is_not_prose() -> None:
    text = (
        "Run `make test` now.\n\n```python\nprint('no')\n```\n\n    indented code\n\n"
        "After ``a ` b`` done.\n"
    )
    document = parse(text, "doc.md")
    assert prose(document) == [
        ("paragraph", ("paragraph",), "Run now."),
        ("paragraph", ("paragraph",), "After done."),
    ]
    assert columns(document, document.blocks[0]) == [1, 2, 3, 16, 17, 18, 19, 20]
    assert at(document, 1, "done") == Position(9, 17)


def test_html_and_comments_are_not_prose() -> None:
    text = (
        "<div>\nNot prose.\n</div>\n\n<!-- a comment -->\n\n"
        "Text <span>inline</span> and <!-- note --> end.\n"
    )
    document = parse(text, "doc.md")
    assert prose(document) == [("paragraph", ("paragraph",), "Text inline and end.")]
    assert at(document, 0, "inline") == Position(7, 12)
    assert at(document, 0, "and") == Position(7, 26)
    assert at(document, 0, "end") == Position(7, 44)


def test_autolinks_and_bare_urls_are_not_prose() -> None:
    text = (
        "Visit https://example.com/a_b?x=1&amp;y=2, or <mailto:me@example.com> and "
        "www.example.org/path.\n"
    )
    document = parse(text, "doc.md")
    assert prose(document) == [("paragraph", ("paragraph",), "Visit, or and.")]
    assert columns(document, document.blocks[0]) == [
        1, 2, 3, 4, 5,  # "Visit"
        42, 43, 44, 45,  # ", or"
        70, 71, 72, 73,  # " and"
        95,  # "."
    ]  # fmt: skip
    assert document.links == (
        Link(
            "autolink", "mailto:me@example.com", "mailto:me@example.com", None, (46, 69), (47, 68)
        ),
    )


def test_escapes_and_entities_point_at_their_first_character() -> None:
    text = (
        "Stars \\*not emphasis\\* &amp; AT&amp;T &copy; &#8212; &#x1F600; &NotEqualTilde; "
        "\\a \\\\.\n"
    )
    document = parse(text, "doc.md")
    block = document.blocks[0]
    assert block.text == "Stars *not emphasis* & AT&T © — 😀 ≂̸ \\a \\."
    assert columns(document, block) == [
        1, 2, 3, 4, 5, 6,  # "Stars "
        7,  # "*" from "\*"
        9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,  # "not emphasis"
        21,  # "*" from "\*"
        23, 24, 29,  # " & "
        30, 31, 32, 37,  # "AT&T"
        38, 39, 45, 46, 53, 54, 63,  # " © — 😀 "
        64, 65,  # "≂̸": one entity, two code points
        79, 80, 81,  # " \a": not an escape, both characters kept
        82, 83, 85,  # " \."
    ]  # fmt: skip
    assert_exact(document)


def test_the_tokens_render_as_markdown_it_renders_the_body() -> None:
    body = (
        "# T \\# &amp;\n\nA \\* &copy; `c` [l *i*](u) ![a &amp; ![b](c)](d)\n\n"
        "| x \\| y | z |\n|---|---|\n| &lt; | ~~s~~ |\n"
    )
    document = parse("---\ntitle: t\n---\n" + body, "doc.md")
    markdown = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    rendered = markdown.renderer.render(list(document.tokens), markdown.options, {})
    assert rendered == markdown.render(body)
    escape = document.tokens[1].children[1]
    assert (escape.type, escape.content, escape.markup, escape.info) == ("text", "#", "\\#", "escape")


def test_emphasis_markup_is_removed() -> None:
    text = "Some _under_ and **strong** and ***both*** and ~~gone~~ x*y*z.\n"
    document = parse(text, "doc.md")
    block = document.blocks[0]
    assert block.text == "Some under and strong and both and gone xyz."
    assert columns(document, block) == [
        1, 2, 3, 4, 5,  # "Some "
        7, 8, 9, 10, 11,  # "under"
        13, 14, 15, 16, 17,  # " and "
        20, 21, 22, 23, 24, 25,  # "strong"
        28, 29, 30, 31, 32,  # " and "
        36, 37, 38, 39,  # "both"
        43, 44, 45, 46, 47,  # " and "
        50, 51, 52, 53,  # "gone"
        56, 57, 59, 61, 62,  # " xyz."
    ]  # fmt: skip


def test_soft_and_hard_line_breaks() -> None:
    document = parse("soft\nbreak hard  \nbreak back\\\nslash\n", "doc.md")
    block = document.blocks[0]
    assert block.text == "soft\nbreak hard\nbreak back\nslash"
    breaks = [index for index, character in enumerate(block.text) if character == "\n"]
    assert [document.position(block.source_offset(index)) for index in breaks] == [
        Position(1, 5),
        Position(2, 13),
        Position(3, 12),
    ]
    assert at(document, 0, "slash") == Position(4, 1)


def test_crlf_line_endings() -> None:
    text = "# Title\r\n\r\nFirst line\r\nsecond  \r\nthird\r\n"
    document = parse(text, "doc.md")
    assert document.source == text
    assert prose(document) == [
        ("heading", ("heading", "heading.h1"), "Title"),
        ("paragraph", ("paragraph",), "First line\nsecond\nthird"),
    ]
    block = document.blocks[1]
    assert at(document, 0, "Title") == Position(1, 3)
    assert at(document, 1, "\n") == Position(3, 11)
    assert text[block.source_offset(10)] == "\r"
    assert at(document, 1, "second") == Position(4, 1)
    assert at(document, 1, "\n", 11) == Position(4, 9)
    assert at(document, 1, "third") == Position(5, 1)
    assert document.headings == (Heading(1, "Title", 1),)
    assert_exact(document)


def test_positions_count_each_line_break_once() -> None:
    text = "ab\r\ncd\ref\n"
    document = parse(text, "doc.md")
    assert [document.position(offset) for offset in range(len(text) + 1)] == [
        Position(1, 1),
        Position(1, 2),
        Position(1, 3),  # "\r" ends line 1
        Position(1, 4),
        Position(2, 1),
        Position(2, 2),
        Position(2, 3),  # a lone "\r" ends a line too, as in CommonMark
        Position(3, 1),
        Position(3, 2),
        Position(3, 3),
        Position(4, 1),
    ]
    with pytest.raises(IndexError):
        document.position(len(text) + 1)
    with pytest.raises(IndexError):
        document.position(-1)


def test_a_byte_order_mark_is_kept_and_is_not_a_column() -> None:
    text = "\ufeffHello wörld\n"
    document = parse(text, "doc.md")
    assert document.source == text
    assert document.body_offset == 1
    assert prose(document) == [("paragraph", ("paragraph",), "Hello wörld")]
    assert list(document.blocks[0].offsets) == list(range(1, 12))
    assert columns(document, document.blocks[0]) == list(range(1, 12))
    assert document.position(0) == Position(1, 1)


def test_a_byte_order_mark_and_crlf_before_front_matter() -> None:
    text = "\ufeff---\r\ntitle: Bom\r\n---\r\nBody text\r\n"
    document = parse(text, "doc.md")
    assert document.front_matter is not None
    assert document.front_matter.data == {"title": "Bom"}
    assert (document.front_matter.opening_line, document.front_matter.closing_line) == (1, 3)
    assert document.front_matter_error is None
    assert document.body_offset == 23
    assert prose(document) == [("paragraph", ("paragraph",), "Body text")]
    assert at(document, 0, "Body") == Position(4, 1)


def test_tabs_are_one_column() -> None:
    text = "-\tItem with\ttab\n\n>\tQuoted\ttext\n\n\tcode\n\nWord\tword\n"
    document = parse(text, "doc.md")
    assert prose(document) == [
        ("paragraph", ("list", "paragraph"), "Item with\ttab"),
        ("paragraph", ("blockquote", "paragraph"), "Quoted\ttext"),
        ("paragraph", ("paragraph",), "Word\tword"),
    ]
    assert columns(document, document.blocks[0]) == list(range(3, 16))
    assert columns(document, document.blocks[1]) == list(range(3, 14))
    assert at(document, 2, "word") == Position(7, 6)


def test_accents_and_emoji_are_one_column_per_code_point() -> None:
    text = "## Ünïcödé 🎉 title\n\nCafé 😀 naïve — e\u0301 ok 👩\u200d💻 end\n"
    document = parse(text, "doc.md")
    assert prose(document) == [
        ("heading", ("heading", "heading.h2"), "Ünïcödé 🎉 title"),
        ("paragraph", ("paragraph",), "Café 😀 naïve — e\u0301 ok 👩\u200d💻 end"),
    ]
    assert at(document, 0, "title") == Position(1, 14)
    assert at(document, 1, "😀") == Position(3, 6)
    assert at(document, 1, "naïve") == Position(3, 8)
    assert at(document, 1, "ok") == Position(3, 19)
    assert at(document, 1, "end") == Position(3, 26)
    assert_exact(document)


def test_nul_reads_as_the_replacement_character() -> None:
    document = parse("a\0b\n", "doc.md")
    assert prose(document) == [("paragraph", ("paragraph",), "a\ufffdb")]
    assert list(document.blocks[0].offsets) == [0, 1, 2]


def test_lines_of_unicode_spaces_around_a_paragraph() -> None:
    document = parse("\u00a0\nfoo bar\n\u3000\n", "doc.md")
    assert prose(document) == [("paragraph", ("paragraph",), "foo bar")]
    assert at(document, 0, "foo") == Position(2, 1)


def test_front_matter_is_not_prose() -> None:
    text = "---\ntitle: Hello\nauthor: me\n---\n\nBody *text*.\n"
    document = parse(text, "doc.md")
    assert document.front_matter is not None
    assert document.front_matter.data == {"title": "Hello", "author": "me"}
    assert document.front_matter.line("author") == 3
    assert document.front_matter_error is None
    assert document.body_offset == 32
    assert prose(document) == [("paragraph", ("paragraph",), "Body text.")]
    assert at(document, 0, "text") == Position(6, 7)


def test_front_matter_may_close_with_dots() -> None:
    document = parse("---\ntitle: x\n...\nText\n", "doc.md")
    assert document.front_matter is not None
    assert document.front_matter.data == {"title": "x"}
    assert at(document, 0, "Text") == Position(4, 1)


@pytest.mark.parametrize(
    ("text", "problem", "text_at"),
    [
        (
            "---\ntitle: [unclosed\n---\nStill *checked*.\n",
            Problem("doc.md", 3, "invalid YAML: did not find expected ',' or ']'"),
            Position(4, 1),
        ),
        ("---\n---\nText\n", Problem("doc.md", 1, "front matter is empty"), Position(3, 1)),
        (
            "---\n- a\n---\nText\n",
            Problem("doc.md", 2, "front matter must be a mapping of keys to values, not a list"),
            Position(4, 1),
        ),
    ],
)
def test_bad_front_matter_is_recorded_and_the_body_still_read(
    text: str, problem: Problem, text_at: Position
) -> None:
    document = parse(text, "doc.md")
    assert document.front_matter is None
    assert document.front_matter_error == problem
    assert len(document.blocks) == 1
    assert document.position(document.blocks[0].source_offset(0)) == text_at


def test_unclosed_front_matter_leaves_no_prose() -> None:
    text = "---\ntitle: x\n\nSome text that stays out.\n"
    document = parse(text, "doc.md")
    assert document.front_matter is None
    assert document.front_matter_error == Problem(
        "doc.md", 1, "front matter opened here is never closed with a line '---'"
    )
    assert document.body_offset == len(text)
    assert (document.blocks, document.links, document.headings, document.tokens) == ((), (), (), ())


def test_read_keeps_the_file_exactly(tmp_path: Path) -> None:
    path = tmp_path / "windows.md"
    path.write_bytes("\ufeff# Títle\r\n\r\nBody 😀 here\r\n".encode())
    document = read(path)
    assert document.path == path
    assert document.source == "\ufeff# Títle\r\n\r\nBody 😀 here\r\n"
    assert document.headings == (Heading(1, "Títle", 1),)
    assert at(document, 0, "Títle") == Position(1, 3)
    assert at(document, 1, "here") == Position(3, 8)


def test_read_names_the_line_of_a_byte_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes(b"ok\nd\xe9j\xe0\n")
    with pytest.raises(EditorialError) as raised:
        read(path)
    assert raised.value.problems == (Problem(path, 2, "not UTF-8 text (byte 0xe9 at column 2)"),)


def test_read_a_missing_file_or_a_folder(tmp_path: Path) -> None:
    with pytest.raises(EditorialError) as raised:
        read(tmp_path / "missing.md")
    assert raised.value.problems == (Problem(tmp_path / "missing.md", None, "no such file"),)
    with pytest.raises(EditorialError) as raised:
        read(tmp_path)
    assert raised.value.problems == (Problem(tmp_path, None, "is a folder, not a file"),)


def test_the_doubled_word_in_the_example_issue(example_source: Path) -> None:
    document = read(example_source / "sections" / "victor.md")
    assert document.front_matter is not None
    assert document.front_matter.data["author"] == "victor"
    [block] = document.blocks
    assert block.text.count("the the") == 1
    index = block.text.index("the the")
    assert document.position(block.source_offset(index)) == Position(6, 886)
    assert document.position(block.source_offset(index + 4)) == Position(6, 890)


def test_the_example_sections(example_source: Path) -> None:
    documents = {
        path.stem: read(path) for path in sorted((example_source / "sections").glob("*.md"))
    }
    assert {name: len(document.blocks) for name, document in documents.items()} == {
        "andrew": 3,
        "chris": 5,
        "melanie": 7,
        "nisha": 2,
        "victor": 1,
    }
    for document in documents.values():
        assert document.front_matter_error is None
        assert_exact(document)
        # No link destination is prose.
        for link in document.links:
            assert "://" not in link.text or link.kind == "autolink"
            for block in document.blocks:
                assert "http" not in block.text
    chris = documents["chris"]
    assert prose(chris)[-1] == (
        "alt",
        ("alt",),
        "A causal question: which came first, the chicken or the egg?",
    )
    assert at(chris, 4, "chicken") == Position(14, 44)
    assert chris.links[-1] == Link(
        "image",
        "A causal question: which came first, the chicken or the egg?",
        "/images/hugo/chicken-or-egg-1611159168.png",
        None,
        (chris.source.index("![A causal"), len(chris.source) - 1),
        (chris.source.index("/images/"), len(chris.source) - 2),
    )
    melanie = documents["melanie"]
    assert [block.scopes for block in melanie.blocks[3:6]] == [("list", "paragraph")] * 3
    assert at(melanie, 5, "rife") == Position(14, 60)


def test_a_line_of_100000_characters() -> None:
    words = ["plain", "*em*", "[link](https://example.com/x)", "`code`", "&amp;", "café 😀"]
    line = " ".join(words[index % len(words)] for index in range(12_000))
    text = line[: line.rindex(" ", 0, 99_990)] + " final"
    document = parse(text, "long.md")
    [block] = document.blocks
    assert block.text.endswith(" final")
    assert document.position(block.source_offset(len(block.text) - 5)) == Position(
        1, len(text) - 4
    )
    assert len(document.links) == text.count("[link]") == 1639
    assert_exact(document)


# A generated document is a list of segments, each with a role: "word" must
# come out as prose, "never" must not, "any" is markup or may be either.
Segments = list[tuple[str, str]]
WORDS = ["alpha", "Beta", "café", "naïve", "Über", "straße", "日本語", "😀", "x😀y", "the", "señor"]


@st.composite
def words(draw: st.DrawFn) -> Segments:
    punctuation = draw(st.sampled_from(["", ".", ",", "!"]))
    return [(draw(st.sampled_from(WORDS)), "word"), (punctuation, "any")]


def word(draw: st.DrawFn) -> Segments:
    return draw(words())[:1]


INLINE = [
    "word", "word", "word", "word", "em", "strong", "under", "strike", "triple", "mixed",
    "snake", "link", "reference", "rich link", "image", "image link", "code", "escape",
    "entity", "html", "autolink", "url", "tab", "brackets", "nul",
]  # fmt: skip
MULTILINE = ["comment", "split link", "split code"]


@st.composite
def inline(draw: st.DrawFn, one_line: bool) -> Segments:
    kind = draw(st.sampled_from(INLINE if one_line else INLINE + MULTILINE))
    if kind == "word":
        return draw(words())
    if kind in ("em", "strong", "under", "strike", "triple"):
        marker = {"em": "*", "strong": "**", "under": "_", "strike": "~~", "triple": "***"}[kind]
        return [(marker, "any"), *word(draw), (marker, "any")]
    if kind == "mixed":
        return [
            ("*", "any"), *word(draw), (" **", "any"), *word(draw), ("** ", "any"), *word(draw),
            ("*", "any"),
        ]  # fmt: skip
    if kind == "snake":
        return [("snake_case_word", "word")]
    if kind == "link":
        title = draw(st.sampled_from(["", ' "A title"', " 'T'"]))
        destination = f"](https://dest.example/p_q{title})"
        return [("[", "any"), *word(draw), (" ", "any"), *word(draw), (destination, "never")]
    if kind == "reference":
        return [("[", "any"), *word(draw), ("][ref]", "never")]
    if kind == "rich link":
        return [
            ("[", "any"), *word(draw), (" &amp; *", "any"), ("em", "word"), ("* ", "any"),
            ("`c`", "never"), ("](<https://dest.example/a b>)", "never"),
        ]  # fmt: skip
    if kind == "image":
        return [("![", "any"), *word(draw), ("](pic.png)", "never")]
    if kind == "image link":
        return [("[![", "any"), *word(draw), ("](i.png)](https://u.example)", "never")]
    if kind == "code":
        return [(draw(st.sampled_from(["`code here`", "``co`de``", "` spaced `"])), "never")]
    if kind == "escape":
        return [(draw(st.sampled_from(["\\*", "\\_", "\\[", "\\\\", "\\&", "\\#", "\\a"])), "any")]
    if kind == "entity":
        entities = ["&amp;", "&copy;", "&#8212;", "&#x1F600;", "&NotEqualTilde;", "&#0;"]
        return [(draw(st.sampled_from(entities)), "any")]
    if kind == "html":
        return [('<span class="c">', "never"), *word(draw), ("</span>", "never")]
    if kind == "autolink":
        return [("<https://auto.example/x>", "never")]
    if kind == "url":
        after = draw(st.sampled_from(["", ".", ","]))
        return [("https://bare.example/path?q=1", "never"), (after, "any")]
    if kind == "tab":
        return [*draw(words()), ("\t", "any"), *draw(words())]
    if kind == "brackets":
        return [("[not a link]", "word")]
    if kind == "nul":
        return [("a\0b", "any")]
    if kind == "comment":
        return [("<!-- hidden\nnote -->", "never")]
    if kind == "split link":
        destination = "](https://m.example)"
        return [("[", "any"), *word(draw), ("\n", "any"), *word(draw), (destination, "never")]
    assert kind == "split code"
    return [("`code\nacross`", "never")]


@st.composite
def line(draw: st.DrawFn, one_line: bool = False, most: int = 6) -> Segments:
    # A word first: a line opening with "<!--" or "<span" would be an HTML block.
    segments = draw(words())
    for item in draw(st.lists(inline(one_line), max_size=most - 1)):
        segments.append((draw(st.sampled_from([" ", " ", "  ", "\t"])), "any"))
        segments.extend(item)
    return segments


@st.composite
def lines(draw: st.DrawFn) -> Segments:
    segments: Segments = []
    for number, segment in enumerate(draw(st.lists(line(), min_size=1, max_size=3))):
        if number:
            segments.append((draw(st.sampled_from(["\n", "\n", "  \n", "\\\n", " \n"])), "any"))
        segments.extend(segment)
    return segments


def indent(segments: Segments, first: str, rest: str) -> Segments:
    return [(first, "any")] + [(text.replace("\n", "\n" + rest), role) for text, role in segments]


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> Segments:
    kinds = ["paragraph", "paragraph", "heading", "setext", "fence", "indented", "html", "comment"]
    kinds += ["table", "list", "quote", "tight quote", "definition"] if depth < 2 else ["table"]
    kind = draw(st.sampled_from(kinds))
    if kind == "paragraph":
        return draw(lines())
    if kind == "heading":
        level = draw(st.integers(1, 6))
        closing = draw(st.sampled_from(["", " " + "#" * level, " ##"]))
        return [("#" * level + " ", "any"), *draw(line(one_line=True)), (closing, "any")]
    if kind == "setext":
        return [*draw(lines()), ("\n" + draw(st.sampled_from(["===", "---", "=="])), "any")]
    if kind == "fence":
        return [("```python\nprint('fenced')\n\n  more\n```", "never")]
    if kind == "indented":
        # After a heading: right after a list it would continue the last item.
        code = "    indented\tcode\n    more code"
        return [("# ", "any"), *word(draw), ("\n\n", "any"), (code, "never")]
    if kind == "html":
        return [("<div>\nhtml block text\n</div>", "never")]
    if kind == "comment":
        return [("<!-- block comment\nspanning -->", "never")]
    if kind == "definition":
        return [('[ref]: https://ref.example/r "Ref"', "never")]
    if kind == "table":
        return draw(table())
    if kind == "list":
        return draw(bullets(depth))
    if kind == "tight quote":
        return indent(draw(lines()), ">", ">")
    assert kind == "quote"
    prefix = draw(st.sampled_from(["> ", ">\t"]))
    segments: Segments = []
    for number, inner in enumerate(draw(st.lists(block(depth + 1), min_size=1, max_size=2))):
        if number:
            segments.append(("\n>\n", "any"))
        segments.extend(indent(inner, prefix, prefix))
    if draw(st.booleans()):
        segments += [("\n", "any"), ("lazy", "word")]
    return segments


@st.composite
def table(draw: st.DrawFn) -> Segments:
    count = draw(st.integers(1, 3))
    cell = st.one_of(
        line(one_line=True, most=3),
        st.just([]),
        st.just([("pipe", "word"), ("\\|", "any"), ("x", "word")]),
    )

    def row() -> Segments:
        segments: Segments = [("| ", "any")]
        for number in range(count):
            segments += ([(" | ", "any")] if number else []) + draw(cell)
        return segments + [(" |", "any")]

    aligns = [draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(count)]
    segments = [*row(), ("\n|" + "|".join(aligns) + "|", "any")]
    for _ in range(draw(st.integers(0, 2))):
        segments += [("\n", "any"), *row()]
    return segments


@st.composite
def bullets(draw: st.DrawFn, depth: int) -> Segments:
    marker = draw(st.sampled_from(["- ", "* ", "1. ", "-\t"]))
    width = 3 if marker == "1. " else 2
    # How far a tab after the marker reaches depends on its column (inside "> "
    # or not): only lazy lines follow it, never an indented block.
    child = st.none() if marker == "-\t" else st.none() | block(depth + 1)
    item = st.tuples(lines(), child)
    items = draw(st.lists(item, min_size=1, max_size=3))
    segments: Segments = []
    for number, (text, child) in enumerate(items):
        if number:
            # An HTML block or a table would take in the next item's line.
            segments.append(("\n\n" if items[number - 1][1] is not None else "\n", "any"))
        segments += indent(text, marker, " " * width)
        if child is not None:
            segments += [("\n\n", "any"), *indent(child, " " * width, " " * width)]
    return segments


@st.composite
def markdown(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    segments: Segments = []
    if draw(st.booleans()):
        segments.append(("\ufeff", "never"))
    if draw(st.booleans()):
        segments.append(("---\ntitle: Front matter\nauthor: fm\n---\n", "never"))
    for number, segment in enumerate(draw(st.lists(block(), min_size=1, max_size=5))):
        segments += ([("\n\n", "any")] if number else []) + segment
    segments.append(("\n\n[ref]: https://ref.example/r", "never"))
    if draw(st.booleans()):
        segments.append(("\n", "any"))
    crlf = draw(st.booleans())
    source = ""
    ranges = []
    for text, role in segments:
        text = text.replace("\n", "\r\n") if crlf else text
        ranges.append((len(source), len(source) + len(text), role))
        source += text
    return source, ranges


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(markdown())
def test_every_character_of_the_prose_maps_to_its_source(
    example: tuple[str, list[tuple[int, int, str]]],
) -> None:
    source, ranges = example
    note(repr(source))
    document = parse(source, "generated.md")
    note(repr(prose(document)))
    assert document.source == source
    assert_exact(document)
    covered = bytearray(len(source))
    for block in document.blocks:
        for offset in block.offsets:
            covered[offset] = 1
    for start, end, role in ranges:
        if role == "never":
            assert not any(covered[start:end]), f"{source[start:end]!r} is in the prose"
        elif role == "word":
            assert all(covered[start:end]), f"{source[start:end]!r} is missing from the prose"


def test_a_pelican_header_is_front_matter_not_prose() -> None:
    text = "Title: This Week in Rust 500\nDate: 2023-06-28\nSlug: this-week-500\n\nHello *world*, the the issue.\n"
    document = parse(text, "twir.md")
    assert document.front_matter is not None
    assert (document.front_matter.kind, document.front_matter.data["date"]) == ("pelican", datetime.date(2023, 6, 28))
    assert document.front_matter.line("slug") == 3
    assert document.front_matter_error is None
    assert document.body_offset == text.index("\n\nHello") + 1
    assert prose(document) == [("paragraph", ("paragraph",), "Hello world, the the issue.")]
    assert at(document, 0, "Hello") == Position(5, 1)
    assert at(document, 0, "world") == Position(5, 8)
    assert_exact(document)


def test_a_first_line_that_is_not_pelicans_is_prose() -> None:
    document = parse("Note: this week is short.\n\nHello.\n", "a.md")
    assert document.front_matter is None
    assert prose(document) == [("paragraph", ("paragraph",), "Note: this week is short."), ("paragraph", ("paragraph",), "Hello.")]
    assert at(document, 1, "Hello") == Position(3, 1)


def test_a_pelican_header_after_a_byte_order_mark_with_crlf() -> None:
    text = "\ufeffTitle: A\r\nDate: 2023-06-28 10:20\r\n\r\nBody here\r\n"
    document = parse(text, "a.md")
    assert document.front_matter is not None
    assert document.front_matter.data == {"title": "A", "date": datetime.datetime(2023, 6, 28, 10, 20)}
    assert (document.front_matter.opening_line, document.front_matter.closing_line) == (1, 2)
    assert prose(document) == [("paragraph", ("paragraph",), "Body here")]
    assert at(document, 0, "here") == Position(4, 6)
    assert_exact(document)


def test_a_file_that_is_all_header() -> None:
    document = parse("Title: A\nDate: 2023-06-28", "a.md")
    assert document.front_matter is not None and document.front_matter.data["title"] == "A"
    assert (document.body_offset, document.blocks) == (len("Title: A\nDate: 2023-06-28"), ())


def test_code_and_html_left_out_of_a_block_leave_gaps_where_they_were() -> None:
    document = parse("Put it in `Cargo.toml` in the file, <kbd>Ctrl</kbd> and ![x](y.png) too.\n", "doc.md")
    (block, alt) = document.blocks
    assert block.text == "Put it in in the file, Ctrl and too."
    # The code and the image show between their neighbours; the <kbd> tags show nothing but "Ctrl".
    assert block.gaps == (9, 31)  # the image too: its alt text is a block of its own
    assert [block.text[:gap][-3:] for gap in block.gaps] == [" in", "and"]
    assert (alt.text, alt.gaps) == ("x", ())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(fuzz.markdown())
def test_any_text_parses_with_every_position_in_the_file(source: str) -> None:
    note(repr(source))
    document = parse(source, "fuzzed.md")  # malformed front matter is recorded: parse never raises
    lengths = fuzz.line_lengths(source)
    if document.front_matter_error is not None:
        problem = document.front_matter_error
        assert problem.line is not None and 1 <= problem.line <= len(lengths), problem
    for block in document.blocks:
        assert block.text
        for offset in block.offsets:
            assert 0 <= offset < len(source)
            position = document.position(offset)
            assert fuzz.in_range(lengths, position.line, position.column), (block, offset, position)
    for link in document.links:
        assert 0 <= link.span[0] < link.span[1] <= len(source), link
        if link.destination_span is not None:
            assert link.span[0] <= link.destination_span[0] < link.destination_span[1] <= link.span[1], link
    for heading in document.headings:
        assert 1 <= heading.line <= len(lengths)


def test_a_titled_documents_front_matter_title_is_prose_and_markdown() -> None:
    source = (
        '---\nauthor: ana\ntitle: "**[Automated Metrics](https://example.org/a)** &amp; more"\nslot: research\n---\n\n'
        "Body text.\n"
    )
    document = parse(source, "s.md", titled=True)
    assert prose(document) == [
        ("heading", ("heading", "title"), "Automated Metrics & more"),
        ("paragraph", ("paragraph",), "Body text."),
    ]
    assert_exact(document)
    assert at(document, 0, "Metrics") == Position(3, 22)
    assert [(link.text, link.destination, document.position(link.span[0])) for link in document.links] == [
        ("Automated Metrics", "https://example.org/a", Position(3, 11))
    ]
    assert document.headings == ()  # the title is no heading of the body: its levels are the body's
    # Plain, or single-quoted: the title where it is written. With escapes it is not, and is left out.
    assert prose(parse("---\ntitle: Plain title\n---\n", "s.md", titled=True)) == [("heading", ("heading", "title"), "Plain title")]
    assert prose(parse("---\ntitle: 'It''s'\n---\n", "s.md", titled=True)) == []
    assert prose(parse('---\ntitle: "Tab\\there"\n---\n', "s.md", titled=True)) == []
    # Untitled, front matter is never prose.
    assert prose(parse(source, "s.md"))[0][0] == "paragraph"
