"""File globs in the configuration: ``*`` within a folder, ``**`` across folders.

A glob without a ``/`` matches the file name in any folder (``*.md``), as in
.gitignore; otherwise it matches the whole path relative to the repository.
"""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=256)
def compile_glob(glob: str) -> re.Pattern[str]:
    pattern = []
    index = 0
    while index < len(glob):
        char = glob[index]
        if glob.startswith("**/", index):
            pattern.append("(?:.*/)?")
            index += 3
            continue
        if glob.startswith("**", index):
            pattern.append(".*")
            index += 2
            continue
        if char == "*":
            pattern.append("[^/]*")
        elif char == "?":
            pattern.append("[^/]")
        elif char == "{" and "}" in glob[index:]:
            end = glob.index("}", index)
            pattern.append("(?:" + "|".join(re.escape(o) for o in glob[index + 1 : end].split(",")) + ")")
            index = end
        else:
            pattern.append(re.escape(char))
        index += 1
    prefix = "" if "/" in glob else "(?:.*/)?"
    return re.compile(prefix + "".join(pattern) + r"\Z")


def matches(relative: str, glob: str) -> bool:
    """Whether the '/'-separated path ``relative`` matches ``glob``."""
    return compile_glob(glob.removeprefix("./")).match(relative) is not None
