"""What the rule types share: the word template, exception lists, the vocabulary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from editorial.style.patterns import PatternError, compile_pattern
from editorial.style.rule import RuleSpec

IGNORE_CASE = "(?i)"
WORD_TEMPLATE = r"(?m)\b(?:%s)\b"
NONWORD_TEMPLATE = r"(?m)(?:%s)"


@dataclass(frozen=True)
class Context:
    """Settings that change how rules compile: the accepted vocabulary and the word template."""

    accepted: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()
    word_template: str = ""


@dataclass
class FileState:
    """What a rule remembers while it reads one file, block after block.

    ``conditional`` and ``consistency`` rules look at the whole file: a term
    defined in the first paragraph is defined for the rest of it.
    """

    sequences: dict[str, list[str]] = field(default_factory=dict)

    def seen(self, rule_id: str) -> list[str]:
        return self.sequences.setdefault(rule_id, [])


def make_regexp(template: str, ignorecase: bool, word: bool, extra: str, append: bool) -> str:
    """Vale's makeRegexp: the word (or non-word) template, ``raw`` before or after it."""
    regexp = (template or WORD_TEMPLATE) if word else NONWORD_TEMPLATE
    regexp = regexp + extra if append else extra + regexp
    if ignorecase:
        regexp = IGNORE_CASE + regexp
    return regexp


def bounded(context: Context, nonword: bool) -> bool:
    """Whether a rule's tokens stand between word boundaries: Vale's own word template is around them."""
    return not nonword and context.word_template in ("", WORD_TEMPLATE)


def is_default_template(template: str) -> bool:
    """Whether ``template`` is Vale's word or non-word template (ignoring case or not), nothing added."""
    return template.removeprefix(IGNORE_CASE) in (WORD_TEMPLATE, NONWORD_TEMPLATE)


def fill(template: str, tokens: str) -> str:
    """The template with its ``%s`` replaced by the alternation of tokens."""
    return template.replace("%s", tokens, 1)


def compile_rule_pattern(spec: RuleSpec, key: str, pattern: str) -> regex.Pattern[str]:
    try:
        return compile_pattern(pattern)
    except PatternError as exc:
        raise spec.error(key, f"invalid pattern in '{key}': {exc}") from None


def exceptions_pattern(
    spec: RuleSpec, exceptions: Sequence[str], context: Context, use_vocab: bool
) -> regex.Pattern[str] | None:
    """Vale's updateExceptions: one word-bounded pattern, longest term first, each case-sensitive."""
    terms = list(exceptions)
    if use_vocab:
        terms += context.accepted
    if not terms:
        return None
    terms.sort(key=len, reverse=True)
    terms = [t if t.startswith("(?i)") else "(?-i)" + t for t in terms]
    return compile_rule_pattern(spec, "exceptions", fill(make_regexp("", False, True, "", True), "|".join(terms)))


def phrases_pattern(exceptions: Sequence[str], context: Context, use_vocab: bool) -> regex.Pattern[str] | None:
    """Accepted multi-word phrases: a match inside one of them is not reported."""
    terms = list(exceptions) + (list(context.accepted) if use_vocab else [])
    phrases = [t for t in terms if " " in t or "\t" in t or r"\s" in t]
    if not phrases:
        return None
    try:
        return compile_pattern(IGNORE_CASE + r"\b(?:" + "|".join(phrases) + r")\b")
    except PatternError:
        return None


def is_match(pattern: regex.Pattern[str] | None, text: str) -> bool:
    return pattern is not None and pattern.search(text) is not None


def within_phrase(pattern: regex.Pattern[str] | None, text: str, start: int, end: int) -> bool:
    if pattern is None:
        return False
    return any(m.start() <= start and end <= m.end() for m in pattern.finditer(text))


def is_phrase(text: str) -> bool:
    """Vale's IsPhrase: plain words (letters, digits, spaces, hyphens), not a pattern."""
    return all(c.isalpha() or c.isdigit() or c in " -" for c in text)


def match_token(expected: str, observed: str, ignorecase: bool) -> bool:
    """Whether ``observed`` already is ``expected`` (a literal, or a pattern for the whole text)."""
    if is_phrase(expected):
        return expected == observed
    try:
        pattern = compile_pattern((IGNORE_CASE if ignorecase else "") + "^(?:" + expected + ")$")
    except PatternError:
        return expected == observed
    return pattern.search(observed) is not None


def to_sentence(words: Sequence[str], conjunction: str) -> str:
    """Vale's ToSentence: "'a'", "'a' or 'b'", "'a', 'b', or 'c'"."""
    quoted = [f"'{w}'" for w in words]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return f"{quoted[0]} {conjunction} {quoted[1]}"
    return ", ".join(quoted[:-1]) + f", {conjunction} " + quoted[-1]
