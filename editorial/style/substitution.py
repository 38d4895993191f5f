"""``extends: substitution``: suggest the ``swap`` value for each key found.

All keys are joined into one pattern, longest first so alternation is greedy,
each key its own group: the group that matched says which replacement applies.
A match already equal to its replacement is not reported.

Each key is a part for the prefilter, as each token of an ``existence`` rule is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from editorial.style import alternation, prefilter
from editorial.style.block import Block, Hit
from editorial.style.common import (
    Context,
    FileState,
    bounded,
    compile_rule_pattern,
    exceptions_pattern,
    fill,
    is_match,
    make_regexp,
    match_token,
    to_sentence,
)
from editorial.style.message import format_message
from editorial.style.patterns import PatternError, compile_pattern, is_literal, wrap_spaces
from editorial.style.rule import RuleSpec, get_bool, get_list, get_map

_CAPTURE_OPEN = regex.compile(r"(?<!\\)\((?!\?)")
_GROUP_REFERENCE = regex.compile(r"\$\d+")


@dataclass(frozen=True)
class Substitution:
    spec: RuleSpec
    source: str  # the pattern, compiled when first used (see compile)
    terms: tuple[str, ...]  # as written, for `$1` references in replacements
    replacements: tuple[str, ...]
    groups: tuple[int, ...]  # the group number of each term in the pattern
    exceptions: regex.Pattern[str] | None
    ignorecase: bool
    capitalize: bool
    parts: tuple[prefilter.Needs | None, ...] | None = None  # what each term needs in a block
    one_by_one: alternation.Branches | None = None  # the terms, each in its group, if they can be searched alone

    def run(self, block: Block, state: FileState, chosen: Sequence[int] | None = None) -> list[Hit]:
        hits: list[Hit] = []
        text = block.text
        found = None
        if chosen is not None and self.one_by_one is not None and len(chosen) < len(self.terms):
            # Searched on its own, a term is group 1 of its pattern.
            some = self.one_by_one.matches(chosen, text)
            if some is not None:
                found = [(match, index, 1) for match, index in some]
        action = self.spec.action
        replace = action is not None and action.name == "replace"
        for match, index, group in found if found is not None else self._matches(text):
            start, end = match.span(group)
            if start == end:
                continue
            observed = match.group(group)
            expected = self._expected(index, observed)
            if replace:
                same = observed in options(expected)
            else:
                same = match_token(expected, observed, False)
            if same or is_match(self.exceptions, observed):
                continue
            message = self.spec.message
            suggestions = options(expected)
            if replace and not action.params:  # type: ignore[union-attr]
                if self.capitalize and observed == _cap_first(observed):
                    suggestions = [_cap_first(s) for s in suggestions]
                # The suggestions read as a sentence of quoted words, so the message's
                # own quotes around them go: "Use 'a' or 'b' instead of 'c'".
                expected = to_sentence(suggestions, "or")
                message = _unquote_first(message)
            elif replace:
                suggestions = list(action.params)  # type: ignore[union-attr]
            shown = observed.strip()
            hits.append(Hit(start, end, format_message(message, expected, shown), tuple(suggestions)))
        return hits

    def _matches(self, text: str) -> Iterator[tuple[regex.Match[str], int, int]]:
        """The whole pattern's matches, each with the term it found and that term's group."""
        for match in compile_pattern(self.source).finditer(text):
            found = next((i for i, g in enumerate(self.groups) if match.start(g) != -1), None)
            if found is not None:
                yield match, found, self.groups[found]

    def _expected(self, index: int, observed: str) -> str:
        expected = self.replacements[index]
        if self.capitalize and observed == _cap_first(observed):
            expected = _cap_first(expected)
        if not _GROUP_REFERENCE.search(expected):
            return expected
        term = self.terms[index]
        try:
            pattern = compile_pattern(("(?i)" if self.ignorecase else "") + term)
        except PatternError:
            return expected
        # Go's $1 spelling of a group reference.
        return pattern.sub(lambda m: _expand(expected, m), observed)


def _expand(template: str, match: regex.Match[str]) -> str:
    def group(ref: regex.Match[str]) -> str:
        number = int(ref.group(0)[1:])
        try:
            return match.group(number) or ""
        except IndexError:
            return ""

    return _GROUP_REFERENCE.sub(group, template)


def options(expected: str) -> list[str]:
    """The alternatives in a replacement (``a|b``), ``\\|`` being a literal bar."""
    temp = expected.replace("\\|", "\0")
    return [o.replace("\0", "|") for o in temp.split("|") if o]


def _cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _unquote_first(message: str) -> str:
    # A list of suggestions is already a sentence: "'a' or 'b'" must not be quoted again.
    for spec in ("'%s'", '"%s"'):
        if spec in message:
            message = message.replace(spec, "%s", 1)
    return message


def compile(spec: RuleSpec, context: Context) -> Substitution:
    swap = get_map(spec, "swap")
    ignorecase = get_bool(spec, "ignorecase")
    nonword = get_bool(spec, "nonword")
    template = make_regexp(context.word_template, ignorecase, not nonword, "", True)
    # Longest first: Go's sort is not stable, but for equal lengths the file order is as good as any.
    terms = sorted(swap, key=len, reverse=True)
    bodies = []
    numbers = []
    number = 1
    for term in terms:
        if term.count("(") != term.count("(?") + term.count("\\("):
            term = _CAPTURE_OPEN.sub("(?:", term)
        bodies.append(term)
        numbers.append(number)
        # Named groups stay capturing; count them so later terms keep their numbers.
        number += 1 + (0 if is_literal(term) else compile_rule_pattern(spec, "swap", term).groups)
    # A phrase is found however the paragraph was wrapped; its words are what the prefilter needs.
    groups = tuple(f"({wrap_spaces(body)})" for body in bodies)
    source = fill(template, "|".join(groups))
    # A mistake in the pattern is reported now; a pattern known to be valid is
    # compiled when first needed, which may be never.
    if not alternation.known_valid(template, bodies):
        compile_rule_pattern(spec, "swap", source)
    exceptions = exceptions_pattern(spec, get_list(spec, "exceptions"), context, get_bool(spec, "vocab", True))
    word_bounded = bounded(context, nonword)
    needs = [prefilter.needs(body, word_bounded) for body in bodies]
    return Substitution(
        spec,
        source,
        tuple(terms),
        tuple(swap[t] for t in terms),
        tuple(numbers),
        exceptions,
        ignorecase,
        get_bool(spec, "capitalize"),
        tuple(needs) if any(n is not None for n in needs) else None,
        alternation.Branches(template, groups) if alternation.separable(template, groups) else None,
    )
