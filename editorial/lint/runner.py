"""``editorial lint``: files in, every check over each parsed document, findings out."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from editorial.errors import EditorialError, Problem, display_path
from editorial.lint import fingerprint, fixes, overlaps, profiles, suppress, vocabulary
from editorial.lint.discovery import MARKDOWN_SUFFIXES, discover
from editorial.lint.config import LintConfig, RuleFilter, selected, severity_of
from editorial.lint.context import Context
from editorial.lint.findings import Finding
from editorial.settings import Settings
from editorial.store import Store, cache_folder

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from editorial.document import Document
    from editorial.lint.workers import Workers

_FILES_PER_WORKER = 16


@dataclass(frozen=True)
class Batch:
    """What a served check found in one document, and what it could not do."""

    findings: Sequence[Finding] = ()
    warnings: Sequence[str] = ()
    complete: bool = True  # False: some of it went unchecked, so nothing of it is kept for the next run


class Asking(Protocol):
    """The asking for a whole run, in the lint's own process: what every document needs, added as files are read."""

    def add(self, ask: Any) -> None: ...

    def close(self) -> None:
        """Nothing more will be added."""

    def wait(self) -> Any:
        """The answers, once every one is in."""

    def stop(self) -> None:
        """Interrupted: ask nothing more."""


class Served(Protocol):
    """A check answered by a server that one process asks for the whole run (LanguageTool).

    Made once per run, before any file is read; forked workers inherit it.
    Whichever process parsed a document plans what it needs asked
    (:meth:`plan`); the lint's own process asks, for every document of the
    run at once, as the plans come (:meth:`asking`); the process that planned
    it makes the document's findings from the answers (:meth:`finish`).
    """

    def plan(self, document: Document) -> tuple[Any, Any]:
        """What to keep for :meth:`finish`, and what to ask (None: nothing)."""

    def asking(self, progress: Callable[[Any], None] | None) -> Asking: ...

    def keys(self, ask: Any) -> Iterable[str]:
        """What an ask is about, so that each worker gets only the answers it needs."""

    def answers_for(self, answers: Any, keys: set[str]) -> Any: ...

    def finish(self, document: Document, kept: Any, answers: Any) -> Batch: ...

    def warnings(self, answers: Any) -> tuple[str, ...]:
        """What the run could not do, said once (or an :class:`EditorialError` where it had to)."""


@dataclass(frozen=True)
class NamedCheck:
    """A check and the prefix of every rule id it reports.

    ``run`` takes one document; ``served`` makes, for a run, a check whose
    answers come from a server (see :class:`Served`).
    """

    prefix: str | None  # None: its rule ids have no common prefix (styles), so it always runs
    run: Callable[[Document, Context], Iterable[Finding]] | None = None
    served: Callable[[Context], Served] | None = None
    # What changes its findings besides the file and the configuration (rule files, say),
    # so that results cached from an earlier run are not used past such a change. A served
    # check's findings are kept only with one: without, it does not know what they depend on.
    version: str = ""
    # It reads only the front matter: its results are kept by the front matter's text too,
    # so that editing a file's body does not run it (nor import what it needs) again.
    front_matter_only: bool = False

    @property
    def engine(self) -> str:
        """What its findings count as where engines overlap (see overlaps.py)."""
        return self.prefix if self.prefix is not None else overlaps.STYLES


@dataclass(frozen=True)
class LintResult:
    findings: tuple[Finding, ...]
    errors: tuple[Problem, ...]  # files that could not be read: exit code 2
    files: int
    warnings: tuple[str, ...] = ()  # checks that could not run (no LanguageTool server…)


def might_report(prefix: str | None, rules: RuleFilter) -> bool:
    """Whether any rule under ``prefix`` could survive --select/--ignore: else skip the check."""
    if prefix is None:
        return True
    if any(prefix == i or prefix.startswith(i + ".") for i in rules.ignore):
        return False
    if not rules.select:
        return True
    return any(s == prefix or s.startswith(prefix + ".") or prefix.startswith(s + ".") for s in rules.select)


