"""editorial.languagetool.scheduler: many texts asked of the real server, in requests that fit it.

A real HTTP server in front of it (tests/counting_proxy.py) records each
request and, where a test needs it, answers as a server under strain does:
later, 413 for a text over a limit, 429 with a Retry-After, no answer at all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from counting_proxy import CLOSE, Answer, Counting
from editorial.languagetool import client, scheduler
from editorial.languagetool.config import LanguageToolSettings

SETTINGS = LanguageToolSettings()


def spans(texts: list[str], answers: list[list[client.Issue]]) -> list[list[tuple[int, int, str, str]]]:
    return [[(i.start, i.end, i.rule, text[i.start : i.end]) for i in issues] for text, issues in zip(texts, answers, strict=True)]


@pytest.fixture
def serve(languagetool_url: str) -> Iterator[Callable[..., Counting]]:
    started: list[Counting] = []

    def start(delay: Callable[[str], float] | None = None, answer: Callable[[str, int], Answer | None] | None = None) -> Counting:
        server = Counting(languagetool_url, delay=delay, answer=answer)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.shutdown()


def run(url: str, files: dict[str, list[str]], settings: LanguageToolSettings = SETTINGS, in_flight: int = 2) -> tuple[scheduler.Outcome, list[list[tuple[str, Any]]], list[scheduler.Progress]]:
    """Each file's blocks asked about for the sentence rules (keyed by text); the outcome, what
    ``on_answer`` was handed, call by call, and the progress records."""
    handed: list[list[tuple[str, Any]]] = []
    progress: list[scheduler.Progress] = []
    asker = scheduler.Scheduler(url, settings, in_flight, on_answer=handed.append, progress=progress.append)
    for path, texts in files.items():
        asker.add(path, {text: text for text in texts})
    asker.close()
    return asker.wait(), handed, progress


def rules(outcome: scheduler.Outcome, text: str) -> list[str]:
    return [issue["rule"] for issue in outcome.answers[text]]


def test_sentence_rules_say_the_same_of_a_text_alone_or_beside_others(languagetool_url: str) -> None:
    texts = ["Our concerns:", "training costs millions", "We go there.", "We go here.", "We go home. It was (a lot", "He go to school."]
    together, _ = scheduler.check(languagetool_url, texts, [], SETTINGS)
    assert together == [scheduler.check(languagetool_url, [text], [], SETTINGS)[0][0] for text in texts]
    assert spans(texts, together) == [[], [], [], [], [], [(3, 5, "HE_VERB_AGR", "go")]]


def test_text_rules_read_each_document_whole(proxy: Counting) -> None:
    first, second = ["We go there.", "We go here.", "We go home."], ["We go home.", "It was (a lot."]
    sentences, documents = scheduler.check(proxy.url, [], [first, second], SETTINGS)
    assert sentences == []
    # The third paragraph in a row to begin alike; a bracket never closed.
    assert [spans(first, documents[0]), spans(second, documents[1])] == [
        [[], [], [(0, 2, "ENGLISH_WORD_REPEAT_BEGINNING_RULE", "We")]],
        [[], [(7, 8, "EN_UNPAIRED_BRACKETS", "(")]],
    ]
    assert proxy.asked == [("textLevelOnly", "\n\n".join(first)), ("textLevelOnly", "\n\n".join(second))]


def test_a_document_longer_than_a_request_goes_in_parts_of_whole_paragraphs(proxy: Counting) -> None:
    paragraph = ("Alpha met on Monday. Beta wrote notes. Gamma read them. Delta left early. " * 150).strip()
    document = [paragraph, paragraph, "We go there.", "We go here.", "We go home."]
    _, (issues,) = scheduler.check(proxy.url, [], [document], SETTINGS)
    assert spans(document, issues) == [[], [], [], [], [(0, 2, "ENGLISH_WORD_REPEAT_BEGINNING_RULE", "We")]]
    assert proxy.asked == [("textLevelOnly", paragraph), ("textLevelOnly", "\n\n".join(document[1:]))]


def test_small_requests_first_then_as_large_as_the_server_answers_quickly(proxy: Counting, languagetool_url: str) -> None:
    blocks = [f"Note {n}: the team met on Monday and wrote down what it had learned about the work." for n in range(400)]
    # Asked once before, straight to the server: its cache of sentences then answers them quickly however busy
    # the machine is (this test is about growing when answers come fast, not about this machine's speed).
    client.ask(languagetool_url, blocks, client.SENTENCE_RULES, SETTINGS, timeout=300)
    outcome, handed, _ = run(proxy.url, {"a.md": blocks}, in_flight=1)
    assert sorted(outcome.answers) == sorted(blocks) and outcome.unchecked == {}
    sizes = [len(text) for _, text in proxy.asked]
    assert sizes[0] <= scheduler.START_CHARS
    assert max(sizes) > scheduler.START_CHARS  # it grew
    assert max(sizes) <= scheduler.MAX_CHARS
    # Each block asked once, in order, whole.
    assert "\n\n".join(text for _, text in proxy.asked) == "\n\n".join(blocks)
    # Each answer handed on as its request came back, not all at the end.
    assert len(handed) == len(proxy.asked)
    assert [key for answers in handed for key, _ in answers] == blocks


def test_the_text_rules_answering_fast_never_make_the_sentence_requests_large(serve: Callable[..., Counting]) -> None:
    # The sentence rules at 2,000 characters a second at most; the text rules as fast as the real server is.
    server = serve(delay=lambda text: 0 if text.startswith("Document") else len(text) / 2000)
    document = [f"Document paragraph {n}: the team met and wrote about the work of the week." * 20 for n in range(12)]
    blocks = [f"Note {n}: the team met on Monday and wrote down what it had learned about the work." for n in range(80)]
    asker = scheduler.Scheduler(server.url, SETTINGS, 1)
    asker.add("a.md", {}, ("document", document))
    asker.add("b.md", {text: text for text in blocks})
    asker.close()
    outcome = asker.wait()
    assert outcome.unchecked == {} and len(outcome.answers) == 81
    assert server.asked[0][0] == "textLevelOnly"
    sentence_sizes = [len(text) for mode, text in server.asked if mode == "allButTextLevelOnly"]
    assert "\n\n".join(text for mode, text in server.asked if mode == "allButTextLevelOnly") == "\n\n".join(blocks)
    # Each about as long as is answered in TARGET_SECONDS at that rate, never sized by the text rules' rate.
    assert max(sentence_sizes) <= 2000 * scheduler.TARGET_SECONDS


def test_never_more_in_flight_than_the_server_has_threads_and_one_at_first(serve: Callable[..., Counting]) -> None:
    server = serve(delay=lambda text: 0.2)
    blocks = [f"Paragraph {n} says what the team did on day {n} of the sprint." for n in range(600)]
    outcome, _, _ = run(server.url, {"a.md": blocks[:300], "b.md": blocks[300:]}, in_flight=2)
    assert len(outcome.answers) == 600
    assert server.most_in_flight == 2
    first, second = sorted(server.spans)[:2]
    assert first[1] <= second[0]  # the second request only once the first was answered


def test_a_block_asked_by_two_files_is_asked_once_and_both_are_done(proxy: Counting) -> None:
    outcome, _, progress = run(proxy.url, {"a.md": ["He go to school.", "We met."], "b.md": ["We met.", "It rained."]})
    assert sorted(block for _, text in proxy.asked for block in text.split("\n\n")) == ["He go to school.", "It rained.", "We met."]
    assert rules(outcome, "He go to school.") == ["HE_VERB_AGR"]
    last = progress[-1]
    assert (last.files, last.files_done, last.blocks, last.blocks_done, last.words, last.words_done, last.asked_all) == (2, 2, 3, 3, 8, 8, True)


def test_a_request_that_times_out_is_split_and_a_block_that_still_does_is_given_up_alone(serve: Callable[..., Counting]) -> None:
    slow = "This block makes the server think for a long time."
    server = serve(delay=lambda text: 3 if slow in text else 0)
    blocks = ["He go to school.", "We met on Monday.", slow, "It rained all day."]
    outcome, _, progress = run(server.url, {"b.md": blocks}, LanguageToolSettings(timeout=1), in_flight=1)
    assert outcome.unchecked == {"b.md": 1}
    assert outcome.reason == "no answer within 1 s"
    assert sorted(outcome.answers) == sorted(["He go to school.", "We met on Monday.", "It rained all day."])
    assert rules(outcome, "He go to school.") == ["HE_VERB_AGR"]
    # The four together timed out; then the halves; then the slow block alone, given up.
    assert [text for _, text in server.asked] == [
        "\n\n".join(blocks),
        "He go to school.\n\nWe met on Monday.",
        f"{slow}\n\nIt rained all day.",
        slow,
        "It rained all day.",
    ]
    last = progress[-1]
    assert (last.files_done, last.files, last.blocks_done, last.blocks) == (1, 1, 4, 4)  # given up counts as done


def test_a_413_splits_the_request_and_lowers_the_size_and_a_block_too_long_alone_is_given_up(serve: Callable[..., Counting]) -> None:
    limit = 300
    server = serve(answer=lambda text, before: (413, {}, f"Error: Your text exceeds the limit of {limit} characters".encode()) if len(text) > limit else None)
    long = "This paragraph goes on and on about the work of the week, " * 6  # 354 characters
    blocks = [f"Short note {n} about the week." for n in range(12)]
    outcome, _, _ = run(server.url, {"a.md": blocks[:6], "b.md": [*blocks[6:], long]}, in_flight=1)
    assert outcome.unchecked == {"b.md": 1}
    assert outcome.reason == f"HTTP 413 Error: Your text exceeds the limit of {limit} characters"
    assert sorted(outcome.answers) == sorted(blocks)
    first_refused = next(i for i, (_, text) in enumerate(server.asked) if len(text) > limit)
    most = (len(server.asked[first_refused][1]) + len(client.SEPARATOR)) // 2
    # After the first 413, nothing longer than half of it is sent (the long block alone aside).
    assert all(len(text) <= most or text == long for _, text in server.asked[first_refused + 1 :])
    assert long in {text for _, text in server.asked}


def test_a_429_is_waited_out_as_its_retry_after_says_then_asked_again(serve: Callable[..., Counting]) -> None:
    server = serve(answer=lambda text, before: (429, {"Retry-After": "1"}, b"Error: Too many requests") if before < 2 else None)
    outcome, _, _ = run(server.url, {"a.md": ["He go to school.", "We met."]}, in_flight=2)
    assert outcome.unchecked == {} and rules(outcome, "He go to school.") == ["HE_VERB_AGR"]
    assert [text for _, text in server.asked] == ["He go to school.\n\nWe met."] * 3  # the same request, again
    arrivals = sorted(arrived for arrived, _ in server.spans)
    assert arrivals[1] - arrivals[0] >= 1.0 and arrivals[2] - arrivals[1] >= 1.0


def test_a_server_that_stops_answering_midway(serve: Callable[..., Counting]) -> None:
    server = serve(answer=lambda text, before: CLOSE if before >= 1 else None)
    blocks = [f"Block {n} of the issue is about the week." for n in range(200)]
    outcome, _, _ = run(server.url, {"a.md": blocks[:100], "b.md": blocks[100:]}, in_flight=1)
    answered = len(outcome.answers)
    assert 0 < answered < 200
    assert sum(outcome.unchecked.values()) == 200 - answered
    assert outcome.reason == f"{server.url} failed {scheduler.GIVE_UP} times in a row, last: Remote end closed connection without response"
    assert len(server.asked) == 1 + scheduler.GIVE_UP


def test_a_server_that_never_answers_is_unavailable(serve: Callable[..., Counting]) -> None:
    server = serve(answer=lambda text, before: CLOSE)
    with pytest.raises(client.Unavailable, match=f"^{server.url} failed: Remote end closed connection without response$"):
        run(server.url, {"a.md": [f"Block {n}." for n in range(50)]}, in_flight=1)


def test_stop_sends_nothing_more(serve: Callable[..., Counting]) -> None:
    server = serve(delay=lambda text: 0.5)
    asker = scheduler.Scheduler(server.url, SETTINGS, 1)
    asker.add("a.md", {f"Block {n}.": f"Block {n}." for n in range(500)})
    while not server.asked:
        time.sleep(0.05)
    asker.stop()
    time.sleep(1.5)
    assert len(server.asked) == 1


def test_the_timeout_grows_with_the_request() -> None:
    assert scheduler.timeout_for(0, 20) == 20
    assert scheduler.timeout_for(20_000, 20) == 20 + 20_000 / scheduler.SLOWEST_RATE


def test_in_flight_for_ours_and_for_a_remote_server(monkeypatch: pytest.MonkeyPatch) -> None:
    assert scheduler.in_flight_for("http://127.0.0.1:8081", 3) == 3
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    assert scheduler.in_flight_for("http://127.0.0.1:8081", None) == 6
    assert scheduler.in_flight_for("https://languagetool.example.org", None) == scheduler.REMOTE_IN_FLIGHT
