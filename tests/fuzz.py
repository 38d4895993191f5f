"""Hostile input for the parsers: Markdown and YAML made of the pieces that break parsers.

Random characters alone rarely form a construct; these strategies draw from
the constructs' own pieces (fences, markers, brackets, entities, anchors and
aliases, tags, line breaks of every kind) and mix random text in.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

# Every line break some parser counts: CommonMark's three, and what YAML, Python's
# splitlines and editors may also count (vertical tab, form feed, NEL, LS, PS).
BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"]
ODD = ["\0", "\ufeff", "\t", "\x1b", "\ud7ff", "\ufffd", "\U0001f600", "e\u0301", "\u200b", "\u00a0", "\u3000", "日本"]

MARKDOWN_PIECES = [
    *BREAKS, *ODD, " ", "  ", "    ", "\n\n", "#", "## ", "###### ", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ",
    "*", "**", "***", "_", "__", "~~", "`", "``", "```", "~~~", "```python\n", "[", "]", "(", ")", "![", "]:", "](",
    "<", ">", "<!--", "-->", "<span>", "</span>", "<div>", "</div>", "<https://a.example/b>", "<a@b.c>", "|", "| --- |",
    "---", "===", "\\", "&amp;", "&#0;", "&#x1F600;", "&NotEqualTilde;", "&#99999999;", "https://x.example/(a)",
    "www.example.com", "[ref]: /u", "[ref]", "the", "the the", "very", "e.g.", "i.e.", "June", "edition", "word",
    "Word", "a", "aa", "BILLION", "ONE TRILLION", "!", ".", ",", "?", "'", '"', "\u2019", "-", "--", "—",
    "<!-- editorial-disable -->", "<!-- editorial-enable -->", "<!-- vale off -->", "<!-- vale on -->",
    "<!-- editorial:sections -->", "By [Andrew](https://example.com/andrew)", "images/x.png", "/static.png",
    "?utm_source=x",
]  # fmt: skip

YAML_PIECES = [
    *BREAKS, *ODD, " ", "  ", "\n  ", "\n- ", "- ", ": ", ":", "? ", ",", "[", "]", "{", "}", "&a ", "*a", "&b ", "*b",
    "<<: ", "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!binary ", "!!set ", "!!omap ", "!!python/name:x ",
    "!x ", "|", ">", "|-", ">+", "'", '"', "\\", "\\'", "\\x", "#", "%YAML 1.1\n", "---", "...", "~", "null", "true",
    "1", "-1", "0x1f", "0o17", "1e400", ".inf", "1_000", "12:30:45", "2021-01-20", "2021-13-45", "2021-01-20T25:00:00Z",
    "9" * 5000, "title", "author", "slot", "order", "date", "editorial", "contributors", "andrew", "x",
]  # fmt: skip


# Any character a UTF-8 file can hold: no lone surrogates.
CHARACTERS = st.characters(exclude_categories=["Cs"])


def _soup(pieces: list[str], max_size: int) -> st.SearchStrategy[str]:
    part = st.one_of(st.sampled_from(pieces), st.text(CHARACTERS, max_size=8))
    return st.lists(part, max_size=max_size).map("".join)


def markdown() -> st.SearchStrategy[str]:
    """A Markdown file: maybe front matter (a YAML soup), then a Markdown soup."""
    body = _soup(MARKDOWN_PIECES, 60)
    front = st.one_of(st.just(""), yaml().map(lambda text: f"---\n{text}\n---\n"))
    return st.tuples(front, body).map("".join)


def yaml() -> st.SearchStrategy[str]:
    return _soup(YAML_PIECES, 40)


# Values a date, a title or an author may be given: every YAML type, and dates at the ends of time.
VALUES = [
    "2021-01-20", "2021-01-20T16:14:00Z", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "0001-01-01",
    "1e400", "99999999999999999999", "[2021]", "{a: 1}", "'June 2021'", "!!binary aGVsbG8=", "''", "null", "andrew", "x",
]  # fmt: skip


def file_bytes() -> st.SearchStrategy[bytes]:
    """What a file may hold: an issue or a section with odd values, generated Markdown, or any bytes at all."""
    value = st.sampled_from(VALUES)
    issue = st.builds(lambda date, body: f"---\ndate: {date}\n---\n{body}", value, markdown())
    section = st.builds(lambda title, author, body: f"---\ntitle: {title}\nauthor: {author}\n---\n{body}", value, value, markdown())
    return st.one_of(st.one_of(issue, section, markdown()).map(lambda text: text.encode("utf-8")), st.binary(max_size=200))


# The line breaks the document parser counts lines by (CommonMark's).
_LINE_BREAK = re.compile(r"\r\n?|\n")


def line_lengths(source: str) -> list[int]:
    """The length in columns of each line as the parser counts them; a byte-order mark is no column."""
    lengths = [len(line) for line in _LINE_BREAK.split(source)]
    if source.startswith("\ufeff"):
        lengths[0] -= 1
    return lengths


def in_range(lengths: list[int], line: int, column: int) -> bool:
    """Whether ``line:column`` is in the file: a line, and a column of it or just after its end."""
    return 1 <= line <= len(lengths) and 1 <= column <= lengths[line - 1] + 1
