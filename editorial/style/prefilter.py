"""Which parts of which rules can match in a block, worked out without running their patterns.

Every match of the token ``at the end of the day`` contains the word "day" (in
some case); every match of ``colou?r`` a word starting "colo"; every match of
``[a-z]+[!?]{2,}`` a "!" or a "?". When a rule compiles, each of its parts (a
token, a swap key, a spelling pair) gets such *needs*: any one of them must be
in a block for the part to match there. The rules that read a kind of block
share one :class:`Index` of their needs, so a block's words are looked up once
for all of them: the word-list styles (cliches, profanity, jargon: hundreds of
phrases each) cost nothing in most blocks, and no rule is even called where
none of its parts can match.

The reading of a pattern is conservative: a construct it does not know makes
the part need nothing (it is tried in every block), never a wrong need. Words
are compared in lower case, with the few other characters the ``regex``
package takes for an ASCII letter under ``(?i)`` folded to that letter.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex

from editorial.style.patterns import is_literal

# A word start is looked up by at most this many characters; a shorter one
# than MIN_START starts words in nearly every block, so it is no need.
PREFIX_LENGTH = 4
MIN_START = 2

_WORD_CHAR = regex.compile(r"\w")
_ASCII_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "_")
# A literal pattern's runs of word characters, and the characters between them.
_PIECES = regex.compile(r"\w+|\W")
_WORD_RUN = regex.compile(r"\w+")
_ASCII_WORD_RUN = re.compile(r"\w+")
_FEW_WORDS = 32
_QUANTIFIER = regex.compile(r"\{(\d*)(,?)(\d*)\}")
# The characters besides ASCII letters that the regex package matches to an ASCII letter
# when it ignores case, mapped to that letter: "K" (Kelvin) already lower-cases to "k".
_FOLD = {"\u017f": "s", "\u0130": "i", "\u0131": "i"}
# Words in nearly every block: any other word a match needs rules out more blocks.
_COMMON_WORDS = frozenset(
    """a about all an and are as at be been but by can do for from has have he her his i if in into is it its
    more no not of on one or our she so than that the their them then there these they this to up was we were
    what when which who will with would you your""".split()
)
_COMMON_CHARS = frozenset(",.-'")
# Flags that change neither which words a match contains nor where words end.
_HARMLESS_FLAGS = frozenset("ims-")
# Escapes of one character class each; whether the class holds word characters.
_CLASS_ESCAPES = {"s": False, "W": False, "d": True, "D": None, "w": True, "S": None}
_CONTROL_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "e": "\x1b"}


@dataclass(frozen=True)
class Need:
    """Something every match contains: a whole word, a word's start, or a character that is not a word character."""

    text: str  # case-folded; a start is at most PREFIX_LENGTH characters
    kind: str  # "word", "start" or "char"


Needs = tuple[Need, ...]  # any one of them; a part with None needs nothing known


@functools.cache
def needs(pattern: str, bounded: bool) -> Needs | None:
    """What every match of ``pattern`` contains, or None when that cannot be told.

    ``bounded``: the pattern stands between word boundaries (Vale's word template).
    Styles share tokens (the cliches of proselint and write-good): each is read once.
    """
    if is_literal(pattern):
        return _literal_needs(pattern, bounded)
    return _group_needs(pattern, bounded, bounded)


def _literal_needs(text: str, bounded: bool) -> Needs | None:
    """What :func:`_sequence_needs` finds in a pattern of literal characters only, quicker: most tokens are."""
    candidates: list[Needs] = []
    for piece in _PIECES.finditer(text):
        start, end = piece.span()
        if is_word_char(text[start]):
            word = piece.group()
            if (start > 0 or bounded) and word.isascii():
                whole = end < len(text) or bounded
                folded = word.lower()
                if whole or len(folded) >= MIN_START:
                    candidates.append((Need(folded, "word") if whole else Need(folded[:PREFIX_LENGTH], "start"),))
        elif not piece.group().isspace():
            candidates.append((Need(piece.group(), "char"),))
    return max(candidates, key=_score) if candidates else None


def is_word_char(char: str) -> bool:
    if char.isascii():
        return char in _ASCII_WORD_CHARS
    return _WORD_CHAR.match(char) is not None


# Reading a pattern: its top level as items.


