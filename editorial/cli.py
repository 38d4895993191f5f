"""The ``editorial`` command: arguments in, one call into the library, output out.

Heavy libraries are imported inside the commands so that ``editorial --help``
and every command start fast.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

from editorial import __version__
from editorial.errors import EditorialError, Problem, display_path

if TYPE_CHECKING:
    from editorial.progress import ProgressLine

app = typer.Typer(
    name="editorial",
    help="Editorial workflow and linting for newsletters written together in git.",
    epilog=(
        "Exit codes: 0 clean, 1 findings (or differences with --check), 2 errors in the input"
        " (reported as path:line: message), 3 a bug in editorial (EDITORIAL_DEBUG=1 shows its traceback)."
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# Interrupted (Ctrl-C): 128 + SIGINT, as shells report it and as pre-commit and CI runners expect.
INTERRUPTED = 130


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


class AssembleFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


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
    """Editorial workflow and linting for newsletters written together in git."""


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
    branches: Annotated[
        bool,
        typer.Option(
            "--branches",
            help="Commit the scaffold on the current branch and create each contributor's branch at that commit.",
        ),
    ] = False,
    config: ConfigOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Scaffold issues/SLUG/issue.md and one section stub per contributor from the templates."""
    from editorial.new_issue import scaffold

    ids = [c.strip() for c in contributors.split(",") if c.strip()] if contributors is not None else None
    result = scaffold(_settings(config), slug, date, title, ids, branches=branches)
    if format is Format.json:
        report: dict[str, Any] = {
            "issue": display_path(result.folder),
            "files": [display_path(p) for p in result.files],
            "contributors": [c.id for c in result.contributors],
        }
        if branches:
            report.update({"commit": result.commit, "branches": list(result.branches)})
        _print_json(report)
    else:
        for path in result.files:
            typer.echo(f"created {display_path(path)}")
        if result.commit is not None:
            typer.echo(f"committed 'Scaffold issue {slug}' ({result.commit[:12]})")
        for branch in result.branches:
            typer.echo(f"created branch {branch}")


@app.command("new-section")
def new_section(
    slug: Annotated[str, typer.Argument(help="The issue to add a section to.")],
    contributor: Annotated[
        Optional[str],
        typer.Option("--contributor", help="Whose section (default: the contributor whose branch is checked out)."),
    ] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="The section's title.")] = None,
    branch: Annotated[
        bool,
        typer.Option("--branch", help="Commit the stub on the current branch and create the contributor's branch there."),
    ] = False,
    config: ConfigOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Add a section stub (and the issue's assignment) for a contributor who joins later."""
    from editorial.new_section import create

    result = create(_settings(config), slug, contributor, title, branch)
    _warn(result.warnings)
    if format is Format.json:
        _print_json(
            {
                "section": display_path(result.path),
                "contributor": result.contributor.id,
                "assigned": result.assigned,
                "branch": result.branch,
                "commit": result.commit,
                "warnings": [str(w) for w in result.warnings],
            }
        )
    else:
        typer.echo(f"created {display_path(result.path)}")
        if result.assigned:
            typer.echo(f"assigned {result.contributor.id} in the issue's editorial.contributors")
        if result.branch is not None and result.commit is not None:
            typer.echo(f"committed the stub ({result.commit[:12]}) and created branch {result.branch}")


RemoteOption = Annotated[
    Optional[str],
    typer.Option("--remote", help="Take the remote-tracking branches of this remote instead of local branches."),
]


@app.command()
def collect(
    slug: Annotated[str, typer.Argument(help="The issue whose sections to collect.")],
    remote: RemoteOption = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="Run 'git fetch REMOTE' first (needs --remote).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Write nothing; report what would happen.")] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Take the branch's version of files you edited (yours kept as FILE.orig)."),
    ] = False,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help="Merge your edits and the branch's three ways; conflict markers only where both changed the same lines.",
        ),
    ] = False,
    config: ConfigOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Gather the contributors' section files from their branches into the working tree.

    Exit 1 when a branch is in conflict, deletes a file you edited, or is rejected, or when a merge left conflict markers.
    """
    from editorial import collect_report
    from editorial.collect import collect as gather

    collection = gather(_settings(config), slug, remote, fetch, dry_run, force, merge)
    if format is Format.json:
        _print_json(collect_report.as_json(collection))
    else:
        typer.echo(collect_report.as_text(collection))
    if collection.exit_code:
        raise typer.Exit(collection.exit_code)


@app.command()
def status(
    slug: Annotated[str, typer.Argument(help="The issue.")],
    remote: RemoteOption = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Run 'git fetch' first (the remote of --remote, else of the last collect).")
    ] = False,
    no_lint: Annotated[bool, typer.Option("--no-lint", help="Leave out the sections' lint counts.")] = False,
    config: ConfigOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Who has delivered: every assigned contributor and branch, collected or not, words and lint counts.

    Work not collected yet is shown as the contributor's branch has it.
    """
    from editorial import status as roster

    result = roster.roster(_settings(config), slug, remote, lint=not no_lint, fetch=fetch)
    if format is Format.json:
        _print_json(roster.as_json(result))
    else:
        typer.echo(roster.as_text(result))


