from __future__ import annotations

from editorial.style.sentences import split


def test_sentences() -> None:
    assert split("The controller needs 2 A max.\nThe device’s support ends. See e.g. Mr. Smith! Yes?") == [
        "The controller needs 2 A max.",
        "The device’s support ends.",
        "See e.g. Mr. Smith!",
        "Yes?",
    ]


def test_no_sentence_ends_after_an_abbreviation_of_a_reference() -> None:
    assert split("See pp. 4-5 and Fig. 2 here. It is in Vol. 3, Ch. 2 and Sec. 4. Then p. 7, e.g. Mr. Smith vs. Ana.") == [
        "See pp. 4-5 and Fig. 2 here.",
        "It is in Vol. 3, Ch. 2 and Sec. 4.",
        "Then p. 7, e.g. Mr. Smith vs. Ana.",
    ]
