"""A progress line on a terminal: one line of standard error, written over in place.

Only where standard error is a terminal (never in a pipe, a CI log or a
file; the commands also leave it out for machine formats): what a pipe would
get is a stream of carriage returns nobody reads. Nothing is shown for the
first ``delay`` seconds, so a quick command stays silent; then the line is
redrawn at most every ``interval`` seconds, cut to the terminal's width so
that it never wraps (a wrapped line cannot be written over), and erased when
the work is done so that what follows starts on a clean line. Safe to call
from several threads.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from typing import TextIO


class ProgressLine:
    def __init__(self, enabled: bool = True, stream: TextIO | None = None, delay: float = 0.5, interval: float = 0.1) -> None:
        self._stream = stream or sys.stderr
        self._enabled = enabled and is_terminal(self._stream)
        self._delay = delay
        self._interval = interval
        self._began = time.monotonic()
        self._drawn = 0.0
        self._width = 0  # of the line on screen now
        self._lock = threading.Lock()

    def show(self, text: str) -> None:
        if not self._enabled:
            return
        now = time.monotonic()
        with self._lock:
            if now - self._began < self._delay or now - self._drawn < self._interval:
                return
            self._drawn = now
            columns = shutil.get_terminal_size((80, 24)).columns
            text = text[: max(columns - 1, 0)]
            self._stream.write("\r" + text + " " * max(self._width - len(text), 0) + "\r")
            self._stream.flush()
            self._width = len(text)

    def clear(self) -> None:
        with self._lock:
            if self._width:
                self._stream.write("\r" + " " * self._width + "\r")
                self._stream.flush()
                self._width = 0


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # a stream with no file behind it, or one closed
        return False
