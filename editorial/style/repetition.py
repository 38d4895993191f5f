"""``extends: repetition``: the same token twice in a row ("the the")."""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass

import regex

from editorial.style import sentences
from editorial.style.block import Block, Hit
from editorial.style.common import (
    IGNORE_CASE,
    Context,
    FileState,
    compile_rule_pattern,
    exceptions_pattern,
    is_match,
    phrases_pattern,
    within_phrase,
)
from editorial.style.message import format_message
from editorial.style.rule import RuleSpec, get_bool, get_int, get_list


@dataclass(frozen=True)
class Repetition:
    spec: RuleSpec
    pattern: regex.Pattern[str]
    max: int
    ignorecase: bool
    alpha: bool
    exceptions: regex.Pattern[str] | None
    phrases: regex.Pattern[str] | None
    space_separated: bool = False  # the tokens are runs of anything but white space

    def run(self, block: Block, state: FileState) -> list[Hit]:
        hits: list[Hit] = []
        text = block.text
        if not self._may_repeat(text):
            return hits
        previous = ""
        previous_start = 0
        count = 0
        for match in self.pattern.finditer(text):
            current = match.group(0).strip()
            if self.ignorecase:
                hit = current != "" and current.casefold() == previous.casefold()
            else:
                hit = current != "" and current == previous
            hit = hit and (not self.alpha or current.isalpha())
            if hit:
                count += 1
            if hit and count > self.max:
                start, end = previous_start, match.end()
                span = text[start:end]
                # Across a sentence boundary it is two sentences, not a slip:
                # "I almost forgot about that. That is important."
                if (
                    len(sentences.split(span)) == 1
                    and not is_match(self.exceptions, span)
                    and not within_phrase(self.phrases, text, start, end)
                ):
                    hits.append(Hit(start, end, format_message(self.spec.message, current)))
                    count = 0
            previous_start = match.start()
            previous = current
        return hits

    def _may_repeat(self, text: str) -> bool:
        """Whether two matches in a row are the same: a test of the whole block at once, before the loop."""
        if self.space_separated and not any(c in text for c in _SPACE_TO_PYTHON_ONLY):
            words = text.split()
        elif self.pattern.groups == 1:
            # The one group is the whole match.
            words = list(map(str.strip, self.pattern.findall(text)))
        else:
            return True  # the tokens have groups of their own: findall would not give the matches
        if self.ignorecase:
            words = list(map(str.casefold, words))
        return any(map(operator.eq, words, itertools.islice(words, 1, None)))


# The characters str.split() takes for white space and the regex package's \s does not.
_SPACE_TO_PYTHON_ONLY = "\x1c\x1d\x1e\x1f"
_NOT_SPACE = ("[^\\s]+", "\\S+")


def compile(spec: RuleSpec, context: Context) -> Repetition:
    ignorecase = get_bool(spec, "ignorecase")
    tokens = get_list(spec, "tokens")
    pattern = compile_rule_pattern(spec, "tokens", (IGNORE_CASE if ignorecase else "") + "(" + "|".join(tokens) + ")")
    exceptions = get_list(spec, "exceptions")
    use_vocab = get_bool(spec, "vocab", True)
    return Repetition(
        spec,
        pattern,
        get_int(spec, "max"),
        ignorecase,
        get_bool(spec, "alpha"),
        exceptions_pattern(spec, exceptions, context, use_vocab),
        phrases_pattern(exceptions, context, use_vocab),
        len(tokens) == 1 and tokens[0] in _NOT_SPACE,
    )
