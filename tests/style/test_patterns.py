from __future__ import annotations

import pytest

from editorial.style.patterns import PatternError, compile_pattern, translate


def test_go_spellings_are_translated() -> None:
    assert translate(r"\x{2019}s") == r"\u2019s"
    assert compile_pattern(r"it\x{2019}s").search("it’s")
    assert compile_pattern(r"\Qa.b\E").fullmatch("a.b")


def test_inline_flags_mid_pattern_and_variable_lookbehind() -> None:
    assert compile_pattern(r"(?:a(?i)b)c").findall("aBc abC") == ["aBc"]
    assert compile_pattern(r"(?<!\bvery |\bquite )good").findall("very good, good") == ["good"]


def test_a_bad_pattern_says_why() -> None:
    with pytest.raises(PatternError, match="missing"):
        compile_pattern("(unclosed")


def test_compiled_once() -> None:
    assert compile_pattern(r"\bx\b") is compile_pattern(r"\bx\b")
