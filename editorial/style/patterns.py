"""Vale's regular-expression dialect, compiled with the ``regex`` package.

Vale compiles rules with a .NET-style engine (regexp2): inline flags in the
middle of a pattern that last to the end of their group, lookbehind of any
length, possessive and atomic groups. The ``regex`` package does all of that;
the few Go spellings it lacks (``\\x{2019}``, ``\\Q...\\E``) are rewritten here.

Every pattern is compiled once per process: styles repeat the same
exception lists and word templates across rules and across files.
"""

from __future__ import annotations

import functools
import re as _re

import regex

# Go writes a code point as \x{2019}; the regex package wants \u2019 or \U0001f600.
_HEX_BRACES = _re.compile(r"(?<!\\)((?:\\\\)*)\\x\{([0-9A-Fa-f]{1,8})\}")
_QUOTED = _re.compile(r"(?<!\\)((?:\\\\)*)\\Q(.*?)(?:\\E|$)", _re.S)
_LITERAL = _re.compile(r"[^\\^$.|?*+()\[\]{}]+")


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


@functools.lru_cache(maxsize=None)
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """The compiled form of a Vale pattern; raises :class:`PatternError`."""
    try:
        return regex.compile(translate(pattern), regex.VERSION0)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise PatternError(str(exc)) from None


def is_literal(pattern: str) -> bool:
    """Whether ``pattern`` matches just its own text: no character in it means anything else."""
    return _LITERAL.fullmatch(pattern) is not None


def escape(text: str) -> str:
    return regex.escape(text)
