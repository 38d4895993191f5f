from __future__ import annotations

from pathlib import Path

import pytest

from editorial.errors import EditorialError
from editorial.style.rule import RuleSpec, Skipped, parse


def problem(text: str) -> str:
    with pytest.raises(EditorialError) as caught:
        parse(text, Path("Style/Rule.yml"), "Style.Rule")
    return str(caught.value)


def test_a_valid_rule() -> None:
    spec = parse("extends: existence\nmessage: x\nlevel: error\nscope: heading\ntokens: [a]\n", Path("S/R.yml"), "S.R")
    assert isinstance(spec, RuleSpec)
    assert (spec.extends, spec.scope, spec.level.name, spec.options) == ("existence", ("heading",), "error", {"tokens": ["a"]})


def test_errors_name_the_line() -> None:
    assert problem("extends: existence\nmessage: x\ntokens: [a]\ncolour: red\n") == (
        "Style/Rule.yml:4: unknown key 'colour' for a rule of type 'existence' (known keys: action, append, description, "
        "exceptions, extends, ignorecase, level, limit, link, matchcase, message, name, nonword, raw, scope, tokens, vocab)"
    )
    assert problem("extends: existence\nmessage: x\nlevel: loud\n") == (
        "Style/Rule.yml:3: 'level' must be one of suggestion, warning, error, not 'loud'"
    )
    assert problem("extends: existence\nmessage: [x\n") .startswith("Style/Rule.yml:3: invalid YAML")
    assert problem("extends: sparkle\nmessage: x\n").startswith("Style/Rule.yml:1: unknown rule type 'sparkle'")


def test_unsupported_types_are_skipped_with_a_warning() -> None:
    skipped = parse("extends: spelling\nmessage: x\n", Path("S/Sp.yml"), "S.Sp")
    assert isinstance(skipped, Skipped)
    assert str(skipped.warning) == (
        "S/Sp.yml:1: rule type 'spelling' is not supported (needs Hunspell dictionaries); 'S.Sp' is skipped"
    )


def test_go_yaml_leniency() -> None:
    # A repeated key and \' in double quotes, as published styles have them.
    spec = parse('extends: substitution\nmessage: "you\\\'re"\nswap:\n  a: b\n  a: c\n', Path("S/R.yml"), "S.R")
    assert isinstance(spec, RuleSpec)
    assert spec.message == "you're" and spec.options["swap"] == {"a": "c"}


def test_a_bad_pattern_names_the_file_and_line(tmp_path: Path) -> None:
    from editorial.style.common import Context
    from editorial.style.types import compile_rule

    spec = parse("extends: existence\nmessage: x\ntokens:\n  - '(a'\n", Path("S/R.yml"), "S.R")
    assert isinstance(spec, RuleSpec)
    with pytest.raises(EditorialError, match=r"^S/R.yml:3: invalid pattern in 'tokens'"):
        compile_rule(spec, Context())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # A word list is known to be valid without compiling it; a pattern among the words is checked.
        ("extends: existence\nmessage: x\ntokens:\n  - fine\n  - '(a'\n", "invalid pattern in 'tokens': missing ) at position 19"),
        # Each term alone, as the file has it.
        ("extends: substitution\nmessage: x\nswap:\n  ok: fine\n  '(a': b\n", "invalid pattern in 'swap': missing ) at position 4"),
        # Verbose mode carries over into the next token, whose "#" comments out the rest
        # (its spaces, in a token of its own with no "(?x", match line breaks as Vale has them).
        ("extends: existence\nmessage: x\ntokens:\n  - 'a(?x)'\n  - 'b # c'\n", "invalid pattern in 'tokens': missing ) at position 28"),
    ],
)
def test_a_bad_pattern_is_reported_when_the_rule_loads(text: str, message: str) -> None:
    from editorial.style.common import Context
    from editorial.style.types import compile_rule

    spec = parse(text, Path("S/R.yml"), "S.R")
    assert isinstance(spec, RuleSpec)
    with pytest.raises(EditorialError) as raised:
        compile_rule(spec, Context())
    assert str(raised.value.problems[0]) == f"S/R.yml:3: {message}"


def test_tokens_valid_only_together_load() -> None:
    from editorial.style.common import Context
    from editorial.style.types import compile_rule

    # Neither token is a pattern alone; their alternation, (?:a)|(b), is.
    spec = parse("extends: existence\nmessage: x\ntokens:\n  - 'a)'\n  - '(b'\n", Path("S/R.yml"), "S.R")
    assert isinstance(spec, RuleSpec)
    compile_rule(spec, Context())
