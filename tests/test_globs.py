from __future__ import annotations

import pytest

from editorial.globs import matches


@pytest.mark.parametrize(
    ("path", "glob", "expected"),
    [
        ("issues/2021-01/issue.md", "issues/*/issue.md", True),
        ("issues/2021-01/sections/a.md", "issues/*/issue.md", False),
        ("issues/2021-01/sections/a.md", "issues/*/sections/**/*.md", True),
        ("issues/2021-01/sections/deep/b.md", "issues/*/sections/**/*.md", True),
        ("issues/2021-01/sections/a.md", "*.md", True),
        ("README.md", "*.md", True),
        ("docs/README.markdown", "*.{md,markdown}", True),
        ("issues/x/a.md", "issues/*.md", False),
        ("issues/a.md", "./issues/?.md", True),
        ("notes/a.txt", "**", True),
        ("issues/a1.md", "issues/[a-z]1.md", True),
        ("issues/A1.md", "issues/[a-z]1.md", False),
        ("issues/b1.md", "issues/[!a]1.md", True),
        ("issues/2021-01/.draft.md", "issues/**/*.md", True),
    ],
)
def test_matches(path: str, glob: str, expected: bool) -> None:
    assert matches(path, glob) is expected
