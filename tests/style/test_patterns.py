from __future__ import annotations

import pytest

from editorial.style import patterns
from editorial.style.patterns import PatternError, Timed, compile_pattern, translate, unbounded


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


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:very|really)\b", False),
        (r"colou?r|\d{1,2}|a{,3}|x{3}", False),  # bounded repeats
        (r"[*+]|\*|\+|\p{L}|\x{2019}|[\]+]", False),  # the characters, not repeats
        (r"(?<=a)b(?!c)", False),
        (r"a+", True),
        (r"\w*x", True),
        (r"x{2,}", True),
        (r"(a|aa)+$", True),
        (r"\\+", True),  # an escaped backslash, repeated
        (r"(?:foo){e<=1}", True),  # fuzzy matching
        (r"a(?R)?b", True),  # recursion
    ],
)
def test_unbounded_repeats_are_told_apart(pattern: str, expected: bool) -> None:
    assert unbounded(pattern) is expected
    assert isinstance(compile_pattern(pattern), Timed) is expected


def test_a_timed_pattern_runs_within_the_running_rules_time(monkeypatch: pytest.MonkeyPatch) -> None:
    timed = compile_pattern(r"\w+!")
    assert isinstance(timed, Timed)
    assert [m.group() for m in timed.finditer("Wow! Great!")] == ["Wow!", "Great!"]  # no rule running: no limit
    clock = patterns.Clock()
    monkeypatch.setattr(patterns, "running", clock)
    clock.rule = "Test.Shout"
    assert timed.search("Wow!", 0) is not None
    assert clock.since > 0  # the rule's time runs from its first timed pattern...
    clock.stop()
    assert clock.since == 0.0 and 0 < clock.spent["Test.Shout"] < patterns.TIME_LIMIT  # ...until the engine stops it
    clock.spent["Test.Shout"] = patterns.TIME_LIMIT
    for call in (lambda: timed.search("Wow!"), lambda: list(timed.finditer("Wow!")), lambda: timed.findall("Wow!"),
                 lambda: timed.sub("", "Wow!"), lambda: timed.match("Wow!")):  # fmt: skip
        with pytest.raises(TimeoutError):
            call()
    clock.rule = "Test.Other"  # each rule has its own time
    assert timed.findall("Wow!") == ["Wow!"]
