from __future__ import annotations

import pytest

from editorial.style import alternation
from editorial.style.common import NONWORD_TEMPLATE, WORD_TEMPLATE, fill
from editorial.style.patterns import compile_pattern

TOKENS = ("at the end", "the end of the day", "end", "day", "(?:the )?day off", "of")
TEXT = "At the end of the day, the end of the day off is the day off. Friday's end-of-day"


@pytest.mark.parametrize("template", [WORD_TEMPLATE, NONWORD_TEMPLATE, "(?i)" + WORD_TEMPLATE])
@pytest.mark.parametrize("chosen", [(0, 1, 2, 3, 4, 5), (1, 2), (2, 4, 5), (3, 4)])
def test_branch_by_branch_as_the_alternation_finds_them(template: str, chosen: tuple[int, ...]) -> None:
    # The whole alternation, each token its own named group to tell which matched.
    whole = compile_pattern(fill(template, "|".join(f"(?P<t{i}>{TOKENS[i]})" for i in chosen)))
    expected = [(m.span(), int(m.lastgroup[1:])) for m in whole.finditer(TEXT)]  # type: ignore[index]
    found = alternation.Branches(template, TOKENS).matches(chosen, TEXT)
    assert found is not None
    assert [(m.span(), i) for m, i in found] == expected
    assert expected  # the case says something


def test_an_empty_match_needs_the_whole_pattern() -> None:
    assert alternation.Branches(NONWORD_TEMPLATE, ("x*", "y")).matches((0, 1), "ayb") is None


def test_a_branch_that_does_not_compile_alone_needs_the_whole_pattern() -> None:
    assert alternation.Branches(WORD_TEMPLATE, ("a(", "b")).matches((0, 1), "a b") is None


def test_only_tokens_that_stand_alone_are_separable() -> None:
    assert alternation.separable(WORD_TEMPLATE, ("a", "b(?:c|d)", "(?i:e)", "f(?=g)"))
    assert not alternation.separable(WORD_TEMPLATE, ("(?i)a", "b"))  # the flag carries over to b
    assert not alternation.separable(WORD_TEMPLATE, ("(a)\\1",))
    assert not alternation.separable("(?:^|\\s)(?:%s)", ("a", "b"))  # a template that can backtrack


def test_self_contained() -> None:
    assert alternation.self_contained("a(b|c)[)(]")
    assert not alternation.self_contained("a)|(b")
    assert not alternation.self_contained("a\\")
    assert not alternation.self_contained("(a)\\2")