@dataclass(frozen=True)
class _Item:
    kind: str  # "lit", "edge", "class", "group" or "opaque"
    text: str = ""  # "lit": the character; "group": the body
    chars: frozenset[str] | None = None  # "class": the characters, when all are listed
    word: bool | None = None  # "class": whether it can be a word character (None: unknown)
    repeated: bool = False  # "group": quantified, at least once

    @property
    def bounds(self) -> bool:
        """Whether a word cannot run on through this item: it is or makes a word boundary."""
        if self.kind == "lit":
            return not is_word_char(self.text)
        if self.kind == "class":
            return self.word is False
        if self.kind == "group":
            return self.repeated is False and _group_bounds(self.text)
        return self.kind == "edge"


def _group_bounds(body: str) -> bool:
    # (?:^|\s): every branch is one boundary on its own.
    alternatives = branches(body)
    if alternatives is None:
        return False
    for branch in alternatives:
        items = _items(branch)
        if items is None or len(items) != 1 or not items[0].bounds:
            return False
    return True


def branches(pattern: str) -> list[str] | None:
    """The top-level branches of ``pattern`` (split at ``|``), or None if it cannot be read."""
    found = []
    start = depth = index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            if index + 1 == len(pattern):
                return None
            index += 2
            continue
        if char == "[":
            end = _class_end(pattern, index)
            if end < 0:
                return None
            index = end + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            found.append(pattern[start:index])
            start = index + 1
        index += 1
    if depth != 0:
        return None
    found.append(pattern[start:])
    return found


def _class_end(pattern: str, start: int) -> int:
    """The index of the ``]`` that closes the class opened at ``start``; -1 if none or nested."""
    index = start + 1
    if index < len(pattern) and pattern[index] == "^":
        index += 1
    if index < len(pattern) and pattern[index] == "]":
        index += 1
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            return -1  # a POSIX class or a nested set: not read here
        if char == "]":
            return index
        index += 1
    return -1


def _group_end(pattern: str, start: int) -> int:
    """The index of the ``)`` that closes the group opened at ``start``; -1 if none."""
    depth = 0
    index = start
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            end = _class_end(pattern, index)
            if end < 0:
                return -1
            index = end + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def _items(branch: str) -> list[_Item] | None:
    """One branch (no top-level ``|``) as items; None if a construct in it is not understood."""
    items: list[_Item] = []
    index = 0
    while index < len(branch):
        char = branch[index]
        if char == "\\":
            item, index = _escape(branch, index)
            if item is None:
                return None
        elif char == "[":
            end = _class_end(branch, index)
            if end < 0:
                return None
            item, index = _class(branch[index + 1 : end]), end + 1
        elif char == "(":
            end = _group_end(branch, index)
            if end < 0:
                return None
            item = _group(branch[index + 1 : end])
            index = end + 1
            if item is False:
                return None
            if item is None:
                continue  # inline flags or a comment: they match nothing
        elif char in "^$":
            item, index = _Item("edge"), index + 1
        elif char == ".":
            item, index = _Item("opaque"), index + 1
        elif char in "*+?{":
            return None  # a quantifier with nothing before it
        else:
            item, index = _Item("lit", char), index + 1
        minimum, index = _quantifier(branch, index)
        if minimum is None:
            return None
        items.append(item if minimum == -1 else _quantified(item, minimum))
    return items


def _escape(branch: str, index: int) -> tuple[_Item | None, int]:
    if index + 1 >= len(branch):
        return None, index
    char = branch[index + 1]
    if char == "b" or char in "AZ":
        return _Item("edge"), index + 2
    if char == "B":
        return _Item("opaque"), index + 2
    if char in _CLASS_ESCAPES:
        return _Item("class", word=_CLASS_ESCAPES[char]), index + 2
    if char in _CONTROL_ESCAPES:
        return _Item("lit", _CONTROL_ESCAPES[char]), index + 2
    if char.isalnum():
        return None, index  # \p{..}, \x.., \1, \G, \K...: not read here
    return _Item("lit", char), index + 2


