"""The house vocabulary: learned from the archive, applied to the speller, the shouting and the heading rules."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import Run

from editorial.lint import vocabulary
from editorial.lint.findings import Finding, Severity

# Zentrafuge: two files, three paragraphs. Ray and Tune: with a capital inside sentences in both.
# NVIDIA and SOTA: in capitals in both. The copied line (typo and all) is one paragraph however often
# it recurs; Quarrington recurs in two paragraphs of one file.
A = (
    "# Zentrafuge news\n\n"
    "We tried Zentrafuge with NVIDIA cards, and Ray Tune for tuning.\n\n"
    "Our friends at Ray Tune say SOTA is near. Quarrington agrees.\n\n"
    "Copied: teh crate is fast.\n\n"
    "Thanks, Quarrington.\n"
)
B = (
    "Zentrafuge shipped a release for NVIDIA and SOTA models.\n\n"
    "We tuned it with Ray Tune again.\n\n"
    "Copied: teh crate is fast.\n"
)
C = "Copied: teh crate is fast.\n"
SPELLING = "languagetool.MORFOLOGIK_RULE_EN_US:Possible spelling mistake found."


def archive(root: Path, config: str = "", **files: str) -> Path:
    (root / "editorial.yaml").write_text("newsletter:\n  name: Test Weekly\n" + config)
    (root / "issues").mkdir(exist_ok=True)
    for name, text in files.items():
        (root / "issues" / f"{name}.md").write_text(text)
    return root


def with_languagetool(url: str, profile: str = "default") -> str:
    return f"languagetool:\n  url: {url}\nlint:\n  profile: {profile}\n"


def test_what_recurs_in_two_files_and_two_paragraphs_is_learned(run: Run, tmp_path: Path) -> None:
    archive(tmp_path, a=A, b=B, c=C)
    answers = {word: run("vocab", word) for word in ("Zentrafuge", "Ray", "NVIDIA", "We", "teh", "crate", "Quarrington", "ray")}
    assert {word: (r.returncode, r.stdout, r.stderr) for word, r in answers.items()} == {
        "Zentrafuge": (0, "Zentrafuge: term\n", ""),  # with a capital inside a sentence in one file only: no name
        "Ray": (0, "Ray: name and term\n", ""),
        "NVIDIA": (0, "NVIDIA: acronym and term\n", ""),
        "We": (0, "We: term\n", ""),  # at the start of sentences only: no name
        "teh": (1, "teh: not in the vocabulary\n", ""),  # the copied line is one paragraph
        "crate": (1, "crate: not in the vocabulary\n", ""),
        "Quarrington": (1, "Quarrington: not in the vocabulary\n", ""),  # in one file
        "ray": (1, "ray: not in the vocabulary\n", ""),
    }
    as_json = run("vocab", "Ray", "--format", "json")
    assert (as_json.returncode, json.loads(as_json.stdout)) == (0, {"word": "Ray", "known": True, "as": ["name", "term"]})
    unknown = run("vocab", "teh", "--format", "json")
    assert (unknown.returncode, json.loads(unknown.stdout)) == (1, {"word": "teh", "known": False, "as": []})


def test_vocab_lists_names_and_acronyms_and_on_request_every_term(run: Run, tmp_path: Path) -> None:
    archive(tmp_path, a=A, b=B, c=C)
    listed = run("vocab")
    assert (listed.returncode, listed.stderr) == (0, "")
    assert listed.stdout == (
        "learned from 3 files: 10 terms, 2 names, 2 acronyms\n\nnames:\nRay Tune\n\nacronyms:\nNVIDIA SOTA\n"
    )
    every = run("vocab", "--terms")
    assert every.stdout == listed.stdout + "\nterms:\nNVIDIA Ray SOTA Tune We Zentrafuge and for is with\n"
    assert json.loads(run("vocab", "--format", "json").stdout) == {
        "files": 3, "terms": 10, "names": ["Ray", "Tune"], "acronyms": ["NVIDIA", "SOTA"],
    }
    assert json.loads(run("vocab", "--terms", "--format", "json").stdout)["terms"] == [
        "NVIDIA", "Ray", "SOTA", "Tune", "We", "Zentrafuge", "and", "for", "is", "with",
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "editorial.yaml").write_text("newsletter:\n  name: Empty\n")
    nothing = run("vocab", cwd=empty)
    assert (nothing.returncode, nothing.stdout) == (
        0, "learned from 0 files: 0 terms, 0 names, 0 acronyms\n\nnames:\n(none)\n\nacronyms:\n(none)\n"
    )


def test_editorial_yaml_adds_takes_out_and_chooses_where_to_learn(run: Run, tmp_path: Path) -> None:
    archive(tmp_path, "vocabulary:\n  accept: [MLOps, SWAV, teh]\n  reject: [Ray, SOTA]\n", a=A, b=B)
    said = {word: run("vocab", word).stdout for word in ("MLOps", "SWAV", "teh", "Ray", "SOTA", "Tune")}
    assert said == {
        "MLOps": "MLOps: name and term\n",
        "SWAV": "SWAV: acronym and term\n",
        "teh": "teh: term\n",
        "Ray": "Ray: not in the vocabulary\n",
        "SOTA": "SOTA: not in the vocabulary\n",
        "Tune": "Tune: name and term\n",
    }
    # Three files wanted: none has Zentrafuge three times over.
    (tmp_path / "editorial.yaml").write_text("vocabulary:\n  min_files: 3\n")
    assert run("vocab", "Zentrafuge").returncode == 1
    (tmp_path / "issues/c.md").write_text("Zentrafuge again.\n")
    assert run("vocab", "Zentrafuge").stdout == "Zentrafuge: term\n"
    # Learned from other folders than the issues; or not at all.
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive/x.md").write_text("Blorptastic is out.\n")
    (tmp_path / "archive/y.md").write_text("We like Blorptastic.\n")
    (tmp_path / "editorial.yaml").write_text("vocabulary:\n  sources: [archive]\n")
    assert (run("vocab", "Blorptastic").returncode, run("vocab", "Zentrafuge").returncode) == (0, 1)
    (tmp_path / "editorial.yaml").write_text("vocabulary:\n  learn: false\n  accept: [Blorptastic]\n")
    assert run("vocab").stdout == "learned from 0 files: 1 term, 1 name, 0 acronyms\n\nnames:\nBlorptastic\n\nacronyms:\n(none)\n"
    (tmp_path / "editorial.yaml").write_text("newsletter:\n  name: N\nvocabulary:\n  min_files: 0\n")
    refused = run("vocab")
    assert (refused.returncode, refused.stdout, refused.stderr) == (2, "", "editorial.yaml:4: min_files must be 1 or more, not 0\n")
    (tmp_path / "editorial.yaml").write_text("vocabulary:\n  accept: MLOps\n")
    wrong = run("vocab")
    assert (wrong.returncode, wrong.stderr) == (2, "editorial.yaml:2: 'vocabulary.accept' must be a list\n")


def test_an_edit_to_the_archive_is_learned(run: Run, tmp_path: Path) -> None:
    archive(tmp_path, a=A, b=B)
    assert run("vocab", "Zentrafuge").returncode == 0
    b = tmp_path / "issues/b.md"
    # The same size, a moment later: what each file says is kept by its path, size and time.
    b.write_text(B.replace("Zentrafuge", "Xentrafuge"))
    stamp = b.stat()
    os.utime(b, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))
    assert (run("vocab", "Zentrafuge").stdout, run("vocab", "Xentrafuge").returncode) == ("Zentrafuge: not in the vocabulary\n", 1)
    (tmp_path / "issues/c.md").write_text("Xentrafuge, then Zentrafuge.\n\nZentrafuge.\n")
    assert run("vocab", "Zentrafuge").stdout == "Zentrafuge: name and term\n"  # inside a sentence here and in A
    (tmp_path / "issues/c.md").unlink()
    assert run("vocab", "Zentrafuge").returncode == 1


def test_a_learned_acronym_is_no_shouting(run: Run, tmp_path: Path) -> None:
    text = "NVIDIA said it: ONE TRILLION tokens.\n"
    archive(tmp_path, a=A, b=B, c=text)
    found = run("lint", "--no-languagetool", "--format", "line", "--select", "House.Shouting", "issues/c.md")
    assert found.stdout.splitlines() == [
        "issues/c.md:1:17:House.Shouting:'ONE TRILLION' is in capitals for emphasis: write it in lower case (or use italics).",
    ]
    (tmp_path / "editorial.yaml").write_text("vocabulary:\n  learn: false\n")
    unlearned = run("lint", "--no-languagetool", "--format", "line", "--select", "House.Shouting", "issues/c.md")
    assert [line.split(":")[:4] for line in unlearned.stdout.splitlines()] == [
        ["issues/c.md", "1", "1", "House.Shouting"],
        ["issues/c.md", "1", "17", "House.Shouting"],
    ]


def test_the_heading_rule_keeps_the_capitals_of_learned_names(run: Run, tmp_path: Path) -> None:
    archive(tmp_path, a=A, b=B, c="### Early stopping with Ray Tune\n\n### Early Stopping with Ray Tune\n")
    headings = ("lint", "--no-languagetool", "--profile", "strict", "--format", "line", "--select", "House.Headings", "issues/c.md")
    assert run(*headings).stdout == (
        "issues/c.md:3:5:House.Headings:'Early Stopping with Ray Tune' should be in sentence case:"
        " 'Early stopping with ray tune'.\n"
    )
    (tmp_path / "editorial.yaml").write_text("vocabulary:\n  learn: false\n")
    assert [line.split(":")[1] for line in run(*headings).stdout.splitlines()] == ["1", "3"]


def test_learned_words_are_not_misspelt(run: Run, tmp_path: Path, languagetool_url: str) -> None:
    text = "Zentrafuge fixed the Blorptastic parser.\n"
    archive(tmp_path, with_languagetool(languagetool_url, "strict"), c=text)
    spelling = ("lint", "--format", "line", "--select", "languagetool.MORFOLOGIK_RULE_EN_US", "issues/c.md")
    # Zentrafuge is in this file only: not the house's yet.
    assert run(*spelling).stdout.splitlines() == [
        f"issues/c.md:1:1:{SPELLING} ('Zentrafuge')",
        f"issues/c.md:1:22:{SPELLING} ('Blorptastic')",
    ]
    # Another file names it: learned. c.md is unchanged, its findings come from the cache; the
    # vocabulary applies after it.
    (tmp_path / "issues/a.md").write_text(A)
    assert run(*spelling).stdout.splitlines() == [f"issues/c.md:1:22:{SPELLING} ('Blorptastic')"]
    (tmp_path / "editorial.yaml").write_text(with_languagetool(languagetool_url, "strict") + "vocabulary:\n  learn: false\n")
    assert len(run(*spelling).stdout.splitlines()) == 2


def test_by_default_the_speller_reports_likely_slips_only(run: Run, tmp_path: Path, languagetool_url: str) -> None:
    text = (
        "Zentrafuge fixed the regresions in [performnce](https://crates.io/crates/performnce),"
        " netstack and `Blorptastic` Blorptastic.\n"
    )
    archive(tmp_path, with_languagetool(languagetool_url), a=A, b=B, c=text)
    spelling = ("lint", "--format", "line", "--select", "languagetool.MORFOLOGIK_RULE_EN_US", "issues/c.md")
    default = run(*spelling)
    assert (default.returncode, default.stdout, default.stderr) == (0, f"issues/c.md:1:22:{SPELLING} ('regresions')\n", "")
    strict = run(*spelling, "--profile", "strict")
    assert strict.stdout.splitlines() == [
        f"issues/c.md:1:22:{SPELLING} ('regresions')",
        f"issues/c.md:1:37:{SPELLING} ('performnce')",  # a crate's name: its address says so
        f"issues/c.md:1:87:{SPELLING} ('netstack')",  # the speller would split it: no slip of one letter
        f"issues/c.md:1:114:{SPELLING} ('Blorptastic')",  # code elsewhere in the file
    ]


def test_in_a_large_archive_a_slip_is_one_letter_from_a_word_the_archive_knows(
    run: Run, tmp_path: Path, languagetool_url: str
) -> None:
    filler = {f"f{n:02}": f"Issue {n} of the archive, on tuning number {n}.\n" for n in range(vocabulary.SMALL_ARCHIVE)}
    text = "We fixed the regresions.\n"
    archive(tmp_path, with_languagetool(languagetool_url), c=text, **filler)
    spelling = ("lint", "--format", "line", "--select", "languagetool.MORFOLOGIK_RULE_EN_US", "issues/c.md")
    # LanguageTool's "regressions" is no word of this archive: an identifier, a name, who knows.
    assert run(*spelling).stdout == ""
    assert run(*spelling, "--profile", "strict").stdout == f"issues/c.md:1:14:{SPELLING} ('regresions')\n"
    (tmp_path / "issues/f00.md").write_text("Three regressions fixed.\n")
    (tmp_path / "issues/f01.md").write_text("Fewer regressions this week.\n")
    assert run(*spelling).stdout == f"issues/c.md:1:14:{SPELLING} ('regresions')\n"


def finding(word: str, *replacements: str) -> Finding:
    return Finding("a.md", 1, 1, "languagetool.MORFOLOGIK_RULE_EN_US", Severity.warning, "m", 1, 1 + len(word), replacements, matched=word)


@pytest.mark.parametrize(
    ("word", "replacements", "kept"),
    [
        ("regresions", ("regressions",), True),  # a letter dropped
        ("regressionss", ("regressions",), False),  # one added at the end: how words are made
        ("regrassions", ("regressions",), True),  # one changed
        ("Cloduflare", ("Cloudflare",), True),  # two swapped
        ("regresions", ("regressions", "regression", "aggressions", "digressions"), False),  # more than three ideas
        ("regresions", ("progressions",), False),  # two letters off
        ("addrss", ("address",), True),  # six letters, in lower case: five are enough
        ("Dawid", ("David",), False),  # five with a capital: a name more often than a slip
        ("hangelog", ("changelog",), True),  # the first letter dropped
        ("Pointee", ("Pointer",), False),  # the last one changed: how words are made
        ("stylings", ("styling",), False),
        ("optimisation", ("optimization",), False),  # British, to an American speller
        ("travelling", ("traveling",), False),
        ("Regressions", ("regressions",), False),  # case alone
        ("RangeFormatting", ("Range Formatting",), False),  # an identifier
        ("netstack", ("net stack", "nets tack"), False),
        ("Zentrafuge", ("Centrifuge",), False),
        ("Zentrafuge", (), False),
    ],
)
def test_a_likely_slip(word: str, replacements: tuple[str, ...], kept: bool) -> None:
    small = vocabulary.Vocabulary(files=3)
    assert vocabulary.keeps(finding(word, *replacements), small) is kept
    assert vocabulary.keeps(finding(word, *replacements), small, strict=True)
    assert not vocabulary.keeps(finding(word, *replacements), vocabulary.Vocabulary(frozenset({word})), strict=True)


def test_a_compound_of_house_words_is_known() -> None:
    known = vocabulary.Vocabulary(frozenset({"esp", "rs", "Zentrafuge"}))
    assert known.knows("esp-rs") and known.knows("Zentrafuge's") and known.knows("esp/rs")
    assert not known.knows("esp-xx") and not known.knows("") and not known.knows("zentrafuge")


def test_a_line_of_unknown_words_is_another_language() -> None:
    small = vocabulary.Vocabulary(files=3)
    spanish = [
        replace(finding(word, *wanted), column=column)
        for word, wanted, column in (("Primeros", ("Primers",), 1), ("comunnidad", ("comunidad",), 10), ("desarollo", ("desarrollo",), 21))
    ]
    typo = replace(finding("regresions", "regressions"), line=2)
    assert vocabulary.taken_back([*spanish, typo], small) == [typo]
    assert vocabulary.taken_back([*spanish[:2], typo], small) == [*spanish[:2], typo]  # two: could be slips
    assert vocabulary.taken_back([*spanish, typo], small, strict=True) == [*spanish, typo]


def test_without_an_editorial_yaml_it_learns_from_what_is_linted(run: Run, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "docs/a.md").write_text("The ZORBLAXES came.\n")
    (tmp_path / "other/b.md").write_text("ZORBLAXES are here.\n")
    (tmp_path / "other/c.md").write_text("Many ZORBLAXES again.\n")
    shouting = ("lint", "--no-languagetool", "--format", "line", "--select", "House.Shouting", "docs")
    # No repository to speak of: the folder linted is the archive; other/ is not read.
    assert run(*shouting).stdout == (
        "docs/a.md:1:5:House.Shouting:'ZORBLAXES' is in capitals for emphasis: write it in lower case (or use italics).\n"
    )
    (tmp_path / "editorial.yaml").write_text("newsletter:\n  name: Test\n")
    assert run(*shouting).stdout == ""  # the repository's files: an acronym it uses
