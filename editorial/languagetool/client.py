"""Asking a LanguageTool server about prose, through language-tool-python.

Its traps, handled here: LanguageTool counts offsets and lengths in UTF-16
code units; the package converts the offset to Python's code points but not
the length, so a match after or around an emoji would end in the wrong place.
A ``remote_server`` URL with a path needs a trailing slash, or the path is
dropped. Its default timeout is five minutes, too long for a commit hook.
"""

from __future__ import annotations

import json
import urllib.parse
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from editorial.languagetool.config import LanguageToolSettings

SEPARATOR = "\n\n"  # a paragraph break: LanguageTool never runs a sentence across it
MAX_CHARS = 20_000  # per request: large enough to batch an issue, small enough to stay responsive
MAX_REPLACEMENTS = 5


class Unavailable(Exception):
    """LanguageTool could not answer; the message says why, for one warning line."""


@dataclass(frozen=True)
class Issue:
    """One LanguageTool match in one text, in code points of that text (end exclusive)."""

    start: int
    end: int
    rule: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Issue:
        return cls(**{**data, "replacements": tuple(data["replacements"])})


def base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def server_version(url: str, timeout: float) -> str:
    """The server's LanguageTool version, from the smallest check it answers."""
    import urllib.request  # here, not at the top: a lint answered from the cache never needs it

    query = urllib.parse.urlencode({"language": "en-US", "text": "."})
    try:
        with urllib.request.urlopen(f"{base_url(url)}v2/check?{query}", timeout=timeout) as response:
            return str(json.load(response)["software"]["version"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise Unavailable(f"no answer from {url}: {_reason(exc)}") from None


def check(url: str, texts: Sequence[str], settings: LanguageToolSettings) -> list[list[Issue]]:
    """The issues in each text; the texts go out joined into as few requests as fit."""
    tool = _tool(url, settings)
    results: list[list[Issue]] = [[] for _ in texts]
    for chunk in _chunks(texts):
        joined = SEPARATOR.join(texts[i] for i in chunk)
        starts = []
        position = 0
        for i in chunk:
            starts.append(position)
            position += len(texts[i]) + len(SEPARATOR)
        try:
            matches = tool.check(joined)
        except Exception as exc:  # the package raises its own errors, requests' and JSON's
            raise Unavailable(f"{url} failed: {_reason(exc)}") from None
        for match in matches:
            try:
                start = int(match.offset)
                end = _end(joined, start, int(match.error_length))
                slot = bisect_right(starts, start) - 1
                text = texts[chunk[slot]]
                relative = start - starts[slot]
                if relative >= len(text):
                    continue  # on a separator
                results[chunk[slot]].append(
                    Issue(
                        start=relative,
                        end=min(end - starts[slot], len(text)),
                        rule=str(match.rule_id),
                        category=str(match.category),
                        issue_type=str(match.rule_issue_type),
                        message=str(match.message),
                        replacements=tuple(str(r) for r in match.replacements[:MAX_REPLACEMENTS]),
                    )
                )
            except (AttributeError, TypeError, ValueError) as exc:
                raise Unavailable(f"{url} answered something that is not a LanguageTool result: {exc}") from None
    return results


def _tool(url: str, settings: LanguageToolSettings) -> Any:
    try:
        import language_tool_python

        tool = language_tool_python.LanguageTool(settings.language, remote_server=base_url(url))
    except ValueError as exc:
        raise Unavailable(f"{url}: {exc}") from None
    except Exception as exc:  # connection errors surface from the constructor's language query
        raise Unavailable(f"no answer from {url}: {_reason(exc)}") from None
    tool._TIMEOUT = settings.timeout  # the package's own is five minutes
    tool.disabled_rules = set(settings.disabled_rules)
    tool.enabled_rules = set(settings.enabled_rules)
    tool.disabled_categories = set(settings.disabled_categories)
    tool.enabled_categories = set(settings.enabled_categories)
    tool.picky = settings.picky
    return tool


def _chunks(texts: Sequence[str]) -> Iterator[list[int]]:
    chunk: list[int] = []
    size = 0
    for index, text in enumerate(texts):
        if chunk and size + len(text) > MAX_CHARS:
            yield chunk
            chunk, size = [], 0
        chunk.append(index)
        size += len(text) + len(SEPARATOR)
    if chunk:
        yield chunk


def _end(text: str, start: int, utf16_length: int) -> int:
    """The code-point end of a match that starts at ``start`` and is ``utf16_length`` UTF-16 units long."""
    units = 0
    end = start
    while units < utf16_length and end < len(text):
        units += 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return end


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]
