"""``editorial init``: a starter newsletter repository."""

from __future__ import annotations

from pathlib import Path

from editorial import defaults
from editorial.errors import error
from editorial.files import write_atomic
from editorial.settings import CONFIG_NAME


def plan(directory: Path) -> dict[Path, Path]:
    """Every file init writes (target in ``directory``) and where it comes from."""
    files = {
        directory / CONFIG_NAME: defaults.starter_file("editorial.yaml"),
        directory / ".pre-commit-config.yaml": defaults.starter_file("pre-commit-config.yaml"),
    }
    for name in ("templates", "rules"):
        source = defaults.folder(name)
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files[directory / name / path.relative_to(source)] = path
    return files


def init(directory: Path, force: bool = False) -> list[Path]:
    """Write the starter files; existing files are an error (listing them) unless ``force``."""
    files = plan(directory)
    existing = [target for target in files if target.exists()]
    if existing and not force:
        raise error(
            directory,
            None,
            "would overwrite "
            + ", ".join(str(p.relative_to(directory)) for p in existing)
            + " (use --force to overwrite)",
        )
    for target, source in files.items():
        write_atomic(target, source.read_text(encoding="utf-8"))
    return list(files)
