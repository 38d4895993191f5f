"""Asking a LanguageTool server about many texts: requests sized and paced to what it answers.

What lint asks about comes as units: a prose block for the sentence rules
(blocks are joined as paragraphs into one request, and a sentence never runs
across a paragraph break, so what is found in one does not depend on its
neighbours), or a document's blocks for the text rules (in parts of whole
paragraphs of at most ``MAX_CHARS``, always the same parts). Units come in
while files are still being read and are asked about in that order.

How the requests fit the server:

- No more in flight than the server has threads for; one at first, one more
  after each answer, half as many after a failure.
- Sizes start small, for a server that has just started (its Java code not
  yet compiled, a first request of 20,000 characters can take a minute), and
  then follow the rate it answers the sentence rules at: each request as long
  as it answers in about ``TARGET_SECONDS``, up to ``MAX_CHARS``.
- Each request's timeout grows with its length (``timeout_for``).
- A request that times out or fails is split in two and the halves asked
  again; a block that still fails alone is given up, counted and named, and
  the rest goes on. A 413 also lowers the largest size sent; a 429 (or a 503
  with a Retry-After) sends the same request again after the time it asks
  for, one request at a time.
- Failures with no answer in between: after ``GIVE_UP`` the server is taken
  to be gone and what is left is given up with the reason.

Answers are handed to ``on_answer`` as they come, so that they can be kept
at once: an interrupted run loses only what was in flight.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from editorial.languagetool import client
from editorial.languagetool.config import LanguageToolSettings

MAX_CHARS = 20_000  # per request; a document's parts for the text rules are of this size
MIN_CHARS = 1_000
START_CHARS = 2_000
TARGET_SECONDS = 1.5
# The slowest a server is expected to check, in characters per second: a request's timeout
# is the configured one plus its length at this rate (a first check on a busy machine).
SLOWEST_RATE = 500.0
GIVE_UP = 5  # failures in a row
MAX_WAIT = 60.0  # seconds, the longest pause for a server that asks for one
MAX_BUSY = 8  # pauses in a row for one request before it counts as a failure
# Requests at once to a server whose threads are not known (another machine's).
REMOTE_IN_FLIGHT = 2

Answer = Any  # a block's issues for the sentence rules; a document's, per block, for the text rules
OnAnswer = Callable[[list[tuple[str, Answer]]], None]


@dataclass(frozen=True)
class Progress:
    """How far the asking is. ``asked_all``: every file has been read, so the totals are final."""

    files: int
    files_done: int
    blocks: int
    blocks_done: int
    words: int
    words_done: int
    seconds: float  # since the first request
    asked_all: bool

    @property
    def words_per_second(self) -> float | None:
        return self.words_done / self.seconds if self.seconds >= 1 and self.words_done else None

    @property
    def seconds_left(self) -> float | None:
        rate = self.words_per_second
        return (self.words - self.words_done) / rate if rate and self.asked_all else None


@dataclass(frozen=True)
class Outcome:
    answers: dict[str, Answer]  # by unit key
    unchecked: dict[str, int]  # by path: blocks that could not be checked
    reason: str | None  # why, where some could not


def in_flight_for(url: str, threads: int | None) -> int:
    """The most requests at once: the server's threads where known, else this machine's cores for
    a server on this machine, else ``REMOTE_IN_FLIGHT``."""
    if threads:
        return threads
    return (os.cpu_count() or 1) if client.is_loopback(url) else REMOTE_IN_FLIGHT


def timeout_for(chars: int, timeout: float) -> float:
    return timeout + chars / SLOWEST_RATE


def chunks(texts: Sequence[str], size: int) -> list[tuple[int, int]]:
    """``texts`` in runs of at most ``size`` characters joined (a longer text alone), as index ranges."""
    ranges: list[tuple[int, int]] = []
    start, length = 0, 0
    for index, text in enumerate(texts):
        if index > start and length + len(text) > size:
            ranges.append((start, index))
            start, length = index, 0
        length += len(text) + len(client.SEPARATOR)
    if texts:
        ranges.append((start, len(texts)))
    return ranges


@dataclass(eq=False)
class _Unit:
    key: str
    texts: tuple[str, ...]
    mode: str
    words: int
    paths: list[str]
    answers: list[list[client.Issue] | None]
    waiting: int  # texts not yet answered nor given up
    failed: list[int] = field(default_factory=list)


@dataclass(frozen=True, eq=False)
class _Piece:
    """Texts ``start:end`` of a unit."""

    unit: _Unit
    start: int
    end: int

    @property
    def texts(self) -> tuple[str, ...]:
        return self.unit.texts[self.start : self.end]

    @property
    def chars(self) -> int:
        return sum(len(t) + len(client.SEPARATOR) for t in self.texts)


class Scheduler:
    """Asks about what is added, in a thread of its own, until :meth:`close` and every answer are in.

    ``on_answer`` and ``progress`` are called from that thread.
    """

    def __init__(
        self,
        url: str,
        settings: LanguageToolSettings,
        in_flight: int,
        on_answer: OnAnswer | None = None,
        progress: Callable[[Progress], None] | None = None,
    ) -> None:
        self._url = url
        self._settings = settings
        self._cap = max(1, in_flight)
        self._on_answer = on_answer
        self._progress = progress
        self._events: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="languagetool-scheduler", daemon=True)
        # Everything below is the scheduler thread's alone.
        self._units: dict[str, _Unit] = {}
        self._pending: deque[_Piece] = deque()
        self._again: deque[list[_Piece]] = deque()  # requests to send again (halves of one that failed), first
        self._running = 0
        self._limit = 1
        self._size = START_CHARS
        self._max_chars = MAX_CHARS
        self._rate: float | None = None
        self._failures = 0
        self._busy = 0
        self._paused_until = 0.0
        self._closed = False
        self._answered_any = False
        self._fatal: str | None = None
        self._last_failure: str | None = None
        self._waiting_by_path: dict[str, int] = {}
        self._unchecked: dict[str, set[str]] = {}
        self._counts = [0, 0, 0, 0]  # blocks, blocks done, words, words done
        self._started: float | None = None
        self._outcome: Outcome | BaseException | None = None
        self._done = threading.Event()
        self._thread.start()

    def add(self, path: str, sentences: Mapping[str, str], document: tuple[str, Sequence[str]] | None = None) -> None:
        """One file's units: its blocks for the sentence rules (by key), and itself for the text rules."""
        self._events.put(("add", path, dict(sentences), document))

    def close(self) -> None:
        """Nothing more will be added."""
        self._events.put(("close",))

    def wait(self) -> Outcome:
        """Every answer, once all are in; raises :class:`client.Unavailable` where none came at all."""
        self._done.wait()
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        assert self._outcome is not None
        return self._outcome

    def stop(self) -> None:
        """Send nothing more (an interrupted run); requests in flight are abandoned."""
        self._events.put(("stop",))

    # The scheduler thread.

    def _run(self) -> None:
        try:
            while True:
                self._send()
                if self._finished():
                    break
                waiting = self._running == 0 and (self._pending or self._again)
                pause = self._paused_until - time.monotonic() if waiting else None
                try:
                    event = self._events.get(timeout=max(pause, 0.0) if pause is not None else None)
                except queue.Empty:
                    continue
                # Everything that came meanwhile before the next request: files read at once are packed together.
                events = [event]
                while not self._events.empty():
                    events.append(self._events.get_nowait())
                if any(e[0] == "stop" for e in events):
                    self._outcome = KeyboardInterrupt()
                    return
                for event in events:
                    self._handle(event)
                self._report()
            if not self._answered_any and self._fatal is None and self._last_failure is not None:
                self._fatal = f"{self._url} failed: {self._last_failure}"
            if not self._answered_any and self._fatal is not None:
                self._outcome = client.Unavailable(self._fatal)
            else:
                self._outcome = Outcome(
                    {k: self._answer(u) for k, u in self._units.items() if not u.waiting and not u.failed},
                    {path: len(texts) for path, texts in self._unchecked.items()},
                    self._fatal or self._last_failure,
                )
        except BaseException as exc:  # handed to wait(): a bug here must not leave the run waiting forever
            self._outcome = exc
        finally:
            self._done.set()

    def _finished(self) -> bool:
        return self._closed and not self._pending and not self._again and self._running == 0

    def _handle(self, event: tuple[Any, ...]) -> None:
        kind = event[0]
        if kind == "add":
            self._add(*event[1:])
        elif kind == "close":
            self._closed = True
        else:
            _, pieces, result, seconds = event
            self._running -= 1
            if isinstance(result, BaseException):
                self._failed(pieces, result)
            else:
                self._answered(pieces, result, seconds)

    def _add(self, path: str, sentences: dict[str, str], document: tuple[str, Sequence[str]] | None) -> None:
        self._waiting_by_path.setdefault(path, 0)
        units = [(key, (text,), client.SENTENCE_RULES) for key, text in sentences.items()]
        if document is not None:
            units.append((document[0], tuple(document[1]), client.TEXT_RULES))
        for key, texts, mode in units:
            unit = self._units.get(key)
            new = unit is None
            if unit is None:
                words = sum(len(t.split()) for t in texts) if mode == client.SENTENCE_RULES else 0
                unit = _Unit(key, texts, mode, words, [], [None] * len(texts), len(texts))
                self._units[key] = unit
                if mode == client.SENTENCE_RULES:
                    self._counts[0] += 1
                    self._counts[2] += words
            if unit.waiting:
                unit.paths.append(path)
                self._waiting_by_path[path] += 1
            for index in unit.failed:  # given up for another file already: this one is not checked either
                self._unchecked.setdefault(path, set()).add(unit.texts[index])
            if not new:
                continue
            if self._fatal is not None:
                self._give_up(_Piece(unit, 0, len(texts)))
            elif mode == client.SENTENCE_RULES:
                self._pending.append(_Piece(unit, 0, 1))
            else:
                self._pending.extend(_Piece(unit, a, b) for a, b in chunks(texts, MAX_CHARS))

    def _send(self) -> None:
        if time.monotonic() < self._paused_until:
            return
        while (self._again or self._pending) and self._running < self._limit:
            pieces = self._next_request()
            mode = pieces[0].unit.mode
            texts = [t for p in pieces for t in p.texts]
            timeout = timeout_for(sum(p.chars for p in pieces), self._settings.timeout)
            if self._started is None:
                self._started = time.monotonic()
            self._running += 1
            threading.Thread(target=self._ask, args=(pieces, mode, texts, timeout), daemon=True).start()

    def _next_request(self) -> list[_Piece]:
        """A request asked before and sent back, else the pieces at the head of the queue that fit in one
        request of today's size."""
        if self._again:
            pieces = self._again.popleft()
            while len(pieces) > 1 and sum(p.chars for p in pieces) > self._max_chars:  # a 413 since it was split
                middle = len(pieces) // 2
                self._again.appendleft(pieces[middle:])
                pieces = pieces[:middle]
            return [self._within_limit(pieces[0], self._again)] if len(pieces) == 1 else pieces
        pieces = [self._within_limit(self._pending.popleft(), self._pending)]
        first = pieces[0]
        if first.unit.mode == client.TEXT_RULES:
            return pieces  # a document's part goes alone: it is what the text rules read together
        size = first.chars
        limit = min(self._size, self._max_chars)
        while self._pending:
            piece = self._pending[0]
            if piece.unit.mode != client.SENTENCE_RULES or size + piece.chars > limit:
                break
            pieces.append(self._pending.popleft())
            size += piece.chars
        return pieces

    def _within_limit(self, piece: _Piece, back: deque[Any]) -> _Piece:
        """``piece``, or its first half (again and again) where it is longer than a request may be; the rest goes back."""
        while piece.end - piece.start > 1 and piece.chars > self._max_chars:
            middle = (piece.start + piece.end) // 2
            rest = _Piece(piece.unit, middle, piece.end)
            back.appendleft([rest] if back is self._again else rest)
            piece = _Piece(piece.unit, piece.start, middle)
        return piece

    def _ask(self, pieces: list[_Piece], mode: str, texts: list[str], timeout: float) -> None:
        began = time.monotonic()
        try:
            result: Any = client.ask(self._url, texts, mode, self._settings, timeout)
        except BaseException as exc:  # every outcome goes back to the scheduler thread
            result = exc
        self._events.put(("done", pieces, result, time.monotonic() - began))

    def _answered(self, pieces: list[_Piece], result: list[list[client.Issue]], seconds: float) -> None:
        self._answered_any = True
        self._failures = 0
        self._busy = 0
        self._limit = min(self._cap, self._limit + 1)
        if pieces[0].unit.mode == client.SENTENCE_RULES:
            # Only the sentence rules' answers size the requests: the text rules answer a hundred times
            # faster (their parts are fixed), and their rate would size sentence requests that time out.
            rate = sum(p.chars for p in pieces) / max(seconds, 0.01)
            self._rate = rate if self._rate is None else 0.7 * self._rate + 0.3 * rate
            self._size = int(min(self._max_chars, max(MIN_CHARS, self._rate * TARGET_SECONDS)))
        position = 0
        completed = []
        for piece in pieces:
            unit = piece.unit
            for index in range(piece.start, piece.end):
                unit.answers[index] = result[position]
                position += 1
            self._settle(unit, piece.end - piece.start)
            if not unit.waiting and not unit.failed:
                completed.append((unit.key, self._answer(unit)))
        if completed and self._on_answer is not None:
            self._on_answer(completed)

    def _failed(self, pieces: list[_Piece], error: BaseException) -> None:
        if isinstance(error, client.Unavailable):
            self._stop_all(str(error))
            for piece in pieces:
                self._give_up(piece)
            return
        if not isinstance(error, client.RequestFailed):
            raise error
        if error.kind == client.BUSY and self._busy < MAX_BUSY:
            self._busy += 1
            self._limit = 1
            wait = error.retry_after if error.retry_after is not None else 2.0**self._busy
            self._paused_until = time.monotonic() + min(MAX_WAIT, wait)
            self._again.appendleft(pieces)
            return
        self._limit = max(1, self._limit // 2)
        self._size = max(MIN_CHARS, self._size // 2)
        self._last_failure = error.reason
        if error.kind == client.TOO_LARGE:
            self._max_chars = max(1, sum(p.chars for p in pieces) // 2)
        else:
            self._failures += 1
            if self._failures >= GIVE_UP:
                where = f"{self._url} failed {GIVE_UP} times in a row, last: " if self._answered_any else f"{self._url} failed: "
                self._stop_all(where + error.reason)
                for piece in pieces:
                    self._give_up(piece)
                return
        if len(pieces) > 1:
            middle = len(pieces) // 2
            self._again.extendleft([pieces[middle:], pieces[:middle]])
            return
        (piece,) = pieces
        if piece.end - piece.start == 1:
            self._give_up(piece)  # one block that failed alone
            return
        middle = (piece.start + piece.end) // 2
        self._again.extendleft([[_Piece(piece.unit, middle, piece.end)], [_Piece(piece.unit, piece.start, middle)]])

    def _stop_all(self, reason: str) -> None:
        self._fatal = reason
        for request in self._again:
            for piece in request:
                self._give_up(piece)
        self._again.clear()
        while self._pending:
            self._give_up(self._pending.popleft())

    def _give_up(self, piece: _Piece) -> None:
        unit = piece.unit
        newly = [i for i in range(piece.start, piece.end) if unit.answers[i] is None and i not in unit.failed]
        for index in newly:
            unit.failed.append(index)
            for path in unit.paths:
                self._unchecked.setdefault(path, set()).add(unit.texts[index])
        if newly:
            self._settle(unit, len(newly))

    def _settle(self, unit: _Unit, texts: int) -> None:
        """``texts`` of ``unit`` answered or given up; where that finishes it, its files are that much nearer done."""
        unit.waiting -= texts
        if unit.waiting:
            return
        if unit.mode == client.SENTENCE_RULES:
            self._counts[1] += 1
            self._counts[3] += unit.words
        for path in unit.paths:
            self._waiting_by_path[path] -= 1

    def _answer(self, unit: _Unit) -> Answer:
        if unit.mode == client.SENTENCE_RULES:
            return [i.as_dict() for i in unit.answers[0] or ()]
        return [[i.as_dict() for i in issues or ()] for issues in unit.answers]

    def _report(self) -> None:
        if self._progress is None:
            return
        files = [w for w in self._waiting_by_path.values()]
        blocks, blocks_done, words, words_done = self._counts
        self._progress(
            Progress(
                files=len(files),
                files_done=sum(1 for w in files if w == 0),
                blocks=blocks,
                blocks_done=blocks_done,
                words=words,
                words_done=words_done,
                seconds=time.monotonic() - self._started if self._started is not None else 0.0,
                asked_all=self._closed,
            )
        )


def check(
    url: str,
    sentences: Sequence[str],
    documents: Sequence[Sequence[str]],
    settings: LanguageToolSettings,
    in_flight: int = 1,
) -> tuple[list[list[client.Issue]], list[list[list[client.Issue]]]]:
    """What LanguageTool finds in texts given at once: its sentence rules in each of ``sentences``, its
    text rules in each document (a list of blocks). Raises :class:`client.Unavailable` as a run does."""
    scheduler = Scheduler(url, settings, in_flight)
    for index, text in enumerate(sentences):
        scheduler.add(f"sentence {index}", {f"s{index}": text})
    for index, texts in enumerate(documents):
        scheduler.add(f"document {index}", {}, (f"d{index}", texts))
    scheduler.close()
    outcome = scheduler.wait()
    if outcome.unchecked:
        raise client.Unavailable(f"{url}: {sum(outcome.unchecked.values())} texts not checked ({outcome.reason})")

    def issues(data: list[dict[str, Any]]) -> list[client.Issue]:
        return [client.Issue.from_dict(i) for i in data]

    return (
        [issues(outcome.answers[f"s{i}"]) for i in range(len(sentences))],
        [[issues(block) for block in outcome.answers[f"d{i}"]] for i in range(len(documents))],
    )
