"""Forked processes that each lint a share of the files, talking with this one meanwhile.

Forked, a worker finds the run's settings and compiled checks in memory;
only messages and its result are pickled. Each worker has a pipe of its own
to this process: it sends what it needs asked of a server while it reads its
files (see :class:`editorial.lint.runner.Served`), gets the answers, and sends
its result last.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

_STOP_GRACE = 5.0  # seconds a stopped worker gets before it is killed


class Workers:
    """``count`` forked processes, each running ``work(index, pipe)`` and sending back what it returns."""

    def __init__(self, count: int, work: Callable[[int, Connection], Any]) -> None:
        import multiprocessing  # here: a lint of a few files runs in one process and never needs it

        context = multiprocessing.get_context("fork")
        pipes = [context.Pipe() for _ in range(count)]
        self._pipes = [here for here, _ in pipes]
        self._processes = []
        for index, (_, there) in enumerate(pipes):

            def child(index: int = index, there: Connection = there) -> None:
                # Only its own end open: this process then sees the end of the pipe when a worker dies.
                for others, (mine, theirs) in enumerate(pipes):
                    mine.close()
                    if others != index:
                        theirs.close()
                _serve(index, there, work)

            process = context.Process(target=child, name=f"editorial-lint-{index}", daemon=True)
            process.start()
            self._processes.append(process)
        for _, there in pipes:
            there.close()

    @property
    def count(self) -> int:
        return len(self._pipes)

    def messages(self) -> Iterator[tuple[int, Any]]:
        """Each worker's messages as they come, until every worker has sent its result; then the results are
        in :attr:`results`. A worker's exception is raised again here."""
        self.results: list[Any] = [None] * len(self._pipes)
        open_pipes = {pipe: index for index, pipe in enumerate(self._pipes)}
        while open_pipes:
            for pipe in wait(list(open_pipes)):
                index = open_pipes[pipe]  # type: ignore[index]
                try:
                    kind, value = pipe.recv()  # type: ignore[union-attr]
                except (EOFError, OSError):
                    process = self._processes[index]
                    process.join(_STOP_GRACE)
                    raise RuntimeError(
                        f"lint worker {index} (pid {process.pid}) ended without an answer"
                        f" ({_how_it_ended(process.exitcode)})"
                    ) from None
                if kind == "message":
                    yield index, value
                elif kind == "error":
                    raise value
                else:
                    self.results[index] = value
                    del open_pipes[pipe]

    def send(self, index: int, message: Any) -> None:
        self._pipes[index].send(message)

    def stop(self) -> None:
        """End every worker still running, and wait for them."""
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        for process in self._processes:
            process.join(_STOP_GRACE)
            if process.is_alive():
                process.kill()
                process.join()
        for pipe in self._pipes:
            pipe.close()


def send(pipe: Connection, message: Any) -> None:
    """From a worker: a message to this process."""
    pipe.send(("message", message))


def _serve(index: int, pipe: Connection, work: Callable[[int, Connection], Any]) -> None:
    try:
        try:
            outcome = ("result", work(index, pipe))
        except BaseException as exc:  # whatever it is, the parent raises it again
            outcome = ("error", exc)
        try:
            pipe.send(outcome)
        except Exception as exc:  # a result or an exception that does not pickle: say what it was
            pipe.send(("error", RuntimeError(f"lint worker {index}: {type(outcome[1]).__name__}: {outcome[1]} ({exc})")))
    finally:
        os._exit(0)  # no exit handlers: they belong to the parent


def _how_it_ended(code: int | None) -> str:
    if code is not None and code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"
