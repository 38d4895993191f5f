from __future__ import annotations

from editorial.style.sentences import split


def test_sentences() -> None:
    assert split("The controller needs 2 A max.\nThe device’s support ends. See e.g. Mr. Smith! Yes?") == [
        "The controller needs 2 A max.",
        "The device’s support ends.",
        "See e.g. Mr. Smith!",
        "Yes?",
    ]
