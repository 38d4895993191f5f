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
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from editorial.languagetool.config import LanguageToolSettings

# Requests sent at once: the server checks each on a thread of its own.
REQUESTS_AT_ONCE = 4
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
    """The issues in each text, each asked about in a request of its own, a few requests at once.

    Not joined into one text: LanguageTool reads a text whole, and what it says
    of a paragraph depends on the paragraphs before it (a sentence start after a
    colon, two paragraphs that begin alike). Joined, a block's findings would
    depend on which other blocks happened to miss the cache with it.
    """
    if not texts:
        return []
    tool = _tool(url, settings)
    if len(texts) == 1:
        return [_check_one(tool, url, texts[0])]
    # Imported here: one edited paragraph needs no threads.
    from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

    with ThreadPoolExecutor(min(REQUESTS_AT_ONCE, len(texts))) as pool:
        futures = [pool.submit(_check_one, tool, url, text) for text in texts]
        _, waiting = wait(futures, return_when=FIRST_EXCEPTION)
        for future in waiting:
            future.cancel()  # after a failure, no more requests (each could wait out the timeout)
    # The requests start in order, so a failure comes before any request it cancelled.
    return [future.result() for future in futures]


def _check_one(tool: Any, url: str, text: str) -> list[Issue]:
    try:
        matches = tool.check(text)
    except Exception as exc:  # the package raises its own errors, requests' and JSON's
        raise Unavailable(f"{url} failed: {_reason(exc)}") from None
    issues = []
    for match in matches:
        try:
            start = int(match.offset)
            if start >= len(text):
                continue  # past the end: nothing of the text to point at
            issues.append(
                Issue(
                    start=start,
                    end=_end(text, start, int(match.error_length)),
                    rule=str(match.rule_id),
                    category=str(match.category),
                    issue_type=str(match.rule_issue_type),
                    message=str(match.message),
                    replacements=tuple(str(r) for r in match.replacements[:MAX_REPLACEMENTS]),
                )
            )
        except (AttributeError, TypeError, ValueError) as exc:
            raise Unavailable(f"{url} answered something that is not a LanguageTool result: {exc}") from None
    return issues


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
