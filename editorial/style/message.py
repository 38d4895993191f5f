"""Rule messages: Vale formats them with Go's ``Sprintf``, extra values ignored."""

from __future__ import annotations

import re

_VERB = re.compile(r"%(?:%|[-+# 0]*\d*(?:\.\d+)?[a-zA-Z])")
# A match that runs across a line break reads as one line in a message, as in Vale.
_LINE_WRAP = re.compile(r"[ \t]*\n\s*")


def format_message(message: str, *values: object) -> str:
    """Fill ``%s`` (and ``%d``, ``%v``, ``%.2f``...) in order, as Go does.

    Values beyond the placeholders are dropped; a placeholder with no value
    left reads ``%!s(MISSING)``, which is what Vale prints too.
    """
    if "%" not in message:
        return message
    queue = list(values)

    def fill(match: re.Match[str]) -> str:
        verb = match.group(0)
        if verb == "%%":
            return "%"
        if not queue:
            return f"%!{verb[-1]}(MISSING)"
        value = queue.pop(0)
        kind = verb[-1]
        if kind in "sv" or kind == "q":
            text = _LINE_WRAP.sub(" ", str(value))
            return f'"{text}"' if kind == "q" else text
        if kind == "d":
            if isinstance(value, int):
                return str(value)
            return f"%!d({type(value).__name__ if not isinstance(value, str) else 'string'}={value})"
        if kind in "fgeFGE" and isinstance(value, (int, float)):
            return ("%" + verb[1:]) % value
        return str(value)

    return _VERB.sub(fill, message)
