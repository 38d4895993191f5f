"""editorial.languagetool.client: questions to the real LanguageTool server, answers in code points."""

from __future__ import annotations

import socket

import pytest

from counting_proxy import Counting
from editorial.languagetool import client, install
from editorial.languagetool.config import LanguageToolSettings

# One sentence of 12 emoji and over 40 words: picky mode reports it whole.
LONG = "We wrote " + " ".join(["many small notes 🎉 about the work"] * 12) + " today."


def spans(texts: list[str], answers: list[list[client.Issue]]) -> list[list[tuple[int, int, str, str]]]:
    return [[(i.start, i.end, i.rule, text[i.start : i.end]) for i in issues] for text, issues in zip(texts, answers, strict=True)]


def test_each_text_gets_its_issues_in_its_own_code_points(proxy: Counting) -> None:
    texts = ["🎉 We ship it as a templates.", "Nothing wrong here.", "He go to school."]
    answers = client.check(proxy.url, texts, LanguageToolSettings())
    assert spans(texts, answers) == [[(16, 27, "A_NNS", "a templates")], [], [(3, 5, "HE_VERB_AGR", "go")]]
    (issue,) = answers[0]
    assert (issue.category, issue.issue_type, issue.replacements) == ("GRAMMAR", "grammar", ("a template", "templates"))
    assert sorted(proxy.texts) == sorted(texts)  # each text in a request of its own


def test_what_is_said_of_a_text_never_depends_on_the_others(languagetool_url: str) -> None:
    # Joined into one text (as paragraphs), LanguageTool would take the last two for the end of the first.
    texts = ["Our concerns:", "training costs millions", "training needs power"]
    alone = [client.check(languagetool_url, [text], LanguageToolSettings())[0] for text in texts]
    together = client.check(languagetool_url, texts, LanguageToolSettings())
    assert together == alone
    assert spans(texts, together) == [
        [],
        [(0, 8, "UPPERCASE_SENTENCE_START", "training")],
        [(0, 8, "UPPERCASE_SENTENCE_START", "training")],
    ]


def test_a_match_around_emoji_ends_where_it_ends_in_the_text(languagetool_url: str) -> None:
    # LanguageTool says 435 UTF-16 units long; the sentence is 423 code points.
    text = f"{LONG} Then we left."
    (picky,) = client.check(languagetool_url, [text], LanguageToolSettings(picky=True))
    assert spans([text], [picky]) == [[(0, len(LONG), "TOO_LONG_SENTENCE", LONG)]]
    assert client.check(languagetool_url, [text], LanguageToolSettings()) == [[]]


def test_rules_and_categories_turned_on_and_off(languagetool_url: str) -> None:
    texts = ["We bought apples, pears, and plums.", "There is an abundance of flowers.", "He go to school as a templates."]

    def found(**settings: object) -> list[list[str]]:
        answers = client.check(languagetool_url, texts, LanguageToolSettings(**settings))  # type: ignore[arg-type]
        return [[text[i.start : i.end] + " " + i.rule for i in issues] for text, issues in zip(texts, answers, strict=True)]

    assert found() == [[], [], ["go HE_VERB_AGR", "a templates A_NNS"]]
    assert found(enabled_rules=("SERIAL_COMMA_OFF",), enabled_categories=("PLAIN_ENGLISH",)) == [
        ["pears, and SERIAL_COMMA_OFF"],
        ["abundance ABUNDANCE"],
        ["go HE_VERB_AGR", "a templates A_NNS"],
    ]
    assert found(disabled_rules=("A_NNS",)) == [[], [], ["go HE_VERB_AGR"]]
    assert found(disabled_categories=("GRAMMAR",)) == [[], [], []]


def test_the_server_version(languagetool_url: str) -> None:
    assert client.server_version(languagetool_url, timeout=10) == install.VERSION


def test_no_server_is_unavailable_with_the_reason() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{unused.getsockname()[1]}"
    with pytest.raises(client.Unavailable, match=f"^no answer from {url}: .*Connection refused"):
        client.check(url, ["He go to school."], LanguageToolSettings())
    with pytest.raises(client.Unavailable, match=f"^no answer from {url}: .*Connection refused"):
        client.server_version(url, timeout=10)
