"""One rule file (``<Style>/<Rule>.yml``), read and validated.

A rule file is Vale's format: ``extends`` names the rule type, the other keys
configure it. Validation is strict in the way Vale's is (a key the type does
not know is an error) and every error names the file and the line of the key
at fault, so a style author can find it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editorial import files, yamlsource
from editorial.errors import EditorialError, Problem, error
from editorial.lint.findings import Severity

# Keys every rule type accepts.
COMMON_KEYS = frozenset(
    {"extends", "message", "description", "level", "scope", "link", "limit", "action", "name", "matchcase"}
)

# The keys each supported type adds to the common ones.
TYPE_KEYS: dict[str, frozenset[str]] = {
    "existence": frozenset({"tokens", "raw", "ignorecase", "nonword", "append", "exceptions", "vocab"}),
    "substitution": frozenset({"swap", "ignorecase", "nonword", "exceptions", "vocab", "capitalize", "pos"}),
    "occurrence": frozenset({"token", "max", "min", "ignorecase"}),
    "repetition": frozenset({"tokens", "max", "ignorecase", "alpha", "vocab", "exceptions"}),
    "consistency": frozenset({"either", "nonword", "ignorecase"}),
    "conditional": frozenset({"first", "second", "ignorecase", "exceptions", "vocab"}),
    "capitalization": frozenset(
        {"match", "style", "exceptions", "indicators", "threshold", "vocab", "prefix"}
    ),
    "metric": frozenset({"formula", "condition"}),
    "readability": frozenset({"metrics", "grade"}),
}

# Vale types this engine does not run: they load with a warning and are skipped.
UNSUPPORTED_TYPES = {
    "spelling": "needs Hunspell dictionaries",
    "sequence": "needs a part-of-speech tagger",
    "script": "needs Vale's Tengo script engine",
}

LEVELS = {"suggestion": Severity.suggestion, "warning": Severity.warning, "error": Severity.error}


@dataclass(frozen=True)
class Action:
    name: str
    params: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSpec:
    """A validated rule definition, not yet compiled."""

    id: str  # "Style.Rule"
    path: Path
    extends: str
    message: str
    level: Severity
    scope: tuple[str, ...]
    description: str = ""
    link: str | None = None
    limit: int = 0
    action: Action | None = None
    options: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def style(self) -> str:
        return self.id.split(".", 1)[0]

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)

    def error(self, key: str, message: str) -> EditorialError:
        return error(self.path, self.line(key), message)


@dataclass(frozen=True)
class Skipped:
    """A rule of a type the engine does not run."""

    id: str
    path: Path
    extends: str
    reason: str

    @property
    def warning(self) -> Problem:
        return Problem(self.path, 1, f"rule type '{self.extends}' is not supported ({self.reason}); '{self.id}' is skipped")


def read(path: Path, rule_id: str) -> RuleSpec | Skipped:
    """The rule in ``path``; raises :class:`EditorialError` naming the line at fault."""
    return parse(read_config_text(path), path, rule_id)


def read_config_text(path: Path) -> str:
    """A style file as text; unlike workflow files, CRLF and a BOM are tolerated.

    Styles come from other projects (Vale packages) written on every platform.
    """
    return files.decode(files.read_bytes(path), path).removeprefix("\ufeff").replace("\r\n", "\n")


def _load_yaml(text: str, path: Path) -> tuple[Any, dict[str, int]]:
    """The rule file's data and the line of each top-level key, read as Vale's Go parser reads it."""
    document = yamlsource.load(text, path, lenient=True)
    return document.data, {str(key[0]): span.start for key, span in document.spans.items() if len(key) == 1}


def parse(text: str, path: Path, rule_id: str) -> RuleSpec | Skipped:
    data, lines = _load_yaml(text, path)
    if not isinstance(data, dict):
        raise error(path, 1, "a rule file must be a mapping of keys to values")

    def fail(key: str, message: str) -> EditorialError:
        return error(path, lines.get(key, 1), message)

    extends = data.get("extends")
    if extends is None:
        raise fail("extends", "missing the required 'extends' key")
    if not isinstance(extends, str):
        raise fail("extends", "'extends' must be text")
    if extends in UNSUPPORTED_TYPES:
        return Skipped(rule_id, path, extends, UNSUPPORTED_TYPES[extends])
    if extends not in TYPE_KEYS:
        known = ", ".join(sorted([*TYPE_KEYS, *UNSUPPORTED_TYPES]))
        raise fail("extends", f"unknown rule type '{extends}' (known types: {known})")
    allowed = COMMON_KEYS | TYPE_KEYS[extends]
    for key in data:
        if not isinstance(key, str) or key.lower() not in allowed:
            known = ", ".join(sorted(allowed))
            raise fail(str(key), f"unknown key '{key}' for a rule of type '{extends}' (known keys: {known})")
    data = {key.lower(): value for key, value in data.items()}
    lines = {key.lower(): line for key, line in lines.items()}
    if "message" not in data:
        raise fail("extends", "missing the required 'message' key")
    level_name = data.get("level", "warning")  # Vale's default
    if not isinstance(level_name, str) or level_name.strip().lower() not in LEVELS:
        raise fail("level", f"'level' must be one of suggestion, warning, error, not {level_name!r}")
    scope = data.get("scope", ())
    if isinstance(scope, str):
        scope = (scope,)
    if not isinstance(scope, (list, tuple)) or not all(isinstance(s, str) for s in scope):
        raise fail("scope", "'scope' must be a scope name or a list of them")
    for part in scope:
        for name in part.split("&"):
            if " " in name.strip().lstrip("~").split(".")[0]:
                raise fail("scope", f"scope '{part}' contains spaces")
    limit = data.get("limit", 0)
    if not isinstance(limit, int) or isinstance(limit, bool):
        raise fail("limit", "'limit' must be a whole number")
    message = _text(data, "message", fail)
    options = {k: v for k, v in data.items() if k not in COMMON_KEYS}
    return RuleSpec(
        id=rule_id,
        path=path,
        extends=extends,
        message=message,
        level=LEVELS[level_name.strip().lower()],
        scope=tuple(s.strip() for s in scope),
        description=_text(data, "description", fail),
        link=_text(data, "link", fail) or None,
        limit=limit,
        action=_action(data.get("action"), fail),
        options=options,
        lines=lines,
    )


def _text(data: dict[str, Any], key: str, fail: Any) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise fail(key, f"'{key}' must be text")
    return str(value)


def _action(value: Any, fail: Any) -> Action | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("name", ""), str):
        raise fail("action", "'action' must be a mapping with a 'name' and optional 'params'")
    params = value.get("params") or ()
    if not isinstance(params, (list, tuple)):
        raise fail("action", "'action.params' must be a list")
    return Action(str(value.get("name", "")), tuple(str(p) for p in params))


# Helpers the rule types share to read their own keys with errors that name the line.


def get_bool(spec: RuleSpec, key: str, default: bool = False) -> bool:
    value = spec.options.get(key, default)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false", "yes", "no"}:
        return value.lower() in {"true", "yes"}
    raise spec.error(key, f"'{key}' must be true or false")


def get_int(spec: RuleSpec, key: str, default: int = 0) -> int:
    value = spec.options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise spec.error(key, f"'{key}' must be a number")
    try:
        return int(value)
    except ValueError:
        raise spec.error(key, f"'{key}' must be a number") from None


def get_float(spec: RuleSpec, key: str, default: float = 0.0) -> float:
    value = spec.options.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise spec.error(key, f"'{key}' must be a number")
    try:
        return float(value)
    except ValueError:
        raise spec.error(key, f"'{key}' must be a number") from None


def get_str(spec: RuleSpec, key: str, default: str = "") -> str:
    value = spec.options.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise spec.error(key, f"'{key}' must be text")
    return str(value)


def get_list(spec: RuleSpec, key: str) -> list[str]:
    value = spec.options.get(key)
    if value is None:
        return []
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [str(value)]
    if not isinstance(value, list):
        raise spec.error(key, f"'{key}' must be a list")
    out = []
    for item in value:
        if item is None:
            continue
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise spec.error(key, f"'{key}' must be a list of text")
        out.append(str(item))
    return out


def get_map(spec: RuleSpec, key: str) -> dict[str, str]:
    value = spec.options.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise spec.error(key, f"'{key}' must be a mapping")
    out = {}
    for k, v in value.items():
        # YAML reads `yes: no` style keys as booleans; Vale's Go YAML reads them as text.
        out[_yaml_text(k)] = _yaml_text(v)
    return out


def _yaml_text(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return ""
    return str(value)
