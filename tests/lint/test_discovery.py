from __future__ import annotations

from pathlib import Path

import pytest
from gitrepo import init, isolated_git  # noqa: F401 (a fixture)

from editorial.lint.discovery import discover


def _tree(root: Path) -> None:
    for name in ("vendor/a.md", "docs/b.md", "docs/c.gen.md", "docs/d.markdown", "docs/e.txt", ".hidden/f.md", "node_modules/g.md"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("Text.\n")
    (root / ".gitignore").write_text("vendor/\n*.gen.md\n")


def _names(found: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in found]


@pytest.mark.usefixtures("isolated_git")
def test_a_folder_is_walked_without_what_git_ignores_but_a_file_named_is_linted(tmp_path: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    _tree(root)
    repo = init(root)
    repo.git("add", "--force", "docs/c.gen.md")  # tracked: git ignores it no longer, nor does lint
    found, problems = discover([root], root)
    assert (sorted(_names(found, root)), problems) == (["docs/b.md", "docs/c.gen.md", "docs/d.markdown"], [])
    repo.git("rm", "--quiet", "--cached", "docs/c.gen.md")
    found, _ = discover([root / "docs", root / "vendor/a.md"], root)
    assert _names(found, root) == ["docs/b.md", "docs/d.markdown", "vendor/a.md"]


def test_outside_a_git_repository_nothing_is_ignored_but_hidden_and_package_folders(tmp_path: Path) -> None:
    _tree(tmp_path)
    found, problems = discover([tmp_path], tmp_path)
    assert (sorted(_names(found, tmp_path)), problems) == (
        ["docs/b.md", "docs/c.gen.md", "docs/d.markdown", "vendor/a.md"],
        [],
    )
