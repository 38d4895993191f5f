"""Sentence boundaries, for the ``sentence`` scope and the readability counts.

A small rule-based splitter in the spirit of Vale's (Punkt-style): a sentence
ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets) followed by
white space and a capital, a digit or an opening quote -- unless the word
before the full stop is a known abbreviation or a single initial.
"""

from __future__ import annotations

import functools

import regex

_END = regex.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]*[\p{Lu}\p{N}])")
_LAST_WORD = regex.compile(r"(\S+)$")
# Vale does not end a sentence after these either: "see p. 4", "pp. 4-5", "Fig. 2", "Vol. 3", "Sec. 4".
ABBREVIATIONS = frozenset(
    """e.g i.e cf vs etc al mr mrs ms dr prof sr jr st mt no nos fig figs approx dept est inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k p.m a.m ph.d
    p pp vol vols ch sec secs eq eqs ed eds ref refs viz ca op cit ibid""".split()
)


@functools.lru_cache(maxsize=4096)
def spans(text: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each sentence in ``text``, surrounding white space excluded."""
    out = []
    start = 0
    for match in _END.finditer(text):
        word = _LAST_WORD.search(text, start, match.start())
        if word is not None:
            stem = word.group(1).lstrip("\"'(\u201c\u2018[").lower()
            if stem in ABBREVIATIONS or (len(stem) == 1 and stem.isalpha() and match.group(0).startswith(".")):
                continue
        out.append(_trim(text, start, match.end()))
        start = match.end()
    if text[start:].strip():
        out.append(_trim(text, start, len(text)))
    return tuple(s for s in out if s[0] < s[1])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in spans(text)]
