from __future__ import annotations

import pytest

from editorial.style.prefilter import Need, build_index, needs


def word(text: str) -> Need:
    return Need(text, "word")


def start(text: str) -> Need:
    return Need(text, "start")


def char(text: str) -> Need:
    return Need(text, "char")


def test_the_words_every_match_contains() -> None:
    assert needs("a chip off the old block", True) == (word("block"),)
    assert needs("fuck(?:s|ed)?", True) == (start("fuck"),)
    assert needs("(?:gather|assemble) together", True) == (word("together"),)
    assert needs("(?:abolishment|accessorise)", True) == (word("abolishment"), word("accessorise"))
    assert needs("colou?r", True) == (start("colo"),)
    assert needs("(?i)Foo", True) == (word("foo"),)
    assert needs("(?:foos|fuss)[ -]*ball", True) == (start("foos"), start("fuss"))
    assert needs("at the end of the day", True) == (word("end"),)  # "the" is in every paragraph


def test_a_word_needs_a_boundary_on_its_left() -> None:
    assert needs("ball", False) is None
    assert needs("(?:^|\\s)I\\s", False) == (word("i"),)
    assert needs("\\bI'm\\b", False) == (word("m"),)  # rarer than "I"
    assert needs("[\\.]+apk", True) == (word("apk"),)


def test_punctuation_a_match_must_contain() -> None:
    assert needs("[a-z]+[!?]{2,}", False) == (char("!"), char("?"))
    assert needs("(?<!:[^ ]+?):\\s[A-Z]", True) == (char(":"),)
    assert needs("[a-z][.?!]", False) == (char("!"), char("."), char("?"))


@pytest.mark.parametrize(
    "pattern",
    [
        "(?:\\w+)nised?",  # no literal word with a boundary before it
        "[0-9]+ ?x ?[0-9]+",
        "x{2}y",  # the letters run on
        "m[ae]n",  # a word starting "m": nearly every block has one
        "\\p{L}ing",  # escapes with arguments are not read
        "a(?x) b",  # verbose: the space is no space
        "(a)\\1",
        "caf\u00e9",  # only ASCII words: their case variants are known
        "a)|(b",
    ],
)
def test_what_cannot_be_told_needs_nothing(pattern: str) -> None:
    assert needs(pattern, True) is None


def test_the_index_says_which_parts_can_match() -> None:
    index = build_index(
        [
            [needs("a chip off the old block", True), needs("hit the ground running", True), needs("colou?r", True)],
            [needs("[a-z]+[!?]{2,}", False)],
            [None, needs("cancell?ed", True)],
        ]
    )
    assert index.lookup("He hit the ground running.") == {0: [1], 2: [0]}
    assert index.lookup("Colours and a BLOCK!") == {0: [0, 2], 1: [0], 2: [0]}
    assert index.lookup("Nothing here") == {2: [0]}


def test_letters_the_regex_package_matches_to_ascii_ones() -> None:
    # (?i)"is" matches "İſ": the look-up must not rule it out.
    index = build_index([[needs("(?i)is", True)]])
    assert index.lookup("This \u0130\u017f it") == {0: [0]}
    assert index.lookup("This was it") == {}
