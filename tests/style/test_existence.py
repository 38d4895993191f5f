from __future__ import annotations

from tests.style.conftest import Lint

RULE = """
extends: existence
message: "'%s' left in text"
level: error
ignorecase: true
tokens:
  - todo
  - fix me
"""


def test_tokens_are_one_word_bounded_pattern(lint: Lint) -> None:
    assert lint("A todo, not a todolist; FIX ME now.\n", Rule=RULE) == [
        "1:3:Test.Rule:'todo' left in text",
        "1:25:Test.Rule:'FIX ME' left in text",
    ]


def test_positions_next_to_markup(lint: Lint) -> None:
    text = "See [the todo](https://x.org/todo) and *todo* and **todo**.\n"
    assert lint(text, Rule=RULE) == [
        "1:10:Test.Rule:'todo' left in text",
        "1:41:Test.Rule:'todo' left in text",
        "1:53:Test.Rule:'todo' left in text",
    ]


def test_headings_list_items_and_table_cells(lint: Lint) -> None:
    text = "# A todo\n\n- item todo\n\n| a | b |\n|---|---|\n| x | todo |\n"
    assert lint(text, Rule=RULE) == [
        "1:5:Test.Rule:'todo' left in text",
        "3:8:Test.Rule:'todo' left in text",
        "7:7:Test.Rule:'todo' left in text",
    ]


def test_non_ascii_columns_count_code_points(lint: Lint) -> None:
    assert lint("Über café — todo ✓\n", Rule=RULE) == ["1:13:Test.Rule:'todo' left in text"]


def test_code_is_not_prose(lint: Lint) -> None:
    assert lint("Run `todo` here.\n\n```\ntodo\n```\n", Rule=RULE) == []


def test_nonword_and_raw_and_exceptions(lint: Lint) -> None:
    rule = """
    extends: existence
    message: "'%s'"
    nonword: true
    raw:
      - '[a-z][.?!][A-Z]'
    exceptions:
      - e.G
    """
    assert lint("One.Two and e.Go.\n", Rule=rule) == ["1:3:Test.Rule:'e.T'"]


def test_append_puts_raw_after_the_tokens(lint: Lint) -> None:
    rule = """
    extends: existence
    message: "'%s'"
    append: true
    tokens: [at, of]
    raw: ['[.!]']
    """
    assert lint("Where is it at. Think of it.\n", Rule=rule) == ["1:13:Test.Rule:'at.'"]


def test_limit_caps_the_findings_per_file(lint: Lint) -> None:
    rule = "extends: existence\nmessage: \"'%s'\"\nlimit: 2\ntokens: [x]\n"
    assert lint("x x\n\nx\n", Rule=rule) == ["1:1:Test.Rule:'x'", "1:3:Test.Rule:'x'"]


def test_a_few_of_many_tokens_found_as_their_alternation_finds_them(lint: Lint) -> None:
    # Only "end" and "the end of the day" can match here: they are searched alone, and
    # the earlier in the list wins where both match; "day" is no token.
    rule = """
    extends: existence
    message: "'%s'"
    ignorecase: true
    tokens: [at the start, the end of the day, end, day off, beginning]
    """
    assert lint("In the end of the day, the end.\n", Rule=rule) == [
        "1:4:Test.Rule:'the end of the day'",
        "1:28:Test.Rule:'end'",
    ]


def test_letters_the_pattern_takes_for_ascii_ones(lint: Lint) -> None:
    # Ignoring case, the regex package matches "\u017f" (long s) to "s" and "\u0130" to "i".
    assert lint("A \u0130TEM to FIX ME and fix \u017fome.\n", Rule=RULE.replace("fix me", "fix some\n  - item")) == [
        "1:3:Test.Rule:'\u0130TEM' left in text",
        "1:22:Test.Rule:'fix \u017fome' left in text",
    ]


def test_a_phrase_is_found_across_a_line_break_and_reads_as_one_line(lint: Lint) -> None:
    """As Vale has it (write-good.TooWordy on a wrapped paragraph); a space before a quantifier keeps its meaning."""
    rule = """
    extends: existence
    message: "'%s' is too wordy."
    ignorecase: true
    tokens:
      - on the other hand
      - 'x +y'
    """
    text = "A test. On the\nother hand, x y and x\ny.\n"
    assert lint(text, Rule=rule) == [
        "1:9:Test.Rule:'On the other hand' is too wordy.",
        "2:13:Test.Rule:'x y' is too wordy.",
    ]
