"""Which checks ``editorial lint`` runs, and every rule they can report."""

from __future__ import annotations

from editorial.lint.rules import RuleInfo
from editorial.lint.runner import NamedCheck


def default_checks() -> list[NamedCheck]:
    from editorial.lint import frontmatter, proselint

    return [
        NamedCheck(frontmatter.PREFIX, frontmatter.check),
        NamedCheck(proselint.PREFIX, proselint.check),
    ]


def all_rules() -> list[RuleInfo]:
    from editorial.lint import frontmatter, proselint

    return [*frontmatter.RULES, *proselint.rules()]
