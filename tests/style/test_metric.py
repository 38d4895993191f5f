from __future__ import annotations

import pytest

from editorial.errors import EditorialError
from tests.style.conftest import Lint


def test_formula_over_block_counts(lint: Lint) -> None:
    rule = """
    extends: metric
    message: "This topic has %s headings and lists."
    formula: heading.h1 + list
    condition: "> 1"
    """
    assert lint("# One\n\n- a\n- b\n\nText.\n", Rule=rule) == ["1:1:Test.Rule:This topic has 3.00 headings and lists."]


def test_lix(lint: Lint) -> None:
    rule = """
    extends: metric
    message: "LIX %s"
    formula: (words / sentences) + ((long_words * 100) / words)
    condition: "> 10"
    """
    assert lint("Extraordinary documentation. Short one.\n", Rule=rule) == ["1:1:Test.Rule:LIX 52.00"]


def test_a_bad_formula_names_the_file_and_line(lint: Lint) -> None:
    rule = "extends: metric\nmessage: x\nformula: import os\ncondition: '> 1'\n"
    with pytest.raises(EditorialError) as caught:
        lint("Text.\n", Rule=rule)
    assert "Rule.yml:3:" in str(caught.value)
