"""Findings of files that have not changed since the last lint, kept in a :class:`~editorial.store.Store`.

A file's entry is keyed by its bytes, its path, the date of its issue (the
month check reads it) and everything that changes what the checks report:
editorial's and proselint's versions, the configuration and the checks that
run. A check over many files at once (LanguageTool) keeps each file's
findings under a key of their own, which adds what its answer depends on
beyond the file (the server and its version). Whether the local paths a file
links to exist can change without the file changing: the entry keeps whether
each of them existed, and holds only while that is still so. The findings of the
front-matter checks are also kept by the front matter's own text, so that an
edit to a file's body does not run them again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editorial import __version__
from editorial.errors import EditorialError
from editorial.files import read_bytes
from editorial.lint.context import Context
from editorial.lint.findings import Finding, Severity

if TYPE_CHECKING:
    from editorial.document import Document

FILE_NAME = "lint-results.sqlite"
# What an entry holds: raised when that changes, so that no older entry is read as a newer one.
FORMAT = 3


def fingerprint(context: Context, prefixes: Sequence[str]) -> str:
    proselint = installed_version("proselint")
    schemas = []
    for _, schema in context.config.frontmatter:
        if isinstance(schema, str):
            try:
                schemas.append(hashlib.sha256(read_bytes(context.settings.root / schema)).hexdigest())
            except EditorialError:
                schemas.append(None)
    parts = [FORMAT, __version__, proselint, repr(context.config), context.settings.data, sorted(prefixes), schemas]
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def installed_version(package: str) -> str:
    """``package``'s installed version, from the name of its ``.dist-info`` folder where it has one.

    importlib.metadata would say the same, but importing it costs every lint
    30 ms, a quarter of one whose files are all unchanged.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return "none"
    folder = os.path.dirname(os.path.dirname(spec.origin))
    prefix = f"{package}-"
    names = [n for n in os.listdir(folder) if n.startswith(prefix) and n.endswith(".dist-info")]
    if len(names) == 1:
        return names[0].removeprefix(prefix).removesuffix(".dist-info")
    from importlib import metadata  # an egg, a source tree: the slow way

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def key(data: bytes, path: Path, context: Context, fingerprint: str) -> str:
    digest = hashlib.sha256(data)
    issue = f"{context.issue_date(path)}\0{context.issue_slots(path)}"
    digest.update(f"\0{context.relative(path)}\0{issue}\0{fingerprint}".encode())
    return digest.hexdigest()


def batch_key(key: str, prefix: str | None, version: str) -> str:
    """For a check over many files at once (LanguageTool): the file's key, and what else its answer depends on."""
    return hashlib.sha256(f"batch\0{prefix}\0{version}\0{key}".encode()).hexdigest()


def front_matter_key(document: Document, context: Context, fingerprint: str) -> str:
    """For the checks that read only the front matter: its text, and what can hide their findings."""
    from editorial.lint import frontmatter, suppress

    front = document.front_matter.raw if document.front_matter is not None else None
    error = str(document.front_matter_error) if document.front_matter_error is not None else None
    hidden = suppress.parse(document.source).regions
    path = Path(document.path)
    # A section's slot is checked against its issue's markers, and a stub's empty title is no slip.
    issue = [context.issue_slots(path), frontmatter.is_stub(document)]
    parts = ["front matter", front, error, repr(hidden), context.relative(path), issue, fingerprint]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def entry(document: Document, context: Context, findings: Sequence[Finding]) -> dict[str, Any]:
    from editorial.lint import markdown

    paths = {str(p): context.exists(p) for p in markdown.dependencies(document, context)}
    linked = markdown.pages_linked(document, context)
    pages = markdown.site_pages(context) if linked else frozenset()
    return {"findings": dump(findings), "paths": paths, "pages": {name: name in pages for name in linked}}


def still_valid(stored: Any, pages: Callable[[], frozenset[str]], exists: Callable[[Path], bool] = Path.exists) -> bool:
    """Whether every local path and site page the file links to still exists, or still does not."""
    if not isinstance(stored, dict) or not all(exists(Path(p)) == existed for p, existed in stored["paths"].items()):
        return False
    return not stored["pages"] or all((name in pages()) == existed for name, existed in stored["pages"].items())


def dump(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    return [
        {
            "line": f.line, "column": f.column, "rule": f.rule, "severity": f.severity.name, "message": f.message,
            "end_line": f.end_line, "end_column": f.end_column, "replacements": list(f.replacements), "link": f.link,
            "fingerprint": f.fingerprint, "matched": f.matched,
        }
        for f in findings
    ]


def load(entries: list[dict[str, Any]], path: str) -> list[Finding]:
    return [
        Finding(
            path=path, line=e["line"], column=e["column"], rule=e["rule"], severity=Severity[e["severity"]],
            message=e["message"], end_line=e["end_line"], end_column=e["end_column"],
            replacements=tuple(e["replacements"]), link=e["link"], fingerprint=e["fingerprint"],
            matched=e["matched"],
        )
        for e in entries
    ]
