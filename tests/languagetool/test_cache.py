"""editorial.languagetool.cache: the keys of LanguageTool's results, and a remote server's version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from editorial.languagetool import cache
from editorial.store import Store


def test_the_key_depends_on_every_part() -> None:
    parts = ("sentences", "We ship it as a templates.", "en-US", "6.8", "0123456789abcdef")
    variants = [parts[:i] + ("other",) + parts[i + 1 :] for i in range(len(parts))]
    keys = {cache.key(*p) for p in [parts, *variants]}
    assert len(keys) == 6
    assert cache.key(*parts) == cache.key(*parts)
    # The parts are separated: moving text from one to the next makes another key.
    assert cache.key("document", "ab", "c", "d", "e") != cache.key("document", "a", "bc", "d", "e")


def test_a_remote_servers_version_is_trusted_for_an_hour(tmp_path: Path) -> None:
    store = Store(tmp_path / cache.FILE_NAME)
    url = "https://lt.example.org/"
    assert cache.server_version(store, url) is None
    cache.set_server_version(store, url, "6.8")
    assert cache.server_version(store, url) == "6.8"
    assert cache.server_version(store, "https://other.example.org/") is None
    db = sqlite3.connect(tmp_path / cache.FILE_NAME)
    db.execute("UPDATE entries SET stored = stored - ?", (cache.VERSION_TTL + 1,))
    db.commit()
    db.close()
    assert cache.server_version(store, url) is None  # asked again: the team may have upgraded it
    store.close()
