"""The site a newsletter is published with, as its generator's configuration describes it.

Links to the site's own pages ("/2022/07/11/our-july-issue.html", Pelican's
``{filename}/july.md``) and files served from its static folders resolve only
against what the generator does with the repository; and a renderer that
curls quotes and makes "..." an ellipsis (Hugo's goldmark typographer, on by
default; Pelican's Typogrify or SmartyPants) leaves nothing of that for an
editor to fix. Hugo (``hugo.toml|yaml|json``, ``config.toml|yaml|json``) and
Pelican (``pelicanconf.py``, read as data: never run) are understood; where
neither is found, nothing changes.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editorial import files, yamlsource
from editorial.errors import EditorialError, Problem

HUGO_CONFIGS = tuple(f"{name}.{ext}" for name in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json"))
PELICAN_CONFIG = "pelicanconf.py"
_PELICAN_LINK = re.compile(r"^\{(?:filename|static|attach)\}")


@dataclass(frozen=True)
class Site:
    generator: str | None = None  # "hugo", "pelican" or None: no site configuration found
    config: Path | None = None
    content: tuple[Path, ...] = ()  # where its pages come from
    static: tuple[Path, ...] = ()  # served at "/"
    typographer: bool = False  # curls quotes, makes dashes and ellipses


def find(root: Path) -> Site:
    """The site configuration in ``root``, or a Site that knows nothing."""
    for name in HUGO_CONFIGS:
        if (root / name).is_file():
            return _hugo(root / name)
    if (root / PELICAN_CONFIG).is_file():
        return _pelican(root / PELICAN_CONFIG)
    return Site()


def pelican_link(destination: str) -> str | None:
    """The path after Pelican's ``{filename}`` (or ``{static}``, ``{attach}``): from the content folder where it
    starts with '/', else from the linking file's folder, as Pelican reads it; None for any other link."""
    match = _PELICAN_LINK.match(destination)
    return destination[match.end() :] if match else None


def page_names(site: Site) -> frozenset[str]:
    """The names its pages are published under: each content file's name and ``slug`` (a permalink ends in one)."""
    names: set[str] = set()
    for folder in site.content:
        for path in folder.rglob("*"):
            if path.suffix.lower() in (".md", ".markdown", ".html") and path.is_file():
                names.add(path.stem.lower())
                names.update(_slug(path))
    return frozenset(names)


def _slug(path: Path) -> list[str]:
    """A page's ``slug:`` (YAML front matter) or ``Slug:`` (Pelican header), read from its first lines only."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = [handle.readline() for _ in range(30)]
    except OSError:
        return []
    return [m.group(1).strip().strip("'\"").lower() for line in head if (m := re.match(r"(?i)slug:\s*(\S.*)$", line.strip()))]


def _hugo(path: Path) -> Site:
    data = _read_hugo(path)
    root = path.parent

    def folders(key: str, default: str) -> tuple[Path, ...]:
        value = data.get(key, default)
        names = value if isinstance(value, list) else [value]
        if not all(isinstance(name, str) for name in names):
            raise _wrong_type(path, key, "a folder name or a list of them")
        return tuple(root / name for name in names)

    extensions = _mapping(path, data, "markup", "goldmark", "extensions")
    typographer = extensions.get("typographer", True)
    if isinstance(typographer, dict):  # Hugo 0.112 on: {disable: true}
        typographer = not typographer.get("disable", False)
    return Site("hugo", path, folders("contentDir", "content"), folders("staticDir", "static"), bool(typographer))


def _mapping(path: Path, data: dict[str, Any], *keys: str) -> dict[str, Any]:
    """``data[keys[0]][keys[1]]…``, where each is a mapping or absent ({})."""
    value: Any = data
    for depth, key in enumerate(keys):
        value = value.get(key) or {}
        if not isinstance(value, dict):
            raise _wrong_type(path, ".".join(keys[: depth + 1]), "a mapping of settings")
    return value


def _wrong_type(path: Path, key: str, wanted: str) -> EditorialError:
    """An error at the line that sets ``key`` (its last part), where it can be found."""
    name = re.escape(key.rsplit(".", 1)[-1])
    text = path.read_text(encoding="utf-8", errors="replace")
    found = re.search(rf"(?m)(?:^|[{{,\s])[\"']?{name}[\"']?\s*[:=]", text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    return EditorialError(Problem(path, line, f"'{key}' must be {wanted}"))


def _read_hugo(path: Path) -> dict[str, Any]:
    text = files.decode(files.read_bytes(path), path)
    if path.suffix == ".toml":
        import tomllib

        try:
            data: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line = re.search(r"line (\d+)", str(exc))
            # "at end of document" names no line: the last one it is.
            where = int(line.group(1)) if line else text.count("\n") + (not text.endswith("\n"))
            raise EditorialError(Problem(path, where, f"invalid TOML: {exc}")) from None
    elif path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise EditorialError(Problem(path, exc.lineno, f"invalid JSON: {exc.msg}")) from None
    else:
        data = yamlsource.load(text, path).data
    if not isinstance(data, dict):
        raise EditorialError(Problem(path, 1, "a Hugo configuration is a mapping of settings"))
    return {str(k): v for k, v in data.items()}


def _pelican(path: Path) -> Site:
    """pelicanconf.py's plain assignments (``NAME = literal``); anything computed is left alone."""
    text = files.decode(files.read_bytes(path), path)
    try:
        module = ast.parse(text, filename=str(path))
    except SyntaxError as exc:
        raise EditorialError(Problem(path, exc.lineno, f"invalid Python: {exc.msg}")) from None
    settings: dict[str, Any] = {}
    for statement in module.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
            try:
                settings[statement.targets[0].id] = ast.literal_eval(statement.value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                continue
    content_name = settings.get("PATH", "content")
    if not isinstance(content_name, str):
        raise _wrong_type(path, "PATH", "a folder name")
    content = path.parent / content_name
    extensions = _mapping(path, settings, "MARKDOWN", "extension_configs")
    smarty = any("smarty" in str(name) for name in extensions)
    # STATIC_PATHS are copied to the output under their own names: "/images/a.png" is content/images/a.png.
    return Site("pelican", path, (content,), (content,), bool(settings.get("TYPOGRIFY")) or smarty)
