"""``extends: readability``: the average of classic grade-level formulas, reported above ``grade``."""

from __future__ import annotations

import math
from dataclasses import dataclass

from editorial.style import textmetrics
from editorial.style.block import Block, Hit
from editorial.style.common import Context, FileState
from editorial.style.message import format_message
from editorial.style.rule import RuleSpec, get_float, get_list

METRICS = ("Gunning Fog", "Coleman-Liau", "Flesch-Kincaid", "SMOG", "Automated Readability")


def grade(name: str, m: textmetrics.TextMetrics) -> float:
    words = max(m.words, 1)
    sentences = max(m.sentences, 1)
    if name == "Gunning Fog":
        return 0.4 * (words / sentences + 100.0 * m.complex_words / words)
    if name == "Coleman-Liau":
        return 0.0588 * (m.characters / words * 100) - 0.296 * (sentences / words * 100) - 15.8
    if name == "Flesch-Kincaid":
        return 0.39 * (words / sentences) + 11.8 * (m.syllables / words) - 15.59
    if name == "SMOG":
        return 1.0430 * math.sqrt(m.polysyllabic_words * 30.0 / sentences) + 3.1291
    return 4.71 * (m.characters / words) + 0.5 * (words / sentences) - 21.43


@dataclass(frozen=True)
class Readability:
    spec: RuleSpec
    metrics: tuple[str, ...]
    grade: float

    def run(self, block: Block, state: FileState) -> list[Hit]:
        measured = textmetrics.measure(block.text)
        if measured.words == 0 or not self.metrics:
            return []
        score = sum(grade(name, measured) for name in self.metrics) / len(self.metrics)
        if score <= self.grade:
            return []
        return [Hit(0, 0, format_message(self.spec.message, f"{score:.2f}"), whole_document=True)]


def compile(spec: RuleSpec, context: Context) -> Readability:
    metrics = tuple(get_list(spec, "metrics"))
    for name in metrics:
        if name not in METRICS:
            raise spec.error("metrics", f"unknown readability metric '{name}' (known: {', '.join(METRICS)})")
    return Readability(spec, metrics, get_float(spec, "grade"))