@app.command()
def assemble(
    slug: Annotated[str, typer.Argument(help="The issue to assemble.")],
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Where to write (default: build/SLUG.md); '-': standard output.", dir_okay=False),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; show the differences and exit 1 if the files on disk are not up to date.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite a draft that was edited by hand.")] = False,
    allow_missing: Annotated[
        bool, typer.Option("--allow-missing", help="Leave out the sections not written yet (still the stub) instead of failing.")
    ] = False,
    config: ConfigOption = None,
    format: Annotated[
        AssembleFormat,
        typer.Option(
            "--format",
            help="Output format: text or json report the Markdown draft written; html writes the email-ready"
            " HTML (build/SLUG.html) and its plain-text alternative beside it (build/SLUG.txt).",
        ),
    ] = AssembleFormat.text,
) -> None:
    """Build the issue draft: the frame with each slot's sections rendered in place."""
    import os
    import stat

    from editorial import assemble as assembler

    if format is AssembleFormat.html:
        _assemble_html(_settings(config), slug, output, check, allow_missing)
        return

    to_stdout = output == Path("-")
    # A FIFO, /dev/stdout or a terminal is written to as it is: never replaced, never read back.
    stream = to_stdout or (output is not None and os.path.exists(output) and not stat.S_ISREG(os.stat(output).st_mode))
    if stream and check:
        raise EditorialError(Problem("--check", None, "compares the files assemble writes with those on disk: not with a stream"))
    if to_stdout and format is AssembleFormat.json:
        raise EditorialError(Problem("--format json", None, "reports on standard output, where --output - writes the draft"))
    assembly = assembler.build(_settings(config), slug, None if to_stdout else output, stream, allow_missing)
    _warn(assembly.warnings)
    stale = not stream and assembler.differs(assembly)
    if stream:
        if to_stdout:
            sys.stdout.write(assembly.text)
            sys.stdout.flush()
        else:
            assert output is not None
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(assembly.text)
    elif not check:
        assembler.write(assembly, force=force)
    where = "-" if to_stdout else display_path(assembly.output or output or "-")
    if format is AssembleFormat.json:
        _print_json(
            {
                "output": where,
                "up_to_date": not stale,
                "written": not check,
                "diff": assembler.diff(assembly) if check and stale else None,
                "sections": [
                    {"path": display_path(s.path), "title": s.title, "author": s.author, "slot": s.slot, "words": s.words}
                    for s in assembly.sections
                ],
                "missing": [{"path": display_path(s.path), "author": s.author} for s in assembly.missing],
                "copied": [{"from": display_path(c.source), "to": display_path(c.target)} for c in assembly.copies],
                "warnings": [str(w) for w in assembly.warnings],
            }
        )
    else:
        from editorial.table import format_table, plural

        rows = [(s.title, s.author or "(unsigned)", s.slot, s.words) for s in assembly.sections]
        words = sum(s.words for s in assembly.sections)
        # With the draft on standard output, the report goes beside it, on standard error.
        report = [format_table(("SECTION", "AUTHOR", "SLOT", "WORDS"), rows)]
        if check:
            if stale:
                report.append(assembler.diff(assembly).rstrip("\n"))
            report.append(f"{where} is {'out of date' if stale else 'up to date'}")
        else:
            report.append(f"wrote {where} ({plural(len(rows), 'section')}, {plural(words, 'word')})")
        typer.echo("\n".join(report), err=to_stdout)
    if check and stale:
        raise typer.Exit(1)


