"""Text as a terminal shows it: what it cannot show as it is, how many columns it takes, and whether to colour it."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

AUTO, ALWAYS, NEVER = "auto", "always", "never"
COLOR_CHOICES = (AUTO, ALWAYS, NEVER)


def printable(text: str) -> str:
    """``text`` with what a terminal would not show as it is escaped: controls, format characters, bytes that are not UTF-8.

    Git allows nearly anything in a branch name, right-to-left overrides and
    invalid UTF-8 included (read here with ``surrogateescape``); a file's line
    may hold an escape sequence that would recolour the terminal.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable():
            out.append(char)
        elif "\udc80" <= char <= "\udcff":
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def width(char: str) -> int:
    """The columns one printable character takes: 2 for East Asian wide and full-width ones (CJK, most emoji),
    0 for combining marks, which sit on the character before."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def columns(text: str) -> int:
    """The columns a printable ``text`` takes on a terminal."""
    if text.isascii():
        return len(text)
    return sum(width(char) for char in text)


def colour(choice: str, is_terminal: bool, environ: Mapping[str, str]) -> bool:
    """Whether to colour the output: ``--color always`` or ``never`` says so; ``auto`` colours a terminal,
    unless NO_COLOR is set (no-color.org) or TERM is dumb, and anything where FORCE_COLOR is set (force-color.org).
    NO_COLOR wins over FORCE_COLOR: whoever set it asked for none."""
    if choice == ALWAYS:
        return True
    if choice == NEVER or environ.get("NO_COLOR", ""):
        return False
    if environ.get("FORCE_COLOR", ""):
        return True
    return is_terminal and environ.get("TERM", "") != "dumb"
