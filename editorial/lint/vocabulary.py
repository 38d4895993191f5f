"""The house vocabulary, learned from the newsletter's own archive.

A newsletter repository holds years of published text. The words that recur
in it are the house's words: the names of its products and people, the
acronyms of its field, the terms its readers know. A spell checker that has
never seen them calls them mistakes, a heading rule puts them in lower case,
a shouting rule takes an acronym for emphasis. What is learned here stops
that, with no hand-written list:

- ``terms``: words found in at least ``min_files`` files, in at least as many
  different paragraphs (a line copied from issue to issue, typo and all, is
  one paragraph however often it recurs): accepted by the spell checkers;
- ``names``: words written with a capital inside sentences in that many
  files, more often than in lower case: kept in capitals by the heading rule;
- ``acronyms``: terms in capitals (NVIDIA, SOTA): not shouting.

``vocabulary.accept`` and ``vocabulary.reject`` in editorial.yaml add words
and take them out. What each file contributes is kept in the results store
by the file's path, size and time, and the whole by the list of those, so a
lint learns again only what changed.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editorial.errors import EditorialError, Problem
from editorial.lint import profiles
from editorial.lint.discovery import discover
from editorial.lint.findings import Finding
from editorial.settings import Settings
from editorial.store import Store

MIN_FILES = 2
FORMAT = 7
_TOKEN = re.compile(r"[^\W\d_][\w]*(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_END = frozenset(".!?:;\"“”'‘’([{*#>|-–—")


@dataclass(frozen=True)
class Vocabulary:
    terms: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    acronyms: frozenset[str] = frozenset()
    files: int = 0  # learned from
    common: frozenset[str] = frozenset()  # the words of a quarter of the files or more, in a large archive

    def knows(self, word: str) -> bool:
        """Whether a word a spell checker flagged is the house's: a term, or a compound of terms ("esp-rs")."""
        parts = [_POSSESSIVE.sub("", part) for part in re.split(r"[\s/-]+", word.strip()) if part]
        return bool(parts) and all(part in self.terms for part in parts)

    def is_name(self, word: str) -> bool:
        return word in self.names or word in self.acronyms

    def is_acronym(self, word: str) -> bool:
        return word in self.acronyms

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "terms": sorted(self.terms),
            "names": sorted(self.names),
            "acronyms": sorted(self.acronyms),
            "common": sorted(self.common),
        }


@dataclass(frozen=True)
class Options:
    learn: bool = True
    sources: tuple[Path, ...] = ()
    min_files: int = MIN_FILES
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()


def options(settings: Settings, linted: Sequence[Path] = ()) -> Options:
    """The ``vocabulary:`` settings. The sources default to the issues folder, else the repository; where
    there is no editorial.yaml (no repository to speak of: a folder of Markdown, or the home folder),
    to what is ``linted``."""
    data = settings.data.get("vocabulary") or {}
    sources = tuple(settings.root / s for s in data.get("sources") or ())
    if not sources:
        if settings.paths.issues.is_dir():
            sources = (settings.paths.issues,)
        elif settings.config_path is None and linted:
            sources = tuple(linted)
        else:
            sources = (settings.root,)
    min_files = data.get("min_files", MIN_FILES)
    if min_files < 1:
        line = settings.source.line(("vocabulary", "min_files")) if settings.source else None
        raise EditorialError(Problem(settings.config_path or "editorial.yaml", line, f"min_files must be 1 or more, not {min_files}"))
    return Options(
        learn=data.get("learn", True),
        sources=sources,
        min_files=min_files,
        accept=tuple(data.get("accept") or ()),
        reject=tuple(data.get("reject") or ()),
    )


def load(settings: Settings, store: Store, linted: Sequence[Path] = ()) -> Vocabulary:
    """The vocabulary of this repository, learned anew only where its files changed."""
    chosen = options(settings, linted)
    learned = _learned(chosen, settings.root, store) if chosen.learn else Vocabulary()
    accept, reject = frozenset(chosen.accept), frozenset(chosen.reject)
    capitals = frozenset(w for w in accept if w[:1].isupper())
    return Vocabulary(
        terms=(learned.terms | accept) - reject,
        names=(learned.names | {w for w in capitals if not w.isupper()}) - reject,
        acronyms=(learned.acronyms | {w for w in capitals if w.isupper()}) - reject,
        files=learned.files,
        common=learned.common - reject,
    )


