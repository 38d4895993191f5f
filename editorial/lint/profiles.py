"""Which rules report by default, and which only in the ``strict`` profile.

A finding is a claim on a busy editor's time. The default profile holds the
rules whose findings an editor acts on: measured on a real archive (This Week
in Rust, ``benchmarks/precision.py``; the table is in benchmarks/README.md),
at least 90% of their findings were worth changing the text. The others —
opinions ("very", clichés, sentence case), typography a site's renderer fixes
anyway, rules that cannot tell a name from a slip — report only in the strict
profile (``lint.profile: strict`` or ``--profile strict``), or when
editorial.yaml's ``lint.severity`` gives them a level.

proselint and LanguageTool have hundreds of rules each: the default profile
names the few of theirs it keeps. editorial's own rules are all in it but
those listed. The rules of a team's own styles are the team's choice, and
always report.
"""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT = "default"
STRICT = "strict"
PROFILES = (DEFAULT, STRICT)

# editorial's own rules that only the strict profile runs.
OPT_IN = frozenset(
    {
        "House.Headings",  # a house's choice of case: on when styles.headings says which
        "House.Profanity",  # archives quote people; a team that minds turns it on
        "House.HeadingExclamation",  # "## Fast Forward Live!" is a name; a house choice
        "markdown.heading-jump",  # archives skip levels on purpose, for the size of a heading
        "markdown.image-alt",
        "markdown.nested-emphasis",  # renders as meant; only redundant
        "newsletter.byline-format",
        "slips.double-space",  # 2 of 4 on This Week in Rust: PR titles keep their authors' spacing
    }
)
# The proselint checks that the default profile keeps.
PROSELINT = frozenset({"proselint.lexical_illusions"})
# LanguageTool's spellers (MORFOLOGIK_RULE_EN_US, _EN_GB…): in the default profile, less
# the words the house vocabulary knows or cannot place (see vocabulary.keeps).
SPELLERS = "languagetool.MORFOLOGIK_RULE_"
# And the few of its other rules that the default profile keeps. Its grammar rules read
# link titles and fragments ("allow to feed", "don't inline functions") as sentences.
LANGUAGETOOL = frozenset(
    {
        "languagetool.ENGLISH_WORD_REPEAT_RULE",
        "languagetool.EN_CONTRACTION_SPELLING",
        "languagetool.EN_SPECIFIC_CASE",
        "languagetool.COULDVE",
        "languagetool.IT_IS_2",
    }
)


# What a site's typographer (Hugo's goldmark, Pelican's Typogrify or SmartyPants) does for the
# writer: straight quotes curled, "..." made an ellipsis. Not reported, in any profile, where it runs.
TYPOGRAPHER = frozenset(
    {
        "proselint.typography.symbols.curly_quotes",
        "proselint.typography.symbols.ellipsis",
        "languagetool.EN_QUOTES",
    }
)


def reports(rule: str, profile: str, levelled: Iterable[str] = (), from_styles: bool = False) -> bool:
    """Whether ``rule`` reports in ``profile``; ``levelled`` are the ids and prefixes given a level in editorial.yaml.
    ``from_styles``: it is a style's rule, though its style be named like an engine (Vale's proselint package)."""
    if profile == STRICT or any(covers(prefix, rule) for prefix in levelled):
        return True
    engine = rule.split(".", 1)[0]
    if from_styles:
        return rule not in OPT_IN
    if engine == "proselint":
        return any(covers(kept, rule) for kept in PROSELINT)
    if engine == "languagetool":
        return rule in LANGUAGETOOL or rule.startswith(SPELLERS)
    return rule not in OPT_IN


def covers(prefix: str, rule: str) -> bool:
    return rule == prefix or rule.startswith(prefix + ".")


def of(rule: str, from_styles: bool = False) -> str:
    """The least profile in which ``rule`` reports (for ``editorial rules``)."""
    return DEFAULT if reports(rule, DEFAULT, (), from_styles) else STRICT
