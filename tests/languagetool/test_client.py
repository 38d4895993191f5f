"""editorial.languagetool.client: one request to the real LanguageTool server, answers in code points; and
what each way a request can fail is taken for (a real HTTP server in front of it answers those)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import pytest

from counting_proxy import CLOSE, Answer, Counting
from editorial.languagetool import client, install
from editorial.languagetool.config import LanguageToolSettings

# One sentence of 12 emoji and over 40 words: picky mode reports it whole.
LONG = "We wrote " + " ".join(["many small notes 🎉 about the work"] * 12) + " today."


def spans(texts: list[str], answers: list[list[client.Issue]]) -> list[list[tuple[int, int, str, str]]]:
    return [[(i.start, i.end, i.rule, text[i.start : i.end]) for i in issues] for text, issues in zip(texts, answers, strict=True)]


def ask(url: str, texts: list[str], mode: str = client.SENTENCE_RULES, timeout: float = 60, **settings: object) -> list[list[client.Issue]]:
    return client.ask(url, texts, mode, LanguageToolSettings(**settings), timeout)  # type: ignore[arg-type]


def test_each_text_gets_its_issues_in_its_own_code_points(proxy: Counting) -> None:
    texts = ["🎉 We ship it as a templates.", "Nothing 🎉🎉 wrong here.", "He go to school. 🎉 We like a apples."]
    answers = ask(proxy.url, texts)
    assert spans(texts, answers) == [
        [(16, 27, "A_NNS", "a templates")],
        [],
        [(3, 5, "HE_VERB_AGR", "go"), (27, 35, "A_NNS", "a apples")],
    ]
    issue = answers[0][0]
    assert (issue.category, issue.issue_type, issue.replacements) == ("GRAMMAR", "grammar", ("a template", "templates"))
    assert proxy.asked == [("allButTextLevelOnly", "\n\n".join(texts))]  # one request for the three


def test_the_text_rules_and_a_match_around_emoji_that_ends_where_it_ends(proxy: Counting) -> None:
    # LanguageTool says 435 UTF-16 units long; the sentence is 423 code points, after a paragraph with emoji.
    document = ["🎉🎉 Party.", f"{LONG} Then we left."]
    picky = ask(proxy.url, document, client.TEXT_RULES, picky=True)
    assert spans(document, picky) == [[], [(0, len(LONG), "TOO_LONG_SENTENCE", LONG)]]
    assert ask(proxy.url, document, client.TEXT_RULES) == [[], []]
    assert [mode for mode, _ in proxy.asked] == ["textLevelOnly", "textLevelOnly"]


def test_rules_and_categories_turned_on_and_off(languagetool_url: str) -> None:
    texts = ["We bought apples, pears, and plums.", "There is an abundance of flowers.", "He go to school as a templates."]

    def found(**settings: object) -> list[list[str]]:
        answers = ask(languagetool_url, texts, **settings)
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
    with pytest.raises(client.Unavailable, match=f"^no answer from {url}: .*Connection refused$"):
        ask(url, ["He go to school."])
    with pytest.raises(client.Unavailable, match=f"^no answer from {url}: .*Connection refused$"):
        client.server_version(url, timeout=10)


@pytest.fixture
def answering(languagetool_url: str) -> Iterator[Callable[..., Counting]]:
    """A real HTTP server in front of the real one that answers checks as ``answer`` says."""
    started: list[Counting] = []

    def start(answer: Callable[[str, int], Answer | None] | None = None, delay: float = 0) -> Counting:
        server = Counting(languagetool_url, answer=answer, delay=lambda text: delay)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.shutdown()


@pytest.mark.parametrize(
    ("status", "headers", "body", "kind", "reason", "retry_after"),
    [
        (413, {}, b"Error: Your text exceeds the limit of 600 characters", client.TOO_LARGE,
         "HTTP 413 Error: Your text exceeds the limit of 600 characters", None),
        (429, {"Retry-After": "7"}, b"Error: Too many requests", client.BUSY, "HTTP 429 Error: Too many requests", 7.0),
        (429, {}, b"", client.BUSY, "HTTP 429 Too Many Requests", None),
        (503, {"Retry-After": "2"}, b"Overloaded", client.BUSY, "HTTP 503 Overloaded", 2.0),
        # LanguageTool's own limit on a check's time.
        (503, {}, b"Error: Checking took longer than 10 seconds", client.TIMED_OUT,
         "HTTP 503 Error: Checking took longer than 10 seconds", None),
        (500, {}, b"Error: Internal Error: java.lang.NullPointerException\nat ...", client.FAILED,
         "HTTP 500 Error: Internal Error: java.lang.NullPointerException", None),
        (0, {}, b"", client.FAILED, "Remote end closed connection without response", None),
    ],
)  # fmt: skip
def test_what_each_failure_calls_for(
    answering: Callable[..., Counting], status: int, headers: dict[str, str], body: bytes, kind: str, reason: str, retry_after: float | None
) -> None:
    server = answering(lambda text, before: CLOSE if status == 0 else (status, headers, body))
    with pytest.raises(client.RequestFailed) as failed:
        ask(server.url, ["He go to school."])
    assert (failed.value.kind, failed.value.reason, failed.value.retry_after) == (kind, reason, retry_after)
    assert len(server.asked) == 1  # tried once: what to do next is the scheduler's to say


def test_a_request_that_takes_longer_than_its_timeout(answering: Callable[..., Counting]) -> None:
    server = answering(delay=3)
    with pytest.raises(client.RequestFailed) as failed:
        ask(server.url, ["He go to school."], timeout=1)
    assert (failed.value.kind, failed.value.reason) == (client.TIMED_OUT, "no answer within 1 s")


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (400, b"Error: 'xx-YY' is not a language code known to LanguageTool.", "refused the check: HTTP 400 Error: 'xx-YY' is not a language code known to LanguageTool."),
        (404, b"", "refused the check: HTTP 404 Not Found"),
        (200, b"<html>Bad gateway</html>", "answered something that is not a LanguageTool result (Expecting value: line 1 column 1 (char 0))"),
        (200, b'{"matches": [{"offset": "x"}]}', "answered something that is not a LanguageTool result (invalid literal for int() with base 10: 'x')"),
    ],
)  # fmt: skip
def test_what_no_request_would_get_an_answer_to_is_unavailable(
    answering: Callable[..., Counting], status: int, body: bytes, message: str
) -> None:
    server = answering(lambda text, before: (status, {}, body))
    with pytest.raises(client.Unavailable) as unavailable:
        ask(server.url, ["He go to school."])
    assert str(unavailable.value) == f"{server.url} {message}"