def _learned(chosen: Options, root: Path, store: Store) -> Vocabulary:
    # What cannot be read is left out: lint reports it where it lints it.
    files, _ = discover(chosen.sources, root)
    stamps = {path: _stamp(path) for path in files}
    whole_key = "vocabulary:" + hashlib.sha256(
        f"{FORMAT}\0{chosen.min_files}\0".encode() + "\n".join(sorted(stamps.values())).encode()
    ).hexdigest()
    known = store.get(whole_key)
    if known is not None:
        return Vocabulary(
            frozenset(known["terms"]), frozenset(known["names"]), frozenset(known["acronyms"]), known["files"],
            frozenset(known["common"]),
        )
    keys = {path: "vocabulary-file:" + hashlib.sha256(f"{FORMAT}\0{stamp}".encode()).hexdigest() for path, stamp in stamps.items()}
    summaries = store.get_many(list(keys.values()))
    fresh = {}
    for path, key in keys.items():
        if key not in summaries:
            summaries[key] = fresh[key] = summary(path)
    store.put_many(fresh.items())
    vocabulary = combine([summaries[key] for key in keys.values()], chosen.min_files)
    store.put(whole_key, vocabulary.as_dict())
    return vocabulary


def _stamp(path: Path) -> str:
    status = path.stat()
    return f"{path}\0{status.st_size}\0{status.st_mtime_ns}"


def summary(path: Path) -> dict[str, Any]:
    """What one file says about words: where each occurs (a few paragraphs' digests) and which it capitalises."""
    from editorial import document

    try:
        parsed = document.read(path)
    except EditorialError:
        return {"words": {}, "capitals": []}
    places: dict[str, list[str]] = defaultdict(list)
    capitals: set[str] = set()
    for block in parsed.blocks:
        place = hashlib.sha256(block.text.encode()).hexdigest()[:8]
        text = block.text
        for match in _TOKEN.finditer(text):
            word = _POSSESSIVE.sub("", match.group())
            seen = places[word]
            if len(seen) < 3 and place not in seen:
                seen.append(place)
            if word[0].isupper() and not word.isupper() and _mid_sentence(text, match.start()):
                capitals.add(word)
    return {"words": dict(places), "capitals": sorted(capitals)}


