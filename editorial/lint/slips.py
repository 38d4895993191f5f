"""``slips.*``: the traces an edit leaves in prose, which the rendered page hides or a reader stumbles on.

A word deleted in an edit often leaves two spaces where it stood ("developing
 dozens of methods"): the page shows one, so nobody sees it, but the sentence
lacks a word. A determiner before "of" ("The of CPS metric") is the same slip
made visible: the noun between them is gone. Both are in a real issue of the
bundled examples; neither is a rule of proselint or LanguageTool's default
English rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from editorial.lint.context import Context
from editorial.lint.findings import Finding, Severity
from editorial.lint.rules import RuleInfo

if TYPE_CHECKING:
    from editorial.document import Document

PREFIX = "slips"

RULES = (
    RuleInfo(
        "slips.missing-word", Severity.warning,
        "An article right before 'of': the noun between them was lost in an edit.",
        "The of CPS metric is designed to …",
    ),
    RuleInfo(
        "slips.double-space", Severity.warning,
        "Two spaces between two words of a sentence (not after a full stop): where a word was deleted;"
        " the page shows one space.",
        "developing  dozens of methods",
    ),
)

_MISSING = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+of\b")
# Between two letters: after a full stop, a colon or a dash two spaces are a habit, not a slip.
_DOUBLE = re.compile(r"(?<=[^\W\d_]) {2,}(?=[^\W\d_])")


def check(document: Document, context: Context) -> Iterator[Finding]:
    for block in document.blocks:
        text = block.text
        for pattern, rule, message in (
            (_MISSING, "slips.missing-word", "a word seems to be missing between these two"),
            (_DOUBLE, "slips.double-space", "two spaces between words: was a word deleted here?"),
        ):
            for match in pattern.finditer(text):
                if block.crosses_gap(match.start() - 1, match.end() + 1):
                    continue  # code stood beside them
                start, end = block.source_span(match.start(), match.end())
                begin, finish = document.position(start), document.position(end)
                yield Finding(
                    str(document.path), begin.line, begin.column, rule, Severity.warning, message,
                    finish.line, finish.column,
                )
