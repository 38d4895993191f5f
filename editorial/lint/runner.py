"""``editorial lint``: files in, every check over each parsed document, findings out."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editorial.errors import EditorialError, Problem, display_path
from editorial.lint import background, fingerprint, fixes, overlaps, profiles, suppress, vocabulary
from editorial.lint.discovery import MARKDOWN_SUFFIXES, discover
from editorial.lint.config import LintConfig, RuleFilter, selected, severity_of
from editorial.lint.context import Context
from editorial.lint.findings import Finding
from editorial.settings import Settings
from editorial.store import Store, cache_folder

if TYPE_CHECKING:
    from editorial.document import Document

_FILES_PER_WORKER = 16


@dataclass(frozen=True)
class Batch:
    """What a check over many documents at once found, and what it could not do."""

    findings: Sequence[Finding] = ()
    warnings: Sequence[str] = ()


@dataclass(frozen=True)
class NamedCheck:
    """A check and the prefix of every rule id it reports.

    ``run`` takes one document; ``run_batch`` takes all the documents of a run
    at once (LanguageTool: one cache lookup and one server for many files).
    """

    prefix: str | None  # None: its rule ids have no common prefix (styles), so it always runs
    run: Callable[[Document, Context], Iterable[Finding]] | None = None
    run_batch: Callable[[Sequence[Document], Context], Batch] | None = field(default=None)
    # What changes its findings besides the file and the configuration (rule files, say),
    # so that results cached from an earlier run are not used past such a change. A batch
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
) -> LintResult:
    """Lint the files of ``paths``, and those of ``sources`` (absolute paths) as they are given there,
    where the files ``present`` are there too (for links that lead to them). ``learned_from``: what the
    house vocabulary is learned from where editorial.yaml does not say (default: ``paths``)."""
    global _job
    context = Context(settings, config, sources or {}, frozenset(present))
    files, errors = discover([p for p in paths if p not in context.sources], settings.root, suffixes)
    files.extend(context.sources)
    workers = _workers(files)
    if workers > 1:
        # Files are independent: split them over the cores, largest first so the shares even out.
        # The workers are forked: they find the job in memory, nothing compiled is pickled.
        ordered = sorted(files, key=_size, reverse=True)
        # Imported here: multiprocessing costs a one-file lint (a commit hook's) more than it saves.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _warm_up(context, checks)
        _job = ([ordered[i::workers] for i in range(workers)], context, checks, use_cache)
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                parts = list(pool.map(_run_share, range(workers)))
        finally:
            _job = None
    else:
        parts = [_lint_files(files, context, checks, use_cache)]
    found = _known_words_taken_back([f for part in parts for f in part.findings], settings, config, paths if learned_from is None else learned_from, use_cache)
    findings = overlaps.one_per_span(sorted(_silenced_in_drafts(found, files), key=lambda f: f.sort_key))
    order = {str(path): index for index, path in enumerate(files)}
    errors.extend(sorted((p for part in parts for p in part.errors), key=lambda p: order.get(str(p.path), -1)))
    warnings = tuple(dict.fromkeys(w for part in parts for w in part.warnings))
    return LintResult(tuple(findings), tuple(errors), len(files), warnings)


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


_job: tuple[list[list[Path]], Context, Sequence[NamedCheck], bool] | None = None


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


def _run_share(index: int) -> LintResult:
    assert _job is not None
    shares, context, checks, use_cache = _job
    return _lint_files(shares[index], context, checks, use_cache)


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
    batches: tuple[tuple[str | None, Any], ...]  # per batch check: its cache key (None: never kept) and what is kept


def _lint_files(files: Sequence[Path], context: Context, checks: Sequence[NamedCheck], use_cache: bool) -> LintResult:
    from editorial.lint import cache

    store = Store(cache_folder() / cache.FILE_NAME if use_cache else None)
    settings_key = cache.fingerprint(context, [f"{c.prefix}:{c.version}" for c in checks if c.run is not None])
    batch_checks = [c for c in checks if c.run_batch is not None]
    findings: list[Finding] = []
    errors: list[Problem] = []
    warnings: list[str] = []
    to_check: list[tuple[Document, str]] = []  # parsed, not in the cache: (document, cache key)
    to_batch: list[list[tuple[Document, str | None]]] = [[] for _ in batch_checks]  # the same, per batch check
    try:
        for path in files:
            try:
                read = _read(path, context, settings_key, store, batch_checks)
            except EditorialError as exc:
                errors.extend(exc.problems)
                continue
            if read.known is not None:
                findings.extend(cache.load(read.known["findings"], display_path(path)))
            elif read.document is not None:
                to_check.append((read.document, read.key))
            for waiting, (batch_key, kept) in zip(to_batch, read.batches, strict=True):
                if kept is not None:
                    findings.extend(cache.load(kept, display_path(path)))
                elif read.document is not None:
                    waiting.append((read.document, batch_key))
        # The batch checks (LanguageTool: an import and a wait for the server) go on in a forked
        # process meanwhile, where there is other work here to overlap with.
        overlap = bool(to_check) and background.available()
        batches = [
            _start_batch(named, [d for d, _ in waiting], context, overlap)
            for named, waiting in zip(batch_checks, to_batch, strict=True)
        ]
        body_checks = [c for c in checks if not c.front_matter_only]
        front_checks = [c for c in checks if c.front_matter_only]
        for document, key in to_check:
            found = lint_document(document, context, body_checks)
            if front_checks:
                found += _front_matter_findings(document, context, front_checks, store, settings_key)
            findings.extend(found)
            store.put(key, cache.entry(document, context, found))
        for named, waiting, result in zip(batch_checks, to_batch, batches, strict=True):
            batch = result()
            warnings.extend(batch.warnings)
            by_path: dict[str, list[Finding]] = defaultdict(list)
            for finding in batch.findings:
                by_path[finding.path].append(finding)
            for document, batch_key in waiting:
                found_here = by_path.get(str(document.path))
                kept = (
                    _kept(document, context, context.rules_for(Path(document.path)), found_here, named.engine)
                    if found_here
                    else []
                )
                findings.extend(kept)
                if batch_key is not None and not batch.warnings:  # one that could not run has nothing to keep
                    store.put(batch_key, cache.dump(kept))
    finally:
        store.close()
    return LintResult(tuple(findings), tuple(errors), len(files), tuple(warnings))


def _read(path: Path, context: Context, settings_key: str, store: Store, batch_checks: Sequence[NamedCheck]) -> _Read:
    from editorial.files import decode, read_bytes
    from editorial.lint import cache, markdown

    data = context.sources[path] if path in context.sources else read_bytes(path)
    _check_size(path, len(data), context.config.max_file_kib)
    key = cache.key(data, path, context, settings_key)
    batch_keys = [cache.batch_key(key, named.prefix, named.version) if named.version else None for named in batch_checks]
    stored = store.get_many([key, *(k for k in batch_keys if k is not None)])
    known = stored.get(key)
    if not cache.still_valid(known, lambda: markdown.site_pages(context), context.exists):
        known = None
    batches = tuple((batch_key, stored.get(batch_key) if batch_key else None) for batch_key in batch_keys)
    if known is not None and all(kept is not None for _, kept in batches):
        return _Read(None, key, known, batches)
    from editorial import document as documents  # markdown-it: only when a file needs parsing
    from editorial.lint import frontmatter

    fields = context.config.prose_fields
    if "title" not in fields and frontmatter.is_section(path, context):
        # A section's title is prose whatever the setting: templates make it the section's heading in the draft.
        fields = ("title", *fields)
    return _Read(documents.parse(decode(data, path), path, fields), key, known, batches)


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


def _start_batch(
    named: NamedCheck, parsed: Sequence[Document], context: Context, in_background: bool
) -> Callable[[], Batch]:
    """The batch check started, in the background or not; call what this returns for its findings."""
    wanted = [d for d in parsed if might_report(named.prefix, context.rules_for(Path(d.path)))]
    run_batch = named.run_batch
    if not wanted or run_batch is None:
        return Batch
    if in_background:
        return background.start(lambda: run_batch(wanted, context))
    return lambda: run_batch(wanted, context)


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
