"""``frontmatter.*``: front matter validated against JSON Schemas chosen per file by glob.

Schemas are JSON Schema written in YAML. The defaults cover issue files and
section files; ``lint.frontmatter`` in editorial.yaml maps more globs to
schemas (a file path or an inline schema), and wins over the defaults.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editorial import files, issue, own_comments, yamlsource
from editorial.frontmatter import FrontMatter
from editorial.errors import error
from editorial.globs import matches
from editorial.lint.context import Context
from editorial.lint.findings import Finding, Severity
from editorial.lint.rules import RuleInfo

if TYPE_CHECKING:
    from editorial.document import Document

PREFIX = "frontmatter"
_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"

RULES = (
    RuleInfo(f"{PREFIX}.malformed", Severity.error, "Front matter that is not closed or not valid YAML.", "---\ntitle: [unclosed\n---"),
    RuleInfo(f"{PREFIX}.missing", Severity.error, "A file that a schema applies to has no front matter.", "# Title only"),
    RuleInfo(f"{PREFIX}.required", Severity.error, "A key the schema requires is missing.", "---\nauthor: ana\n---  (no title)"),
    RuleInfo(f"{PREFIX}.unknown-author", Severity.error, "A section's author is not in the contributor registry.", "author: casper"),
    RuleInfo(
        f"{PREFIX}.unknown-slot", Severity.error,
        "A section's slot has no marker in its issue.md: assemble could not place it.",
        "slot: recomended-reading   (issue.md has <!-- editorial:sections recommended-reading -->)",
    ),
    RuleInfo(f"{PREFIX}.invalid", Severity.error, "A value the schema does not allow (type, format, pattern…).", "date: next week"),
    RuleInfo(f"{PREFIX}.unexpected", Severity.error, "A key the schema does not allow (additionalProperties: false).", "titel: Typo"),
)


def _section_glob(context: Context) -> str:
    return f"{context.relative(context.settings.paths.issues)}/*/{issue.SECTIONS_FOLDER}/**/*.md"


def is_section(path: Path, context: Context) -> bool:
    return matches(context.relative(path), _section_glob(context))


def _default_globs(context: Context) -> list[tuple[str, str | dict[str, Any]]]:
    issues = context.relative(context.settings.paths.issues)
    return [
        (f"{issues}/*/{issue.ISSUE_FILE}", str(_SCHEMAS / "issue.yaml")),
        (_section_glob(context), str(_SCHEMAS / "section.yaml")),
    ]


def schema_for(path: Path, context: Context) -> tuple[str, dict[str, Any]] | None:
    """The first glob (configured ones, then the defaults) that matches, and its schema."""
    relative = context.relative(path)
    for glob, schema in (*context.config.frontmatter, *_default_globs(context)):
        if matches(relative, glob):
            if isinstance(schema, dict):
                return glob, schema
            return glob, _load_schema(str(context.settings.root / schema))
    return None


@functools.cache
def _load_schema(path: str) -> dict[str, Any]:
    text = files.decode(files.read_bytes(Path(path)), path)
    schema = yamlsource.load(text, path).data
    if not isinstance(schema, dict):
        raise error(path, 1, "a front-matter schema must be a mapping (JSON Schema)")
    return schema


@functools.cache
def _validator(schema_key: str, schema_json: str) -> Any:
    import json

    import jsonschema

    schema = json.loads(schema_json)
    cls = jsonschema.validators.validator_for(schema)
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise error(schema_key, None, f"invalid JSON Schema: {exc.message}") from None
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date", raises=ValueError)(_is_date)
    checker.checks("date-time", raises=ValueError)(_is_date_time)
    return cls(schema, format_checker=checker)


def _is_date(value: object) -> bool:
    return not isinstance(value, str) or bool(datetime.date.fromisoformat(value)) and len(value) == 10


def _is_date_time(value: object) -> bool:
    return not isinstance(value, str) or ("T" in value.upper() and bool(datetime.datetime.fromisoformat(value)))


def _message(err: Any) -> str:
    """The schema's own ``errorMessage`` (one, or one per keyword) over jsonschema's wording."""
    custom = err.schema.get("errorMessage") if isinstance(err.schema, dict) else None
    if isinstance(custom, dict):
        custom = custom.get(err.validator)
    return custom if isinstance(custom, str) else err.message


def _jsonable(value: Any) -> Any:
    """YAML's dates become the ISO strings JSON Schema's formats expect."""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def check(document: Document, context: Context) -> Iterator[Finding]:
    import json

    path = str(document.path)
    if document.front_matter_error is not None:
        problem = document.front_matter_error
        yield Finding(path, problem.line or 1, 1, f"{PREFIX}.malformed", Severity.error, problem.message)
        return
    chosen = schema_for(Path(document.path), context)
    if chosen is None:
        return
    glob, schema = chosen
    front = document.front_matter
    if front is None:
        yield Finding(path, 1, 1, f"{PREFIX}.missing", Severity.error, f"no front matter (files matching '{glob}' need one)")
        return
    validator = _validator(glob, json.dumps(schema, sort_keys=True))
    found = [f for err in validator.iter_errors(_jsonable(front.data)) for f in _findings(err, front, path)]
    if is_section(Path(document.path), context):
        found = list(_section(document, front, context, found))
    yield from sorted(found, key=lambda f: (f.line, f.rule, f.message))


def is_stub(document: Document) -> bool:
    """A section not written yet: its body is empty but for editorial's own notes (the stub's guidance)."""
    return not issue.has_content(own_comments.strip(document.source[document.body_offset :], 1).text)


def _section(document: Document, front: FrontMatter, context: Context, found: list[Finding]) -> Iterator[Finding]:
    """What the registry and the issue's frame say of a section; a stub (not started) is not an error."""
    path = str(document.path)
    stub = is_stub(document)
    # A stub's title is empty until its contributor writes the section: that is the stub, not a slip.
    yield from (f for f in found if not (stub and f.rule == f"{PREFIX}.invalid" and f.line == front.line("title")))
    author = front.data.get("author")
    if isinstance(author, str) and context.settings.contributor(author) is None:
        known = ", ".join(c.id for c in context.settings.contributors) or "none registered"
        yield Finding(
            path, front.line("author"), 1, f"{PREFIX}.unknown-author", Severity.error,
            f"author '{author}' is not in the contributor registry ({known})",
        )
    slot = front.data.get("slot", issue.MAIN_SLOT)
    slots = context.issue_slots(Path(document.path))
    # A frame with no marker at all is not laid out yet (or not editorial's): nothing to check against.
    unplaced = issue.slot_problem(slot, slots, issue.ISSUE_FILE) if slots and isinstance(slot, str) and not stub else None
    if unplaced is not None:
        line = front.line("slot") if "slot" in front.data else front.opening_line
        yield Finding(path, line, 1, f"{PREFIX}.unknown-slot", Severity.error, unplaced)


def _findings(err: Any, front: FrontMatter, path: str) -> Iterator[Finding]:
    """A finding on the offending key's own line; a missing key on the front matter's first."""
    key = tuple(err.absolute_path)
    if err.validator == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        yield Finding(path, front.opening_line, 1, f"{PREFIX}.required", Severity.error, f"front matter has no '{missing}'")
    elif err.validator == "additionalProperties":
        allowed = set(err.schema.get("properties", {}))
        for extra in sorted(set(err.instance) - allowed):
            yield Finding(path, front.line(*key, extra), 1, f"{PREFIX}.unexpected", Severity.error, f"unexpected key '{extra}'")
    else:
        name = ".".join(map(str, key)) or "front matter"
        line = front.line(*key) if key else front.opening_line
        yield Finding(path, line, 1, f"{PREFIX}.invalid", Severity.error, f"'{name}' {_message(err)}")
