from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from editorial.errors import EditorialError, Problem
from editorial.lint import background

pytestmark = pytest.mark.skipif(not background.available(), reason="needs fork and a second core")


def test_the_function_runs_in_another_process_and_its_result_comes_back() -> None:
    here = os.getpid()
    result = background.start(lambda: (os.getpid(), [1, "two", (3.0,)]))
    pid, value = result()
    assert pid != here
    assert value == [1, "two", (3.0,)]


def test_the_child_sees_this_process_memory_at_the_fork() -> None:
    documents = {"a.md": "text " * 10_000}  # not passed as an argument: found in memory
    result = background.start(lambda: len(documents["a.md"]))
    documents["a.md"] = "changed after the fork"
    assert result() == 50_000


def test_an_editorial_error_is_raised_again_with_its_problems_whole() -> None:
    def fails() -> None:
        raise EditorialError(Problem(Path("issues/a.md"), 7, "no"), Problem("languagetool", None, "required"))

    result = background.start(fails)
    with pytest.raises(EditorialError) as raised:
        result()
    assert raised.value.problems == (Problem(Path("issues/a.md"), 7, "no"), Problem("languagetool", None, "required"))
    assert str(raised.value) == "issues/a.md:7: no\nlanguagetool: required"


def test_other_exceptions_keep_their_type_and_message() -> None:
    result = background.start(lambda: {}["missing"])
    with pytest.raises(KeyError, match="missing"):
        result()


def test_a_child_killed_before_answering_costs_only_the_overlap() -> None:
    here = os.getpid()

    def dies_in_the_child() -> int:
        if os.getpid() != here:
            os.kill(os.getpid(), signal.SIGKILL)
        return os.getpid()

    assert background.start(dies_in_the_child)() == here


def test_an_answer_that_cannot_be_pickled_is_computed_here_instead() -> None:
    here = os.getpid()
    answer = background.start(lambda: (os.getpid(), lambda: "not picklable"))()
    assert answer[0] == here
    assert answer[1]() == "not picklable"


def test_a_large_answer_is_read_whole() -> None:
    # Far more than a pipe holds: the child blocks writing until the parent reads.
    assert background.start(lambda: "x" * 5_000_000)() == "x" * 5_000_000


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        assert not background.available()
    finally:
        stop.set()
        waiting.join()
    assert background.available()
