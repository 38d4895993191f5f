"""proselint 0.16 on the prose view: it has no Markdown awareness of its own.

Its quirks, handled here: results count offsets in a copy of the text padded
with a newline at each end; registering its checks twice doubles every result
(the registry is a process-wide singleton); an empty text makes it read the
"file" from disk and crash.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editorial.lint import profiles
from editorial.lint.context import Context
from editorial.lint.findings import Finding, Severity
from editorial.lint.rules import RuleInfo
from editorial.prose import in_identifier, repeats_a_word

if TYPE_CHECKING:
    from editorial.document import Document

PREFIX = "proselint"
SEVERITY = Severity.warning
BLOCK_SEPARATOR = "\n\n"
CHUNK = 50_000
_PAD = 1  # proselint lints "\n" + text + "\n"


@functools.cache
def _enabled_checks() -> tuple[Any, ...]:
    """proselint's default checks, registered once per process and filtered once, not per file."""
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry

    from editorial.lint.anchored import sped_up

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(__register__)
    return tuple(map(sped_up, registry.get_all_enabled(DEFAULT["checks"])))


def rules() -> list[RuleInfo]:
    seen: dict[str, RuleInfo] = {}
    for check in _enabled_checks():
        rule = f"{PREFIX}.{check.path}"
        seen.setdefault(rule, RuleInfo(rule, SEVERITY, check.message.replace("{}", "…")))
    return sorted(seen.values(), key=lambda r: r.id)


def joined_prose(document: Document) -> Iterator[tuple[str, list[int], list[int]]]:
    """The prose blocks joined into texts, blank lines between blocks, each character's source offset,
    and where code or HTML was left out inside a block (see ``ProseBlock.gaps``).

    As few proselint runs as possible, since part of its cost is per call; but
    texts of at most ``CHUNK`` characters where a file is long, since its
    regular-expression binding slows down with the length of the text it scans.
    The separators map to -1; no check reports a span that starts on one.
    """
    texts: list[str] = []
    offsets: list[int] = []
    gaps: list[int] = []
    for block in document.blocks:
        if texts and len(offsets) + len(block.text) > CHUNK:
            yield "".join(texts), offsets, gaps
            texts, offsets, gaps = [], [], []
        if texts:
            texts.append(BLOCK_SEPARATOR)
            offsets.extend((-1,) * len(BLOCK_SEPARATOR))
        gaps.extend(len(offsets) + gap for gap in block.gaps)
        texts.append(block.text)
        offsets.extend(block.offsets)
    if texts:
        yield "".join(texts), offsets, gaps


def check(document: Document, context: Context) -> Iterator[Finding]:
    enabled = _in_profile(context.config.profile, context.rules_for(Path(document.path)).levelled)
    if not enabled:
        return
    for text, offsets, gaps in joined_prose(document):
        if text.strip():
            yield from _findings(document, text, offsets, gaps, enabled)


@functools.cache
def _in_profile(profile: str, levelled: tuple[str, ...]) -> tuple[Any, ...]:
    """The checks whose findings the profile keeps: the others are not even run (proselint is lint's slowest part)."""
    return tuple(c for c in _enabled_checks() if profiles.reports(f"{PREFIX}.{c.path}", profile, levelled))


def _findings(
    document: Document, text: str, offsets: list[int], gaps: list[int], enabled: tuple[Any, ...]
) -> Iterator[Finding]:
    for found in _results(f"\n{text}\n", enabled):
        start, end = found.span[0] - _PAD, found.span[1] - _PAD
        start = max(start, 0)
        while start < len(offsets) and offsets[start] < 0:
            start += 1
        if start >= len(offsets):
            continue
        last = min(max(end - 1, start), len(offsets) - 1)
        while last > start and offsets[last] < 0:
            last -= 1
        if -1 in offsets[start:last]:
            continue  # it runs from one block into the next: a list item or heading and the next are not one text
        gap = bisect.bisect_right(gaps, start)
        if gap < len(gaps) and gaps[gap] <= last:
            continue  # it runs across code or HTML that the reader sees and proselint does not
        if found.check_path == "lexical_illusions" and not repeats_a_word(text[start : last + 1]):
            continue
        if in_identifier(text, start, last + 1):
            continue
        begin = document.position(offsets[start])
        finish = document.position(offsets[last])
        yield Finding(
            path=str(document.path),
            line=begin.line,
            column=begin.column,
            end_line=finish.line,
            end_column=finish.column + 1,
            rule=f"{PREFIX}.{found.check_path}",
            severity=SEVERITY,
            message=found.message,
            replacements=(found.replacements,) if found.replacements else (),
        )


def _results(padded: str, enabled: tuple[Any, ...]) -> Iterator[Any]:
    """What ``LintFile.lint`` does, without re-filtering the registry and finding quotes on every call.

    As proselint does, a result inside quotation marks is dropped unless its
    check allows quotes; the quotes are found only when a result needs them.
    """
    quotes: tuple[int, ...] | None = None
    for check in enabled:
        for result in check.check_with_flags(padded):
            if not check.flags.allow_quotes:
                if quotes is None:
                    quotes = _quote_bounds(padded)
                if bisect.bisect_left(quotes, result.span[0]) % 2 == 1:
                    continue
            yield result


def _quote_bounds(padded: str) -> tuple[int, ...]:
    from proselint.tools import QUOTE_PATTERN, check_matching_quotes, find_spans

    return tuple(itertools.chain.from_iterable(find_spans(padded, QUOTE_PATTERN, check_matching_quotes)))
