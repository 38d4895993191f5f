from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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


def test_help_lists_the_exit_codes(run: Run) -> None:
    result = run("--help")
    assert " ".join(result.stdout.split()).endswith(
        "Exit codes: 0 clean, 1 findings (or differences with --check), 2 errors in the input"
        " (reported as path:line: message), 3 a bug in editorial (EDITORIAL_DEBUG=1 shows its traceback)."
    )


def _with_a_bug(tmp_path: Path, exception: str, debug: bool = False) -> subprocess.CompletedProcess[str]:
    """``editorial rules`` through the real entry point, its library call raising ``exception``.

    A bug cannot be made real on purpose, so this one stub stands for one.
    """
    program = (
        "import sys\n"
        "import editorial.lint.checks as checks\n"
        "def all_rules(*args, **kwargs):\n"
        f"    raise {exception}\n"
        "checks.all_rules = all_rules\n"
        "from editorial.cli import main\n"
        "sys.argv = ['editorial', 'rules']\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
    env["EDITORIAL_CACHE_DIR"] = str(tmp_path / ".editorial-cache")
    if debug:
        env["EDITORIAL_DEBUG"] = "1"
    return subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=60
    )


BUG_LINE = (
    "editorial: internal error (KeyError: 'slot'); this is a bug in editorial:"
    " run again with EDITORIAL_DEBUG=1 to see the traceback, and report it\n"
)


def test_a_bug_is_one_line_and_exit_3(tmp_path: Path) -> None:
    result = _with_a_bug(tmp_path, "KeyError('slot')")
    assert (result.returncode, result.stdout, result.stderr) == (3, "", BUG_LINE)


def test_editorial_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = _with_a_bug(tmp_path, "KeyError('slot')", debug=True)
    assert result.returncode == 3
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert "  File \"<string>\", line 4, in all_rules\nKeyError: 'slot'\n" in result.stderr
    assert result.stderr.endswith(BUG_LINE)


def test_an_os_error_on_a_file_is_the_users_to_fix(tmp_path: Path) -> None:
    # Every path of editorial reports its own files' errors; this is the net under them.
    result = _with_a_bug(tmp_path, "PermissionError(13, 'Permission denied', 'rules/House')")
    assert (result.returncode, result.stderr) == (2, "rules/House: Permission denied\n")
    unnamed = _with_a_bug(tmp_path, "OSError(28, 'No space left on device')")
    assert (unnamed.returncode, unnamed.stderr) == (
        3,
        "editorial: internal error (OSError: [Errno 28] No space left on device); this is a bug in editorial:"
        " run again with EDITORIAL_DEBUG=1 to see the traceback, and report it\n",
    )