def _class(body: str) -> _Item:
    """A class's item: listed characters that are not word characters make a boundary and a need."""
    if body.startswith("^"):
        return _Item("class")
    chars: set[str] = set()
    listed = True
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            escaped = body[index + 1]
            index += 2
            if escaped == "s":
                listed = False  # white space: not word characters, but too many to list
                continue
            if escaped in _CONTROL_ESCAPES:
                char = _CONTROL_ESCAPES[escaped]
            elif escaped.isalnum():
                return _Item("class")  # \w, \d, \p{..}, \x..
            else:
                char = escaped
        elif char == "-" and 0 < index < len(body) - 1:
            return _Item("class")  # a range may hold anything
        else:
            index += 1
        chars.add(char)
    if any(is_word_char(c) for c in chars):
        return _Item("class")
    return _Item("class", chars=frozenset(chars) if listed else None, word=False)


def _group(body: str) -> _Item | None | bool:
    """A group's item; None for one that matches nothing (flags, a comment); False if not understood."""
    if not body.startswith("?"):
        return _Item("group", body)
    if body.startswith("?#"):
        return None
    if body.startswith(("?:", "?>")):
        return _Item("group", body[2:])
    if body.startswith(("?=", "?!", "?<=", "?<!")):
        return _Item("opaque")
    named = regex.match(r"\?P?<[A-Za-z_]\w*>", body)
    if named:
        return _Item("group", body[named.end() :])
    flags = regex.match(r"\?([A-Za-z-]+)(:|$)", body)
    if flags and set(flags.group(1)) <= _HARMLESS_FLAGS:
        return _Item("group", body[flags.end() :]) if flags.group(2) else None
    return False


def _quantifier(branch: str, index: int) -> tuple[int | None, int]:
    """The least count of the quantifier at ``index`` (-1: none there) and the index after it."""
    if index >= len(branch) or branch[index] not in "*+?{":
        return -1, index
    char = branch[index]
    if char == "{":
        match = _QUANTIFIER.match(branch, index)
        if match is None or not (match.group(1) or match.group(3)):
            return None, index
        minimum = int(match.group(1) or 0)
        index = match.end()
    else:
        minimum = 1 if char == "+" else 0
        index += 1
    if index < len(branch) and branch[index] in "?+":
        index += 1  # lazy or possessive: the same count
    if index < len(branch) and branch[index] in "*+?{":
        return None, index
    return minimum, index


def _quantified(item: _Item, minimum: int) -> _Item:
    if minimum == 0:
        return _Item("opaque")
    if item.kind == "group":
        return _Item("group", item.text, repeated=True)
    if item.kind == "lit" and is_word_char(item.text):
        return _Item("opaque")  # "colou+r": the letters around it no longer make one known word
    return item


# What a sequence of items needs.


def _sequence_needs(items: Sequence[_Item], left: bool, right: bool) -> Needs | None:
    """The best of the needs found in ``items``; ``left``/``right``: a word boundary lies just outside."""
    candidates: list[Needs] = []
    run: list[str] = []
    run_start = 0
    for index in range(len(items) + 1):
        item = items[index] if index < len(items) else None
        if item is not None and item.kind == "lit" and is_word_char(item.text):
            if not run:
                run_start = index
            run.append(item.text)
            continue
        if run:
            before = items[run_start - 1].bounds if run_start > 0 else left
            after = item.bounds if item is not None else right
            word = "".join(run)
            # Only plain ASCII words: they are the ones whose case variants are known (see _FOLD).
            if before and word.isascii():
                folded = word.lower()
                if after or len(folded) >= MIN_START:
                    candidates.append((Need(folded, "word") if after else Need(folded[:PREFIX_LENGTH], "start"),))
            run = []
        if item is None:
            break
        # A character that is no word character has no other case. White space is everywhere.
        if item.kind == "lit" and not item.text.isspace():
            candidates.append((Need(item.text, "char"),))
        elif item.kind == "class" and item.chars and item.word is False and not any(c.isspace() for c in item.chars):
            candidates.append(tuple(Need(c, "char") for c in sorted(item.chars)))
        elif item.kind == "group":
            inner_left = not item.repeated and (items[index - 1].bounds if index > 0 else left)
            inner_right = not item.repeated and (items[index + 1].bounds if index + 1 < len(items) else right)
            found = _group_needs(item.text, inner_left, inner_right)
            if found is not None:
                candidates.append(found)
    if not candidates:
        return None
    return max(candidates, key=_score)  # the first of the best


def _group_needs(body: str, left: bool, right: bool) -> Needs | None:
    alternatives = branches(body)
    if alternatives is None:
        return None
    found: list[Need] = []
    for branch in alternatives:
        items = _items(branch)
        best = _sequence_needs(items, left, right) if items is not None else None
        if best is None:
            return None
        found.extend(best)
    return tuple(dict.fromkeys(found))


