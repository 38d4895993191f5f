"""LanguageTool's results per prose block, kept on disk between runs.

A SQLite file in the user's cache folder: one row per block, keyed by a hash of
the block's text, the language, LanguageTool's version and the rule settings.
SQLite's own locking (WAL mode and a busy timeout) makes it safe for two lint
processes at once; a cache that cannot be opened is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

FILE_NAME = "languagetool-results.sqlite"
SCHEMA_VERSION = 1
# How long a remote server's version is trusted before it is asked again.
VERSION_TTL = 3600.0


def key(text: str, language: str, version: str, fingerprint: str) -> str:
    return hashlib.sha256(f"{SCHEMA_VERSION}\0{language}\0{version}\0{fingerprint}\0{text}".encode()).hexdigest()


class ResultCache:
    """Open with a path, or with None for no cache (``--no-cache``)."""

    def __init__(self, path: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, issues TEXT NOT NULL, used REAL NOT NULL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS servers (url TEXT PRIMARY KEY, version TEXT NOT NULL, checked REAL NOT NULL)"
            )
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None

    def get_many(self, keys: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        if self._db is None or not keys:
            return {}
        found: dict[str, list[dict[str, Any]]] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                rows = self._db.execute(
                    f"SELECT key, issues FROM results WHERE key IN ({','.join('?' * len(chunk))})", chunk
                )
                found.update((row_key, json.loads(issues)) for row_key, issues in rows)
        except sqlite3.Error:
            return {}
        return found

    def put_many(self, items: Iterable[tuple[str, list[dict[str, Any]]]]) -> None:
        if self._db is None:
            return
        now = time.time()
        try:
            self._db.executemany(
                "INSERT OR REPLACE INTO results (key, issues, used) VALUES (?, ?, ?)",
                [(k, json.dumps(v, ensure_ascii=False), now) for k, v in items],
            )
        except sqlite3.Error:
            pass  # a cache that cannot be written only costs the next run its hits

    def server_version(self, url: str) -> str | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT version, checked FROM servers WHERE url = ?", (url,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row and time.time() - row[1] < VERSION_TTL else None

    def set_server_version(self, url: str, version: str) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO servers (url, version, checked) VALUES (?, ?, ?)", (url, version, time.time())
            )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
