"""``editorial.yaml``: found once, validated once, then passed around as :class:`Settings`."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from editorial import files, yamlsource
from editorial.errors import EditorialError, Problem, error

CONFIG_NAME = "editorial.yaml"
CONTRIBUTOR_ID = re.compile(r"^\w[\w.-]*$")
DEFAULT_BRANCH_PATTERN = "{issue}/{contributor}"


@dataclass(frozen=True)
class Contributor:
    id: str
    name: str
    link: str | None = None
    email: str | None = None
    # Other profiles they sign with: a byline may link to any of them.
    other_links: tuple[str, ...] = ()
    # The registry's other keys (a byline style, a role…), for the templates: editorial gives them no meaning.
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), compare=False)

    @property
    def links(self) -> tuple[str, ...]:
        return ((self.link,) if self.link else ()) + self.other_links

    def as_dict(self) -> dict[str, Any]:
        return {**self.extra, "id": self.id, "name": self.name, "link": self.link, "email": self.email, "links": list(self.links)}


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
    # Each contributor's branch for an issue: "{issue}" and "{contributor}" are filled in.
    branch_pattern: str = DEFAULT_BRANCH_PATTERN
    # The whole validated file, for the parts that own a section of it (lint, styles…),
    # with the line of every key for their own error messages.
    data: dict[str, Any] = field(default_factory=dict, repr=False)
    source: yamlsource.YamlDocument | None = field(default=None, repr=False, compare=False)
    _by_id: dict[str, Contributor] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {c.id: c for c in self.contributors})

    def contributor(self, contributor_id: str) -> Contributor | None:
        return self._by_id.get(contributor_id)

    def issue_folder(self, slug: str) -> Path:
        return self.paths.issues / slug


# The shape of editorial.yaml. A dict lists the keys a mapping may have (a
# trailing "!" marks a required one); {str: spec} is a mapping with free keys;
# [spec] a list; a tuple of specs, any one of them; object, anything. In a dict,
# the key OTHER_KEYS gives the spec of keys not listed (else they are unknown).
OTHER_KEYS = "*"
# A contributor's keys that editorial reads; "id" is the entry's own key, given to the templates as such.
CONTRIBUTOR_KEYS = ("name", "link", "links", "email")
_SCHEMA: dict[str, Any] = {
    "newsletter": {"name": str, "language": str},
    "contributors": {str: {"name!": str, "link": str, "links": [str], "email": str, OTHER_KEYS: object}},
    "paths": {"issues": str, "templates": str, "rules": str, "build": str},
    "languagetool": {
        "enabled": bool,
        "url": str,
        "language": str,
        "required": bool,
        "picky": bool,
        "enabled_rules": [str],
        "disabled_rules": [str],
        "enabled_categories": [str],
        "disabled_categories": [str],
        "accept": [str],
        "severity": {str: str},
        "timeout": (int, float),
    },
    "lint": {
        "profile": str,
        "baseline": str,
        "min_severity": str,
        "select": [str],
        "ignore": [str],
        # "off" is YAML 1.1's false: both turn a rule off.
        "severity": {str: (str, bool)},
        "static": [str],
        "word_limit": int,
        "max_file_kib": int,
        "frontmatter": {str: object},
        "overrides": [
            {"files!": (str, [str]), "select": [str], "ignore": [str], "severity": {str: (str, bool)}, "word_limit": int}
        ],
    },
    "collect": {"branch": str},
    # The house vocabulary (lint/vocabulary.py): learned from the archive, with words added and taken out.
    "vocabulary": {"learn": bool, "sources": [str], "min_files": int, "accept": [str], "reject": [str]},
    # House-style rules (editorial/style): which styles of rules/ run, and how.
    "styles": {
        "use": [str],
        "min_level": str,
        "rules": {str: str},
        "names": [str],
        "headings": str,
        "vale": (bool, str),
        "files": [{"files!": (str, [str]), "use": [str], "rules": {str: str}}],
    },
}


def find_config(start: Path) -> Path | None:
    """The nearest editorial.yaml in ``start`` or a folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load(config: Path | None = None, start: Path | None = None, required: bool = True) -> Settings:
    """Settings from ``config``, or from the editorial.yaml found above ``start``.

    Without ``required``, a folder with no editorial.yaml gets the defaults, rooted
    at ``start``: any Markdown file can be linted.
    """
    if config is None:
        start = start or Path.cwd()
        config = find_config(start)
        if config is None and not required:
            return _settings(start.resolve() / CONFIG_NAME, {}, None)
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
    problems.extend(_check_contributor_keys(data, document))
    problems.extend(_check_branch_pattern(data, document))
    if problems:
        raise EditorialError(*sorted(problems, key=lambda p: p.line or 0))
    return _settings(config, data, document)


