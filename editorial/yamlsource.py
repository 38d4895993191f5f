"""YAML that remembers where each key stands, so errors can name its line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from editorial.errors import error

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlSpan:
    """A key's place in the file: 1-based lines, ``end`` exclusive."""

    start: int
    end: int


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    spans: dict[KeyPath, YamlSpan]
    path: Path | str
    first_line: int

    def line(self, key: KeyPath) -> int:
        """The line of ``key``, or of its nearest parent that has one."""
        while key:
            if key in self.spans:
                return self.spans[key].start
            key = key[:-1]
        return self.first_line


def load(text: str, path: Path | str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; ``first_line`` is where ``text`` starts in the file."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        spans: dict[KeyPath, YamlSpan] = {}
        if node is not None:
            _collect_spans(node, (), spans, path, first_line)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else first_line
        raise error(path, line, f"invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise error(path, first_line, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return YamlDocument(data, spans, path, first_line)


def _collect_spans(
    node: yaml.Node, prefix: KeyPath, spans: dict[KeyPath, YamlSpan], path: Path | str, first: int
) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in seen:
                raise error(path, first + key_node.start_mark.line, f"duplicate key '{key}'")
            seen.add(key)
            spans[prefix + (key,)] = _span(key_node, value_node, first)
            _collect_spans(value_node, prefix + (key,), spans, path, first)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            spans[prefix + (index,)] = _span(item, item, first)
            _collect_spans(item, prefix + (index,), spans, path, first)


def _span(start: yaml.Node, end: yaml.Node, first: int) -> YamlSpan:
    last = end.end_mark.line
    # A block value ends at column 0 of the line after it; a scalar ends within its own line.
    if end.end_mark.column > 0 or last == start.start_mark.line:
        last += 1
    return YamlSpan(first + start.start_mark.line, first + last)
