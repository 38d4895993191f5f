from __future__ import annotations

from editorial import own_comments


def test_a_comment_alone_on_its_lines_takes_them_and_one_gap_with_it() -> None:
    stripped = own_comments.strip(
        "One.\n\n<!-- editorial-disable proselint\n     markdown -->\n\nTwo.\n<!-- editorial-enable -->\nThree.\n", 10
    )
    assert stripped.lines == ("One.", "", "Two.", "Three.", "")
    assert stripped.origins == (10, 11, 15, 17, 18)


def test_a_comment_inside_a_line_leaves_the_rest_of_it() -> None:
    stripped = own_comments.strip("Before <!-- editorial: a note -->after.\nText. <!-- editorial: end -->\n", 1)
    assert stripped.lines == ("Before after.", "Text.", "")
    across = own_comments.strip("Start <!-- editorial: a\nlong note --> end.\nNext.", 3)
    assert (across.lines, across.origins) == (("Start  end.", "Next."), (3, 5))


def test_only_editorials_own_comments_go() -> None:
    text = "<!--more-->\n<!-- editorials are fun -->\n<!-- TODO: editorial -->\n<!--editorial-->\n"
    assert own_comments.strip(text, 1).text == "<!--more-->\n<!-- editorials are fun -->\n<!-- TODO: editorial -->\n"


def test_markers_can_be_kept_for_the_frame() -> None:
    text = "Intro.\n\n<!-- editorial: why this order -->\n\n<!-- editorial:sections reading -->\n"
    assert own_comments.strip(text, 1, keep_markers=True).lines == ("Intro.", "", "<!-- editorial:sections reading -->", "")
    # Nothing follows the note: the gap before it separated nothing.
    assert own_comments.strip(text, 1).lines == ("Intro.", "")


def test_trimmed_keeps_the_last_lines_trailing_spaces() -> None:
    lines = own_comments.strip("\n  \nText, then a space. \n\n", 4).trimmed()
    assert (lines.text, lines.origins) == ("Text, then a space. ", (6,))
