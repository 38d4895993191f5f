"""YAML that remembers where each key stands, so errors can name its line.

Every YAML file editorial reads comes through here: the configuration, front
matter (contributors' branches included), collected.yaml, rule files and
front-matter schemas. So every one of them is held to the same limits: YAML
lets a few lines of aliases stand for billions of values (an "alias bomb") or
for a value that contains itself, and nesting without end; each is an error
naming the line, found before anything walks the data.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from editorial.errors import EditorialError, error

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

KeyPath = tuple[str | int, ...]

# Far beyond any configuration, front matter, rule or schema written by hand,
# yet low enough that what reads the data (JSON Schema, templates, json) never
# meets Python's recursion limit.
MAX_DEPTH = 50
# Values that aliases add to a document, beyond those written in it: shared
# defaults are fine, a few lines standing for millions of values are not.
MAX_ALIASED = 10_000

# What PyYAML's constructors raise, besides YAMLError, for a scalar they cannot
# read: 2021-13-45 as a date, "!!int abc", an integer of 5,000 digits...
_CONSTRUCT_ERRORS = (ValueError, LookupError, AttributeError, TypeError, OverflowError)


# YAML 1.1 also ends a line at NEL, LS and PS; editors and CommonMark do not.
_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")
_BREAK = re.compile(r"\r\n?|\n")


class _Lines:
    """A mark's line as the file's reader counts lines, from ``first``."""

    def __init__(self, text: str, first: int) -> None:
        self.text = text
        self.first = first
        self.starts: list[int] | None = None  # where each line starts, where YAML's count would differ
        if any(odd in text for odd in _YAML_ONLY_BREAKS):
            self.starts = [0] + [match.end() for match in _BREAK.finditer(text)]

    def line(self, mark: yaml.Mark) -> int:
        if self.starts is None:
            return self.first + mark.line
        return self.first + bisect_right(self.starts, mark.index) - 1

    def column(self, mark: yaml.Mark) -> int:
        """0-based."""
        if self.starts is None:
            return mark.column
        return mark.index - self.starts[bisect_right(self.starts, mark.index) - 1]

    def problem_line(self, mark: yaml.Mark) -> int:
        # libyaml puts the end of a text without a final line break on the line after it.
        return min(self.line(mark), self.first + len(_BREAK.findall(self.text)))


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


def load(text: str, path: Path | str, first_line: int = 1, *, lenient: bool = False) -> YamlDocument:
    """Parse one YAML document; ``first_line`` is where ``text`` starts in the file.

    ``lenient`` reads YAML as Go's parser does (Vale reads rule files with it):
    a repeated key is not an error, the last one wins, and ``\\'`` in double
    quotes is an apostrophe. Its syntax errors are PyYAML's own parser's, the
    ones published styles have been written against.
    """
    lines = _Lines(text, first_line)
    loader, node = _parse(text, path, lines, lenient)
    try:
        spans: dict[KeyPath, YamlSpan] = {}
        if node is None:
            return YamlDocument(None, spans, path, first_line)
        if "*" in text:  # an alias: the whole graph measured before anything walks it as a tree
            _check_limits(node, path, lines)
        _collect_spans(node, (), spans, path, lines, unique=not lenient)
        return YamlDocument(_construct(loader, node, path, lines), spans, path, first_line)
    finally:
        loader.dispose()


def _parse(text: str, path: Path | str, lines: _Lines, lenient: bool) -> tuple[Any, yaml.Node | None]:
    """The loader and the node graph of the one document in ``text`` (an alias: a node reached twice)."""
    try:
        try:
            return _compose(_Loader, text)
        except yaml.YAMLError as exc:
            # libyaml stops at 1,000 levels; PyYAML's own parser would take seconds to say the same.
            if not lenient or _Loader is yaml.SafeLoader or "maximum nesting depth" in str(exc):
                raise
            return _compose_as_go(text)
    except yaml.YAMLError as exc:
        raise _problem(exc, path, lines) from None
    except RecursionError:
        # PyYAML's own parser recurses once per level of nesting.
        raise error(path, lines.first, "invalid YAML: nested too deeply") from None


def _compose(loader_class: type[yaml.SafeLoader], text: str) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(text)
    try:
        return loader, loader.get_single_node()
    except BaseException:
        loader.dispose()
        raise


def _compose_as_go(text: str) -> tuple[Any, yaml.Node | None]:
    try:
        return _compose(yaml.SafeLoader, text)
    except yaml.MarkedYAMLError as exc:
        if "unknown escape" in str(exc.problem) and "\\'" in text:
            return _compose(yaml.SafeLoader, text.replace("\\'", "'"))
        raise


def _problem(exc: yaml.YAMLError, path: Path | str, lines: _Lines) -> EditorialError:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = lines.problem_line(mark) if mark is not None else lines.first
        return error(path, line, f"invalid YAML: {exc.problem or exc.context}")
    return error(path, lines.first, f"invalid YAML: {exc}")


def _check_limits(root: yaml.Node, path: Path | str, lines: _Lines, above: int = 0) -> None:
    """Depth, recursive aliases and what aliases add, in one walk over the node graph.

    The graph is walked once, each node's expanded size and depth computed
    from its children's: the expansion itself is never made. ``above``: the
    collections ``root`` is in.
    """
    measured: dict[int, tuple[int, int]] = {}  # id(node) -> (values in it, expanded; depth)
    on_path: set[int] = set()
    aliased = 0
    # Each entry: a collection being walked, its children, the next child, its size and depth so far.
    stack: list[tuple[yaml.Node, list[yaml.Node], list[int]]] = []

    def enter(node: yaml.Node) -> None:
        if above + len(stack) >= MAX_DEPTH:
            raise _too_deep(node, path, lines)
        children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
        stack.append((node, children, [0, 1, 1]))
        on_path.add(id(node))

    if not isinstance(root, yaml.ScalarNode):
        enter(root)
    while stack:
        node, children, state = stack[-1]
        index, size, depth = state
        if index == len(children):
            stack.pop()
            on_path.discard(id(node))
            measured[id(node)] = (size, depth)
            if stack:
                parent = stack[-1][2]
                parent[1] += size
                parent[2] = max(parent[2], depth + 1)
            continue
        state[0] += 1
        child = children[index]
        # An alias node is the node it refers to, with that node's place: say the line of its
        # key, else that of the collection it is in.
        holder = children[index - 1] if isinstance(node, yaml.MappingNode) and index % 2 else node
        line = lines.line(holder.start_mark)
        if id(child) in on_path:
            raise error(path, line, "recursive YAML alias: a value contains an alias of itself")
        if id(child) in measured:  # a second reference: an alias
            child_size, child_depth = measured[id(child)]
            aliased += child_size
            if aliased > MAX_ALIASED:
                raise error(path, line, f"YAML aliases expand to more than {MAX_ALIASED:,} values")
            if above + len(stack) + child_depth > MAX_DEPTH:
                raise error(path, line, f"YAML nested more than {MAX_DEPTH} levels deep")
            state[1] += child_size
            state[2] = max(state[2], child_depth + 1)
        elif isinstance(child, yaml.ScalarNode):
            measured[id(child)] = (1, 0)
            state[1] += 1
        else:
            enter(child)


def _construct(loader: Any, node: yaml.Node, path: Path | str, lines: _Lines) -> Any:
    try:
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _problem(exc, path, lines) from None
    except _CONSTRUCT_ERRORS as exc:
        culprit = _unreadable_scalar(node)
        if culprit is None:
            raise error(path, lines.first, f"invalid YAML: {exc}") from None
        scalar, reason = culprit
        kind = scalar.tag.rsplit(":", 1)[-1]
        value = scalar.value if len(scalar.value) <= 40 else scalar.value[:40] + "…"
        raise error(path, lines.line(scalar.start_mark), f"invalid YAML: '{value}' is not a valid {kind} ({reason})") from None


def _unreadable_scalar(root: yaml.Node) -> tuple[yaml.ScalarNode, str] | None:
    """The first scalar that PyYAML cannot make a value of, and why: its error does not say where."""
    constructor = yaml.constructor.SafeConstructor()
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node)
            except _CONSTRUCT_ERRORS as exc:
                return node, str(exc)
        else:
            children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
            stack.extend(reversed(children))
    return None


def _too_deep(node: yaml.Node, path: Path | str, lines: _Lines) -> EditorialError:
    return error(path, lines.line(node.start_mark), f"YAML nested more than {MAX_DEPTH} levels deep")


def _collect_spans(
    node: yaml.Node, prefix: KeyPath, spans: dict[KeyPath, YamlSpan], path: Path | str, lines: _Lines, unique: bool
) -> None:
    """The span of every key and item; and, where no alias can be, the depth checked on the way."""
    if isinstance(node, yaml.MappingNode):
        if len(prefix) >= MAX_DEPTH:
            raise _too_deep(node, path, lines)
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
            else:  # a collection as a key (? [a, b]): measured, since it is not walked here
                _check_limits(key_node, path, lines, above=len(prefix) + 1)
                key = str(key_node.value)
            if unique and key in seen:
                raise error(path, lines.line(key_node.start_mark), f"duplicate key '{key}'")
            seen.add(key)
            spans[prefix + (key,)] = _span(key_node, value_node, lines)
            _collect_spans(value_node, prefix + (key,), spans, path, lines, unique)
    elif isinstance(node, yaml.SequenceNode):
        if len(prefix) >= MAX_DEPTH:
            raise _too_deep(node, path, lines)
        for index, item in enumerate(node.value):
            spans[prefix + (index,)] = _span(item, item, lines)
            _collect_spans(item, prefix + (index,), spans, path, lines, unique)


def _span(start: yaml.Node, end: yaml.Node, lines: _Lines) -> YamlSpan:
    first, last = lines.line(start.start_mark), lines.line(end.end_mark)
    # A block value ends at column 0 of the line after it; a scalar ends within its own line.
    if last == first or lines.column(end.end_mark) > 0:
        last += 1
    return YamlSpan(first, last)
