"""``extends: capitalization``: a block (usually a heading) in title case, sentence case, or a pattern.

``$title`` and ``$sentence`` convert the text and count the words that already
agree; the block passes when the share of them reaches ``threshold`` (0.8 by
default). ``exceptions`` (and the accepted vocabulary) are words whose case is
always right; ``indicators`` are endings (``:``) after which a capital is fine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from editorial.style.block import Block, Hit
from editorial.style.common import Context, FileState, compile_rule_pattern, exceptions_pattern, is_match
from editorial.style.message import format_message
from editorial.style.patterns import PatternError, compile_pattern
from editorial.style.rule import RuleSpec, get_bool, get_float, get_list, get_str

_WORD = r"[\p{N}\p{L}*]+[^\s]*"
_TITLE_SPLIT = regex.compile(r"[\p{N}\p{L}]+[^\s\-/]*")
_NUMBER_LIST = regex.compile(r"\d+\.")
_ASCII = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-"})

SMALL_WORDS = frozenset(
    "a an and as at but by en for if in nor of on or per the to vs vs. via v v.".split()
)
PREPOSITIONS = frozenset(
    "with from into during including until against among throughout despite towards upon "
    "concerning about over through before between after since without under within along "
    "following across beyond around down near above".split()
)

Check = Callable[[str], tuple[str, bool]]


@dataclass(frozen=True)
class Capitalization:
    spec: RuleSpec
    check: Check

    def run(self, block: Block, state: FileState) -> list[Hit]:
        text = block.text
        expected, ok = self.check(text)
        if ok:
            return []
        action = self.spec.action
        suggestions: tuple[str, ...] = ()
        if action is not None and action.name == "replace":
            suggestions = action.params or (expected,)
        return [Hit(0, len(text), format_message(self.spec.message, text, expected), suggestions)]


def _go_title(word: str) -> str:
    """Go's strings.Title: a capital after every non-letter (so "isn't" -> "Isn'T")."""
    out = []
    previous = " "
    for char in word:
        separator = not (previous.isalnum() or previous == "_")
        out.append(char.upper() if separator else char)
        previous = char
    return "".join(out)


def _to_title(token: str) -> str:
    return token[:1].upper() + token[1:].lower()


@dataclass(frozen=True)
class SentenceConverter:
    vocab: tuple[str, ...]
    indicators: tuple[str, ...]
    prefix: regex.Pattern[str] | None

    def convert(self, text: str) -> str:
        lead = ""
        if self.prefix is not None:
            found = self.prefix.match(text)
            if found:
                lead, text = text[: found.end()], text[found.end() :]
        pattern = _WORD
        if self.vocab:
            pattern = r"\b(?:" + "|".join(self.vocab) + r")\b|" + pattern
        tokens = _findall("(?i)" + pattern, text)
        made = []
        for i, token in enumerate(tokens):
            previous = tokens[i - 1] if i else ""
            entry = self._in_vocab(token)
            if entry:
                made.append(entry)
            elif i == 0 or self._indicator(previous, i - 1):
                made.append(_to_title(token))
            else:
                made.append(token.lower())
        return lead + " ".join(made)

    def _indicator(self, word: str, index: int) -> bool:
        return any(word.endswith(s) for s in self.indicators) or (index == 0 and bool(_NUMBER_LIST.search(word)))

    def _in_vocab(self, token: str) -> str:
        for term in self.vocab:
            if term.lower() == token.lower():
                return term
            try:
                if compile_pattern(term).search(token):
                    return token
            except PatternError:
                continue
        return ""


@dataclass(frozen=True)
class TitleConverter:
    chicago: bool
    vocab: tuple[str, ...]

    def convert(self, text: str) -> str:
        ascii_text = text.translate(_ASCII)
        end = len(ascii_text)
        vocab = {v.lower(): v for v in self.vocab}
        position = 0

        def at(i: int) -> str:
            return ascii_text[i] if 0 <= i < end else (ascii_text[:1] or " ")

        def replace(match: regex.Match[str]) -> str:
            nonlocal position
            word = match.group(0)
            lower = word.lower()
            if lower in vocab:
                position = match.end()
                return vocab[lower]
            start = ascii_text.find(word, position)
            if start < 0:
                start = match.start()
            previous = at(start - 1)
            position = start + len(word)
            bounding = start == 0 or position == end
            small = lower in SMALL_WORDS or (self.chicago and lower in PREPOSITIONS)
            if (
                small
                and not bounding
                and previous in " -/"
                and at(start - 2) not in ":-"
                and (at(position) != "-" or previous == "-")
            ):
                return lower
            return word[:1].upper() + word[1:]

        return _TITLE_SPLIT.sub(replace, text)