def _check_contributor_keys(data: Any, document: yamlsource.YamlDocument) -> list[Problem]:
    """A contributor's own keys reach the templates beside ``id``, which the entry's key already is."""
    entries = data.get("contributors") if isinstance(data, dict) else None
    return [
        Problem(
            document.path,
            document.line(("contributors", cid, "id")),
            f"'contributors.{cid}.id' cannot be set: the id is the entry's key ('{cid}')",
        )
        for cid, entry in (entries.items() if isinstance(entries, dict) else ())
        if isinstance(entry, dict) and "id" in entry
    ]


def _check_branch_pattern(data: Any, document: yamlsource.YamlDocument) -> list[Problem]:
    """The pattern must name one branch per contributor, so it needs "{contributor}"."""
    collect = data.get("collect") if isinstance(data, dict) else None
    pattern = collect.get("branch") if isinstance(collect, dict) else None
    if not isinstance(pattern, str):
        return []
    line = document.line(("collect", "branch"))
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(pattern) if name is not None]
    except ValueError as exc:
        return [Problem(document.path, line, f"'collect.branch' is not a valid pattern: {exc}")]
    unknown = sorted({name for name, _, _ in fields if name not in ("issue", "contributor")})
    if unknown or any(spec or conv for _, spec, conv in fields):
        named = f", not {', '.join(f'{{{u}}}' for u in unknown)}" if unknown else " (without formats)"
        return [Problem(document.path, line, f"'collect.branch' may use only {{issue}} and {{contributor}}{named}")]
    if not any(name == "contributor" for name, _, _ in fields):
        return [Problem(document.path, line, "'collect.branch' must contain {contributor} (one branch per contributor)")]
    return []


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
        allowed = {k.rstrip("!"): v for k, v in spec.items() if k != OTHER_KEYS}
        for child, child_value in value.items():
            if child not in allowed and OTHER_KEYS in spec and isinstance(child, str):
                _validate(child_value, spec[OTHER_KEYS], key + (child,), document, problems)
            elif child not in allowed:
                known = ", ".join(sorted(allowed))
                prefix = f"{name}." if key else ""
                problem(f"unknown key '{prefix}{child}' (known keys: {known})", key + (child,))
            else:
                _validate(child_value, allowed[child], key + (child,), document, problems)
        for required in (k[:-1] for k in spec if k.endswith("!")):
            if required not in value:
                problem(f"'{name}' has no '{required}'")
    elif isinstance(spec, list):
        if not isinstance(value, list):
            problem(f"'{name}' must be a list")
            return
        for index, item in enumerate(value):
            _validate(item, spec[0], key + (index,), document, problems)
    elif isinstance(spec, tuple):
        if not any(_conforms(value, option) for option in spec):
            kinds = " or ".join(_KIND.get(option, "a mapping") for option in spec)
            problem(f"'{name}' must be {kinds}, not {_KIND.get(type(value), type(value).__name__)}")
        else:
            option = next(o for o in spec if _conforms(value, o))
            _validate(value, option, key, document, problems)
    elif spec is not object and (not isinstance(value, spec) or (spec is int and isinstance(value, bool))):
        problem(f"'{name}' must be {_KIND[spec]}, not {_KIND.get(type(value), type(value).__name__)}")


def _conforms(value: Any, spec: Any) -> bool:
    """Whether ``value`` has the kind of ``spec`` (a choice among alternatives)."""
    kind = dict if isinstance(spec, dict) else list if isinstance(spec, list) else spec
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


_KIND = {str: "text", int: "a whole number", float: "a number", bool: "true or false", list: "a list", dict: "a mapping"}


def _settings(config: Path, data: dict[str, Any], source: yamlsource.YamlDocument | None) -> Settings:
    """``source`` is None where there is no editorial.yaml: then ``config`` is where it would be."""
    root = config.parent
    newsletter = data.get("newsletter") or {}
    paths = data.get("paths") or {}
    collect = data.get("collect") or {}
    contributors = tuple(
        Contributor(
            cid,
            entry["name"],
            entry.get("link"),
            entry.get("email"),
            tuple(entry.get("links") or ()),
            MappingProxyType({k: v for k, v in entry.items() if k not in CONTRIBUTOR_KEYS}),
        )
        for cid, entry in (data.get("contributors") or {}).items()
    )
    return Settings(
        root=root,
        config_path=config if source is not None else None,
        name=newsletter.get("name", root.name),
        language=newsletter.get("language", "en-US"),
        contributors=contributors,
        paths=Paths(
            issues=root / paths.get("issues", "issues"),
            templates=root / paths.get("templates", "templates"),
            rules=root / paths.get("rules", "rules"),
            build=root / paths.get("build", "build"),
        ),
        branch_pattern=collect.get("branch", DEFAULT_BRANCH_PATTERN),
        data=data,
        source=source,
    )
