"""Jinja2 templates: the repository's own ``templates/`` first, then editorial's defaults.

Undefined variables are errors, and every template error names the template
file and line, like any other bad input.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from editorial import defaults, files
from editorial.errors import EditorialError, error
from editorial.settings import Settings

ISSUE = "issue.md.j2"
SECTION_STUB = "section-stub.md.j2"
SECTION = "section.md.j2"


def _yaml_value(value: Any) -> str:
    """A value as inline YAML, quoted when it needs to be (titles with colons, say)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=math.inf)
    return text.removesuffix("\n").removesuffix("\n...")


class _Loader(jinja2.FileSystemLoader):
    """The templates folders, read as every other file of the repository is.

    A template is read only where it really is inside its folder: a symbolic
    link to ``/etc/passwd`` in ``templates/`` is refused, not included. Jinja
    itself refuses ``..`` in a template's name.
    """

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in map(Path, self.searchpath):
            path = folder.joinpath(*pieces)
            if os.path.lexists(path):
                files.Boundary(folder, "the templates folder").check(path)
                return files.decode(files.read_bytes(path), path), str(path), lambda: True
        raise jinja2.TemplateNotFound(template)


def environment(settings: Settings) -> jinja2.Environment:
    """A sandboxed Jinja: templates are repository files, which must not run code nor change the data they show."""
    search = [settings.paths.templates, defaults.folder("templates")]
    env = ImmutableSandboxedEnvironment(
        loader=_Loader([str(p) for p in search]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml"] = _yaml_value
    return env


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    template: jinja2.Template | None = None
    try:
        template = env.get_template(name)
        return template.render(context)
    except EditorialError:
        raise  # a template could not be read
    except jinja2.TemplateNotFound as exc:
        missing = exc.name if isinstance(exc.name, str) else name
        raise error(missing, None, "template not found in the repository's templates/ nor the defaults") from None
    except jinja2.TemplateSyntaxError as exc:
        raise error(exc.filename or name, exc.lineno, f"template error: {exc.message}") from None
    except Exception as exc:
        # Whatever a template does wrong (an undefined name, a sandbox violation, a division
        # by zero) is the template's fault, reported at its line.
        path = template.filename if template is not None and template.filename else name
        raise error(path, _template_line(exc.__traceback__, path), f"template error: {_message(exc)}") from None


def _message(exc: Exception) -> str:
    if isinstance(exc, jinja2.TemplateError):
        return exc.message or str(exc)
    return f"{type(exc).__name__}: {exc}"


def _template_line(tb: TracebackType | None, filename: str) -> int | None:
    """Jinja rewrites tracebacks so that template frames carry the template's own lines."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
