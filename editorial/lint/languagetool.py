"""``languagetool.*``: grammar from a LanguageTool server, on the prose view of many files at once.

What LanguageTool's sentence rules find is kept per prose block, what its
text rules find per document (see :func:`editorial.languagetool.client.check`);
only what is not in the cache is asked about. A missing server, or one that
fails, costs one warning line and these checks only, unless LanguageTool is
required (then it is an error).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from editorial import html_prose
from editorial.errors import EditorialError, Problem
from editorial.languagetool import cache as results_cache
from editorial.languagetool import client, server
from editorial.languagetool import config as lt_config
from editorial.lint import profiles
from editorial.lint.context import Context
from editorial.lint.findings import Finding, Severity
from editorial.lint.rules import RuleInfo
from editorial.lint.runner import Batch
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


def check_batch(documents: Sequence[Document], context: Context, options: Options = Options()) -> Batch:
    settings = lt_config.load(context.settings)
    required = options.required or settings.required
    if not settings.enabled and not options.required:
        return Batch()
    try:
        return Batch(findings=_findings(documents, settings, options, context.config.profile))
    except client.Unavailable as exc:
        if required:
            raise EditorialError(Problem("languagetool", None, f"{exc} (LanguageTool is required)")) from None
        return Batch(warnings=(f"languagetool: {exc}; grammar checks skipped",))


def _findings(
    documents: Sequence[Document], settings: lt_config.LanguageToolSettings, options: Options, profile: str
) -> list[Finding]:
    prose = [(document, [block for block in document.blocks if block.text.strip()]) for document in documents]
    prose = [(document, blocks) for document, blocks in prose if blocks]
    if not prose:
        return []
    cache = Store(cache_folder() / results_cache.FILE_NAME if options.use_cache else None)
    try:
        url, version = _server(settings)
        version = version or _version(url, settings, cache)
        fingerprint = settings.fingerprint()

        def key(kind: str, text: str) -> str:
            return results_cache.key(kind, text, settings.language, version, fingerprint)

        block_keys = [[key(SENTENCES, block.text) for block in blocks] for _, blocks in prose]
        # A document by the list of its blocks' texts: joined, two splits of one text would be one key.
        document_keys = [key(DOCUMENT, json.dumps([b.text for b in blocks])) for _, blocks in prose]
        known = cache.get_many(list({*document_keys, *(k for keys in block_keys for k in keys)}))
        sentences: dict[str, str] = {}  # missing, by key: a block's text
        documents: dict[str, list[str]] = {}  # missing, by key: a document's blocks' texts
        for (_, blocks), keys, document_key in zip(prose, block_keys, document_keys, strict=True):
            sentences |= {k: block.text for k, block in zip(keys, blocks, strict=True) if k not in known}
            if document_key not in known:
                documents[document_key] = [block.text for block in blocks]
        if sentences or documents:
            server.touch_last_used()
            by_sentence, by_document = client.check(url, list(sentences.values()), list(documents.values()), settings)
            fresh: dict[str, Any] = {k: [i.as_dict() for i in issues] for k, issues in zip(sentences, by_sentence, strict=True)}
            for k, per_block in zip(documents, by_document, strict=True):
                fresh[k] = [[i.as_dict() for i in issues] for issues in per_block]
            cache.put_many(fresh.items())
            known.update(fresh)
    finally:
        cache.close()
    findings = []
    for (document, blocks), keys, document_key in zip(prose, block_keys, document_keys, strict=True):
        named = _written_as_code_or_address(document) if profile != profiles.STRICT else frozenset()
        for block, block_key, in_context in zip(blocks, keys, known[document_key], strict=True):
            for issue in _issues(known[block_key], in_context):
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
        url, version = _server(languagetool)
    except client.Unavailable:
        return ""
    if version is None and use_cache:
        cache = Store(cache_folder() / results_cache.FILE_NAME)
        try:
            version = results_cache.server_version(cache, url)
        finally:
            cache.close()
    return f"{url}\0{version}\0{results_cache.SCHEMA_VERSION}" if version else ""


def _server(settings: lt_config.LanguageToolSettings) -> tuple[str, str | None]:
    """The URL of the server that answers; its version too where it is ours (its state file has it)."""
    url = server.resolve_url(settings.url)
    if url is None:
        raise client.Unavailable(
            "no LanguageTool server (run 'editorial languagetool start', "
            f"or set {server.URL_ENV} or languagetool.url in editorial.yaml)"
        )
    local = server.status(check_health=False).server
    if local is None or local.url.rstrip("/") != url.rstrip("/"):
        return url, None
    if not settings.language.lower().startswith("en"):
        raise client.Unavailable(
            f"the LanguageTool that editorial installs checks English only, not {settings.language}"
            " (point languagetool.url at a server that has it)"
        )
    return url, local.version


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