@app.command()
def preview(
    slug: Annotated[str, typer.Argument(help="The issue to show.")],
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Write one self-contained HTML file (CSS and images in it) instead of serving.", dir_okay=False),
    ] = None,
    branches: Annotated[
        bool, typer.Option("--branches", help="Show the contributors' work not collected yet as their branches have it.")
    ] = False,
    port: Annotated[int, typer.Option("--port", help="The port to serve on, on 127.0.0.1 (0: any free one).", min=0, max=65535)] = 8017,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in a browser.")] = False,
    languagetool: Annotated[
        bool,
        typer.Option(
            "--languagetool/--no-languagetool",
            help="Show LanguageTool's findings too, where a server answers (served: once ready, after the rest).",
        ),
    ] = True,
    config: ConfigOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Show the issue as readers will see it, with every finding in place: served on 127.0.0.1, or --output FILE."""
    from editorial import preview as previews

    settings = _settings(config)
    if output is None:
        from editorial import preview_server

        served = None
        # Ctrl-C at any moment, even before the server is up, is a clean stop.
        try:
            served = preview_server.start(settings, slug, port, branches, languagetool)
            if format is Format.json:
                _print_json({"url": served.url})
            else:
                typer.echo(f"serving {slug} at {served.url} (Ctrl-C stops)")
            if open_browser:
                import webbrowser

                webbrowser.open(served.url)
            served.wait()
        except KeyboardInterrupt:
            pass
        finally:
            if served is not None:
                served.stop()
        return
    from editorial import files

    if output == Path("-") and format is Format.json:
        raise EditorialError(Problem("--format json", None, "reports on standard output, where --output - writes the page"))
    page = previews.render(settings, slug, branches=branches, inline_assets=True, languagetool=languagetool)
    if output == Path("-"):
        sys.stdout.write(page.html)
        sys.stdout.flush()
    else:
        files.write_atomic(output, page.html)
    where = "-" if output == Path("-") else display_path(output)
    if format is Format.json:
        _print_json(
            {
                "output": where,
                "findings": [
                    {"key": f.key, "path": f.path, "line": f.line, "column": f.column, "rule": f.rule,
                     "severity": f.severity, "message": f.message, "in_text": f.in_text}
                    for f in page.findings
                ],
                "problems": [str(p) for p in page.problems],
                "notes": list(page.notes),
            }
        )
    else:
        from editorial.table import plural

        apart = sum(1 for f in page.findings if not f.in_text)
        typer.echo(
            f"wrote {where} ({plural(len(page.findings), 'finding')}, {apart} listed apart;"
            f" {plural(len(page.problems), 'problem')})",
            err=output == Path("-"),
        )


def _assemble_html(settings: Any, slug: str, output: Path | None, check: bool, allow_missing: bool) -> None:
    from editorial import assemble as assembler
    from editorial import files, mail
    from editorial.table import plural

    if check:
        raise EditorialError(Problem("--check", None, "compares the Markdown draft with the one on disk: not with --format html"))
    if output == Path("-"):
        raise EditorialError(Problem("--output -", None, "--format html writes two files (the HTML and its plain text): name the HTML file"))
    # As a stream: relative links lead from here, where the email's images are read from (and put in it).
    assembly = assembler.build(settings, slug, None, True, allow_missing)
    _warn(assembly.warnings)
    email = mail.render(settings, assembly, Path.cwd())
    target = output or settings.paths.build / f"{slug}.html"
    text_target = target.with_suffix(".txt")
    files.make_folder(target.parent)
    files.write_many_atomic({target: email.html.encode("utf-8"), text_target: email.text.encode("utf-8")})
    words = sum(s.words for s in assembly.sections)
    typer.echo(
        f"wrote {display_path(target)} and {display_path(text_target)}"
        f" ({plural(len(assembly.sections), 'section')}, {plural(words, 'word')})"
    )


class LintFormat(str, Enum):
    text = "text"
    full = "full"
    concise = "concise"
    line = "line"
    json = "json"
    github = "github"
    sarif = "sarif"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _split_ids(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


@app.command()
def lint(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files and folders (default: the issues folder).")] = None,
    format: Annotated[
        LintFormat,
        typer.Option(
            "--format",
            help="Output format. text: full on a terminal (grouped by file, source lines, fixes), concise"
            " (one path:line:col line per finding) otherwise.",
        ),
    ] = LintFormat.text,
    min_severity: Annotated[
        Optional[str], typer.Option("--min-severity", help="Report only this level and above: suggestion, warning, error.")
    ] = None,
    profile: Annotated[
        Optional[str],
        typer.Option(
            "--profile",
            help="default: the rules whose findings editors act on; strict: every rule, opinions included"
            " (default: lint.profile in editorial.yaml).",
        ),
    ] = None,
    select: Annotated[
        Optional[list[str]], typer.Option("--select", help="Only these rule ids or prefixes (repeat or comma-separate).")
    ] = None,
    ignore: Annotated[
        Optional[list[str]], typer.Option("--ignore", help="Not these rule ids or prefixes (repeat or comma-separate).")
    ] = None,
    no_languagetool: Annotated[
        bool, typer.Option("--no-languagetool", help="Skip the LanguageTool grammar checks.")
    ] = False,
    require_languagetool: Annotated[
        bool, typer.Option("--require-languagetool", help="Fail (exit 2) when LanguageTool cannot be used.")
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Check every file again; use no results cached by earlier runs.")
    ] = False,
    baseline: Annotated[
        Optional[Path],
        typer.Option(
            "--baseline",
            help="Report only findings not recorded in this file (default: lint.baseline in editorial.yaml).",
            dir_okay=False,
        ),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Record today's findings in the baseline instead of reporting them.")
    ] = False,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply the safe fixes (those that cannot change what the text says) to the files.")
    ] = False,
    unsafe_fixes: Annotated[
        bool, typer.Option("--unsafe-fixes", help="With --fix or --diff, apply the unsafe fixes too.")
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Write nothing: print the unified diff of what --fix would change; exit 1 if there is one."),
    ] = False,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="In the text report, count the findings of each rule.")
    ] = False,
    color: Annotated[
        Color, typer.Option("--color", help="Colour the text report: auto (on a terminal; NO_COLOR and FORCE_COLOR honoured).")
    ] = Color.auto,
    config: ConfigOption = None,
) -> None:
    """Lint Markdown: prose, grammar, house style, Markdown slips, newsletter conventions, front matter.

    Exit codes: 0 nothing at error level, 1 findings at error level (with --diff:
    a difference), 2 usage, configuration or unreadable input, 3 a bug in editorial.
    """
    from editorial import report
    from editorial.lint import command
    from editorial.progress import ProgressLine

    options = command.Options(
        paths=tuple(paths or ()),
        config=config,
        min_severity=min_severity,
        profile=profile,
        select=tuple(_split_ids(select)),
        ignore=tuple(_split_ids(ignore)),
        languagetool=not no_languagetool,
        require_languagetool=require_languagetool,
        use_cache=not no_cache,
        baseline=baseline,
        update_baseline=update_baseline,
    )
    # Progress only beside the human formats: the others are read by programs, whatever goes to stderr.
    line = ProgressLine(enabled=format in (LintFormat.text, LintFormat.full, LintFormat.concise))
    latest: list[Any] = [None]

    def progress(record: Any) -> None:
        latest[0] = record
        line.show(_lint_progress(record))

    fixed = None
    try:
        if fix or diff:
            from editorial.lint import autofix

            fixing = autofix.fix(options, unsafe=unsafe_fixes)
            outcome = fixing.outcome
            line.clear()
            _warn_lint(outcome, fixing.skipped)
            if diff:
                typer.echo(autofix.diff(fixing), nl=False)
                typer.echo(f"would fix {report.Fixed(fixing.fixed, len(fixing.changed)).counts}", err=True)
                raise typer.Exit(2 if outcome.result.errors else 1 if fixing.changed else 0)
            autofix.write(fixing)
            fixed = report.Fixed(fixing.fixed, len(fixing.changed))
        else:
            outcome = command.run(options, progress=progress)
            line.clear()
            _warn_lint(outcome, ())
    except KeyboardInterrupt:
        line.clear()
        typer.echo(_interrupted_lint(latest[0], kept=not no_cache), err=True)
        raise typer.Exit(INTERRUPTED) from None
    finally:
        line.clear()
    _print_lint(outcome, format, fixed, unsafe_fixes, statistics, color)
    raise typer.Exit(outcome.exit_code)


def _warn_lint(outcome: Any, skipped: tuple[str, ...]) -> None:
    for warning in (*outcome.warnings, *skipped):
        typer.echo(f"warning: {warning}", err=True)
    for problem in outcome.result.errors:
        typer.echo(str(problem), err=True)


def _print_lint(outcome: Any, format: LintFormat, fixed: Any, unsafe: bool, statistics: bool, color: Color) -> None:
    import shutil

    from editorial import report, terminal
    from editorial.lint import checks

    result = outcome.result
    known = (
        report.Baseline(os.path.relpath(outcome.baseline), outcome.in_baseline, outcome.recorded) if outcome.baseline else None
    )
    on_terminal = sys.stdout.isatty()
    colour = terminal.colour(color.value, on_terminal, os.environ)
    if format is LintFormat.text:
        format = LintFormat.full if on_terminal else LintFormat.concise
    if format is LintFormat.full:
        width = shutil.get_terminal_size().columns
        sources = report.read_sources(result.findings)
        shown = report.full(result.findings, result.files, sources, width, colour, known, fixed, unsafe, statistics)
        typer.echo(shown, nl=False, color=colour)
    elif format is LintFormat.concise:
        shown = report.text(result.findings, result.files, colour, known, fixed, unsafe, statistics)
        typer.echo(shown, nl=False, color=colour)
    elif format is LintFormat.line:
        typer.echo(report.line(result.findings), nl=False)
    elif format is LintFormat.json:
        typer.echo(report.as_json(result.findings, result.files, result.errors, known, fixed), nl=False)
    elif format is LintFormat.github:
        typer.echo(report.github(result.findings), nl=False)
    else:
        descriptions = {r.id: r.description for r in checks.all_rules(outcome.settings, Path.cwd())}
        typer.echo(report.sarif(result.findings, descriptions), nl=False)
    if fixed is not None and format not in (LintFormat.full, LintFormat.concise, LintFormat.json):
        typer.echo(str(fixed), err=True)


def _lint_progress(record: Any) -> str:
    """LanguageTool's progress as one line: files and blocks done, words per second, time left."""
    rate = record.words_per_second
    left = record.seconds_left
    so_far = "" if record.asked_all else " so far"
    return (
        f"LanguageTool: {record.files_done:,} of {record.files:,} files{so_far},"
        f" {record.blocks_done:,} of {record.blocks:,} blocks"
        + (f", {rate:,.0f} words/s" if rate else "")
        + (f", {_duration(left)} left" if left is not None else "")
    )


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    return f"{seconds // 60:.0f} min {seconds % 60:02.0f} s"


