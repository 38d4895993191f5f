"""Jinja2 templates: the repository's own ``templates/`` first, then editorial's defaults.

Undefined variables are errors, and every template error names the template
file and line, like any other bad input.
"""

from __future__ import annotations

import math
from types import TracebackType
from typing import Any

import jinja2
import yaml

from editorial import defaults
from editorial.errors import error
from editorial.settings import Settings

ISSUE = "issue.md.j2"
SECTION_STUB = "section-stub.md.j2"
SECTION = "section.md.j2"


def _yaml_value(value: Any) -> str:
    """A value as inline YAML, quoted when it needs to be (titles with colons, say)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=math.inf)
    return text.removesuffix("\n").removesuffix("\n...")


def environment(settings: Settings) -> jinja2.Environment:
    search = [settings.paths.templates, defaults.folder("templates")]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["yaml"] = _yaml_value
    return env


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise error(exc.filename or name, exc.lineno, f"template error: {exc.message}") from None
    except jinja2.TemplateNotFound:
        raise error(name, None, "template not found in the repository's templates/ nor the defaults") from None
    except UnicodeDecodeError:
        raise error(name, None, "template is not UTF-8 text") from None
    try:
        return template.render(context)
    except jinja2.TemplateError as exc:
        path = template.filename or name
        line = _template_line(exc.__traceback__, path)
        raise error(path, line, f"template error: {exc.message or exc}") from None


def _template_line(tb: TracebackType | None, filename: str) -> int | None:
    """Jinja rewrites tracebacks so that template frames carry the template's own lines."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
