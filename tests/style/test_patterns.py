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


def test_w_d_and_s_are_ascii_as_in_vales_re2_mode_and_b_and_case_are_unicode() -> None:
    # Google.EmDash on "Rust\u200a—\u200avim": Vale's \s is no hair space, so no alert.
    dash = compile_pattern(r"\s[—–]\s")
    assert dash.search("Rust\u200a—\u200avim") is None
    assert dash.search("Rust — vim").span() == (4, 7)  # type: ignore[union-attr]
    assert compile_pattern(r"\w+").findall("naïve café 2x") == ["na", "ve", "caf", "2x"]
    assert compile_pattern(r"\d").findall("4٤") == ["4"]
    assert compile_pattern(r"\S+").findall("a\u00a0b c") == ["a\u00a0b", "c"]
    assert compile_pattern(r"[\w-]+").findall("self-évident") == ["self-", "vident"]
    assert compile_pattern(r"\bcaf\b").search("café") is None  # \b knows é is a letter
    assert compile_pattern(r"(?i)ÉTÉ").search("été") is not None
    # Escaped backslashes, a ']' first in a set and POSIX classes are read as the engine reads them.
    assert translate(r"\\s[]\s][^]\d][[:alpha:]\w]") == r"\\s[]\t\n\f\r ][^]0-9][[:alpha:]0-9A-Za-z_]"