def _interrupted_lint(record: Any, kept: bool) -> str:
    """What an interrupted lint says: how far LanguageTool had got, and whether that is kept."""
    if record is None or not record.blocks_done:
        return "interrupted"
    done = (
        f"LanguageTool had checked {record.blocks_done:,} of {record.blocks:,} blocks"
        f" ({record.files_done:,} of {record.files:,} files{'' if record.asked_all else ' so far'})"
    )
    if not kept:
        return f"interrupted: {done}; with --no-cache nothing of it was kept"
    return f"interrupted: {done}; what it checked is kept, and the next lint asks only about the rest"


@app.command()
def rules(
    rule_id: Annotated[Optional[str], typer.Argument(help="Explain this rule.")] = None,
    config: ConfigOption = None,
    format: FormatOption = Format.text,
) -> None:
    """List every rule with its id, default severity, profile, fix and description; or explain one."""
    from editorial.lint import checks, fixes, profiles
    from editorial.settings import load

    settings = load(config, required=False)
    if rule_id is not None:
        chosen = checks.find_rule(settings, Path.cwd(), rule_id)
        if chosen is None:
            raise EditorialError(Problem(rule_id, None, "no such rule (editorial rules lists them)"))
        known = [chosen]
    else:
        known = checks.all_rules(settings, Path.cwd())
    if format is Format.json:
        _print_json(
            [
                {
                    "id": r.id, "severity": r.severity.name, "profile": profiles.of(r.id, bool(r.source)), "description": r.description,
                    "example": r.example, "source": r.source, "fix": fixes.declared(r.id, r.replaces) or None,
                }
                for r in known
            ]
        )
    elif rule_id is not None:
        rule = known[0]
        profile = profiles.of(rule.id, bool(rule.source))
        where = "the default profile" if profile == profiles.DEFAULT else "the strict profile only (lint.profile: strict)"
        typer.echo(f"{rule.id} ({rule.severity.name}; reports in {where})\n\n{rule.description}")
        if rule.example:
            typer.echo("\nExample:\n\n" + "\n".join(f"    {line}" for line in rule.example.splitlines()))
        fix = fixes.declared(rule.id, rule.replaces)
        if fix == fixes.SAFE:
            typer.echo("\nFix: safe; 'editorial lint --fix' applies it where the rule is sure of it.")
        elif fix == fixes.UNSAFE:
            typer.echo("\nFix: unsafe; 'editorial lint --fix --unsafe-fixes' applies it where it offers one replacement.")
        if rule.source:
            typer.echo(f"\nDefined in {rule.source}")
    else:
        from editorial.table import format_table

        rows = [
            (r.id, r.severity.name, profiles.of(r.id, bool(r.source)), fixes.declared(r.id, r.replaces) or "-", r.source or "built in", r.description)
            for r in known
        ]
        typer.echo(format_table(("RULE", "SEVERITY", "PROFILE", "FIX", "SOURCE", "DESCRIPTION"), rows))


