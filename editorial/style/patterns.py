"""Vale's regular-expression dialect, compiled with the ``regex`` package.

Vale compiles rules with a .NET-style engine (regexp2): inline flags in the
middle of a pattern that last to the end of their group, lookbehind of any
length, possessive and atomic groups. The ``regex`` package does all of that;
the few Go spellings it lacks (``\\x{2019}``, ``\\Q...\\E``) are rewritten here.

Every pattern is compiled once per process: styles repeat the same
exception lists and word templates across rules and across files.

Vale's engine (Go's RE2) matches in linear time; the engine here backtracks,
and a pattern such as ``(a|aa)+$`` takes minutes on forty letters. So a rule's
patterns run within a time limit: :data:`TIME_LIMIT` seconds per rule and file,
kept on a :class:`Clock` that the engine starts for each. A pattern without an
unbounded quantifier (``*``, ``+``, ``{n,}``) tries a bounded number of ways at
each place in the text, so its time grows with the text's length alone: it
runs without the limit, which costs each call a reading of the CPU clock.
"""

from __future__ import annotations

import functools
import re as _re
import time
from collections.abc import Callable, Iterator
from typing import Any

import regex

# Go writes a code point as \x{2019}; the regex package wants \u2019 or \U0001f600.
_HEX_BRACES = _re.compile(r"(?<!\\)((?:\\\\)*)\\x\{([0-9A-Fa-f]{1,8})\}")
_QUOTED = _re.compile(r"(?<!\\)((?:\\\\)*)\\Q(.*?)(?:\\E|$)", _re.S)
_LITERAL = _re.compile(r"[^\\^$.|?*+()\[\]{}]+")
# An escape, a character class (whose * and + are characters), or (group 1) what
# can repeat without bound: *, +, {n,}, a fuzzy constraint such as {e<=1}, recursion.
_PIECE = _re.compile(
    r"\\(?:[pPNx]\{[^}]*\}|.)|\[\^?\]?(?:[^\]\\]|\\.)*\]|([*+]|\{(?!\d*(?:,\d+)?\})|\(\?(?:R|[+-]?\d|&|P>))", _re.S
)

# Seconds one rule's patterns may take on one file (a rule's whole run on a
# file of the largest size lint reads takes a fraction of it).
TIME_LIMIT = 2.0


class PatternError(ValueError):
    """A pattern the engine cannot compile; ``str()`` says why."""


def translate(pattern: str) -> str:
    """Vale's spelling of ``pattern`` rewritten for the regex package."""
    if "\\x{" in pattern:
        pattern = _HEX_BRACES.sub(lambda m: m.group(1) + _hex(m.group(2)), pattern)
    if "\\Q" in pattern:
        pattern = _QUOTED.sub(lambda m: m.group(1) + regex.escape(m.group(2)), pattern)
    return pattern


def _hex(digits: str) -> str:
    value = int(digits, 16)
    return f"\\u{value:04x}" if value <= 0xFFFF else f"\\U{value:08x}"


class Clock:
    """The time each rule has had on one file.

    A rule's time runs only while its timed patterns do (from the first of them
    in a run of the rule until the engine stops the clock), so neither the
    engine's own work nor the patterns without a limit use it up.
    """

    __slots__ = ("rule", "since", "spent")

    def __init__(self) -> None:
        self.rule = ""  # the rule running, set by the engine
        self.since = 0.0  # when its time started running; 0: not running
        self.spent: dict[str, float] = {}

    def timeout(self) -> float:
        """What the running rule has left; its time runs from now if it did not already."""
        now = time.monotonic()
        if not self.since:
            self.since = now
        return max(TIME_LIMIT - self.spent.get(self.rule, 0.0) - (now - self.since), 0.0)

    def stop(self) -> None:
        self.spent[self.rule] = self.spent.get(self.rule, 0.0) + time.monotonic() - self.since
        self.since = 0.0


# The clock of the file whose rules are running, set by the engine (one file at
# a time: a lint process is single-threaded). None: no rule runs (a .vale.ini's
# TokenIgnores, say), and no limit applies.
running: Clock | None = None


class Timed:
    """A pattern that can backtrack without bound: each call within the time its rule has left.

    Where the time runs out, the call raises :class:`TimeoutError`; a match
    iterator raises it while it is read.
    """

    __slots__ = ("compiled", "groups", "pattern")

    def __init__(self, compiled: regex.Pattern[str]) -> None:
        self.compiled = compiled
        self.groups = compiled.groups
        self.pattern = compiled.pattern

    def search(self, string: str, pos: int = 0) -> regex.Match[str] | None:
        clock = running
        return self.compiled.search(string, pos, timeout=clock.timeout() if clock else None)

    def match(self, string: str) -> regex.Match[str] | None:
        clock = running
        return self.compiled.match(string, timeout=clock.timeout() if clock else None)

    def finditer(self, string: str) -> Iterator[regex.Match[str]]:
        clock = running
        return self.compiled.finditer(string, timeout=clock.timeout() if clock else None)

    def findall(self, string: str) -> list[Any]:
        clock = running
        return self.compiled.findall(string, timeout=clock.timeout() if clock else None)

    def sub(self, repl: str | Callable[[regex.Match[str]], str], string: str) -> str:
        clock = running
        return self.compiled.sub(repl, string, timeout=clock.timeout() if clock else None)


Pattern = regex.Pattern[str] | Timed


@functools.lru_cache(maxsize=None)
def compile_pattern(pattern: str) -> Pattern:
    """The compiled form of a Vale pattern, timed if it can backtrack without bound; raises :class:`PatternError`."""
    translated = translate(pattern)
    try:
        compiled = regex.compile(translated, regex.VERSION0)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise PatternError(str(exc)) from None
    return Timed(compiled) if unbounded(translated) else compiled


def unbounded(pattern: str) -> bool:
    """Whether ``pattern`` can repeat anything without bound (or seems to: a ``*`` in a verbose-mode comment)."""
    return any(piece.group(1) for piece in _PIECE.finditer(pattern))


def is_literal(pattern: str) -> bool:
    """Whether ``pattern`` matches just its own text: no character in it means anything else."""
    return _LITERAL.fullmatch(pattern) is not None


def escape(text: str) -> str:
    return regex.escape(text)
