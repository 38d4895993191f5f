"""Which checks ``editorial lint`` runs, and every rule they can report."""

from __future__ import annotations

import functools

from editorial.lint.rules import RuleInfo
from editorial.lint.runner import NamedCheck


def default_checks(languagetool: bool = True, require_languagetool: bool = False, use_cache: bool = True) -> list[NamedCheck]:
    from editorial.lint import frontmatter, markdown, newsletter, proselint
    from editorial.lint import languagetool as grammar

    checks = [
        NamedCheck(frontmatter.PREFIX, frontmatter.check),
        NamedCheck(markdown.PREFIX, markdown.check),
        NamedCheck(newsletter.PREFIX, newsletter.check),
        NamedCheck(proselint.PREFIX, proselint.check),
    ]
    if languagetool or require_languagetool:
        options = grammar.Options(required=require_languagetool, use_cache=use_cache)
        checks.append(NamedCheck(grammar.PREFIX, run_batch=functools.partial(grammar.check_batch, options=options)))
    return checks


def all_rules() -> list[RuleInfo]:
    from editorial.lint import frontmatter, markdown, newsletter, proselint
    from editorial.lint import languagetool as grammar

    return [*frontmatter.RULES, *markdown.RULES, *newsletter.RULES, *proselint.rules(), *grammar.RULES]
