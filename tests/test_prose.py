from __future__ import annotations

from array import array

import pytest

from editorial.prose import ProseBlock, ProseBuilder

GAP = None


def build(*pieces: tuple[str, int] | None) -> ProseBlock | None:
    """A block from (text, source offset) pieces; GAP where something not prose stood."""
    builder = ProseBuilder()
    for piece in pieces:
        if piece is GAP:
            builder.gap()
        else:
            builder.add(*piece)
    return builder.build("paragraph", ("paragraph",))


def test_pieces_from_consecutive_offsets_make_one_run() -> None:
    block = build(("Hello ", 10), ("world", 16))
    assert block == ProseBlock("paragraph", ("paragraph",), "Hello world", (0,), (10,))
    assert block.offsets == array("q", range(10, 21))


def test_each_piece_keeps_its_own_offsets() -> None:
    # "a *b* c": the asterisks are markup.
    block = build(("a ", 0), ("b", 3), (" c", 5))
    assert block.text == "a b c"
    assert block.run_starts == (0, 2, 3)
    assert block.run_sources == (0, 3, 5)
    assert list(block.offsets) == [0, 1, 3, 5, 6]
    assert [block.source_offset(i) for i in range(5)] == [0, 1, 3, 5, 6]


def test_source_offset_of_the_end_and_outside() -> None:
    block = build(("ab", 5), ("c", 9))
    assert block.source_offset(3) == 10
    assert block.source_span(0, 3) == (5, 10)
    assert block.source_span(1, 2) == (6, 7)
    assert block.source_span(2, 2) == (9, 9)
    with pytest.raises(IndexError):
        block.source_offset(4)
    with pytest.raises(IndexError):
        block.source_offset(-1)


def test_a_gap_between_spaces_leaves_one_space() -> None:
    # "Run `make` now"
    block = build(("Run ", 0), GAP, (" now", 10))
    assert block.text == "Run now"
    assert list(block.offsets) == [0, 1, 2, 10, 11, 12, 13]


def test_a_gap_before_closing_punctuation_takes_the_space_before_it() -> None:
    # "Run `ls`. Use `x`, then"
    block = build(("Run ", 0), GAP, (". Use ", 8), GAP, (", then", 17))
    assert block.text == "Run. Use, then"
    assert list(block.offsets) == [0, 1, 2, 8, 9, 10, 11, 12, 17, 18, 19, 20, 21, 22]


def test_a_gap_inside_a_word_removes_nothing_more() -> None:
    # "some<br>thing"
    block = build(("some", 0), GAP, ("thing", 8))
    assert block.text == "something"
    assert list(block.offsets) == [0, 1, 2, 3, 8, 9, 10, 11, 12]


def test_a_gap_before_a_line_break_drops_the_space() -> None:
    # "foo `x`\nbar"
    block = build(("foo ", 0), GAP, ("\nbar", 7))
    assert block.text == "foo\nbar"
    assert list(block.offsets) == [0, 1, 2, 7, 8, 9, 10]


def test_spaces_left_at_either_end_are_trimmed() -> None:
    # "`x` is neat `y`"
    block = build(GAP, (" is neat ", 3), GAP)
    assert block.text == "is neat"
    assert list(block.offsets) == [4, 5, 6, 7, 8, 9, 10]


def test_line_breaks_at_either_end_are_trimmed() -> None:
    block = build(("\nfoo\nbar\n", 20))
    assert block.text == "foo\nbar"
    assert list(block.offsets) == [21, 22, 23, 24, 25, 26, 27]


def test_bare_urls_are_removed_with_the_space_before_them() -> None:
    text = "See https://example.com/a?b=1. Then WWW.example.org, ok ftp://f.example/x y"
    block = build((text, 100))
    assert block.text == "See. Then, ok y"
    assert list(block.offsets) == [
        100, 101, 102,  # See
        129, 130, 131, 132, 133, 134,  # ". Then"
        151, 152, 153, 154,  # ", ok"
        173, 174,  # " y"
    ]  # fmt: skip


def test_a_url_keeps_its_balanced_parentheses() -> None:
    text = "(see https://en.wikipedia.org/wiki/Python_(language)) end"
    block = build((text, 0))
    assert block.text == "(see) end"
    assert list(block.offsets) == [0, 1, 2, 3, 52, 53, 54, 55, 56]


