"""The default house style (rules/House), rule by rule."""

from __future__ import annotations

from pathlib import Path

from editorial import document
from editorial.style import check, load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2021-01"


def lint(markdown: str, **styles: object) -> list[str]:
    config = load_config(EXAMPLE, {"names": ["Cloudera Fast Forward", "GitHub"], **styles}, None)
    doc = document.parse(markdown, "x.md")
    return [f"{f.line}:{f.column}:{f.rule}:{f.message}" for f in check(doc, config)]


def test_names() -> None:
    assert lint("We use github at cloudera fast-forward and GitHub.\n") == [
        "1:8:House.Names:Write 'GitHub', not 'github': names are spelled as their owners spell them.",
        "1:18:House.Names:Write 'Cloudera Fast Forward', not 'cloudera fast-forward': names are spelled as their owners spell them.",
    ]


def test_abbreviations() -> None:
    assert lint("Tools, eg this, e.g. that, i.e what, ie not.\n") == [
        "1:8:House.Abbreviations:Write 'e.g.', not 'eg'.",
        "1:28:House.Abbreviations:Write 'i.e.', not 'i.e'.",
        "1:38:House.Abbreviations:Write 'i.e.', not 'ie'.",
    ]


def test_shouting_but_not_acronyms() -> None:
    assert lint("A model with ONE TRILLION parameters, like GPT and CLIP, is HUGE-ish and ENORMOUS.\n") == [
        "1:14:House.Shouting:'ONE TRILLION' is in capitals for emphasis: write it in lower case (or use italics).",
        "1:74:House.Shouting:'ENORMOUS' is in capitals for emphasis: write it in lower case (or use italics).",
    ]


def test_profanity_inside_hyphenated_words() -> None:
    assert lint("What a bull-shit idea, damn.\n") == [
        "1:13:House.Profanity:Remove or replace 'shit': a newsletter reaches work inboxes.",
        "1:24:House.Profanity:Remove or replace 'damn': a newsletter reaches work inboxes.",
    ]


def test_exclamation_in_headings() -> None:
    assert lint("## Big news!\n\nGreat news!\n") == [
        "1:12:House.HeadingExclamation:Don't end a heading with '!': headings inform, they don't exclaim."
    ]


def test_sentence_case_headings_keep_names_and_acronyms() -> None:
    assert lint("## The Prevalence Of MLOps\n\n## News from GitHub and Cloudera Fast Forward\n\n## 1. A numbered heading\n") == [
        "1:4:House.Headings:'The Prevalence Of MLOps' should be in sentence case: 'The prevalence of MLOps'."
    ]


def test_title_case_and_off() -> None:
    assert lint("## The prevalence of MLOps\n", headings="title") == [
        "1:4:House.Headings:'The prevalence of MLOps' should be in title case: 'The Prevalence of MLOps'."
    ]
    assert lint("## The Prevalence Of MLOps\n", headings="off") == []


def test_findings_on_the_example_issue() -> None:
    config = load_config(EXAMPLE, {"names": ["Cloudera Fast Forward"]}, None)
    doc = document.read(EXAMPLE / "expected.md")
    assert [f"{f.line}:{f.column}:{f.rule}" for f in check(doc, config)] == [
        "29:544:House.Shouting",
        "29:1040:House.Shouting",
        "33:31:House.Shouting",
    ]