def _mid_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows another word of its sentence (a capital there is no sentence start)."""
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in _SENTENCE_END


def combine(summaries: Sequence[dict[str, Any]], min_files: int) -> Vocabulary:
    files: dict[str, int] = defaultdict(int)
    places: dict[str, set[str]] = defaultdict(set)
    capitalised: dict[str, int] = defaultdict(int)
    for entry in summaries:
        for word, seen in entry["words"].items():
            files[word] += 1
            if len(places[word]) < min_files:
                places[word].update(seen)
        for word in entry["capitals"]:
            capitalised[word] += 1
    recurring = {w for w, count in files.items() if count >= min_files and len(places[w]) >= min_files}
    terms = frozenset(recurring - _slips_of_commoner_words(recurring, files))
    names = frozenset(
        w for w, count in capitalised.items() if count >= min_files and count > files.get(w.lower(), 0) and w in terms
    )
    acronyms = frozenset(w for w in terms if len(w) > 1 and w.isupper())
    large = len(summaries) >= SMALL_ARCHIVE
    common = frozenset(w for w in terms if large and files[w] * COMMON_SHARE >= len(summaries))
    return Vocabulary(terms, names, acronyms, len(summaries), common)


SPELLING = profiles.SPELLERS
SHOUTING = "House.Shouting"
HEADINGS = "House.Headings"
_LINK_TAIL = re.compile(r"\]\([^)]*\)|`[^`]*`|<[^>]*>")


# An archive this small knows too few words to say which near misses are slips.
SMALL_ARCHIVE = 20
_WORDLIKE = re.compile(r"[A-Za-z][a-z]{3,}")
# Below this length, and with more suggestions than this, an unknown word is more often an
# identifier or a name than a slip (measured: benchmarks/README.md).
SLIP_LENGTH = 7
SLIP_LENGTH_LOWER = 5  # short words with a capital are mostly names ("Dawid", "Diogo")
SLIP_SUGGESTIONS = 3
FOREIGN_LINE = 3
# A short word or a name that misses a word written in this share of the files or more is a
# slip all the same (see _misses_a_common_word).
COMMON_SHARE = 4
_SHORT_WORD = re.compile(r"[A-Za-z][a-z]{2,}")
# British and American spellings of one word: an American speller's "optimisation" is no slip.
_VARIANTS = (("is", "iz"), ("ys", "yz"), ("our", "or"), ("re", "er"), ("ll", "l"), ("ae", "e"), ("oe", "e"), ("ce", "se"))


def concerns(rule: str) -> bool:
    """Whether what the vocabulary knows can take a finding of ``rule`` back."""
    return rule.startswith(SPELLING) or rule in (SHOUTING, HEADINGS)


def taken_back(found: Sequence[Finding], vocabulary: Vocabulary, strict: bool = False) -> list[Finding]:
    """``found`` less what the house's words answer (see :func:`keeps`)."""
    unknown = Counter((f.path, f.line) for f in found if f.rule.startswith(SPELLING) and not vocabulary.knows(f.matched))
    return [
        f for f in found
        if not concerns(f.rule) or keeps(f, vocabulary, strict, foreign=unknown[(f.path, f.line)] >= FOREIGN_LINE)
    ]


def keeps(finding: Finding, vocabulary: Vocabulary, strict: bool = False, foreign: bool = False) -> bool:
    """Whether ``finding`` still stands once the house's words are known.

    A word the speller does not know is a slip when it is written like a word
    (letters, in lower case or with a capital first; seven or more, or five in
    lower case), is no
    address or code in its file (the LanguageTool check leaves those out), the
    speller has few ideas what it should be (three at most), and one of them
    is a word the archive knows, missed by a letter inside it (one added,
    dropped, changed, or two swapped: "Cloduflare", "regresions"; or one
    dropped at either end: "hangelog"; a letter more or another at either end
    is how words are made: "renamings", "nalgebra", "Pointee"), on a
    line with no more than two unknown words (``foreign``: more is another
    language, "Primeros pasos con Rust"). The rest reports only in the strict
    profile: identifiers (``RangeFormatting``, ``addr``), words the speller
    would split ("netstack"), British spellings an American speller flags,
    crates, surnames and words of other languages.
    """
    rule = finding.rule
    if rule.startswith(SPELLING):
        word = finding.matched
        if vocabulary.knows(word):
            return False
        return strict or (
            not foreign
            and bool(_WORDLIKE.fullmatch(word))
            and len(word) >= (SLIP_LENGTH_LOWER if word.islower() else SLIP_LENGTH)
            and len(finding.replacements) <= SLIP_SUGGESTIONS
            and any(
                slip_inside(word, wanted) and not _variant(word, wanted) and _WORDLIKE.fullmatch(wanted)
                and (vocabulary.files < SMALL_ARCHIVE or vocabulary.knows(wanted) or vocabulary.knows(wanted.lower()))
                for wanted in finding.replacements[:3]
            )
            or not foreign and _misses_a_common_word(word, finding.replacements, vocabulary)
        )
    words = _TOKEN.findall(_LINK_TAIL.sub(" ", finding.matched))
    if rule == SHOUTING:
        # Capitals for emphasis are common words ("ONE TRILLION", "SOLD OUT"); capitals that no
        # file of a large archive writes in lower case ("WHATWG HTML") are acronyms.
        common = vocabulary.files < SMALL_ARCHIVE or any(w.lower() in vocabulary.terms for w in words)
        return bool(words) and common and not all(vocabulary.is_acronym(w) for w in words)
    if rule == HEADINGS:
        # Sentence case, but for the names the archive capitalises: a capital on a word past the
        # first (and not just after a colon) that is no name is what the rule is about.
        text = _LINK_TAIL.sub(" ", finding.matched)
        for match in list(_TOKEN.finditer(text))[1:]:
            word = match.group()
            if word[0].isupper() and not vocabulary.is_name(word) and text[: match.start()].rstrip()[-1:] != ":":
                return True
        return False
    return True