@app.command()
def vocab(
    word: Annotated[Optional[str], typer.Argument(help="Say whether the vocabulary knows this word, and as what.")] = None,
    terms: Annotated[bool, typer.Option("--terms", help="List every term, not only the names and acronyms.")] = False,
    config: ConfigOption = None,
    format: FormatOption = Format.text,
) -> None:
    """The house vocabulary learned from the archive: the names, acronyms and terms lint accepts.

    Words that recur across the archive's files (vocabulary.sources in
    editorial.yaml, default: the issues folder) are the house's words;
    vocabulary.accept and vocabulary.reject add and take out words.
    """
    import textwrap

    from editorial.lint import cache, vocabulary
    from editorial.settings import load
    from editorial.store import Store, cache_folder
    from editorial.table import plural

    settings = load(config, required=False)
    store = Store(cache_folder() / cache.FILE_NAME)
    try:
        known = vocabulary.load(settings, store)
    finally:
        store.close()
    if word is not None:
        kinds = [
            kind
            for kind, found in (("name", known.is_name(word) and not known.is_acronym(word)), ("acronym", known.is_acronym(word)), ("term", known.knows(word)))
            if found
        ]
        if format is Format.json:
            _print_json({"word": word, "known": bool(kinds), "as": kinds})
        else:
            typer.echo(f"{word}: {' and '.join(kinds) if kinds else 'not in the vocabulary'}")
        raise typer.Exit(0 if kinds else 1)
    if format is Format.json:
        data = known.as_dict()
        if not terms:
            data["terms"], data["common"] = len(known.terms), len(known.common)
        _print_json(data)
        return
    typer.echo(
        f"learned from {plural(known.files, 'file')}: {plural(len(known.terms), 'term')},"
        f" {plural(len(known.names), 'name')}, {plural(len(known.acronyms), 'acronym')}"
    )
    for title, words in (("names", known.names), ("acronyms", known.acronyms), *((("terms", known.terms),) if terms else ())):
        typer.echo(f"\n{title}:")
        typer.echo(textwrap.fill(" ".join(sorted(words)), width=100, break_on_hyphens=False) if words else "(none)")


