from __future__ import annotations

import datetime

import pytest

from editorial import frontmatter
from editorial.errors import EditorialError


def test_split_keeps_the_raw_text_and_positions() -> None:
    text = "---\ntitle: 'A: b'  # note\nauthor: x\n---\n\nBody *here*.\n"
    split = frontmatter.split(text, "s.md")
    assert split.front.data == {"title": "A: b", "author": "x"}
    assert split.front.raw == "title: 'A: b'  # note\nauthor: x\n"
    assert (split.front.opening_line, split.front.closing_line) == (1, 4)
    assert split.front.line("author") == 3
    assert split.body == "\nBody *here*.\n"
    assert split.body_line == 5


def test_closing_dots_and_empty_body() -> None:
    split = frontmatter.split("---\na: 1\n...", "s.md")
    assert split.front.data == {"a": 1}
    assert (split.body, split.body_line) == ("", 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\n---\n", "s.md:1: missing front matter: the file must start with a line '---'"),
        ("", "s.md:1: missing front matter: the file must start with a line '---'"),
        ("---\na: 1\n", "s.md:1: front matter opened here is never closed with a line '---'"),
        ("---\n---\nbody\n", "s.md:1: front matter is empty"),
        ("---\njust text\n---\n", "s.md:2: front matter must be a mapping of keys to values, not a str"),
        ("---\na: 1\n\nb: [\n---\n", "s.md:5: invalid YAML: did not find expected node content"),
    ],
)
def test_errors(text: str, expected: str) -> None:
    with pytest.raises(EditorialError) as exc:
        frontmatter.split(text, "s.md")
    assert str(exc.value) == expected


def test_a_pelican_metadata_header() -> None:
    lines = ["Title: This Week in Rust 500", "Number: 500", "Date: 2023-06-28", "Category: This Week in Rust", "", "Hello."]
    header = frontmatter.metadata_header(lines, "twir.md")
    assert header is not None
    assert header.kind == "pelican"
    assert header.data == {
        "title": "This Week in Rust 500", "number": "500", "date": datetime.date(2023, 6, 28), "category": "This Week in Rust",
    }
    assert (header.opening_line, header.closing_line) == (1, 4)
    assert header.raw == "Title: This Week in Rust 500\nNumber: 500\nDate: 2023-06-28\nCategory: This Week in Rust\n"
    assert (header.line("number"), header.line("category")) == (2, 4)


def test_a_header_value_may_continue_on_indented_lines_and_dates_may_have_a_time() -> None:
    header = frontmatter.metadata_header(["Title: A long", "    title here", "date: 2023-06-28 10:20", "Tags:", ""], "a.md")
    assert header is not None
    assert header.data == {"title": "A long title here", "date": datetime.datetime(2023, 6, 28, 10, 20), "tags": ""}
    assert header.line("date") == 3
    odd = frontmatter.metadata_header(["Date: the 28th of June"], "a.md")
    assert odd is not None and odd.data == {"date": "the 28th of June"}


@pytest.mark.parametrize(
    "lines",
    [
        ["Note: this week is short.", "", "Hello."],  # not one of Pelican's keys
        ["Tags: rust", "Category: news", ""],  # neither a title nor a date
        ["Title: A", "a line of prose", ""],
        ["Title: A", "Note this: it is prose", ""],
        ["", "Title: A"],
        [],
    ],
)
def test_what_is_no_header(lines: list[str]) -> None:
    assert frontmatter.metadata_header(lines, "a.md") is None


def test_toml_front_matter_knows_the_line_of_every_key() -> None:
    lines = [
        "+++", 'title = "Hello = world"', "date = 2024-05-01", 'tags = ["a",', '  "b = c"]', 'summary = """',
        "x = 1", '"""', "[params]", 'author.name = "Ana"', '"quoted key" = 1', "[[menu.main]]", 'name = "Home"', "+++",
    ]  # fmt: skip
    front, problem = frontmatter.toml_front_matter(lines, "a.md")
    assert problem is None and front is not None
    assert (front.kind, front.opening_line, front.closing_line) == ("toml", 1, 14)
    assert front.data["date"] == datetime.date(2024, 5, 1)
    assert front.data["params"] == {"author": {"name": "Ana"}, "quoted key": 1}
    assert front.raw == "".join(line + "\n" for line in lines[1:-1])
    # A line inside a multi-line string or array is no key.
    assert [front.line(*key) for key in [("title",), ("date",), ("tags",), ("summary",), ("params",)]] == [2, 3, 4, 6, 9]
    assert [front.line(*key) for key in [("params", "author", "name"), ("params", "quoted key"), ("menu", "main")]] == [10, 11, 12]
    assert front.line("x") == 1  # no such key: the front matter's first line


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["+++", "title = ", "+++"], "a.md:2: front matter is not valid TOML: invalid value"),
        (["+++", "a = 1", "b = [1,", "+++"], "a.md:4: front matter is not valid TOML: invalid value"),
        (["+++", "a = 1", "a = 2", "+++"], "a.md:3: front matter is not valid TOML: cannot overwrite a value"),
        (["+++", "# only a comment", "+++"], "a.md:1: front matter is empty"),
    ],
)
def test_toml_errors_name_their_line(lines: list[str], expected: str) -> None:
    front, problem = frontmatter.toml_front_matter(lines, "a.md")
    assert front is None and str(problem) == expected
