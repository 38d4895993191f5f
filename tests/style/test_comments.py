from __future__ import annotations

from tests.style.conftest import Lint

RULE = "extends: existence\nmessage: \"'%s'\"\nlevel: error\ntokens: [TODO]\n"


def test_vale_comment_controls(lint: Lint) -> None:
    text = (
        "TODO 1\n\n<!-- vale off -->\n\nTODO 2\n\n<!-- vale on -->\n\n"
        "<!-- vale Test.Rule = NO -->\n\nTODO 3\n\n<!-- vale Test.Rule = YES -->\n\nTODO 4\n\n"
        "<!-- vale Test.Other = NO -->\n\nTODO 5\n"
    )
    assert lint(text, Rule=RULE) == ["1:1:Test.Rule:'TODO'", "15:1:Test.Rule:'TODO'", "19:1:Test.Rule:'TODO'"]
