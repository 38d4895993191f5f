from __future__ import annotations

from editorial.style.common import required_words, token_filter


def test_the_word_every_match_contains() -> None:
    assert required_words("a chip off the old block", True) == [("block", True)]
    assert required_words("fuck(?:s|ed)?", True) == [("fuck", False)]
    assert required_words("(?:gather|assemble) together", True) == [("together", True)]
    assert required_words("(?:abolishment|accessorise)", True) == [("abolishment", True), ("accessorise", True)]
    assert required_words("[a-z][.?!]", False) is None
    assert required_words("colou?r", True) == [("colo", False)]


def test_only_tokens_whose_word_is_there_are_tried() -> None:
    chosen = token_filter(["a chip off the old block", "hit the ground running", "colou?r"], True)
    assert chosen is not None
    assert chosen.candidates("He hit the ground running.") == (1,)
    assert chosen.candidates("Colours and a block") == (0, 2)
    assert chosen.candidates("Nothing here") == ()
