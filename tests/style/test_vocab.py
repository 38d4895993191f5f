from __future__ import annotations

from pathlib import Path

from tests.style.conftest import Lint


def test_accept_and_reject(lint: Lint, tmp_path: Path) -> None:
    # The fixture writes its style under caseN/styles; the vocabulary goes beside it.
    vocab = tmp_path / "case0" / "styles" / "config" / "vocabularies" / "Base"
    vocab.mkdir(parents=True)
    (vocab / "accept.txt").write_text("GitHub\n# a comment\nTODO\n")
    (vocab / "reject.txt").write_text("Mac OS X\n")
    rule = "extends: existence\nmessage: \"'%s'\"\nlevel: error\ntokens: [TODO, Github]\n"
    text = "Use Github on Mac OS X. TODO stays.\n"
    assert lint(text, ini="Vocab = Base\n[*]\nVale.Terms = YES\nVale.Avoid = YES", Rule=rule) == [
        "1:5:Test.Rule:'Github'",
        "1:5:Vale.Terms:Use 'GitHub' instead of 'Github'.",
        "1:15:Vale.Avoid:Avoid using 'Mac OS X'.",
    ]
