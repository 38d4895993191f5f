"""The ``editorial`` command: arguments in, one call into the library, output out.

Heavy libraries are imported inside the commands so that ``editorial --help``
and every command start fast.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer

from editorial import __version__
from editorial.errors import EditorialError, Problem, display_path

app = typer.Typer(
    name="editorial",
    help="Editorial workflow and linting for newsletters written together in git.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    json = "json"


ConfigOption = Annotated[
    Optional[Path],
    typer.Option(
        "--config",
        help="The editorial.yaml to use (default: the nearest one above the working directory).",
        dir_okay=False,
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", help="Output format.")]


def _settings(config: Path | None):  # type: ignore[no-untyped-def]
    from editorial import settings

    return settings.load(config)


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _warn(problems: tuple[Problem, ...]) -> None:
    for problem in problems:
        typer.echo(f"warning: {problem}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"editorial {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Editorial workflow and linting for newsletters written together in git.

    Exit codes: 0 clean, 1 findings (or differences with --check), 2 errors.
    """


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="The newsletter repository.", file_okay=False)] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    format: FormatOption = Format.text,
) -> None:
    """Write a starter editorial.yaml, templates/, rules/ and .pre-commit-config.yaml."""
    from editorial.init import init as write_starter

    written = write_starter(directory, force=force)
    if format is Format.json:
        _print_json({"written": [display_path(p) for p in written]})
    else:
        for path in written:
            typer.echo(f"wrote {display_path(path)}")


@app.command("new-issue")
def new_issue(
    slug: Annotated[str, typer.Argument(help="The issue's name, e.g. 2021-01 (names its folder).")],
    date: Annotated[str, typer.Option("--date", help="Publication date, YYYY-MM-DD.")],
    title: Annotated[Optional[str], typer.Option("--title", help="The issue's title.")] = None,
    contributors: Annotated[
        Optional[str],
        typer.Option("--contributors", help="Comma-separated contributor ids (default: everyone registered)."),
    ] = None,
    config: ConfigOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Scaffold issues/SLUG/issue.md and one section stub per contributor from the templates."""
    from editorial.new_issue import scaffold

    ids = [c.strip() for c in contributors.split(",") if c.strip()] if contributors is not None else None
    result = scaffold(_settings(config), slug, date, title, ids)
    if format is Format.json:
        _print_json(
            {
                "issue": display_path(result.folder),
                "files": [display_path(p) for p in result.files],
                "contributors": [c.id for c in result.contributors],
            }
        )
    else:
        for path in result.files:
            typer.echo(f"created {display_path(path)}")


@app.command()
def assemble(
    slug: Annotated[str, typer.Argument(help="The issue to assemble.")],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Where to write (default: build/SLUG.md).", dir_okay=False)
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if the file on disk is not up to date.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite a draft that was edited by hand.")] = False,
    config: ConfigOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Build the issue draft: the frame with each slot's sections rendered in place."""
    from editorial import assemble as assembler

    assembly = assembler.build(_settings(config), slug, output)
    _warn(assembly.warnings)
    stale = assembler.differs(assembly)
    if not check:
        assembler.write(assembly, force=force)
    if format is Format.json:
        _print_json(
            {
                "output": display_path(assembly.output),
                "up_to_date": not stale,
                "written": not check,
                "sections": [
                    {"path": display_path(s.path), "title": s.title, "author": s.author, "slot": s.slot, "words": s.words}
                    for s in assembly.sections
                ],
                "warnings": [str(w) for w in assembly.warnings],
            }
        )
    else:
        from editorial.table import format_table

        rows = [(s.title, s.author, s.slot, s.words) for s in assembly.sections]
        typer.echo(format_table(("SECTION", "AUTHOR", "SLOT", "WORDS"), rows))
        words = sum(s.words for s in assembly.sections)
        where = display_path(assembly.output)
        if check:
            typer.echo(f"{where} is {'out of date' if stale else 'up to date'}")
        else:
            typer.echo(f"wrote {where} ({len(rows)} sections, {words} words)")
    if check and stale:
        raise typer.Exit(1)


def _fail(error: EditorialError) -> NoReturn:
    for problem in error.problems:
        typer.echo(str(problem), err=True)
    sys.exit(2)


def main() -> None:
    try:
        app(prog_name="editorial")
    except EditorialError as exc:
        _fail(exc)
