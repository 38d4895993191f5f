"""LanguageTool's results per prose block, kept between runs in a :class:`~editorial.store.Store`.

Two kinds of entry: what the sentence rules find in a prose block, keyed by a
hash of the block's text, and what the text rules find in each block of a
document, keyed by a hash of the document's prose; each key also holds the
language, LanguageTool's version and the rule settings.
"""

from __future__ import annotations

import hashlib

from editorial.store import Store

FILE_NAME = "languagetool-results.sqlite"
SCHEMA_VERSION = 3  # 3: a block's sentence rules and a document's text rules kept apart
# How long a remote server's version is trusted before it is asked again.
VERSION_TTL = 3600.0


def key(kind: str, text: str, language: str, version: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{SCHEMA_VERSION}\0{kind}\0{language}\0{version}\0{fingerprint}\0{text}".encode()).hexdigest()


def server_version(store: Store, url: str) -> str | None:
    return store.get(f"server:{url}", max_age=VERSION_TTL)


def set_server_version(store: Store, url: str, version: str) -> None:
    store.put(f"server:{url}", version)
