"""``.vale.ini``: read a Vale configuration so a team's existing setup runs unchanged.

Only what decides which rules run and on what is read: ``StylesPath``,
``MinAlertLevel``, ``Vocab``, ``IgnoredScopes``/``SkippedScopes``/
``IgnoredClasses``, ``WordTemplate``, ``[formats]`` and the per-glob sections
with ``BasedOnStyles``, ``Style.Rule = YES|NO|level``, ``BlockIgnores`` and
``TokenIgnores``. Keys Vale uses for other formats or for its package manager
are accepted and ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from editorial.errors import error
from editorial.style.rule import read_config_text

# Vale's own search order within one folder.
NAMES = (".vale.ini", "_vale.ini", ".vale", "_vale")
_ASSIGNMENT = re.compile(r"^([^=]+?)\s*=\s*(.*)$")
_LIST_KEYS = {"basedonstyles", "vocab", "blockignores", "ignorepatterns", "tokenignores", "ignoredscopes", "skippedscopes", "ignoredclasses", "packages"}


@dataclass(frozen=True)
class Section:
    glob: str
    line: int
    based_on: tuple[str, ...] | None = None  # None: not set in this section
    rules: dict[str, str] = field(default_factory=dict)  # "Style.Rule" -> "YES" / "NO" / level
    block_ignores: tuple[str, ...] = ()
    token_ignores: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ValeIni:
    path: Path
    styles_path: Path | None
    min_alert_level: str
    vocab: tuple[str, ...]
    ignored_scopes: tuple[str, ...]
    skipped_scopes: tuple[str, ...]
    ignored_classes: tuple[str, ...]
    word_template: str
    formats: dict[str, str]
    sections: tuple[Section, ...]
    lines: dict[str, int] = field(default_factory=dict)


def find(start: Path) -> Path | None:
    """The Vale configuration in ``start`` or the nearest folder above it."""
    start = start.resolve()
    if start.is_file():
        start = start.parent
    for folder in (start, *start.parents):
        for name in NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _split_patterns(value: str) -> tuple[str, ...]:
    # Patterns may contain commas inside braces or classes: split only on ", " between them.
    parts = []
    depth = 0
    current = []
    for char in value:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return tuple(p for p in parts if p)


def parse(text: str, path: Path) -> ValeIni:
    top: dict[str, str] = {}
    top_lines: dict[str, int] = {}
    sections: list[tuple[str, int, dict[str, str], dict[str, int]]] = []
    formats: dict[str, str] = {}
    current: dict[str, str] | None = None
    current_lines: dict[str, int] = {}
    current_name = ""
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        number = index + 1
        line = lines[index].strip()
        index += 1
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current_name = line[1:-1].strip()
            current = {}
            current_lines = {}
            if current_name.lower() in {"formats", "asciidoctor", "transforms"}:
                sections.append((current_name.lower(), number, current, current_lines))
            else:
                sections.append((current_name, number, current, current_lines))
            continue
        match = _ASSIGNMENT.match(line)
        if not match:
            raise error(path, number, f"expected 'key = value' or '[section]', not {line!r}")
        key, value = match.group(1).strip(), match.group(2).strip()
        # A value may continue on following lines that end with a backslash.
        while value.endswith("\\") and index < len(lines):
            value = value[:-1] + lines[index].strip()
            index += 1
        target = top if current is None else current
        target_lines = top_lines if current is None else current_lines
        if key in target and key.lower() in _LIST_KEYS:
            target[key] = target[key] + ", " + value
        else:
            target[key] = value
        target_lines[key] = number

    def get(name: str) -> str | None:
        for key, value in top.items():
            if key.lower() == name.lower():
                return value
        return None

    styles = get("StylesPath")
    styles_path = (path.parent / styles).resolve() if styles else None
    result_sections = []
    for name, number, values, value_lines in sections:
        if name in {"formats", "asciidoctor", "transforms"}:
            if name == "formats":
                formats.update({k.strip(): v.strip() for k, v in values.items()})
            continue
        based_on = None
        rules: dict[str, str] = {}
        block: tuple[str, ...] = ()
        token: tuple[str, ...] = ()
        for key, value in values.items():
            lower = key.lower()
            if lower == "basedonstyles":
                based_on = _split_list(value)
            elif lower in ("blockignores", "ignorepatterns"):
                block = _split_patterns(value)
            elif lower == "tokenignores":
                token = _split_patterns(value)
            elif "." in key and " " not in key:
                rules[key] = value.strip()
            # Other keys (Transform, Lang, CommentDelimiters, ...) concern other formats.
        result_sections.append(Section(name, number, based_on, rules, block, token, value_lines))
    return ValeIni(
        path=path,
        styles_path=styles_path,
        # Vale's default: suggestions are shown only when asked for.
        min_alert_level=(get("MinAlertLevel") or "warning").strip().lower(),
        vocab=_split_list(get("Vocab") or ""),
        ignored_scopes=_split_list(get("IgnoredScopes") or ""),
        skipped_scopes=_split_list(get("SkippedScopes") or ""),
        ignored_classes=_split_list(get("IgnoredClasses") or ""),
        word_template=get("WordTemplate") or "",
        formats=formats,
        sections=tuple(result_sections),
        lines=top_lines,
    )


def load(path: Path) -> ValeIni:
    return parse(read_config_text(path), path.resolve())
