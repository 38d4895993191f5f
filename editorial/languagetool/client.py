"""Asking a LanguageTool server about prose, through language-tool-python.

Its traps, handled here: LanguageTool counts offsets and lengths in UTF-16
code units; the package converts the offset to Python's code points but not
the length, so a match after or around an emoji would end in the wrong place.
A ``remote_server`` URL with a path needs a trailing slash, or the path is
dropped. Its default timeout is five minutes, too long for a commit hook.
"""

from __future__ import annotations

import copy
import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from editorial.languagetool.config import LanguageToolSettings

SEPARATOR = "\n\n"  # a paragraph break: no sentence runs across it
MAX_CHARS = 20_000  # per request: large enough for an issue's new paragraphs, small enough to stay responsive
# Requests sent at once: the server checks each on a thread of its own.
REQUESTS_AT_ONCE = 4
# LanguageTool's modes: the rules that read one sentence at a time, and those that read a whole text.
SENTENCE_RULES = "allButTextLevelOnly"
TEXT_RULES = "textLevelOnly"
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

    query = urlencode({"language": "en-US", "text": "."})
    try:
        with urllib.request.urlopen(f"{base_url(url)}v2/check?{query}", timeout=timeout) as response:
            return str(json.load(response)["software"]["version"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise Unavailable(f"no answer from {url}: {_reason(exc)}") from None


def check(
    url: str, sentences: Sequence[str], documents: Sequence[Sequence[str]], settings: LanguageToolSettings
) -> tuple[list[list[Issue]], list[list[list[Issue]]]]:
    """What LanguageTool finds: its sentence rules in each of ``sentences``, its text rules in each document.

    LanguageTool has two kinds of rule. Most read one sentence at a time, and a
    sentence never runs across a paragraph break, so the texts for them go out
    joined as paragraphs into as few requests as fit, and what is found in one
    does not depend on the others beside it. A few read a whole text (a
    capital after a full stop, paragraphs that begin alike, brackets that never
    close): those get each document whole, its paragraphs in order, so that
    they read them in the context the reader does (a document longer than a
    request in parts of whole paragraphs, the same parts every time).
    Returned: the issues of each sentence text, and of each paragraph of each document.
    """
    by_sentence: list[list[Issue]] = [[] for _ in sentences]
    by_document: list[list[list[Issue]]] = [[[] for _ in texts] for texts in documents]
    requests: list[tuple[list[str], str]] = []
    slots: list[tuple[list[list[Issue]], list[int]]] = []  # per request: the list its answers go to, and where
    for texts, answers, mode in [(sentences, by_sentence, SENTENCE_RULES)] + [
        (texts, answers, TEXT_RULES) for texts, answers in zip(documents, by_document, strict=True)
    ]:
        for chunk in _chunks(texts):
            requests.append(([texts[i] for i in chunk], mode))
            slots.append((answers, chunk))
    if requests:
        for (answers, chunk), answer in zip(slots, _ask(url, requests, settings), strict=True):
            for index, issues in zip(chunk, answer, strict=True):
                answers[index] = issues
    return by_sentence, by_document


def _ask(url: str, groups: Sequence[tuple[list[str], str]], settings: LanguageToolSettings) -> list[list[list[Issue]]]:
    """Each group of texts joined as paragraphs into one request with its rules' mode; a few requests at once."""
    tool = _tool(url, settings)
    tools = {mode: _in_mode(tool, mode) for mode in dict.fromkeys(mode for _, mode in groups)}
    if len(groups) == 1:
        texts, mode = groups[0]
        return [_check_joined(tools[mode], url, texts)]
    # Imported here, not at the top: a lint answered from the cache asks nothing.
    from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait

    with ThreadPoolExecutor(min(REQUESTS_AT_ONCE, len(groups))) as pool:
        futures = [pool.submit(_check_joined, tools[mode], url, texts) for texts, mode in groups]
        _, waiting = wait(futures, return_when=FIRST_EXCEPTION)
        for future in waiting:
            future.cancel()  # after a failure, no more requests (each could wait out the timeout)
    # The requests start in order, so a failure comes before any request it cancelled.
    return [future.result() for future in futures]


def _check_joined(tool: Any, url: str, texts: Sequence[str]) -> list[list[Issue]]:
    """The issues in each of ``texts``, asked about as the paragraphs of one text."""
    joined = SEPARATOR.join(texts)
    starts = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(SEPARATOR)
    try:
        matches = tool.check(joined)
    except Exception as exc:  # the package raises its own errors, requests' and JSON's
        raise Unavailable(f"{url} failed: {_reason(exc)}") from None
    results: list[list[Issue]] = [[] for _ in texts]
    for match in matches:
        try:
            start = int(match.offset)
            end = _end(joined, start, int(match.error_length))
            slot = bisect_right(starts, start) - 1
            relative = start - starts[slot]
            if relative >= len(texts[slot]):
                continue  # on a paragraph break
            results[slot].append(
                Issue(
                    start=relative,
                    end=min(end - starts[slot], len(texts[slot])),
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


def _chunks(texts: Sequence[str]) -> list[list[int]]:
    chunks: list[list[int]] = []
    size = 0
    for index, text in enumerate(texts):
        if not chunks or size + len(text) > MAX_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(index)
        size += len(text) + len(SEPARATOR)
    return chunks


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


def _in_mode(tool: Any, mode: str) -> Any:
    """``tool`` asking only for ``mode``'s rules: LanguageTool has the parameter, the package does not send it."""
    in_mode = copy.copy(tool)
    in_mode._create_params = lambda text: {**tool._create_params(text), "mode": mode}
    return in_mode


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
