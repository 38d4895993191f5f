"""Links from a Markdown file to files beside it: what a section shows (collect), and how a
draft written elsewhere still reaches them (assemble)."""

from __future__ import annotations

import posixpath
import re
import urllib.parse

IMAGE_LINK = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
IMAGE_TAG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def target(destination: str) -> str | None:
    """The relative path a link's destination names, or None for an address, an absolute path or a fragment."""
    if not destination or _SCHEME.match(destination) or destination.startswith(("/", "#", "//")):
        return None
    path = urllib.parse.unquote(destination.split("#", 1)[0].split("?", 1)[0])
    return path or None


def suffix(destination: str) -> str:
    """What follows the path in a destination: ``?query`` and ``#fragment``, kept when a link is re-pathed."""
    cut = min((i for i in (destination.find("?"), destination.find("#")) if i >= 0), default=len(destination))
    return destination[cut:]


def image_references(markdown: str, section_path: str) -> set[str]:
    """The files (as git names them) that a section's images and link definitions point to."""
    folder = posixpath.dirname(section_path)
    found = set()
    for pattern in (IMAGE_LINK, IMAGE_TAG, LINK_DEFINITION):
        for match in pattern.finditer(markdown):
            path = target(match.group(1))
            if path and not match.group(1).startswith("data:"):
                found.add(posixpath.normpath(posixpath.join(folder, path)))
    return found
