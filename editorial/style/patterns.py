"""Vale's regular-expression dialect, compiled with the ``regex`` package.

Vale compiles rules with a .NET-style engine (regexp2): inline flags in the
middle of a pattern that last to the end of their group, lookbehind of any
length, possessive and atomic groups. The ``regex`` package does all of that;
the few Go spellings it lacks (``\\x{2019}``, ``\\Q...\\E``) are rewritten here.

Vale compiles in regexp2's RE2 mode, where ``\\w``, ``\\d`` and ``\\s`` are ASCII
(``\\s`` is not a hair space nor a no-break space) while ``\\b`` and ``(?i)`` are
Unicode's: those three are spelled out as ASCII classes here.

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
# RE2 mode's classes (regexp2's ECMA word and digit classes, RE2's space class).
_ASCII_CLASSES = {"w": "0-9A-Za-z_", "d": "0-9", "s": "\\t\\n\\f\\r "}


class PatternError(ValueError):
    """A pattern the engine cannot compile; ``str()`` says why."""


def translate(pattern: str) -> str:
    """Vale's spelling of ``pattern`` rewritten for the regex package."""
    if "\\x{" in pattern:
        pattern = _HEX_BRACES.sub(lambda m: m.group(1) + _hex(m.group(2)), pattern)
    if "\\Q" in pattern:
        pattern = _QUOTED.sub(lambda m: m.group(1) + regex.escape(m.group(2)), pattern)
    if "\\" in pattern:
        pattern = _ascii_classes(pattern)
    return pattern


def _ascii_classes(pattern: str) -> str:
    """``\\w``, ``\\d``, ``\\s`` and their negations as the ASCII classes they are in RE2 mode.
    A negated one inside a set (``[\\S,]``) stays Unicode's: VERSION0 sets cannot subtract."""
    out: list[str] = []
    in_set = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escaped = pattern[i + 1]
            body = _ASCII_CLASSES.get(escaped.lower())
            if body is None or (in_set and escaped.isupper()):
                out.append(pattern[i : i + 2])
            elif in_set:
                out.append(body)
            else:
                out.append(f"[{body}]" if escaped.islower() else f"[^{body}]")
            i += 2
            continue
        if in_set and pattern.startswith("[:", i) and ":]" in pattern[i + 2 :]:
            end = pattern.index(":]", i + 2) + 2  # a POSIX class, [[:alpha:]]
            out.append(pattern[i:end])
            i = end
            continue
        out.append(char)
        if char == "[" and not in_set:
            in_set = True
            # A ']' first in a set (after any '^') is a literal, not its end.
            start = i + 1 + (pattern.startswith("^", i + 1))
            if pattern.startswith("]", start):
                out.append(pattern[i + 1 : start + 1])
                i = start + 1
                continue
        elif char == "]" and in_set:
            in_set = False
        i += 1
    return "".join(out)


def wrap_spaces(pattern: str) -> str:
    """``pattern`` with each run of spaces between words matching a line break too, as Vale has
    its ``existence`` tokens and ``substitution`` keys: a phrase is found however the paragraph
    was wrapped. A space in a set, after a backslash or before a quantifier keeps its meaning,
    as does every space of a free-spacing ``(?x`` pattern."""
    if (" " not in pattern and "\t" not in pattern) or "(?x" in pattern:
        return pattern
    out: list[str] = []
    in_set = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
        elif char in " \t":
            end = i
            while end < len(pattern) and pattern[end] in " \t":
                end += 1
            quantified = end < len(pattern) and pattern[end] in "*+?{"
            out.append(pattern[i:end] if quantified else r"\s+")
            i = end
            continue
        out.append(char)
        i += 1
    return "".join(out)


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
