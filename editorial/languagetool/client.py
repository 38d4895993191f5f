"""One request to a LanguageTool server: texts in, issues out, or why there is no answer.

The request is made here rather than through a client library, because what
to do about a request that fails depends on how it failed (see
:mod:`editorial.languagetool.scheduler`): a timeout or a 413 means a smaller
request, a 429 means later, a refused connection means no server. Each
request has the timeout it is given and is tried once.

Traps handled here: LanguageTool counts offsets and lengths in UTF-16 code
units, Python in code points, so a match after or around an emoji is moved
back into place. A URL with a path (a team's server behind a proxy) keeps it.
"""

from __future__ import annotations

import json
import re
import socket
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from editorial import __version__
from editorial.languagetool.config import LanguageToolSettings

SEPARATOR = "\n\n"  # a paragraph break: no sentence runs across it
# LanguageTool's modes: the rules that read one sentence at a time, and those that read a whole text.
SENTENCE_RULES = "allButTextLevelOnly"
TEXT_RULES = "textLevelOnly"
MAX_REPLACEMENTS = 5
_LOOPBACK = ("localhost", "127.0.0.1", "::1")
_WIDE = re.compile("[\U00010000-\U0010ffff]")


class Unavailable(Exception):
    """LanguageTool cannot be used at all; the message says why, for one warning line."""


# What a request that got no answer calls for (see the scheduler).
TIMED_OUT = "timed out"  # smaller requests
TOO_LARGE = "too large"  # smaller requests, and no request that large again
BUSY = "busy"  # the same request later (429, or 503 with a Retry-After)
FAILED = "failed"  # no answer (a 5xx, a connection dropped): smaller requests, in case the text is the cause


class RequestFailed(Exception):
    """One request got no answer; ``kind`` is one of the kinds above."""

    def __init__(self, kind: str, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.retry_after = retry_after


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


def is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in _LOOPBACK


def server_version(url: str, timeout: float) -> str:
    """The server's LanguageTool version, from the smallest check it answers."""
    query = urlencode({"language": "en-US", "text": "."})
    try:
        with _opener(url).open(f"{base_url(url)}v2/check?{query}", timeout=timeout) as response:
            return str(json.load(response)["software"]["version"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise Unavailable(f"no answer from {url}: {_reason(exc)}") from None


def ask(url: str, texts: Sequence[str], mode: str, settings: LanguageToolSettings, timeout: float) -> list[list[Issue]]:
    """The issues LanguageTool's rules of ``mode`` find in each of ``texts``, asked about as the paragraphs of one text.

    Raises :class:`RequestFailed` for a request that got no answer, and
    :class:`Unavailable` for an answer that is not LanguageTool's or no server at the address.
    """
    import urllib.error  # here, not at the top: a lint answered from the cache asks nothing

    joined = SEPARATOR.join(texts)
    body = urlencode(_parameters(joined, mode, settings)).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "User-Agent": f"editorial/{__version__}"}
    import urllib.request

    request = urllib.request.Request(f"{base_url(url)}v2/check", data=body, headers=headers)
    try:
        with _opener(url).open(request, timeout=timeout) as response:
            payload = response.read()
    except urllib.error.HTTPError as exc:
        raise _http_failure(url, exc) from None
    except (TimeoutError, socket.timeout):
        raise RequestFailed(TIMED_OUT, f"no answer within {timeout:.0f} s") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise RequestFailed(TIMED_OUT, f"no answer within {timeout:.0f} s") from None
        if isinstance(exc.reason, (ConnectionRefusedError, socket.gaierror)):
            raise Unavailable(f"no answer from {url}: {_reason(exc)}") from None
        raise RequestFailed(FAILED, _reason(exc)) from None
    except (OSError, ValueError) as exc:  # a connection reset or closed mid-answer
        raise RequestFailed(FAILED, _reason(exc)) from None
    try:
        matches = json.loads(payload)["matches"]
        return _placed(joined, texts, matches)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise Unavailable(f"{url} answered something that is not a LanguageTool result ({_reason(exc)})") from None


def _parameters(text: str, mode: str, settings: LanguageToolSettings) -> dict[str, str]:
    parameters = {"language": settings.language, "text": text, "mode": mode}
    for name, values in (
        ("enabledRules", settings.enabled_rules),
        ("disabledRules", settings.disabled_rules),
        ("enabledCategories", settings.enabled_categories),
        ("disabledCategories", settings.disabled_categories),
    ):
        if values:
            parameters[name] = ",".join(values)
    if settings.picky:
        parameters["level"] = "picky"
    return parameters


def _http_failure(url: str, exc: Any) -> Exception:
    """What an HTTP error status means for this request."""
    try:
        answer = exc.read().decode("utf-8", errors="replace").strip()
    except OSError:
        answer = ""
    reason = f"HTTP {exc.code} {answer.splitlines()[0][:200] if answer else exc.reason}"
    retry_after = _seconds(exc.headers.get("Retry-After") if exc.headers else None)
    if exc.code == 413:
        return RequestFailed(TOO_LARGE, reason)
    if exc.code == 429 or (exc.code == 503 and retry_after is not None):
        return RequestFailed(BUSY, reason, retry_after)
    if exc.code >= 500:
        # LanguageTool answers 503 for a check that took longer than its own limit.
        return RequestFailed(TIMED_OUT if exc.code == 503 else FAILED, reason)
    # 400 (an unknown language, a bad rule id), 401, 403, 404 (no LanguageTool at this path): the same for every request.
    return Unavailable(f"{url} refused the check: {reason}")


def _seconds(value: str | None) -> float | None:
    """A Retry-After given in seconds (a date, rarely sent, is read as no advice)."""
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _placed(joined: str, texts: Sequence[str], matches: list[dict[str, Any]]) -> list[list[Issue]]:
    """Each match in the text it falls in, in that text's code points; none on a paragraph break."""
    starts = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(SEPARATOR)
    results: list[list[Issue]] = [[] for _ in texts]
    # Where each character beyond the Basic Multilingual Plane (two UTF-16 units) starts, in UTF-16 units.
    wide = [index + k for k, index in enumerate(i for i, c in enumerate(joined) if ord(c) > 0xFFFF)] if _WIDE.search(joined) else []
    for match in matches:
        offset = int(match["offset"])
        start = offset - bisect_left(wide, offset)
        end = _end(joined, start, int(match["length"]))
        slot = bisect_right(starts, start) - 1
        relative = start - starts[slot]
        if relative >= len(texts[slot]):
            continue
        rule = match["rule"]
        results[slot].append(
            Issue(
                start=relative,
                end=min(end - starts[slot], len(texts[slot])),
                rule=str(rule["id"]),
                category=str(rule["category"]["id"]),
                issue_type=str(rule.get("issueType", "")),
                # As language-tool-python gave it, and so as cached results and baselines have it: e.g.\xa0 is "e.g. ".
                message=unicodedata.normalize("NFKC", str(match["message"])),
                replacements=tuple(str(r["value"]) for r in match.get("replacements", [])[:MAX_REPLACEMENTS]),
            )
        )
    return results


def _opener(url: str) -> Any:
    import urllib.request

    # Our own server is on this machine: a proxy setting must not send its requests elsewhere.
    return urllib.request.build_opener(urllib.request.ProxyHandler({} if is_loopback(url) else None))


def _end(text: str, start: int, utf16_length: int) -> int:
    """The code-point end of a match that starts at ``start`` and is ``utf16_length`` UTF-16 units long."""
    units = 0
    end = start
    while units < utf16_length and end < len(text):
        units += 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return end


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    if isinstance(reason, BaseException):
        exc = reason
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]