# A recurring word this many times rarer than a word one letter away is that word misspelt
# again and again (an event listed every week as "Aukland"), not a word of the house.
RARER = 4
RARE = 5


def _slips_of_commoner_words(words: set[str], files: dict[str, int]) -> set[str]:
    """The words that miss a far commoner one by a letter inside it (see :func:`slip_inside`: not "crates" for "crate")."""
    near: dict[str, list[str]] = defaultdict(list)  # a word with one letter left out -> the words it comes from
    for word in words:
        near[word].append(word)
        for index in range(len(word)):
            near[word[:index] + word[index + 1 :]].append(word)
    slips: set[str] = set()
    for word in words:
        if len(word) < SLIP_LENGTH - 1 or files[word] > RARE:
            continue  # short words have neighbours by the dozen ("each", "reach"); a name in 20 files is meant

        variants = {word, *(word[:index] + word[index + 1 :] for index in range(len(word)))}
        neighbours = {other for variant in variants for other in near.get(variant, ()) if other != word}
        if any(files[other] >= RARER * files[word] and slip_inside(word, other) for other in neighbours):
            slips.add(word)
    return slips


def _misses_a_common_word(word: str, replacements: Sequence[str], vocabulary: Vocabulary) -> bool:
    """Whether a word too short or too much a name to be taken for a slip by itself misses a word most of
    the archive writes: by a letter inside it ("Cabridge", "surce"), or, shorter than five letters, by two
    letters swapped ("Rsut"); a short word a letter away from a common one is mostly an identifier
    ("sed", "dll", "oid": measured, benchmarks/README.md)."""
    return bool(_SHORT_WORD.fullmatch(word)) and any(
        wanted in vocabulary.common
        and not _variant(word, wanted)
        and (slip_inside(word, wanted) if len(word) >= SLIP_LENGTH_LOWER else _transposed(word, wanted))
        for wanted in replacements[:5]
    )


def _transposed(typed: str, wanted: str) -> bool:
    """Whether ``typed`` is ``wanted`` with two letters next to each other swapped."""
    diffs = [i for i, (a, b) in enumerate(zip(typed, wanted)) if a != b]
    return (
        len(typed) == len(wanted) and len(diffs) == 2 and diffs[1] == diffs[0] + 1
        and typed[diffs[0]] == wanted[diffs[1]] and typed[diffs[1]] == wanted[diffs[0]]
    )


def slip_inside(typed: str, wanted: str) -> bool:
    """Whether ``typed`` is ``wanted`` but for one letter added, dropped or changed inside it, or two swapped;
    or its first or last letter dropped ("hangelog", "Helsink"). Not a letter added or changed at either end:
    "stylings", "nalgebra", "Pointee"."""
    if typed == wanted or abs(len(typed) - len(wanted)) > 1:
        return False
    if len(typed) == len(wanted):
        diffs = [i for i, (a, b) in enumerate(zip(typed, wanted)) if a != b]
        if len(diffs) == 1:
            return 0 < diffs[0] < len(typed) - 1
        return _transposed(typed, wanted)
    short, long = sorted((typed, wanted), key=len)
    index = next((i for i, (a, b) in enumerate(zip(short, long)) if a != b), len(short))
    if short[index:] != long[index + 1 :]:
        return False
    return 0 < index < len(short) or short is typed


def _variant(typed: str, wanted: str) -> bool:
    """Whether the two are one word spelt the British way and the American way, or differ only in case."""
    if typed.lower() == wanted.lower():
        return True
    for british, american in _VARIANTS:
        at = typed.find(british)
        while at >= 0:
            if typed[:at] + american + typed[at + len(british) :] == wanted:
                return True
            at = typed.find(british, at + 1)
    return False