def lint(
    settings: Settings,
    config: LintConfig,
    paths: Sequence[Path],
    checks: Sequence[NamedCheck],
    use_cache: bool = True,
    suffixes: Sequence[str] = MARKDOWN_SUFFIXES,
    sources: Mapping[Path, bytes] | None = None,
    present: Iterable[Path] = (),
    learned_from: Sequence[Path] | None = None,
    progress: Callable[[Any], None] | None = None,
) -> LintResult:
    """Lint the files of ``paths``, and those of ``sources`` (absolute paths) as they are given there,
    where the files ``present`` are there too (for links that lead to them). ``learned_from``: what the
    house vocabulary is learned from where editorial.yaml does not say (default: ``paths``). ``progress``
    gets a served check's progress records (from another thread) while it asks its server."""
    global _job
    context = Context(settings, config, sources or {}, frozenset(present))
    files, errors = discover([p for p in paths if p not in context.sources], settings.root, suffixes)
    files.extend(context.sources)
    served = [(named, named.served(context)) for named in checks if named.served is not None]
    workers = _workers(files)
    if workers > 1:
        # Files are independent: split them over the cores, largest first so the shares even out.
        # The workers are forked: they find the job in memory, nothing compiled is pickled.
        ordered = sorted(files, key=_size, reverse=True)
        from editorial.lint.workers import Workers

        _warm_up(context, checks)
        _job = ([ordered[i::workers] for i in range(workers)], context, checks, served, use_cache)
        try:
            team = Workers(workers, _run_share)
        finally:
            _job = None
        try:
            answered = _serve_workers(team, served, progress)
            parts = team.results
        finally:
            team.stop()
    else:
        desk = _Desk(served, progress)
        try:
            parts = [_lint_files(files, context, checks, served, use_cache, desk)]
        except BaseException:
            desk.stop()
            raise
        answered = desk.answered
    run_warnings = [w for (_, check), answers in zip(served, answered, strict=True) if answers is not None for w in check.warnings(answers)]
    found = _known_words_taken_back(
        [f for part in parts for f in part.findings], settings, config, paths if learned_from is None else learned_from, use_cache
    )
    findings = overlaps.one_per_span(sorted(_silenced_in_drafts(found, files), key=lambda f: f.sort_key))
    order = {str(path): index for index, path in enumerate(files)}
    errors.extend(sorted((p for part in parts for p in part.errors), key=lambda p: order.get(str(p.path), -1)))
    warnings = tuple(dict.fromkeys([*(w for part in parts for w in part.warnings), *run_warnings]))
    return LintResult(tuple(findings), tuple(errors), len(files), warnings)


class _Desk:
    """Where a process that reads files hands what it needs asked, and gets the answers.

    In the lint's own process (one process for every file) it asks itself,
    in threads, while the files are read and checked; in a worker it sends
    the asks to the lint's own process (see :func:`_serve_workers`).
    """

    def __init__(self, served: Sequence[tuple[NamedCheck, Served]], progress: Callable[[Any], None] | None, pipe: Connection | None = None) -> None:
        self._served = [check for _, check in served]
        self._progress = progress
        self._pipe = pipe
        self._asking: list[Asking | None] = [None] * len(served)
        self.answered: list[Any] = [None] * len(served)

    def ask(self, index: int, ask: Any) -> None:
        if self._pipe is not None:
            from editorial.lint import workers

            workers.send(self._pipe, (index, ask))
            return
        asking = self._asking[index]
        if asking is None:
            asking = self._asking[index] = self._served[index].asking(self._progress)
        asking.add(ask)

    def answers(self) -> list[Any]:
        """Every answer to what was asked, per served check (None: nothing was asked of it)."""
        if self._pipe is not None:
            from editorial.lint import workers

            workers.send(self._pipe, None)  # asked all
            return self._pipe.recv()  # type: ignore[no-any-return]
        for asking in self._asking:
            if asking is not None:
                asking.close()
        self.answered = [asking.wait() if asking is not None else None for asking in self._asking]
        return self.answered

    def stop(self) -> None:
        for asking in self._asking:
            if asking is not None:
                asking.stop()


def _serve_workers(team: Workers, served: Sequence[tuple[NamedCheck, Served]], progress: Callable[[Any], None] | None) -> list[Any]:
    """In the lint's own process: what the workers need asked, asked for all of them at once as it comes, and
    the answers sent back to each once every worker has asked all it needs. Returns the answers per served check."""
    desk = _Desk(served, progress)
    asked: list[list[set[str]]] = [[set() for _ in served] for _ in range(team.count)]
    finished_asking = 0
    try:
        for index, message in team.messages():
            if message is not None:
                check, ask = message
                desk.ask(check, ask)
                asked[index][check].update(served[check][1].keys(ask))
                continue
            finished_asking += 1
            if finished_asking < team.count:
                continue
            answers = desk.answers()
            for worker, needed in enumerate(asked):
                team.send(
                    worker,
                    [
                        None if answer is None else check.answers_for(answer, keys)
                        for (_, check), answer, keys in zip(served, answers, needed, strict=True)
                    ],
                )
    except BaseException:
        desk.stop()
        raise
    return desk.answered


