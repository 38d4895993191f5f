"""File globs in the configuration: ``*`` within a folder, ``**`` across folders.

A glob without a ``/`` matches the file name in any folder (``*.md``), as in
.gitignore; otherwise it matches the whole path relative to the repository.
Classes (``[a-z]``, ``[!x]``) and braces (``{md,markdown}``) are wcmatch's.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=256)
def _compiled(glob: str) -> Any:
    # Imported here: only configurations with globs pay for it.
    from wcmatch import glob as wcglob

    flags = wcglob.GLOBSTAR | wcglob.BRACE | wcglob.DOTGLOB
    return wcglob.compile(glob if "/" in glob else f"**/{glob}", flags=flags)


def matches(relative: str, glob: str) -> bool:
    """Whether the '/'-separated path ``relative`` matches ``glob``."""
    return bool(_compiled(glob.removeprefix("./")).match(relative))
