"""``extends: substitution``: suggest the ``swap`` value for each key found.

All keys are joined into one pattern, longest first so alternation is greedy,
each key its own group: the group that matched says which replacement applies.
A match already equal to its replacement is not reported.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from editorial.style.block import Block, Hit
from editorial.style.common import (
    Context,
    FileState,
    TokenFilter,
    compile_rule_pattern,
    exceptions_pattern,
    fill,
    is_match,
    make_regexp,
    match_token,
    token_filter,
    to_sentence,
)
from editorial.style.message import format_message
from editorial.style.patterns import PatternError, compile_pattern
from editorial.style.rule import RuleSpec, get_bool, get_list, get_map

_CAPTURE_OPEN = regex.compile(r"(?<!\\)\((?!\?)")
_GROUP_REFERENCE = regex.compile(r"\$\d+")


@dataclass(frozen=True)
class Substitution:
    spec: RuleSpec
    pattern: regex.Pattern[str]
    terms: tuple[str, ...]  # as written, for `$1` references in replacements
    replacements: tuple[str, ...]
    groups: tuple[int, ...]  # the group number of each term in `pattern`
    patterns: tuple[str, ...]  # each term as it stands in `pattern`, "(term)"
    exceptions: regex.Pattern[str] | None
    ignorecase: bool
    capitalize: bool
    template: str = ""
    filter: TokenFilter | None = None

    def run(self, block: Block, state: FileState) -> list[Hit]:
        hits: list[Hit] = []
        text = block.text
        pattern, groups, chosen = self.pattern, self.groups, None
        if self.filter is not None:
            # Only the keys whose required word is in the block can match in it.
            chosen = self.filter.candidates(text)
            if not chosen:
                return hits
            if len(chosen) < len(self.terms):
                pattern, groups = _subset(self.template, self.patterns, chosen)
            else:
                chosen = None
        action = self.spec.action
        replace = action is not None and action.name == "replace"
        for match in pattern.finditer(text):
            found = next((i for i, g in enumerate(groups) if match.start(g) != -1), None)
            if found is None:
                continue
            index = found if chosen is None else chosen[found]
            group = groups[found]
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


@functools.lru_cache(maxsize=4096)
def _subset(template: str, patterns: tuple[str, ...], chosen: tuple[int, ...]) -> tuple[regex.Pattern[str], tuple[int, ...]]:
    """The pattern of the chosen terms only, and the group number of each."""
    groups = []
    number = 1
    for index in chosen:
        groups.append(number)
        number += 1 + compile_pattern(patterns[index][1:-1]).groups
    return compile_pattern(fill(template, "|".join(patterns[i] for i in chosen))), tuple(groups)


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
    template = make_regexp(context.word_template, ignorecase, not get_bool(spec, "nonword"), "", True)
    # Longest first: Go's sort is not stable, but for equal lengths the file order is as good as any.
    terms = sorted(swap, key=len, reverse=True)
    groups = []
    numbers = []
    number = 1
    for term in terms:
        if term.count("(") != term.count("(?") + term.count("\\("):
            term = _CAPTURE_OPEN.sub("(?:", term)
        groups.append(f"({term})")
        numbers.append(number)
        # Named groups stay capturing; count them so later terms keep their numbers.
        number += 1 + compile_rule_pattern(spec, "swap", term).groups
    pattern = compile_rule_pattern(spec, "swap", fill(template, "|".join(groups)))
    exceptions = exceptions_pattern(spec, get_list(spec, "exceptions"), context, get_bool(spec, "vocab", True))
    return Substitution(
        spec,
        pattern,
        tuple(terms),
        tuple(swap[t] for t in terms),
        tuple(numbers),
        tuple(groups),
        exceptions,
        ignorecase,
        get_bool(spec, "capitalize"),
        template,
        token_filter([g[1:-1] for g in groups], not get_bool(spec, "nonword")),
    )