def _known_words_taken_back(
    found: list[Finding], settings: Settings, config: LintConfig, linted: Sequence[Path], use_cache: bool
) -> list[Finding]:
    """Findings less those about the house's own words. After the results cache, not in it:
    what the archive teaches changes with any file of it, the findings of a file only with that file."""
    if not any(vocabulary.concerns(f.rule) for f in found):
        return found
    from editorial.lint import cache

    store = Store(cache_folder() / cache.FILE_NAME if use_cache else None)
    try:
        known = vocabulary.load(settings, store, linted)
    finally:
        store.close()
    return vocabulary.taken_back(found, known, config.profile == profiles.STRICT)


def _silenced_in_drafts(found: list[Finding], files: Sequence[Path]) -> list[Finding]:
    """Findings less those the parts of an assembled draft silence: their suppression comments are
    not published, so assemble records the lines they cover (as long as the draft is as it wrote it)."""
    from editorial import ledger
    from editorial.files import read_bytes

    drafts: dict[str, suppress.Suppressions] = {}
    ledgers: dict[Path, dict[str, ledger.Entry]] = {}
    for path in files:
        folder = path.parent
        if folder not in ledgers:
            ledgers[folder] = ledger.load(folder) if ledger.path_of(folder).is_file() else {}
        if path.name not in ledgers[folder]:
            continue
        try:
            hidden = ledger.hidden_in(path, read_bytes(path), ledgers[folder])
        except EditorialError:
            continue  # reported where the file was read
        if hidden:
            drafts[display_path(path)] = suppress.Suppressions(tuple(suppress.Region(*h) for h in hidden))
    if not drafts:
        return found
    return [f for f in found if f.path not in drafts or not drafts[f.path].covers(f)]


_job: tuple[list[list[Path]], Context, Sequence[NamedCheck], Sequence[tuple[NamedCheck, Served]], bool] | None = None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will report why


def _warm_up(context: Context, checks: Sequence[NamedCheck]) -> None:
    """Run the checks once on a few words, so that what they compile lazily (proselint's
    hundreds of patterns) is compiled before the fork, once, rather than in every worker."""
    from editorial import document as documents

    lint_document(documents.parse("# A warm-up\n\nIt is a very unique warm-up.\n", "warm-up.md"), context, checks)


def _run_share(index: int, pipe: Connection) -> LintResult:
    assert _job is not None
    shares, context, checks, served, use_cache = _job
    return _lint_files(shares[index], context, checks, served, use_cache, _Desk(served, None, pipe))