def _score(candidate: Needs) -> int:
    # A whole word is rarer than a word's start, a long one rarer than a short
    # one, but "the" is in every paragraph; a punctuation mark is about as rare
    # as a three-letter start, but a comma is everywhere too.
    def one(need: Need) -> int:
        if need.kind == "word":
            return 2 if need.text in _COMMON_WORDS else 10 + len(need.text)
        if need.kind == "start":
            return 2 * len(need.text)
        return 1 if need.text in _COMMON_CHARS else 6

    return min(one(need) for need in candidate)


# The index: every part of every rule that reads a kind of block, by what it needs.
# A part is one number, rule and part together, so that a block's look-up is
# set operations on numbers.

_SHIFT = 20
_PART = (1 << _SHIFT) - 1


@dataclass(frozen=True)
class Index:
    """The needs of the parts of several rules; :meth:`lookup` says which parts can match in a text."""

    words: dict[str, tuple[int, ...]]  # whole word -> the parts that need it
    starts: dict[str, tuple[int, ...]]  # word start -> the parts that need it
    chars: dict[str, tuple[int, ...]]  # character -> the parts that need it
    always: frozenset[int]  # the parts that need nothing known
    _word_keys: frozenset[str] = field(default=frozenset(), compare=False)
    _start_keys: frozenset[str] = field(default=frozenset(), compare=False)
    _char_keys: frozenset[str] = field(default=frozenset(), compare=False)
    _start_lengths: tuple[int, ...] = field(default=(), compare=False)
    # A few words only: found by a pattern of them, quicker than listing every word.
    _few_words: regex.Pattern[str] | None = field(default=None, compare=False)

    def lookup(self, text: str) -> dict[int, list[int]]:
        """For each rule with a part that can match in ``text``: those parts, in order."""
        found = set(self.always)
        if self._word_keys or self._start_keys:
            folded = _folded(text)
            if self._few_words is not None:
                words = set(self._few_words.findall(folded))
            else:
                # The re module is quicker, and reads \w as the regex package does in ASCII.
                words = set((_ASCII_WORD_RUN if folded.isascii() else _WORD_RUN).findall(folded))
            for word in self._word_keys.intersection(words):
                found.update(self.words[word])
            if self._start_keys:
                starts: set[str] = set()
                prefixes: Iterable[str] = words
                for size in self._start_lengths:  # longest first: each start is cut from a longer one
                    prefixes = {prefix[:size] for prefix in prefixes}
                    starts |= prefixes
                for start in self._start_keys.intersection(starts):
                    found.update(self.starts[start])
        for char in self._char_keys.intersection(text):
            found.update(self.chars[char])
        rules: dict[int, list[int]] = {}
        for code in sorted(found):
            rules.setdefault(code >> _SHIFT, []).append(code & _PART)
        return rules


def _folded(text: str) -> str:
    if not text.isascii():
        for char, letter in _FOLD.items():
            if char in text:
                text = text.replace(char, letter)
    return text.lower()


def build_index(rules: Sequence[Sequence[Needs | None]]) -> Index:
    """The index of ``rules[i][j]``, the needs of part j of rule i."""
    tables: dict[str, dict[str, list[int]]] = {"word": {}, "start": {}, "char": {}}
    always = []
    for rule, parts in enumerate(rules):
        if len(parts) > _PART:
            raise ValueError(f"a rule of {len(parts)} parts")
        for part, part_needs in enumerate(parts):
            code = rule << _SHIFT | part
            if part_needs is None:
                always.append(code)
                continue
            for need in part_needs:
                tables[need.kind].setdefault(need.text, []).append(code)
    words, starts, chars = ({k: tuple(v) for k, v in tables[kind].items()} for kind in ("word", "start", "char"))
    return Index(
        words,
        starts,
        chars,
        frozenset(always),
        frozenset(words),
        frozenset(starts),
        frozenset(chars),
        tuple(sorted({len(start) for start in starts}, reverse=True)),
        _few_words_pattern(words) if not starts and 0 < len(words) <= _FEW_WORDS else None,
    )


def _few_words_pattern(words: Iterable[str]) -> regex.Pattern[str]:
    # Longest first: at a word's start, the whole word is the one to find.
    alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"\b(?:{alternatives})\b")