def test_a_url_across_pieces_is_removed_whole() -> None:
    # "https://x.example/?a=1&amp;b=2 ok": the entity is a piece of its own.
    block = build(("https://x.example/?a=1", 0), ("&", 22), ("b=2 ok", 27))
    assert block.text == "ok"
    assert list(block.offsets) == [31, 32]


def test_nothing_left_is_no_block() -> None:
    assert build() is None
    assert build(GAP) is None
    assert build((" \n\t", 0)) is None
    assert build(("https://example.com", 0)) is None


def test_offsets_are_computed_once() -> None:
    block = build(("a", 0), ("b", 5))
    assert block.offsets is block.offsets


def test_where_code_or_html_was_left_out_is_kept() -> None:
    # "in `x` in": the reader sees the code between the two words.
    block = build(("in ", 0), GAP, (" in", 6))
    assert (block.text, block.gaps) == ("in in", (2,))
    assert block.crosses_gap(0, 5)  # "in in"
    assert block.crosses_gap(1, 3)
    assert not block.crosses_gap(0, 2)  # the first "in": up to the gap, not across it
    assert not block.crosses_gap(2, 5)  # from the gap on
    # "Run `ls`. Use `x`, then": each gap where its code was, the spaces before it gone.
    two = build(("Run ", 0), GAP, (". Use ", 8), GAP, (", then", 17))
    assert (two.text, two.gaps) == ("Run. Use, then", (3, 8))
    assert two.crosses_gap(0, 8) and not two.crosses_gap(4, 8) and two.crosses_gap(4, 9)


def test_gaps_at_either_end_are_none_and_two_in_a_row_are_one() -> None:
    assert build(GAP, (" is neat ", 3), GAP).gaps == ()
    assert build(("a ", 0), GAP, GAP, (" b", 9)).gaps == (1,)
    assert build(("Hello ", 10), ("world", 16)).gaps == ()


def test_a_gap_moves_with_a_url_cut_before_it() -> None:
    # "See https://x.example/a `code` here": the URL goes, the gap stays where the code was.
    block = build(("See https://x.example/a ", 0), GAP, (" here", 30))
    assert (block.text, block.gaps) == ("See here", (3,))
    assert block.text[: block.gaps[0]] == "See"


def test_reads_as_written_only_where_the_source_is_the_text() -> None:
    source = "a *bold* word &amp; more\n"
    # "a bold word & more": "a " 0-1, "bold" 3-6, " word " 8-13, "&" from the entity at 14, " more" 19-23.
    block = build(("a ", 0), ("bold", 3), (" word ", 8), ("&", 14), (" more", 19))
    assert block is not None
    assert block.reads_as_written(source, 3, 7)  # "bold"
    assert block.reads_as_written(source, 9, 13)  # "word"
    assert not block.reads_as_written(source, 0, 7)  # "a *bold": the marker is no text
    assert not block.reads_as_written(source, 14, 19)  # "&amp;" reads "&"
    assert not block.reads_as_written(source, 9, 9)  # nothing
    assert not block.reads_as_written(source, 24, 25)  # past the text


def test_a_span_ending_on_an_entity_or_an_escape_ends_after_it() -> None:
    # "A &ndash; B \*": the dash and the star each stand for several source characters.
    builder = ProseBuilder()
    builder.add("A ", 0)
    builder.add("–", 2, width=7)
    builder.add(" B ", 9)
    builder.add("*", 12, width=2)
    block = builder.build("paragraph", ("paragraph",))
    assert block is not None and block.text == "A – B *"
    assert block.written == ((2, 9), (12, 14))
    assert block.source_span(0, 3) == (0, 9)
    assert block.source_span(2, 3) == (2, 9)
    assert block.source_span(4, 7) == (10, 14)
    assert block.source_span(0, 1) == (0, 1)
    # Two characters for one entity ("&NotEqualTilde;"): the span of both ends after the ';'.
    builder = ProseBuilder()
    builder.add("≂̸", 0, width=15)
    pair = builder.build("paragraph", ("paragraph",))
    assert pair is not None and pair.source_span(0, 2) == (0, 15)
