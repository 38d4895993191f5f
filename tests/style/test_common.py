from __future__ import annotations

from editorial.style.common import (
    WORD_TEMPLATE,
    Context,
    bounded,
    is_default_template,
    make_regexp,
)


def test_vales_own_templates() -> None:
    assert is_default_template(make_regexp("", True, True, "", True))
    assert is_default_template(make_regexp("", False, False, "", True))
    assert not is_default_template(make_regexp("", False, True, r"\s+", True))  # raw after the template
    assert not is_default_template(make_regexp(r"(?:^|\s)(?:%s)", False, True, "", True))


def test_tokens_between_word_boundaries() -> None:
    assert bounded(Context(), nonword=False)
    assert bounded(Context(word_template=WORD_TEMPLATE), nonword=False)
    assert not bounded(Context(), nonword=True)
    assert not bounded(Context(word_template=r"(?:^|\s)(?:%s)"), nonword=False)
