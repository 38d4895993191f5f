"""Every scenario the conformance suite does not run, and why: the one list of them.

Vale's suite covers many formats and rule types; ours is Markdown and the
core rule types. A scenario with Markdown files among others runs on its
Markdown part (its Markdown files linted, its Markdown lines compared); those
are not listed here.
"""

from __future__ import annotations

_SPELLING = "needs the `spelling` rule type (Hunspell dictionaries), out of scope"
_SCRIPT = "needs the `script` rule type (Tengo scripts), out of scope"
_SEQUENCE = "needs the `sequence` rule type (part-of-speech tagging), out of scope"


def _formats(*formats: str) -> str:
    return "no Markdown files: only " + ", ".join(formats) + " (formats out of scope)"


SKIPS: dict[str, str] = {
    # Vale's command line: options and modes `editorial lint` does not have.
    "vale/CLI.feature:Lint with a custom output format (line)": "Vale's --output template engine",
    "vale/CLI.feature:Lint a file and a directory": _formats("Haskell", "JSON", "Rust"),
    "vale/CLI.feature:Lint 2 directories": _formats("Haskell", "Lua", "Rust"),
    "vale/CLI.feature:Lint 2 files": _formats("JSON", "text"),
    "vale/CLI.feature:Lint 3 files": _formats("C++", "JSON", "text"),
    "vale/CLI.feature:Lint stdin": "lints a string from the command line (standard input)",
    "vale/CLI.feature:Pipe input": "lints standard input (--ext)",
    "vale/CLI.feature:Pipe Markdown input": "lints standard input (--ext); the same file is run by 'Lint a Markdown file'",
    "vale/CLI.feature:Pipe Python input": "lints standard input (--ext), Python",
    "vale/CLI.feature:Filter --minAlertLevel": "Vale's --filter expressions",
    "vale/CLI.feature:Filter by single scope": "Vale's --filter expressions",
    "vale/CLI.feature:Filter by multiple levels": "Vale's --filter expressions",
    "vale/CLI.feature:Filter by extends": "Vale's --filter expressions",
    "vale/CLI.feature:Script-computed suggestions": "`vale fix` with a script action",
    # Rule types out of scope.
    "vale/checks.feature:Script": _SCRIPT,
    "vale/checks.feature:Spelling": _SPELLING,
    "vale/checks.feature:Sequence": _SEQUENCE + " (and AsciiDoc, text files)",
    "vale/styles.feature:Lint against Scripts": _SCRIPT,
    "vale/styles.feature:Lint against demo": (
        "the demo style's Markdown findings include spelling rules (demo.Spellcheck, demo.Filters) "
        "and a Flesch-Kincaid grade that depends on Vale's syllable counter"
    ),
    "vale/misc.feature:Spelling": _SPELLING,
    "vale/misc.feature:v3.0 Spelling": _SPELLING,
    "vale/misc.feature:infostrings": _SPELLING,
    "vale/misc.feature:Duplicate matches": "its Markdown expectation includes a Vale.Spelling finding; " + _SPELLING,
    "vale/config.feature:Missing StylesPath (only Vale)": "only Vale.Spelling findings; " + _SPELLING,
    # Vale's own error messages.
    "vale/config.feature:Missing StylesPath (Vale + other)": (
        "expects Vale's error text 'E100 [loadStyles] Runtime error'; editorial reports the missing style "
        "by name and exits 2 (tests/style/test_config.py)"
    ),
    "vale/config.feature:Non-Existent Config": "expects Vale's error text for a missing .vale.ini; editorial never requires one",
    "vale/config.feature:External config (direct)": "--config pointing at another Vale file, whose demo style reports spelling",
    "vale/config.feature:External config": "--config pointing at another Vale file, whose demo style reports spelling",
    "vale/config.feature:Ignore syntax": "--ignore-syntax (Markdown read as plain text)",
    "vale/config.feature:Test a glob": "Vale's --glob option, on Python and C++ files",
    "vale/config.feature:Test a negated glob": "Vale's --glob option, on Python files",
    "vale/config.feature:Test a negated glob directory": "Vale's --glob option, with Vale.Spelling findings",
    "vale/config.feature:Test another negated glob": "Vale's --glob option",
    "vale/config.feature:Overwrite MinAlertLevel (suggestion)": "Vale's --minAlertLevel (lowers the configured level)",
    "vale/config.feature:Overwrite MinAlertLevel (error)": "Vale's --minAlertLevel (overrides the configured level)",
    "vale/config.feature:Overwrite BasedOnStyle on a per-syntax basis": _formats("Python"),
    "vale/config.feature:Load individual rules": _formats("Python"),
    "vale/config.feature:Load section with glob as name": _formats("Python"),
    "vale/config.feature:Change an external rule's level": _formats("Python"),
    "vale/comments.feature:reStructuredText": _formats("reStructuredText"),
    "vale/comments.feature:AsciiDoc": _formats("AsciiDoc"),
    "vale/comments.feature:Org Mode": _formats("Org"),
    "vale/fragments.feature:Code -> Markup": _formats("C++", "Go", "JavaScript", "Python", "Ruby", "Rust"),
    "vale/lint.feature:Lint a CSS file": _formats("CSS"),
    "vale/lint.feature:Lint a YAML file": _formats("YAML"),
    "vale/lint.feature:Lint a Julia file": _formats("Julia"),
    "vale/lint.feature:Lint a proto file": _formats("Protocol Buffers"),
    "vale/lint.feature:Lint an Org file": _formats("Org"),
    "vale/lint.feature:Lint a reStructuredText file": _formats("reStructuredText"),
    "vale/lint.feature:Lint a reStructuredText file #2": _formats("reStructuredText"),
    "vale/lint.feature:Lint a AsciiDoc file": _formats("AsciiDoc"),
    "vale/lint.feature:Lint a AsciiDoc file with a listing block": _formats("AsciiDoc"),
    "vale/lint.feature:Lint a AsciiDoc file with custom attributes": _formats("AsciiDoc"),
    "vale/lint.feature:Lint a DITA file": _formats("DITA"),
    "vale/lint.feature:Lint an XML file": _formats("XML"),
    "vale/lint.feature:Lint a JSON file": _formats("JSON"),
    "vale/lint.feature:Lint a Plain Text file": _formats("text"),
    "vale/lint.feature:Lint an AsciiDoc file": _formats("AsciiDoc"),
    "vale/lint.feature:Lint a Python file": _formats("Python"),
    "vale/lint.feature:Lint a C++ file": _formats("C++"),
    "vale/lint.feature:Lint a Clojure file": _formats("Clojure"),
    "vale/lint.feature:Lint a JSX file": _formats("JSX"),
    "vale/lint.feature:Lint a Rust file": _formats("Rust"),
    "vale/lint.feature:Lint an R file": _formats("R"),
    "vale/lint.feature:Lint a PHP file": _formats("PHP"),
    "vale/lint.feature:Lint a PowerShell file": _formats("PowerShell"),
    "vale/lint.feature:Lint a Lua file": _formats("Lua"),
    "vale/lint.feature:Lint a Haskell file": _formats("Haskell"),
    "vale/lint.feature:Lint a TypeScript file": _formats("TypeScript"),
    "vale/lint.feature:Lint a Ruby file": _formats("Ruby"),
    "vale/lint.feature:Lint an assigned Markdown file": "Vale's --ext option (a .xyz file read as Markdown)",
    "vale/misc.feature:In-text attributes": _formats("AsciiDoc"),
    "vale/misc.feature:Unicode": _formats("Python", "reStructuredText", "text"),
    "vale/patterns.feature:AsciiDoc": _formats("AsciiDoc"),
    "vale/patterns.feature:reStructuredText": _formats("reStructuredText"),
    "vale/patterns.feature:Org": _formats("Org"),
    "vale/patterns.feature:HTML": _formats("HTML"),
    "vale/patterns.feature:Python": _formats("Python"),
    "vale/patterns.feature:Ignored Classes on inline elements": _formats("reStructuredText") + "; spelling",
    "vale/pkg.feature:Sync a complete, v3 package": "`vale sync` downloads packages (and reports spelling)",
    "vale/pkg.feature:Sync a style-only package": "`vale sync` downloads packages (and reports spelling)",
    "vale/pkg.feature:Sync a config-only package": "`vale sync` downloads packages (and reports spelling)",
    # Expectations that disagree with the files beside them.
    "vale/checks.feature:Repetition": (
        "about LaTeX and reStructuredText files; for its test.md the expectation is no finding, "
        "yet the file ends '... on a Personal plan plan.', which Vale.Repetition reports here"
    ),
    "alex/rules.feature:Basic test case": (
        "stale upstream: expects a rule alex.Profanity with the message '... it’s profane ...', "
        "which the package no longer has (it has ProfanityLikely/Maybe/Unlikely, and alex.OCD "
        "reports fail.md line 15)"
    ),
    "write-good/rules.feature:Weasel words": (
        "stale upstream: test.md line 5 says 'a number of fairly new features' and Weasel.yml lists "
        "'fairly', but the expectation has only line 3"
    ),
}


# Scenarios that run, but where Vale's expected line is wrong and editorial's is kept: Vale searches
# the file for a match's text, and puts one that runs across markup ("[… in](url) in") at the line's
# first column. Editorial reports it where its text is (issue 14). Vale's line -> editorial's.
CORRECTED: dict[str, dict[str, str]] = {
    "vale/misc.feature:Nested markup": {
        'test.md:4:1:Markup.Repetition:"in" is repeated.': 'test.md:4:428:Markup.Repetition:"in" is repeated.',
    },
}