def _workers(files: Sequence[Path]) -> int:
    """More than one process only where it pays for its start-up, and where fork exists."""
    if len(files) < _FILES_PER_WORKER * 2 or not hasattr(os, "fork"):
        return 1
    return max(1, min(os.cpu_count() or 1, len(files) // _FILES_PER_WORKER, 8))


@dataclass(frozen=True)
class _Read:
    """A file as the cache knows it: what is kept of it, and the file parsed where a check must run."""

    document: Document | None  # None: every check's findings are in the cache
    key: str
    known: dict[str, Any] | None  # the one-document checks' findings, if still good
    served: tuple[tuple[str | None, Any], ...]  # per served check: its cache key (None: never kept) and what is kept


def _lint_files(
    files: Sequence[Path],
    context: Context,
    checks: Sequence[NamedCheck],
    served: Sequence[tuple[NamedCheck, Served]],
    use_cache: bool,
    desk: _Desk,
) -> LintResult:
    """The files read and checked one by one; what the served checks need asked is handed to ``desk`` as each
    file is read, so that the asking goes on while the other checks run, and their findings come last."""
    from editorial.lint import cache

    store = Store(cache_folder() / cache.FILE_NAME if use_cache else None)
    settings_key = cache.fingerprint(context, [f"{c.prefix}:{c.version}" for c in checks if c.run is not None])
    body_checks = [c for c in checks if c.run is not None and not c.front_matter_only]
    front_checks = [c for c in checks if c.run is not None and c.front_matter_only]
    findings: list[Finding] = []
    errors: list[Problem] = []
    warnings: list[str] = []
    planned: list[list[tuple[Document, str | None, Any]]] = [[] for _ in served]  # per served check
    try:
        for path in files:
            try:
                read = _read(path, context, settings_key, store, [named for named, _ in served])
            except EditorialError as exc:
                errors.extend(exc.problems)
                continue
            document = read.document
            for index, ((named, check), (served_key, kept)) in enumerate(zip(served, read.served, strict=True)):
                if kept is not None:
                    findings.extend(cache.load(kept, display_path(path)))
                elif document is not None and might_report(named.prefix, context.rules_for(path)):
                    plan, ask = check.plan(document)
                    planned[index].append((document, served_key, plan))
                    if ask is not None:
                        desk.ask(index, ask)
            if read.known is not None:
                findings.extend(cache.load(read.known["findings"], display_path(path)))
            elif document is not None:
                found = lint_document(document, context, body_checks)
                if front_checks:
                    found += _front_matter_findings(document, context, front_checks, store, settings_key)
                findings.extend(found)
                store.put(read.key, cache.entry(document, context, found))
        answers = desk.answers() if served else []
        for (named, check), waiting, answer in zip(served, planned, answers, strict=True):
            for document, served_key, plan in waiting:
                batch = check.finish(document, plan, answer)
                warnings.extend(batch.warnings)
                kept_findings = _kept(
                    document, context, context.rules_for(Path(document.path)), batch.findings, named.engine
                )
                findings.extend(kept_findings)
                if served_key is not None and batch.complete:
                    store.put(served_key, cache.dump(kept_findings))
    finally:
        store.close()
    return LintResult(tuple(findings), tuple(errors), len(files), tuple(warnings))


def _read(path: Path, context: Context, settings_key: str, store: Store, served: Sequence[NamedCheck]) -> _Read:
    from editorial.files import decode, read_bytes
    from editorial.lint import cache, markdown

    data = context.sources[path] if path in context.sources else read_bytes(path)
    _check_size(path, len(data), context.config.max_file_kib)
    key = cache.key(data, path, context, settings_key)
    served_keys = [cache.batch_key(key, named.prefix, named.version) if named.version else None for named in served]
    stored = store.get_many([key, *(k for k in served_keys if k is not None)])
    known = stored.get(key)
    if not cache.still_valid(known, lambda: markdown.site_pages(context), context.exists):
        known = None
    kept = tuple((served_key, stored.get(served_key) if served_key else None) for served_key in served_keys)
    if known is not None and all(entry is not None for _, entry in kept):
        return _Read(None, key, known, kept)
    from editorial import document as documents  # markdown-it: only when a file needs parsing
    from editorial.lint import frontmatter

    fields = context.config.prose_fields
    if "title" not in fields and frontmatter.is_section(path, context):
        # A section's title is prose whatever the setting: templates make it the section's heading in the draft.
        fields = ("title", *fields)
    return _Read(documents.parse(decode(data, path), path, fields), key, known, kept)


def _front_matter_findings(
    document: Document, context: Context, checks: Sequence[NamedCheck], store: Store, settings_key: str
) -> list[Finding]:
    from editorial.lint import cache

    key = cache.front_matter_key(document, context, settings_key)
    known = store.get(key)
    if known is not None:
        return cache.load(known, display_path(document.path))
    found = lint_document(document, context, checks)
    store.put(key, cache.dump(found))
    return found


def _check_size(path: Path, size: int, limit_kib: int) -> None:
    if size > limit_kib * 1024:
        raise EditorialError(
            Problem(
                path,
                None,
                f"not linted: {size / 1024:,.1f} KiB is over lint.max_file_kib ({limit_kib:,} KiB);"
                " raise it in editorial.yaml to lint this file",
            )
        )


def lint_document(document: Document, context: Context, checks: Sequence[NamedCheck]) -> list[Finding]:
    """The findings of the one-document checks on one document, filtered as configured."""
    rules = context.rules_for(Path(document.path))
    hidden = suppress.parse(document.source)
    return [
        finding
        for named in checks
        if named.run is not None and might_report(named.prefix, rules)
        for finding in _kept(document, context, rules, named.run(document, context), named.engine, hidden)
    ]


def _kept(
    document: Document,
    context: Context,
    rules: RuleFilter,
    found: Iterable[Finding],
    engine: str,
    hidden: suppress.Suppressions | None = None,
) -> list[Finding]:
    """The profile, selection, the site's typographer, severity overrides, the minimum severity and suppression comments;
    each finding kept is marked with the ``engine`` that found it."""
    hidden = hidden or suppress.parse(document.source)
    where = display_path(document.path)
    # A style package may be named like an engine ("proselint"): the engines' profiles are not its.
    from_styles = engine == overlaps.STYLES
    kept = []
    for finding in found:
        if not selected(finding.rule, rules):
            continue
        if not profiles.reports(finding.rule, context.config.profile, rules.levelled + context.config.chosen_styles, from_styles):
            continue
        if context.config.site.typographer and finding.rule in profiles.TYPOGRAPHER:
            continue
        level = severity_of(finding.rule, finding.severity, rules)
        if level is None or level < context.config.min_severity or hidden.covers(finding):
            continue
        start, end = fingerprint.span(document, finding)
        kept.append(
            replace(
                finding, path=where, severity=level, fingerprint=fingerprint.of(document, finding),
                matched=document.source[start:end], engine=engine,
                fix=fixes.of(document, finding, context.config.fixes, from_styles),
            )
        )
    return kept
