"""``languagetool.*``: grammar from a LanguageTool server, on the prose view of every file of a run at once.

What LanguageTool's sentence rules find is kept per prose block, what its
text rules find per document (see :mod:`editorial.languagetool.scheduler`);
only what is not in the cache is asked about, by one process for the whole
run, as the files are read, and each answer is kept as it comes. A missing
server, or one that answers nothing, costs one warning line and these checks
only; blocks it could not check are named in one warning line, and the rest
is reported. Unless LanguageTool is required: then either is an error.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from editorial import html_prose
from editorial.errors import EditorialError, Problem, display_path
from editorial.languagetool import cache as results_cache
from editorial.languagetool import client, scheduler, server
from editorial.languagetool import config as lt_config
from editorial.lint import profiles
from editorial.lint.context import Context
from editorial.lint.findings import Finding, Severity
from editorial.lint.rules import RuleInfo
from editorial.lint.runner import Batch
from editorial.table import plural
from editorial.prose import in_identifier, repeats_a_word
from editorial.settings import Settings
from editorial.store import Store, cache_folder

if TYPE_CHECKING:
    from editorial.document import Document
    from editorial.prose import ProseBlock

PREFIX = "languagetool"
MISSPELLING = "misspelling"
SENTENCE_START = "UPPERCASE_SENTENCE_START"
WORD_REPEAT = "ENGLISH_WORD_REPEAT_RULE"
# The two kinds of entry in the cache: a block's sentence rules, a document's text rules.
SENTENCES = "sentences"
DOCUMENT = "document"
FRAGMENT_KINDS = ("table.header", "table.cell", "alt")
_ADDRESS_WORD = re.compile(r"[^\W_]+")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_BLOCK_MARKUP = re.compile(r"\s*(?:(?:[>*+-]|\d+[.)]|#{1,6})\s+)*")
RULES = (
    RuleInfo(
        "languagetool.RULE_ID", Severity.warning,
        "LanguageTool's grammar, spelling and style rules, each as languagetool.<its id>;"
        " severity by category (languagetool.severity in editorial.yaml).",
        "This is a templates. -> languagetool.THIS_NNS",
        replaces=True,
    ),
)


_RULE_NAME = re.compile(r"[A-Za-z0-9_]+")


def rule_info(rule_id: str) -> RuleInfo | None:
    """What ``editorial rules`` says of a ``languagetool.<ID>`` seen in a report."""
    name = rule_id.removeprefix(f"{PREFIX}.")
    if name == rule_id or not _RULE_NAME.fullmatch(name):
        return None
    return RuleInfo(
        rule_id,
        Severity.warning,
        f"LanguageTool's rule {name}; what it found is in its message. Its severity follows its category"
        " (grammar, spelling and punctuation are warnings; style and typography suggestions; languagetool.severity"
        f" in editorial.yaml). To turn it off: --ignore {rule_id}, or languagetool.disabled_rules: [{name}]"
        " in editorial.yaml.",
        replaces=True,
    )


@dataclass(frozen=True)
class Options:
    required: bool = False  # --require-languagetool
    use_cache: bool = True  # not --no-cache


@dataclass(frozen=True)
class Ask:
    """What one document needs asked: its blocks missing from the cache (by key), and itself for the text rules."""

    path: str
    sentences: dict[str, str]
    document: tuple[str, tuple[str, ...]] | None


@dataclass(frozen=True)
class Plan:
    """What the process that read a document keeps until the answers come."""

    block_keys: tuple[str, ...]
    document_key: str
    known: dict[str, Any]  # from the cache


@dataclass(frozen=True)
class Answers:
    values: dict[str, Any]  # by key
    unchecked: dict[str, int]  # by path: blocks the server could not check
    reason: str | None  # why
    failure: str | None = None  # the server could not be used at all: nothing of this run counts


@dataclass(frozen=True)
class _Target:
    url: str
    version: str
    threads: int | None


class Grammar:
    """LanguageTool for one lint run (see :class:`editorial.lint.runner.Served`)."""

    def __init__(self, context: Context, options: Options = Options()) -> None:
        self._settings = lt_config.load(context.settings)
        self._required = options.required or self._settings.required
        self._enabled = self._settings.enabled or options.required
        self._use_cache = options.use_cache
        self._profile = context.config.profile
        # Per process (forked workers inherit this object): the server found, and the cache opened.
        self._target_of: tuple[int, _Target | str] | None = None
        self._cache_of: tuple[int, Store] | None = None

    def plan(self, document: Document) -> tuple[Plan | str | None, Ask | None]:
        blocks = _prose(document)
        if not self._enabled or not blocks:
            return None, None
        target = self._target()
        if isinstance(target, str):
            return target, None
        fingerprint = self._settings.fingerprint()

        def key(kind: str, text: str) -> str:
            return results_cache.key(kind, text, self._settings.language, target.version, fingerprint)

        block_keys = tuple(key(SENTENCES, block.text) for block in blocks)
        # A document by the list of its blocks' texts: joined, two splits of one text would be one key.
        document_key = key(DOCUMENT, json.dumps([b.text for b in blocks]))
        known = self._cache().get_many(list({*block_keys, document_key}))
        sentences = {k: block.text for k, block in zip(block_keys, blocks, strict=True) if k not in known}
        whole = (document_key, tuple(b.text for b in blocks)) if document_key not in known else None
        ask = Ask(display_path(document.path), sentences, whole) if sentences or whole else None
        return Plan(block_keys, document_key, known), ask

    def asking(self, progress: Callable[[Any], None] | None) -> _Asking:
        target = self._target()
        assert not isinstance(target, str), "nothing is asked of a server that is not there"
        server.touch_last_used()
        cache = self._cache()
        return _Asking(
            scheduler.Scheduler(
                target.url,
                self._settings,
                scheduler.in_flight_for(target.url, target.threads),
                on_answer=cache.put_many,
                progress=progress,
            )
        )

    def keys(self, ask: Ask) -> Iterable[str]:
        return [*ask.sentences, *([ask.document[0]] if ask.document else [])]

    def answers_for(self, answers: Answers, keys: set[str]) -> Answers:
        return Answers({k: v for k, v in answers.values.items() if k in keys}, {}, answers.reason, answers.failure)

    def finish(self, document: Document, plan: Plan | str | None, answers: Answers | None) -> Batch:
        if plan is None:
            return Batch()
        if isinstance(plan, str):
            return Batch(warnings=(plan,), complete=False)
        if answers is not None and answers.failure is not None:
            return Batch(complete=False)  # the run's warning says why
        values = {**plan.known, **(answers.values if answers is not None else {})}
        findings = _findings(document, plan, values, self._settings, self._profile)
        complete = plan.document_key in values and all(k in values for k in plan.block_keys)
        return Batch(findings=findings, complete=complete)

    def warnings(self, answers: Answers) -> tuple[str, ...]:
        if answers.failure is not None:
            message = answers.failure
        elif answers.unchecked:
            names = sorted(answers.unchecked)
            shown = ", ".join(names[:5]) + (f" and {plural(len(names) - 5, 'more file')}" if len(names) > 5 else "")
            message = (
                f"LanguageTool did not check {plural(sum(answers.unchecked.values()), 'block')} in"
                f" {plural(len(names), 'file')}: {shown} ({answers.reason})"
            )
        else:
            return ()
        if self._required:
            raise EditorialError(Problem("languagetool", None, f"{message} (LanguageTool is required)"))
        return (f"languagetool: {message}; grammar checks skipped" if answers.failure else message,)

    def _target(self) -> _Target | str:
        """The server to ask and its version, or why there is none (a warning); found once per process."""
        if self._target_of is None or self._target_of[0] != os.getpid():
            try:
                url, version, threads = _server(self._settings)
                target: _Target | str = _Target(url, version or _version(url, self._settings, self._cache()), threads)
            except client.Unavailable as exc:
                if self._required:
                    raise EditorialError(Problem("languagetool", None, f"{exc} (LanguageTool is required)")) from None
                target = f"languagetool: {exc}; grammar checks skipped"
            self._target_of = (os.getpid(), target)
        return self._target_of[1]

    def _cache(self) -> Store:
        if self._cache_of is None or self._cache_of[0] != os.getpid():
            # A connection opened before a fork is not the child's to use: each process opens its own.
            self._cache_of = (os.getpid(), Store(cache_folder() / results_cache.FILE_NAME if self._use_cache else None))
        return self._cache_of[1]


class _Asking:
    def __init__(self, asker: scheduler.Scheduler) -> None:
        self._scheduler = asker

    def add(self, ask: Ask) -> None:
        self._scheduler.add(ask.path, ask.sentences, ask.document)

    def close(self) -> None:
        self._scheduler.close()

    def wait(self) -> Answers:
        try:
            outcome = self._scheduler.wait()
        except client.Unavailable as exc:
            return Answers({}, {}, None, str(exc))
        return Answers(outcome.answers, outcome.unchecked, outcome.reason)

    def stop(self) -> None:
        self._scheduler.stop()


def _prose(document: Document) -> list[ProseBlock]:
    return [block for block in document.blocks if block.text.strip()]


def _findings(
    document: Document, plan: Plan, values: dict[str, Any], settings: lt_config.LanguageToolSettings, profile: str
) -> list[Finding]:
    """The findings of the blocks whose answers are in ``values`` (all of them, unless some went unchecked)."""
    blocks = _prose(document)
    findings = []
    named = _written_as_code_or_address(document) if profile != profiles.STRICT else frozenset()
    in_context = values.get(plan.document_key) or [[] for _ in blocks]
    for block, block_key, text_issues in zip(blocks, plan.block_keys, in_context, strict=True):
        for issue in _issues(values.get(block_key, []), text_issues):
            if in_identifier(block.text, issue.start, issue.end):
                continue
            if issue.rule == WORD_REPEAT and not repeats_a_word(block.text[issue.start : issue.end]):
                continue
            if block.crosses_gap(issue.start, issue.end + 1):
                # It read "in in" where the reader sees "in `Cargo.toml` in", or "a impl" for "a `From` impl".
                continue
            if _spelling(issue) and block.text[issue.start : issue.end] in settings.accept:
                continue
            if _spelling(issue) and block.text[issue.start : issue.end].lower() in named:
                continue
            if issue.rule == SENTENCE_START and (
                _not_a_sentence(block, issue.start) or _follows_removed_text(document, block, issue.start)
            ):
                continue
            findings.append(_finding(document, block, issue, settings, block.text[issue.start : issue.end]))
    return findings


def _issues(sentence_issues: list[dict[str, Any]], text_issues: list[dict[str, Any]]) -> list[client.Issue]:
    """A block's issues of both kinds of rule; where two overlap, the sentence rule's, as LanguageTool keeps when
    asked for both at once (two spaces: its sentence rule's; "the the" in a sentence too long: the doubled word)."""
    sentence = [client.Issue.from_dict(i) for i in sentence_issues]
    text = [client.Issue.from_dict(i) for i in text_issues]
    return sentence + [t for t in text if not any(s.start < t.end and t.start < s.end for s in sentence)]


def _written_as_code_or_address(document: Document) -> frozenset[str]:
    """The words of the file's link addresses and code spans, in lower case: "[vello](…/linebender/vello)"
    names a crate, and a word the speller does not know that is also an address or code is a name, not a slip."""
    words: set[str] = set()
    for link in document.links:
        words.update(_ADDRESS_WORD.findall(link.destination.lower()))
    for token in document.tokens:
        for child in token.children or ():
            if child.type == "code_inline":
                words.update(_ADDRESS_WORD.findall(child.content.lower()))
    return frozenset(words)


def _spelling(issue: client.Issue) -> bool:
    return issue.category == "TYPOS" and issue.issue_type == MISSPELLING


def _not_a_sentence(block: ProseBlock, index: int) -> bool:
    """Whether ``text[index]`` starts a list item, a table cell or alt text: often no sentence.

    A list item may complete the line before the list ("Our concerns:" then
    "- training costs millions."); a cell or alt text is often a phrase.
    LanguageTool would take each for a sentence that ought to start with a capital.
    """
    return (block.kind in FRAGMENT_KINDS or "list" in block.scopes) and not block.text[:index].strip()


def _follows_removed_text(document: Document, block: ProseBlock, index: int) -> bool:
    """Whether code or markup left out of the prose stands just before ``text[index]``.

    "`pip` is…" reads "is…" in the prose: a lowercase sentence start that the
    reader never sees. An HTML tag that shows nothing (``<p>``, ``</em>``) is no such text.
    """
    offset = block.source_offset(index)
    if index > 0 and block.text[:index].strip():
        before = block.text[:index].rstrip()
        previous = block.source_offset(len(before) - 1) + 1
        return bool(_shown(document.source[previous:offset]).strip())
    line_start = document.source.rfind("\n", 0, offset) + 1
    prefix = _shown(document.source[line_start:offset])
    return bool(prefix[_BLOCK_MARKUP.match(prefix).end() :].strip())  # type: ignore[union-attr]


def _shown(written: str) -> str:
    """``written`` without the HTML tags in it that show nothing."""
    if "<" not in written:
        return written

    def shown(match: re.Match[str]) -> str:
        tag = html_prose.tag(match.group())
        return match.group() if tag is None or tag.name in html_prose.SHOWN or tag.name in html_prose.NOT_PROSE else ""

    return _HTML_TAG.sub(shown, written)


def results_version(settings: Settings, use_cache: bool = True, required: bool = False) -> str:
    """What this check's findings on an unchanged file depend on beyond editorial.yaml: the server
    that answers, its LanguageTool version and the block cache's schema, as far as they are known without asking it
    ("" otherwise: the check then runs, and what it finds is not kept)."""
    languagetool = lt_config.load(settings)
    if not languagetool.enabled and not required:
        return "off"
    try:
        url, version, _ = _server(languagetool)
    except client.Unavailable:
        return ""
    if version is None and use_cache:
        cache = Store(cache_folder() / results_cache.FILE_NAME)
        try:
            version = results_cache.server_version(cache, url)
        finally:
            cache.close()
    return f"{url}\0{version}\0{results_cache.SCHEMA_VERSION}" if version else ""


def _server(settings: lt_config.LanguageToolSettings) -> tuple[str, str | None, int | None]:
    """The URL of the server that answers; its version and threads too where it is ours (its state file has them)."""
    url = server.resolve_url(settings.url)
    if url is None:
        raise client.Unavailable(
            "no LanguageTool server (run 'editorial languagetool start', "
            f"or set {server.URL_ENV} or languagetool.url in editorial.yaml)"
        )
    local = server.status(check_health=False).server
    if local is None or local.url.rstrip("/") != url.rstrip("/"):
        return url, None, None
    if not settings.language.lower().startswith("en"):
        raise client.Unavailable(
            f"the LanguageTool that editorial installs checks English only, not {settings.language}"
            " (point languagetool.url at a server that has it)"
        )
    return url, local.version, local.threads


def _version(url: str, settings: lt_config.LanguageToolSettings, cache: Store) -> str:
    """A remote server's version, for the cache key, without a request where it is known already."""
    version = results_cache.server_version(cache, url)
    if version is None:
        version = client.server_version(url, settings.timeout)
        results_cache.set_server_version(cache, url, version)
    return version


def _finding(
    document: Document, block: ProseBlock, issue: client.Issue, settings: lt_config.LanguageToolSettings, matched: str
) -> Finding:
    start, end = block.source_span(issue.start, max(issue.end, issue.start + 1))
    begin, finish = document.position(start), document.position(end)
    return Finding(
        path=str(document.path),
        line=begin.line,
        column=begin.column,
        rule=f"{PREFIX}.{issue.rule}",
        severity=settings.severity_of(issue.category),
        # LanguageTool's spelling message does not say which word: the editor needs it.
        message=f"{issue.message} ('{matched}')" if _spelling(issue) else issue.message,
        end_line=finish.line,
        end_column=finish.column,
        replacements=issue.replacements,
    )
