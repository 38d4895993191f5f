"""``extends: existence``: report every match of the rule's tokens.

The tokens are joined into one alternation inside the word template
(``\\b(?:a|b|c)\\b``), so the text is scanned once per rule, not once per token.
``raw`` is a pattern used as written, before the template (or after it with
``append``); ``nonword`` drops the word boundaries.
"""

from __future__ import annotations

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
    token_filter,
)
from editorial.style.patterns import compile_pattern
from editorial.style.message import format_message
from editorial.style.rule import RuleSpec, get_bool, get_list


@dataclass(frozen=True)
class Existence:
    spec: RuleSpec
    pattern: regex.Pattern[str]
    exceptions: regex.Pattern[str] | None
    # With a filter, only the tokens whose required word is in the block are
    # tried, in their order: the others cannot match there, so the matches are
    # the same as the whole alternation's.
    tokens: tuple[str, ...] = ()
    template: str = ""
    filter: TokenFilter | None = None

    def run(self, block: Block, state: FileState) -> list[Hit]:
        hits: list[Hit] = []
        text = block.text
        pattern = self.pattern
        if self.filter is not None:
            chosen = self.filter.candidates(text)
            if not chosen:
                return hits
            if len(chosen) < len(self.tokens):
                pattern = compile_pattern(fill(self.template, "|".join(self.tokens[i] for i in chosen)))
        for match in pattern.finditer(text):
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
    key = "tokens" if tokens else "raw"
    pattern = compile_rule_pattern(spec, key, fill(template, "|".join(tokens)))
    # The vocabulary is a list of accepted words: it cannot sensibly except a
    # `nonword` match, which may merely contain one.
    exceptions = exceptions_pattern(spec, get_list(spec, "exceptions"), context, use_vocab and not nonword)
    # Only tokens alone can be filtered: `raw` may match anywhere.
    chosen = token_filter(tokens, not nonword) if tokens and not raw else None
    return Existence(spec, pattern, exceptions, tuple(tokens), template, chosen)
