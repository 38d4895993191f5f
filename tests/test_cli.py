from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
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


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_") and k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    env["EDITORIAL_CACHE_DIR"] = str(tmp_path / ".editorial-cache")
    return env | extra


def _in_terminal(args: list[str], cwd: Path, env: dict[str, str], columns: int = 80) -> tuple[int, str]:
    """Run editorial with its standard output on a pseudo-terminal of ``columns`` columns: its exit code and output."""
    import fcntl
    import struct
    import termios

    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "editorial", *args], cwd=cwd, env=env, stdout=follower, stderr=subprocess.DEVNULL
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process is done with it
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=120), b"".join(chunks).decode().replace("\r\n", "\n")


def test_lint_text_is_the_full_report_on_a_terminal_and_one_line_each_elsewhere(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Visit [us](www.example.com) or else.\n")
    args = ["lint", "--no-languagetool", "a.md"]
    code, shown = _in_terminal(args, tmp_path, _environment(tmp_path))
    assert code == 1
    assert shown == (
        "\x1b[1m\x1b[4ma.md\x1b[0m\n"
        "\x1b[2m1:12\x1b[0m \x1b[31m\x1b[1merror\x1b[0m markdown.missing-scheme\n"
        "  'www.example.com' has no scheme and links to a relative path; write\n"
        "  https://www.example.com\n"
        "  \x1b[34m1\x1b[0m \x1b[34m|\x1b[0m Visit [us](www.example.com) or else.\n"
        "    \x1b[34m|\x1b[0m            \x1b[31m\x1b[1m^^^^^^^^^^^^^^^\x1b[0m\n"
        "  \x1b[32m\x1b[1mfix:\x1b[0m insert 'https://'\n"
        "\n"
        "\x1b[1m1 error, 0 warnings, 0 suggestions in 1 file; 1 fixable with --fix\x1b[0m\n"
    )
    no_colour = _in_terminal(args, tmp_path, _environment(tmp_path, NO_COLOR="1"))[1]
    assert "\x1b" not in no_colour and no_colour.startswith("a.md\n1:12 error markdown.missing-scheme\n")
    assert "\x1b" not in _in_terminal([*args, "--color", "never"], tmp_path, _environment(tmp_path, FORCE_COLOR="1"))[1]
    assert _in_terminal([*args, "--format", "concise"], tmp_path, _environment(tmp_path))[1] == (
        "a.md:1:12: \x1b[31merror\x1b[0m markdown.missing-scheme 'www.example.com' has no scheme and links to a relative path;"
        " write https://www.example.com\n"
        "1 error, 0 warnings, 0 suggestions in 1 file; 1 fixable with --fix\n"
    )
    piped = subprocess.run([sys.executable, "-m", "editorial", *args], cwd=tmp_path, env=_environment(tmp_path), capture_output=True, text=True)
    assert piped.stdout == (
        "a.md:1:12: error markdown.missing-scheme 'www.example.com' has no scheme and links to a relative path;"
        " write https://www.example.com\n"
        "1 error, 0 warnings, 0 suggestions in 1 file; 1 fixable with --fix\n"
    )
    for forced in (["--color", "always"], []):
        env = _environment(tmp_path, FORCE_COLOR="1") if not forced else _environment(tmp_path, NO_COLOR="1")
        coloured = subprocess.run([sys.executable, "-m", "editorial", *args, *forced], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert coloured.stdout.startswith("a.md:1:12: \x1b[31merror\x1b[0m markdown.missing-scheme"), forced
    # The full report where it is not a terminal, for a pager: as wide as COLUMNS says.
    full = subprocess.run(
        [sys.executable, "-m", "editorial", *args, "--format", "full"], cwd=tmp_path, env=_environment(tmp_path, COLUMNS="50"),
        capture_output=True, text=True,
    )
    assert full.stdout.splitlines()[2:5] == ["  'www.example.com' has no scheme and links to a", "  relative path; write https://www.example.com", "  1 | Visit [us](www.example.com) or else."]


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_the_example_issue_reads_in_an_80_column_terminal_without_a_wrapped_line(
    tmp_path: Path, newsletter: Path, languagetool_url: str
) -> None:
    """In a real terminal (tmux's), the report of the example issue: every line fits, nothing wraps, in colour."""
    socket = tmp_path / "tmux.sock"
    env = _environment(tmp_path, EDITORIAL_LANGUAGETOOL_URL=languagetool_url)
    settings = [item for key in ("EDITORIAL_CACHE_DIR", "EDITORIAL_LANGUAGETOOL_URL") for item in ("-e", f"{key}={env[key]}")]
    command = f"{sys.executable} -m editorial lint; echo END-OF-REPORT; sleep 60"
    tmux = ["tmux", "-S", str(socket), "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-x", "80", "-y", "200", "-c", str(newsletter), *settings, command], check=True, env=env)
    try:
        for _ in range(600):
            visible = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True, check=True).stdout
            if "END-OF-REPORT" in visible:
                break
            time.sleep(0.1)
        joined = subprocess.run([*tmux, "capture-pane", "-p", "-J"], capture_output=True, text=True, check=True).stdout
        coloured = subprocess.run([*tmux, "capture-pane", "-p", "-e"], capture_output=True, text=True, check=True).stdout
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
    report = visible[: visible.index("END-OF-REPORT")].rstrip("\n").splitlines()
    # No line was wrapped (-J joins wrapped lines; it keeps the cells LanguageTool's progress line blanked).
    assert report == [line.rstrip() for line in joined[: joined.index("END-OF-REPORT")].rstrip("\n").splitlines()]
    assert report[0] == "issues/2021-01/sections/melanie.md"
    assert "  6 | …ore information, see the the self supervised learning section of our rec…" in report
    assert report[-1] == "0 errors, 4 warnings, 0 suggestions in 6 files; 1 fixable with --fix"
    assert "\x1b[1m" in coloured and "\x1b[33m" in coloured
