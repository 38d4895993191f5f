from __future__ import annotations

import re

import pytest

from conftest import Run
from editorial import __version__
from editorial.cli import app

COMMANDS = sorted(
    command.name or command.callback.__name__  # type: ignore[union-attr]
    for command in app.registered_commands
)


def test_version(run: Run) -> None:
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"editorial {__version__}\n")


def test_no_arguments_shows_help(run: Run) -> None:
    result = run()
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: editorial [OPTIONS] COMMAND [ARGS]...\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: editorial {command} [OPTIONS]")
    assert re.search(r"^  -h, --help\s", result.stdout, re.MULTILINE)


def test_unknown_command_and_option_exit_2(run: Run) -> None:
    assert run("publish").returncode == 2
    result = run("assemble", "x", "--nope")
    assert result.returncode == 2
    assert "No such option: --nope" in result.stderr
    assert "Traceback" not in result.stderr
