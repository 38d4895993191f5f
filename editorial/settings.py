"""``editorial.yaml``: found once, validated once, then passed around as :class:`Settings`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editorial import files, yamlsource
from editorial.errors import EditorialError, Problem, error

CONFIG_NAME = "editorial.yaml"
CONTRIBUTOR_ID = re.compile(r"^\w[\w.-]*$")


@dataclass(frozen=True)
class Contributor:
    id: str
    name: str
    link: str | None = None
    email: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"id": self.id, "name": self.name, "link": self.link, "email": self.email}


@dataclass(frozen=True)
class Paths:
    issues: Path
    templates: Path
    rules: Path
    build: Path


@dataclass(frozen=True)
class Settings:
    root: Path
    config_path: Path | None
    name: str
    language: str
    contributors: tuple[Contributor, ...]
    paths: Paths
    _by_id: dict[str, Contributor] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {c.id: c for c in self.contributors})

    def contributor(self, contributor_id: str) -> Contributor | None:
        return self._by_id.get(contributor_id)

    def issue_folder(self, slug: str) -> Path:
        return self.paths.issues / slug


# The shape of editorial.yaml. A dict lists the keys a mapping may have (a
# trailing "!" marks a required one); {str: spec} is a mapping with free keys.
_SCHEMA: dict[str, Any] = {
    "newsletter": {"name": str, "language": str},
    "contributors": {str: {"name!": str, "link": str, "email": str}},
    "paths": {"issues": str, "templates": str, "rules": str, "build": str},
}


def find_config(start: Path) -> Path | None:
    """The nearest editorial.yaml in ``start`` or a folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load(config: Path | None = None, start: Path | None = None) -> Settings:
    """Settings from ``config``, or from the editorial.yaml found above ``start``."""
    if config is None:
        start = start or Path.cwd()
        config = find_config(start)
        if config is None:
            raise error(
                start,
                None,
                f"no {CONFIG_NAME} here or in any parent folder (run 'editorial init' to create one)",
            )
    config = config.resolve()
    document = yamlsource.load(files.read_text(config), config)
    data = {} if document.data is None else document.data
    problems: list[Problem] = []
    _validate(data, _SCHEMA, (), document, problems)
    for cid in data.get("contributors") or {} if isinstance(data, dict) else ():
        if isinstance(cid, str) and not CONTRIBUTOR_ID.match(cid):
            problems.append(
                Problem(
                    config,
                    document.line(("contributors", cid)),
                    f"contributor id '{cid}' must be letters, digits, '.', '-' or '_'"
                    " (it names files and branches)",
                )
            )
    if problems:
        raise EditorialError(*sorted(problems, key=lambda p: p.line or 0))
    return _settings(config, data)


def _validate(
    value: Any,
    spec: Any,
    key: yamlsource.KeyPath,
    document: yamlsource.YamlDocument,
    problems: list[Problem],
) -> None:
    def problem(message: str, at: yamlsource.KeyPath = key) -> None:
        problems.append(Problem(document.path, document.line(at), message))

    name = ".".join(str(k) for k in key) or "the file"
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            problem(f"'{name}' must be a mapping of keys to values")
            return
        if str in spec:
            for child, child_value in value.items():
                if not isinstance(child, str):
                    problem(f"key {child!r} in '{name}' must be text", key + (child,))
                    continue
                _validate(child_value, spec[str], key + (child,), document, problems)
            return
        allowed = {k.rstrip("!"): v for k, v in spec.items()}
        for child, child_value in value.items():
            if child not in allowed:
                known = ", ".join(sorted(allowed))
                prefix = f"{name}." if key else ""
                problem(f"unknown key '{prefix}{child}' (known keys: {known})", key + (child,))
            else:
                _validate(child_value, allowed[child], key + (child,), document, problems)
        for required in (k[:-1] for k in spec if k.endswith("!")):
            if required not in value:
                problem(f"'{name}' has no '{required}'")
    elif not isinstance(value, spec):
        problem(f"'{name}' must be {_KIND[spec]}, not {type(value).__name__}")


_KIND = {str: "text"}


def _settings(config: Path, data: dict[str, Any]) -> Settings:
    root = config.parent
    newsletter = data.get("newsletter") or {}
    paths = data.get("paths") or {}
    contributors = tuple(
        Contributor(cid, entry["name"], entry.get("link"), entry.get("email"))
        for cid, entry in (data.get("contributors") or {}).items()
    )
    return Settings(
        root=root,
        config_path=config,
        name=newsletter.get("name", root.name),
        language=newsletter.get("language", "en-US"),
        contributors=contributors,
        paths=Paths(
            issues=root / paths.get("issues", "issues"),
            templates=root / paths.get("templates", "templates"),
            rules=root / paths.get("rules", "rules"),
            build=root / paths.get("build", "build"),
        ),
    )
