"""Vale's vocabularies and its built-in ``Vale`` style.

A vocabulary is a folder ``<StylesPath>/config/vocabularies/<Name>/`` (or the
older ``<StylesPath>/Vocab/<Name>/``) with ``accept.txt`` and ``reject.txt``,
one term (or pattern) a line. Accepted terms are exceptions for every rule and
their exact spelling is enforced by ``Vale.Terms``; rejected terms are
reported by ``Vale.Avoid``.
"""

from __future__ import annotations

from pathlib import Path

from editorial.errors import error
from editorial.lint.findings import Severity
from editorial.style.common import Context, is_phrase
from editorial.style.rule import Action, RuleSpec, Skipped, read_config_text

BUILTIN = Path("<Vale built-in>")


def load(styles_path: Path | None, names: tuple[str, ...], config: Path, line: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    accepted: list[str] = []
    rejected: list[str] = []
    for name in names:
        folder = _folder(styles_path, name)
        if folder is None:
            raise error(config, line, f"vocabulary '{name}' not found (no config/vocabularies/{name} in the styles folder)")
        accepted.extend(_terms(folder / "accept.txt"))
        rejected.extend(_terms(folder / "reject.txt"))
    return tuple(dict.fromkeys(accepted)), tuple(dict.fromkeys(rejected))


def _folder(styles_path: Path | None, name: str) -> Path | None:
    if styles_path is None:
        return None
    for candidate in (styles_path / "config" / "vocabularies" / name, styles_path / "Vocab" / name):
        if candidate.is_dir():
            return candidate
    return None


def _terms(path: Path) -> list[str]:
    if not path.is_file():
        return []
    terms = []
    for line in read_config_text(path).split("\n"):
        term = line.strip()
        if term and not term.startswith("#"):
            terms.append(term)
    return terms


def builtin_rules(context: Context) -> dict[str, RuleSpec | Skipped]:
    """Vale's own style: Terms and Avoid from the vocabularies, Repetition, and (skipped) Spelling."""
    rules: dict[str, RuleSpec | Skipped] = {
        "Vale.Repetition": RuleSpec(
            id="Vale.Repetition",
            path=BUILTIN,
            extends="repetition",
            message="'%s' is repeated!",
            level=Severity.error,
            scope=("text",),
            action=Action("edit", ("truncate", " ")),
            options={"ignorecase": True, "alpha": True, "tokens": [r"[^\s.!?]+"]},
        ),
        "Vale.Spelling": Skipped("Vale.Spelling", BUILTIN, "spelling", "needs Hunspell dictionaries"),
    }
    swap = {term.lower(): term for term in context.accepted if is_phrase(term)}
    if swap:
        rules["Vale.Terms"] = RuleSpec(
            id="Vale.Terms",
            path=BUILTIN,
            extends="substitution",
            message="Use '%s' instead of '%s'.",
            level=Severity.error,
            scope=("text",),
            options={"ignorecase": True, "swap": swap, "vocab": False},
        )
    if context.rejected:
        rules["Vale.Avoid"] = RuleSpec(
            id="Vale.Avoid",
            path=BUILTIN,
            extends="existence",
            message="Avoid using '%s'.",
            level=Severity.error,
            scope=("text",),
            options={"ignorecase": False, "tokens": list(context.rejected)},
        )
    return rules
