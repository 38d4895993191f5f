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


def sentence_issues(url: str, texts: list[str], **settings: object) -> list[list[client.Issue]]:
    return client.check(url, texts, [], LanguageToolSettings(**settings))[0]  # type: ignore[arg-type]


def test_each_text_gets_its_issues_in_its_own_code_points(proxy: Counting) -> None:
    texts = ["🎉 We ship it as a templates.", "Nothing wrong here.", "He go to school."]
    answers = sentence_issues(proxy.url, texts)
    assert spans(texts, answers) == [[(16, 27, "A_NNS", "a templates")], [], [(3, 5, "HE_VERB_AGR", "go")]]
    (issue,) = answers[0]
    assert (issue.category, issue.issue_type, issue.replacements) == ("GRAMMAR", "grammar", ("a template", "templates"))
    assert proxy.asked == [("allButTextLevelOnly", "\n\n".join(texts))]  # one request for the three


def test_sentence_rules_say_the_same_of_a_text_alone_or_beside_others(languagetool_url: str) -> None:
    texts = ["Our concerns:", "training costs millions", "We go there.", "We go here.", "We go home. It was (a lot", "He go to school."]
    together = sentence_issues(languagetool_url, texts)
    assert together == [sentence_issues(languagetool_url, [text])[0] for text in texts]
    assert spans(texts, together) == [[], [], [], [], [], [(3, 5, "HE_VERB_AGR", "go")]]


def test_text_rules_read_each_document_whole(proxy: Counting) -> None:
    first, second = ["We go there.", "We go here.", "We go home."], ["We go home.", "It was (a lot."]
    sentences, documents = client.check(proxy.url, [], [first, second], LanguageToolSettings())
    assert sentences == []
    # The third paragraph in a row to begin alike; a bracket never closed.
    assert [spans(first, documents[0]), spans(second, documents[1])] == [
        [[], [], [(0, 2, "ENGLISH_WORD_REPEAT_BEGINNING_RULE", "We")]],
        [[], [(7, 8, "EN_UNPAIRED_BRACKETS", "(")]],
    ]
    assert sorted(proxy.asked) == sorted([("textLevelOnly", "\n\n".join(first)), ("textLevelOnly", "\n\n".join(second))])


def test_a_document_longer_than_a_request_goes_in_parts_of_whole_paragraphs(proxy: Counting) -> None:
    paragraph = ("Alpha met on Monday. Beta wrote notes. Gamma read them. Delta left early. " * 150).strip()
    document = [paragraph, paragraph, "We go there.", "We go here.", "We go home."]
    _, (issues,) = client.check(proxy.url, [], [document], LanguageToolSettings())
    assert spans(document, issues) == [[], [], [], [], [(0, 2, "ENGLISH_WORD_REPEAT_BEGINNING_RULE", "We")]]
    assert sorted(proxy.asked) == [("textLevelOnly", paragraph), ("textLevelOnly", "\n\n".join(document[1:]))]


def test_a_match_around_emoji_ends_where_it_ends_in_the_text(languagetool_url: str) -> None:
    # LanguageTool says 435 UTF-16 units long; the sentence is 423 code points, after a paragraph with emoji.
    document = ["🎉🎉 Party.", f"{LONG} Then we left."]
    _, (picky,) = client.check(languagetool_url, [], [document], LanguageToolSettings(picky=True))
    assert spans(document, picky) == [[], [(0, len(LONG), "TOO_LONG_SENTENCE", LONG)]]
    assert client.check(languagetool_url, [], [document], LanguageToolSettings()) == ([], [[[], []]])


def test_sentences_go_in_as_few_requests_as_fit(proxy: Counting) -> None:
    paragraph = "The team met on Monday and wrote notes about the work. " * 200  # 11,000 characters
    texts = [paragraph, paragraph, "He go to school."]
    assert spans(texts, sentence_issues(proxy.url, texts)) == [[], [], [(3, 5, "HE_VERB_AGR", "go")]]
    # Two paragraphs do not fit in one request of MAX_CHARS.
    assert sorted(text for _, text in proxy.asked) == [paragraph, f"{paragraph}\n\n{texts[2]}"]


def test_rules_and_categories_turned_on_and_off(languagetool_url: str) -> None:
    texts = ["We bought apples, pears, and plums.", "There is an abundance of flowers.", "He go to school as a templates."]

    def found(**settings: object) -> list[list[str]]:
        answers = sentence_issues(languagetool_url, texts, **settings)
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
        client.check(url, ["He go to school."], [["He go to school."]], LanguageToolSettings())
    with pytest.raises(client.Unavailable, match=f"^no answer from {url}: .*Connection refused"):
        client.server_version(url, timeout=10)
