"""Counts of words, sentences and syllables, for ``metric`` and ``readability`` rules."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from editorial.style import sentences

_WORD = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")
_VOWELS = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class TextMetrics:
    words: int
    sentences: int
    characters: int
    syllables: int
    complex_words: int  # three or more syllables, not a proper noun or hyphenated
    long_words: int  # more than six letters
    polysyllabic_words: int  # three or more syllables

    def as_parameters(self) -> dict[str, float]:
        return {
            "words": float(self.words),
            "sentences": float(self.sentences),
            "characters": float(self.characters),
            "syllables": float(self.syllables),
            "complex_words": float(self.complex_words),
            "long_words": float(self.long_words),
            "polysyllabic_words": float(self.polysyllabic_words),
        }


@functools.lru_cache(maxsize=1024)
def syllables(word: str) -> int:
    """An English syllable estimate: vowel groups, less a silent final e."""
    word = word.lower().strip(".'\u2019")
    if not word:
        return 0
    if len(word) <= 3:
        return 1
    groups = _VOWELS.findall(word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if word.endswith(("ed", "es")) and not word.endswith(("ted", "ded", "ses", "zes", "ces", "ges", "xes")) and count > 1:
        count -= 1
    return max(count, 1)


def measure(text: str) -> TextMetrics:
    words = _WORD.findall(text)
    counts = [syllables(w) for w in words]
    return TextMetrics(
        words=len(words),
        sentences=max(len(sentences.spans(text)), 1) if words else 0,
        characters=sum(len(w) for w in words),
        syllables=sum(counts),
        complex_words=sum(1 for w, c in zip(words, counts) if c >= 3 and not w[:1].isupper() and "-" not in w),
        long_words=sum(1 for w in words if len(w) > 6),
        polysyllabic_words=sum(1 for c in counts if c >= 3),
    )
