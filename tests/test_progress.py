"""editorial.progress: a line on a real pseudo-terminal, written over in place; nothing anywhere else."""

from __future__ import annotations

import io
import os
import pty
import time
from collections.abc import Iterator

import pytest

from editorial.progress import ProgressLine


@pytest.fixture
def terminal() -> Iterator[tuple[io.TextIOWrapper, int]]:
    """A stream whose file is a pseudo-terminal, and the other end, to read what it shows."""
    reader, writer = pty.openpty()
    stream = open(writer, "w", encoding="utf-8", closefd=True)  # noqa: SIM115
    yield stream, reader
    stream.close()
    os.close(reader)


def shown(reader: int) -> str:
    os.set_blocking(reader, False)
    try:
        return os.read(reader, 65536).decode()
    except BlockingIOError:
        return ""


def test_a_line_written_over_then_erased(terminal: tuple[io.TextIOWrapper, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("TERM", raising=False)
    stream, reader = terminal
    line = ProgressLine(stream=stream, delay=0, interval=0)
    line.show("LanguageTool: 1 of 3 files")
    line.show("LanguageTool: 2 of 3")
    line.clear()
    line.clear()  # nothing more: the line is gone already
    assert shown(reader) == (
        "\rLanguageTool: 1 of 3 files\r"
        "\rLanguageTool: 2 of 3      \r"  # the longer line before is covered
        "\r                    \r"
    )


def test_quiet_at_first_then_at_most_every_interval(terminal: tuple[io.TextIOWrapper, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TERM", raising=False)
    stream, reader = terminal
    line = ProgressLine(stream=stream, delay=0.3, interval=60)
    line.show("too early")
    time.sleep(0.3)
    line.show("first")
    line.show("too soon after")
    assert shown(reader) == "\rfirst\r"


def test_cut_to_the_terminal_width_so_that_it_never_wraps(terminal: tuple[io.TextIOWrapper, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "12")
    monkeypatch.delenv("TERM", raising=False)
    stream, reader = terminal
    ProgressLine(stream=stream, delay=0, interval=0).show("LanguageTool: 10 of 242 files")
    assert shown(reader) == "\rLanguageToo\r"


def test_nothing_on_a_pipe_a_file_a_dumb_terminal_or_when_turned_off(terminal: tuple[io.TextIOWrapper, int], monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    line = ProgressLine(stream=pipe, delay=0, interval=0)
    line.show("LanguageTool: 1 of 3 files")
    line.clear()
    assert pipe.getvalue() == ""
    stream, reader = terminal
    for enabled, term in ((False, "xterm"), (True, "dumb")):
        monkeypatch.setenv("TERM", term)
        line = ProgressLine(enabled=enabled, stream=stream, delay=0, interval=0)
        line.show("LanguageTool: 1 of 3 files")
        line.clear()
    assert shown(reader) == ""