languagetool_app = typer.Typer(
    name="languagetool",
    help="The LanguageTool server the lint uses: install it, start it, stop it.",
    rich_markup_mode=None,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(languagetool_app, name="languagetool")


@contextmanager
def _interruptible(line: ProgressLine) -> Iterator[None]:
    """The progress line erased when the work ends; Ctrl-C one line and exit 130, not Click's "Aborted!"."""
    try:
        yield
    except KeyboardInterrupt:
        line.clear()
        typer.echo("interrupted", err=True)
        raise typer.Exit(INTERRUPTED) from None
    finally:
        line.clear()


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _minutes(seconds: float) -> str:
    return "never stops by itself" if seconds == 0 else f"stops after {seconds / 60:g} minutes unused"


@languagetool_app.command("install")
def languagetool_install(format: FormatOption = Format.text) -> None:
    """Download an English-only LanguageTool from Maven Central into the cache folder.

    Honours EDITORIAL_MAVEN_REPOSITORY (a mirror) and EDITORIAL_CACHE_DIR.
    """
    from editorial.languagetool.install import install
    from editorial.progress import ProgressLine

    line = ProgressLine(enabled=format is Format.text)

    def progress(record: Any) -> None:
        line.show(
            f"LanguageTool: {record.jars_done} of {record.jars} jars,"
            f" {record.bytes_done / 2**20:.1f} of {record.bytes / 2**20:.1f} MiB"
        )

    with _interruptible(line):
        done = install(progress=progress)
    if format is Format.json:
        _print_json(
            {
                "version": done.version,
                "folder": display_path(done.folder),
                "jars": len(done.jars),
                "bytes": done.total_bytes,
                "fetched": done.fetched,
                "fetched_bytes": done.fetched_bytes,
            }
        )
    elif done.fetched:
        typer.echo(
            f"installed LanguageTool {done.version} in {display_path(done.folder)}:"
            f" fetched {done.fetched} of {len(done.jars)} jars, {_megabytes(done.fetched_bytes)}"
        )
    else:
        typer.echo(
            f"LanguageTool {done.version} is installed in {display_path(done.folder)}"
            f" ({len(done.jars)} jars, {_megabytes(done.total_bytes)}): nothing to fetch"
        )


@languagetool_app.command("start")
def languagetool_start(
    idle_timeout: Annotated[
        float, typer.Option("--idle-timeout", metavar="MINUTES", help="Stop after this long unused; 0: never.", min=0)
    ] = 60,
    heap: Annotated[str, typer.Option("--heap", help="The Java heap limit (-Xmx), e.g. 512m or 1g.")] = "512m",
    format: FormatOption = Format.text,
) -> None:
    """Start a LanguageTool server on 127.0.0.1, or show the one already running."""
    from editorial.languagetool.server import start
    from editorial.progress import ProgressLine

    line = ProgressLine(enabled=format is Format.text)

    def progress(record: Any) -> None:
        line.show(f"LanguageTool: {record.phase}, {record.seconds:.0f} s")

    with _interruptible(line):
        started = start(heap=heap, idle_timeout=idle_timeout * 60, progress=progress)
    server = started.server
    if format is Format.json:
        _print_json({**server.as_dict(), "already_running": started.already_running, "seconds": started.seconds})
    elif started.already_running:
        typer.echo(f"LanguageTool {server.version} is already running at {server.url} (pid {server.pid})")
    else:
        typer.echo(
            f"started LanguageTool {server.version} at {server.url} (pid {server.pid}) in {started.seconds:.1f} s;"
            f" it {_minutes(server.idle_timeout)}"
        )


@languagetool_app.command("stop")
def languagetool_stop(format: FormatOption = Format.text) -> None:
    """Stop the LanguageTool server started by 'editorial languagetool start'."""
    from editorial.languagetool.server import stop

    stopped = stop()
    if format is Format.json:
        _print_json({"stopped": stopped.server.as_dict() if stopped.server else None})
    elif stopped.server is not None:
        typer.echo(f"stopped LanguageTool at {stopped.server.url} (pid {stopped.server.pid})")
    else:
        typer.echo("LanguageTool is not running")


@languagetool_app.command("status")
def languagetool_status(format: FormatOption = Format.text) -> None:
    """Show whether the LanguageTool server runs, and where. Exit code 1: not running."""
    from editorial.languagetool.server import status

    current = status()
    server = current.server
    if format is Format.json:
        _print_json(
            {
                "running": server is not None,
                "healthy": current.healthy,
                **(server.as_dict() if server else {}),
                "state_file": display_path(current.state_file),
                "log_file": display_path(current.log_file),
            }
        )
    elif server is None:
        typer.echo("LanguageTool is not running")
    elif current.healthy:
        typer.echo(
            f"LanguageTool {server.version} is running at {server.url} (pid {server.pid}, since {server.started});"
            f" it {_minutes(server.idle_timeout)}"
        )
    else:
        typer.echo(
            f"LanguageTool {server.version} at {server.url} (pid {server.pid}) is not answering;"
            f" see {display_path(current.log_file)}"
        )
    if not current.healthy:
        raise typer.Exit(1)


DEBUG_ENV = "EDITORIAL_DEBUG"
BUG_EXIT = 3


def _fail(error: EditorialError) -> NoReturn:
    for problem in error.problems:
        typer.echo(str(problem), err=True)
    sys.exit(2)


def _bug(exc: Exception) -> NoReturn:
    """Anything else is editorial's fault: one line that says so, the traceback only when asked for."""
    import os
    import traceback

    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        traceback.print_exception(exc)
    summary = " ".join(f"{type(exc).__name__}: {exc}".split())
    typer.echo(
        f"editorial: internal error ({summary}); this is a bug in editorial:"
        f" run again with {DEBUG_ENV}=1 to see the traceback, and report it",
        err=True,
    )
    sys.exit(BUG_EXIT)


def main() -> None:
    try:
        app(prog_name="editorial")
    except EditorialError as exc:
        _fail(exc)
    except OSError as exc:
        if exc.filename is None:
            _bug(exc)
        # A file of the user's that some path forgot to report is still theirs to fix, not a bug.
        _fail(EditorialError(Problem(exc.filename, None, exc.strerror or str(exc))))
    except Exception as exc:
        _bug(exc)
