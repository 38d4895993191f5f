"""Running one function in a forked process while this one goes on with other work.

``lint`` uses it to put LanguageTool's part of a run (importing
language-tool-python and requests, then waiting for the server) on another
core while this process runs proselint and the styles: after a one-paragraph
edit that is most of the run's time. Forked, the child finds the parsed
documents in memory; only its result is pickled back.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def available() -> bool:
    """Whether a fork is safe here and there is a second core for it.

    Not on Windows (no fork); not on macOS, whose system frameworks (which
    requests reaches for proxy settings) are not safe after a fork; not while
    other threads run, since one of them may hold a lock the child would wait
    for forever (an embedding program's, or logging's).
    """
    return (
        hasattr(os, "fork")
        and sys.platform != "darwin"
        and threading.active_count() == 1
        and (os.cpu_count() or 1) > 1
    )


def start(function: Callable[[], T]) -> Callable[[], T]:
    """``function`` started in a forked child; call what this returns for its result.

    An exception in the child is raised again here. A child that ends without
    an answer (killed, out of memory, an answer that does not pickle) is not an
    error of its own: the function is then run here, so a run never loses its
    results to the fork.
    """
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, answer through the pipe, and leave without running exit handlers
        os.close(read)
        try:
            try:
                outcome = (True, function())
            except BaseException as exc:  # whatever it is, the parent raises it again
                outcome = (False, exc)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(pickle.dumps(outcome))
        finally:
            os._exit(0)  # with nothing written (an answer that does not pickle), the parent runs it
    os.close(write)

    def result() -> T:
        with os.fdopen(read, "rb") as pipe:
            answer = pipe.read()
        os.waitpid(pid, 0)
        try:
            succeeded, value = pickle.loads(answer)
        except (EOFError, pickle.UnpicklingError):
            return function()
        if not succeeded:
            raise value
        return value  # type: ignore[no-any-return]

    return result
