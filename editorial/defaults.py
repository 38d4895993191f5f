"""Where the templates and rules shipped with editorial are."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def folder(name: str) -> Path:
    """The default ``templates`` or ``rules`` folder.

    An installed wheel carries them inside the package (``_defaults``); a
    source checkout (editable install) has them at the top of the repository.
    """
    bundled = _PACKAGE / "_defaults" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name


def starter_file(name: str) -> Path:
    """A file ``editorial init`` writes into a new newsletter repository."""
    return _PACKAGE / "starter" / name
