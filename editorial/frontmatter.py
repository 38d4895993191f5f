"""Front matter: the ``---`` fenced YAML block that opens issues and sections.

Lint also reads the metadata header of Pelican and MultiMarkdown files
(``Title: …`` and ``Date: …`` lines, then a blank line) and Hugo's TOML front
matter (between ``+++`` lines) as front matter, so that their lines are never
taken for prose and their date feeds the newsletter checks.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editorial import yamlsource
from editorial.errors import Problem, error

FENCE = "---"
TOML_FENCE = "+++"
# What parts a key from its value, by kind of front matter.
SEPARATORS = {"yaml": ":", "pelican": ":", "toml": "="}


@dataclass(frozen=True)
class FrontMatter:
    """The front matter of a file and where it stands.

    ``raw`` is the text between the fences exactly as written, so that it can
    be published unchanged; ``yaml`` knows the line of every key.
    """

    yaml: yamlsource.YamlDocument
    raw: str
    opening_line: int
    closing_line: int
    kind: str = "yaml"  # or "pelican": a metadata header of "Key: value" lines; or "toml", between +++ lines

    @property
    def data(self) -> dict[str, Any]:
        return self.yaml.data

    def line(self, *key: str | int) -> int:
        return self.yaml.line(key)


@dataclass(frozen=True)
class Split:
    front: FrontMatter
    body: str
    body_line: int


def split(text: str, path: Path | str) -> Split:
    """Separate the front matter from the Markdown body; it must be a YAML mapping."""
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        raise error(path, 1, "missing front matter: the file must start with a line '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            break
    else:
        raise error(path, 1, "front matter opened here is never closed with a line '---'")
    raw = "".join(line + "\n" for line in lines[1:index])
    document = yamlsource.load(raw, path, first_line=2)
    if document.data is None:
        raise error(path, 1, "front matter is empty")
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        raise error(path, 2, f"front matter must be a mapping of keys to values, not a {kind}")
    body = "\n".join(lines[index + 1 :])
    return Split(FrontMatter(document, raw, 1, index + 1), body, index + 2)


# Pelican's own keys (and the Number of This Week in Rust): a file whose first line is
# "Note: …" is prose, not metadata, unless it opens with one of these.
PELICAN_KEYS = frozenset(
    {
        "title", "date", "modified", "tags", "keywords", "category", "slug", "author", "authors",
        "summary", "lang", "translation", "status", "template", "save_as", "url", "number", "subtitle",
    }
)
_METADATA_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):(?:[ \t]+(.*?))?[ \t]*")


def metadata_header(lines: list[str], path: Path | str) -> FrontMatter | None:
    """A Pelican (MultiMarkdown) metadata header at the top of ``lines``, or None.

    It is a run of ``Key: value`` lines (an indented line continues the value
    before it) ending at the first blank line; the first key must be one of
    Pelican's and ``Title`` or ``Date`` must be among them. Keys are read in
    lower case, as Pelican reads them; a ``Date`` in ISO form becomes a date.
    """
    data: dict[str, str] = {}
    spans: dict[yamlsource.KeyPath, yamlsource.YamlSpan] = {}
    key = ""
    count = 0
    for count, line in enumerate(lines):
        if not line.strip():
            break
        match = _METADATA_LINE.fullmatch(line)
        if match is not None:
            key = match.group(1).lower()
            if not data and key not in PELICAN_KEYS:
                return None
            data[key] = match.group(2) or ""
            spans[(key,)] = yamlsource.YamlSpan(count + 1, count + 2)
        elif key and line[:1] in (" ", "\t"):
            data[key] = f"{data[key]} {line.strip()}".strip()
            spans[(key,)] = yamlsource.YamlSpan(spans[(key,)].start, count + 2)
        else:
            return None
    else:
        count = len(lines)
    if not data.keys() & {"title", "date"}:
        return None
    values: dict[str, object] = dict(data)
    if "date" in data:
        values["date"] = _iso_date(data["date"])
    raw = "".join(line + "\n" for line in lines[:count])
    return FrontMatter(yamlsource.YamlDocument(values, spans, path, 1), raw, 1, count, kind="pelican")


def _iso_date(text: str) -> object:
    """Pelican's ``2024-05-01`` or ``2024-05-01 10:20``: a date or date-time; anything else stays text."""
    for parse in (datetime.date.fromisoformat, datetime.datetime.fromisoformat):
        try:
            return parse(text.strip())
        except ValueError:
            continue
    return text


# A TOML line that opens a table ("[params]", "[[menu.main]]") or sets a key ("title =", "a.b =").
_TOML_NAME = r"""(?:[A-Za-z0-9_-]+|"[^"\\]*"|'[^']*')"""
_TOML_DOTTED = rf"{_TOML_NAME}(?:[ \t]*\.[ \t]*{_TOML_NAME})*"
_TOML_TABLE = re.compile(rf"[ \t]*\[\[?[ \t]*({_TOML_DOTTED})[ \t]*\]\]?[ \t]*(?:#.*)?")
_TOML_KEY = re.compile(rf"[ \t]*({_TOML_DOTTED})[ \t]*=")
_TOML_PART = re.compile(_TOML_NAME)
_TOML_ERROR_AT = re.compile(r"\s*\((?:at line (\d+), column \d+|at end of document)\)$")


def toml_front_matter(lines: list[str], path: Path | str) -> tuple[FrontMatter | None, Problem | None]:
    """Hugo's TOML front matter: ``lines`` from the opening ``+++`` to the closing one, both included.

    tomllib reads the values; the line of each key (of the top level and of its
    tables) is read from the text, since tomllib keeps none.
    """
    inner = lines[1:-1]
    raw = "".join(line + "\n" for line in inner)
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_ERROR_AT.search(message)
        line = int(at.group(1)) + 1 if at and at.group(1) else len(lines)
        reason = message[: at.start()] if at else message
        return None, Problem(path, line, f"front matter is not valid TOML: {reason[:1].lower()}{reason[1:]}")
    if not data:
        return None, Problem(path, 1, "front matter is empty")
    spans = _toml_spans(inner)
    return FrontMatter(yamlsource.YamlDocument(data, spans, path, 1), raw, 1, len(lines), kind="toml"), None


def _toml_spans(lines: list[str]) -> dict[yamlsource.KeyPath, yamlsource.YamlSpan]:
    spans: dict[yamlsource.KeyPath, yamlsource.YamlSpan] = {}
    table: tuple[str, ...] = ()
    closing = ""  # the quotes that end a multi-line string the key before opened
    for number, line in enumerate(lines, start=2):
        if closing:
            closing = "" if closing in line else closing
            continue
        header = _TOML_TABLE.fullmatch(line)
        key = _TOML_KEY.match(line) if header is None else None
        if header is not None:
            table = _toml_key(header.group(1))
            spans.setdefault(table, yamlsource.YamlSpan(number, number + 1))
        elif key is not None:
            full = table + _toml_key(key.group(1))
            for depth in range(len(table) + 1, len(full) + 1):
                spans.setdefault(full[:depth], yamlsource.YamlSpan(number, number + 1))
            value = line[key.end() :].lstrip()
            for quotes in ('"""', "'''"):
                if value.startswith(quotes) and value.count(quotes) == 1:
                    closing = quotes
    return spans


def _toml_key(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _TOML_PART.findall(dotted))
