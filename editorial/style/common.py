"""What the rule types share: the word template, exception lists, the vocabulary."""

from __future__ import annotations

import functools
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


# A cheap test that rules out most blocks before a rule's pattern runs. The
# big word-list styles (cliches, profanity, jargon) match rarely, and an
# alternation of a thousand phrases is slow to try at every word of every
# block; a set lookup of the words each phrase must contain is not.

PREFIX_LENGTH = 4
_QUANTIFIERS = "?*{+"


@dataclass(frozen=True)
class TokenFilter:
    """For each token of a rule, the word it requires: which tokens can match in a text."""

    whole: dict[str, tuple[int, ...]]  # word -> the tokens that require it whole
    starts: dict[str, tuple[int, ...]]  # word start -> the tokens that require a word starting so
    count: int
    _whole_keys: frozenset[str] = field(default=frozenset(), compare=False)
    _start_keys: frozenset[str] = field(default=frozenset(), compare=False)

    def candidates(self, text: str) -> tuple[int, ...]:
        words, starts = text_words(text)
        found: list[int] = []
        for word in self._whole_keys.intersection(words):
            found.extend(self.whole[word])
        for start in self._start_keys.intersection(starts):
            found.extend(self.starts[start])
        return tuple(sorted(set(found)))


def token_filter(tokens: Sequence[str], word_bounded: bool) -> TokenFilter | None:
    """A filter for a rule made of ``tokens``, or None when one of them requires no word."""
    whole: dict[str, list[int]] = {}
    starts: dict[str, list[int]] = {}
    for index, token in enumerate(tokens):
        found = required_words(token, word_bounded)
        if found is None:
            return None
        for word, is_whole in found:
            if is_whole:
                whole.setdefault(word, []).append(index)
            else:
                starts.setdefault(word[:PREFIX_LENGTH], []).append(index)
    return TokenFilter(
        {k: tuple(v) for k, v in whole.items()},
        {k: tuple(v) for k, v in starts.items()},
        len(tokens),
        frozenset(whole),
        frozenset(starts),
    )


def required_words(token: str, word_bounded: bool, depth: int = 0) -> list[tuple[str, bool]] | None:
    """Words one of which every match of ``token`` contains (see required_word), or None."""
    single = required_word(token, word_bounded)
    if single is not None:
        return [single]
    if depth > 2:
        return None
    # An alternation, at the top or as the token's only group: one word per branch.
    body = token
    for flag in ("(?i)", "(?-i)"):
        body = body.removeprefix(flag)
    bounded = word_bounded
    if body.startswith("\\b") and body.endswith("\\b"):
        body, bounded = body[2:-2], True
    if body.startswith("(?:") and body.endswith(")") and _closing(body, 0) == len(body) - 1:
        body = body[3:-1]
    branches = _split_top_level(body)
    if branches is None or len(branches) < 2:
        return None
    found: list[tuple[str, bool]] = []
    for branch in branches:
        words = required_words(branch, bounded, depth + 1)
        if words is None:
            return None
        found.extend(words)
    return found


def _closing(text: str, start: int) -> int:
    depth = 0
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "[":
            end = text.find("]", i + 2)
            i = end + 1 if end >= 0 else len(text)
            continue
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _split_top_level(text: str) -> list[str] | None:
    parts, depth, current, i = [], 0, [], 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if char == "[":
            end = text.find("]", i + 2)
            if end < 0:
                return None
            current.append(text[i : end + 1])
            i = end + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    parts.append("".join(current))
    return parts


def required_word(token: str, word_bounded: bool) -> tuple[str, bool] | None:
    """A word every match of ``token`` contains: (word, True) whole, (prefix, False) as a word's start."""
    items = _top_level(token)
    if items is None:
        return None
    best: tuple[str, bool] | None = None
    run: list[str] = []
    run_start = 0
    for index in range(len(items) + 1):
        item = items[index] if index < len(items) else None
        if item is not None and len(item) == 1 and item.isalnum():
            if not run:
                run_start = index
            run.append(item)
            continue
        if run:
            before = items[run_start - 1] if run_start > 0 else ("\b" if word_bounded else None)
            after = item if item is not None else ("\b" if word_bounded else None)
            left = before is not None and (before == "\b" or (len(before) == 1 and not before.isalnum()))
            right = after is not None and (after == "\b" or (len(after) == 1 and not after.isalnum()))
            word = "".join(run).lower()
            if left:
                candidate = (word, right)
                if best is None or _better(candidate, best):
                    best = candidate
            run = []
    return best


def _better(candidate: tuple[str, bool], best: tuple[str, bool]) -> bool:
    # A whole word beats a prefix; a longer word is rarer than a short one.
    return (candidate[1], len(candidate[0])) > (best[1], len(best[0]))


def _top_level(token: str) -> list[str] | None:
    """The token as top-level items: one literal character each, or a marker for anything else.

    None when the token is an alternation at its top level (no word is required).
    """
    items: list[str] = []
    i = 0
    while i < len(token):
        char = token[i]
        if char == "\\" and i + 1 < len(token):
            nxt = token[i + 1]
            if nxt == "b":
                items.append("\\b")
            elif nxt.isalnum():
                items.append("<class>")  # \d, \s, \w ...
            else:
                items.append(nxt)
            i += 2
        elif char == "(":
            depth, j = 1, i + 1
            while j < len(token) and depth:
                if token[j] == "\\":
                    j += 1
                elif token[j] == "(":
                    depth += 1
                elif token[j] == ")":
                    depth -= 1
                j += 1
            group = token[i:j]
            items.append("<flags>" if group.startswith(("(?i)", "(?-i)", "(?m)", "(?s)")) else "<group>")
            i = j
        elif char == "[":
            j = token.find("]", i + 2)
            if j < 0:
                return None
            items.append("<class>")
            i = j + 1
        elif char == "|":
            return None
        elif char in _QUANTIFIERS:
            # The item before is optional or repeated: not a literal any more.
            if items:
                items[-1] = "<quantified>"
            if char == "{":
                j = token.find("}", i)
                i = j + 1 if j >= 0 else len(token)
            else:
                i += 1
        elif char in ".^$":
            items.append("<any>")
            i += 1
        else:
            items.append(char)
            i += 1
    # Inline flags change nothing about which words appear.
    return [item for item in items if item != "<flags>"]


_WORD_RUN = regex.compile(r"\w+")


@functools.lru_cache(maxsize=8192)
def text_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The text's words, lower-cased, and every start of them up to PREFIX_LENGTH characters."""
    words = frozenset(_WORD_RUN.findall(text.lower()))
    starts = frozenset(w[:size] for w in words for size in range(1, min(len(w), PREFIX_LENGTH) + 1))
    return words, starts
