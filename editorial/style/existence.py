"""``extends: existence``: report every match of the rule's tokens.

The tokens are joined into one alternation inside the word template
(``\\b(?:a|b|c)\\b``), so the text is scanned once per rule, not once per token.
``raw`` is a pattern used as written, before the template (or after it with
``append``); ``nonword`` drops the word boundaries.

Each token is a part for the prefilter: a block in which no token can match is
not read at all, and one in which only a few can is searched for those few
alone (:mod:`editorial.style.alternation`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
)
from editorial.style.message import format_message
from editorial.style.patterns import compile_pattern, wrap_spaces
from editorial.style.rule import RuleSpec, get_bool, get_list


@dataclass(frozen=True)
class Existence:
    spec: RuleSpec
    source: str  # the pattern, compiled when first used (see compile)
    exceptions: regex.Pattern[str] | None
    # What each token needs in a block (with `raw`, one part for the whole
    # rule: the raw pattern cannot be told apart from the tokens); None: no
    # prefilter.
    parts: tuple[prefilter.Needs | None, ...] | None = None
    one_by_one: alternation.Branches | None = None  # the tokens, if they can be searched alone

    def run(self, block: Block, state: FileState, chosen: Sequence[int] | None = None) -> list[Hit]:
        text = block.text
        found: Iterable[regex.Match[str]] | None = None
        if chosen is not None and self.one_by_one is not None and len(chosen) < len(self.one_by_one.branches):
            some = self.one_by_one.matches(chosen, text)
            if some is not None:
                found = [match for match, _ in some]
        if found is None:
            found = compile_pattern(self.source).finditer(text)
        hits: list[Hit] = []
        for match in found:
            start, end = match.span()
            if start == end:
                continue
            observed = match.group(0)
            if is_match(self.exceptions, observed.strip()):
                continue
            hits.append(Hit(start, end, format_message(self.spec.message, observed), _replacements(self.spec)))
        return hits


def _replacements(spec: RuleSpec) -> tuple[str, ...]:
    if spec.action is not None and spec.action.name == "replace":
        return spec.action.params
    return ()


def compile(spec: RuleSpec, context: Context) -> Existence:
    tokens = [t for t in get_list(spec, "tokens") if t.strip()]
    raw = "".join(get_list(spec, "raw"))
    nonword = get_bool(spec, "nonword")
    use_vocab = get_bool(spec, "vocab", True)
    template = make_regexp(
        context.word_template,
        get_bool(spec, "ignorecase"),
        not nonword and bool(tokens),
        raw,
        get_bool(spec, "append"),
    )
    # A phrase is found however the paragraph was wrapped; its words are what the prefilter needs.
    wrapped = [wrap_spaces(t) for t in tokens]
    source = fill(template, "|".join(wrapped))
    # A mistake in the pattern is reported now; a pattern known to be valid is
    # compiled when first needed, which may be never.
    if not alternation.known_valid(template, tokens):
        compile_rule_pattern(spec, "tokens" if tokens else "raw", source)
    # The vocabulary is a list of accepted words: it cannot sensibly except a
    # `nonword` match, which may merely contain one.
    exceptions = exceptions_pattern(spec, get_list(spec, "exceptions"), context, use_vocab and not nonword)
    word_bounded = bounded(context, nonword)
    parts = _parts([prefilter.needs(t, word_bounded) for t in tokens], bool(raw))
    separable = not raw and alternation.separable(template, wrapped)
    return Existence(spec, source, exceptions, parts, alternation.Branches(template, tuple(wrapped)) if separable else None)


def _parts(needs: list[prefilter.Needs | None], raw: bool) -> tuple[prefilter.Needs | None, ...] | None:
    if not needs or all(n is None for n in needs):
        return None
    if raw:
        # Every match holds a match of one token, whatever the raw pattern matched.
        if any(n is None for n in needs):
            return None
        return (tuple(dict.fromkeys(need for n in needs for need in n or ())),)
    return tuple(needs)