def _findall(pattern: str, text: str) -> list[str]:
    return [m.group(0) for m in compile_pattern(pattern).finditer(text)]


def _tokens_pattern(exceptions: regex.Pattern[str] | None) -> str:
    return (exceptions.pattern + "|" + _WORD) if exceptions is not None else _WORD


def _title_check(converter: TitleConverter, exceptions: regex.Pattern[str] | None, threshold: float) -> Check:
    tokens = _tokens_pattern(exceptions)

    def check(text: str) -> tuple[str, bool]:
        expected = converter.convert(text)
        wanted = _findall(tokens, expected)
        count = words = 0
        for i, word in enumerate(_findall(tokens, text)):
            if i >= len(wanted) or word == wanted[i] or is_match(exceptions, word) or word == word.upper():
                count += 1
            words += 1
        return expected, words == 0 or count / words >= threshold

    return check


def _sentence_check(converter: SentenceConverter, exceptions: regex.Pattern[str] | None, threshold: float) -> Check:
    tokens = _tokens_pattern(exceptions)

    def check(text: str) -> tuple[str, bool]:
        expected = converter.convert(text)
        wanted = _findall(tokens, expected)
        count = words = 0
        for i, word in enumerate(_findall(tokens, text)):
            if i >= len(wanted) or word == wanted[i] or is_match(exceptions, word):
                count += 1
            elif i == 0 and word != _go_title(word.lower()):
                return expected, False
            words += 1
        return expected, words == 0 or count / words >= threshold

    return check


def _case_check(convert: Callable[[str], str], exceptions: regex.Pattern[str] | None) -> Check:
    def check(text: str) -> tuple[str, bool]:
        expected = convert(text)
        return expected, text == expected or is_match(exceptions, text)

    return check


def compile(spec: RuleSpec, context: Context) -> Capitalization:
    exceptions_list = get_list(spec, "exceptions")
    use_vocab = get_bool(spec, "vocab", True)
    exceptions = exceptions_pattern(spec, exceptions_list, context, use_vocab)
    threshold = get_float(spec, "threshold") or 0.8
    # As in Vale, the converters see the exception terms as the exception
    # pattern has them: longest first, each case-sensitive unless it says (?i).
    terms = list(exceptions_list) + (list(context.accepted) if use_vocab else [])
    terms.sort(key=len, reverse=True)
    vocab: Sequence[str] = tuple(t if t.startswith("(?i)") else "(?-i)" + t for t in terms)
    match = get_str(spec, "match")
    prefix_text = get_str(spec, "prefix")
    prefix = compile_rule_pattern(spec, "prefix", prefix_text) if prefix_text else None
    check: Check
    if match == "$title":
        chicago = get_str(spec, "style", "AP").lower() == "chicago"
        check = _title_check(TitleConverter(chicago, tuple(vocab)), exceptions, threshold)
    elif match == "$sentence":
        converter = SentenceConverter(tuple(vocab), tuple(get_list(spec, "indicators")), prefix)
        check = _sentence_check(converter, exceptions, threshold)
    elif match == "$lower":
        check = _case_check(str.lower, exceptions)
    elif match == "$upper":
        check = _case_check(str.upper, exceptions)
    elif match:
        pattern = compile_rule_pattern(spec, "match", match)

        def check(text: str) -> tuple[str, bool]:
            return match, pattern.search(text) is not None or is_match(exceptions, text)

    else:
        raise spec.error("match", "a capitalization rule needs 'match': $title, $sentence, $lower, $upper or a pattern")
    return Capitalization(spec, check)
