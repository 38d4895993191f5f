"""YAML front matter: the ``---`` fenced block that opens issues and sections."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editorial import yamlsource
from editorial.errors import error

FENCE = "---"


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
