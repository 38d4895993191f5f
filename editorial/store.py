"""A small key-value store on disk for results worth keeping between runs.

SQLite in the user's cache folder. Its own locking (WAL mode and a busy
timeout) makes it safe for several editorial processes at once. A store that
cannot be opened or written is no store at all: it only costs the next run
its hits, never a failure.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

_BATCH = 500  # SQLite's limit on parameters per statement is higher; this keeps statements small


class Store:
    """Open with a path, or with None for a store that keeps nothing (``--no-cache``)."""

    def __init__(self, path: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Not bound to the opening thread: LanguageTool's answers are kept from the thread that gets them,
            # while the thread that opened it waits; no two threads use it at once.
            db = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL, stored REAL NOT NULL)")
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None

    def get_many(self, keys: Sequence[str], max_age: float | None = None) -> dict[str, Any]:
        if self._db is None or not keys:
            return {}
        oldest = time.time() - max_age if max_age is not None else 0.0
        found: dict[str, Any] = {}
        try:
            for start in range(0, len(keys), _BATCH):
                chunk = list(keys[start : start + _BATCH])
                rows = self._db.execute(
                    f"SELECT key, value FROM entries WHERE stored >= ? AND key IN ({','.join('?' * len(chunk))})",
                    [oldest, *chunk],
                )
                found.update((key, json.loads(value)) for key, value in rows)
        except (sqlite3.Error, ValueError):
            return {}
        return found

    def get(self, key: str, max_age: float | None = None) -> Any:
        return self.get_many([key], max_age).get(key)

    def put_many(self, items: Iterable[tuple[str, Any]]) -> None:
        if self._db is None:
            return
        now = time.time()
        rows = [(key, json.dumps(value, ensure_ascii=False), now) for key, value in items]
        try:
            # One transaction: without it, every row is a commit of its own (and a sync to disk).
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO entries (key, value, stored) VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass  # see the module's docstring: a failed write only costs hits

    def put(self, key: str, value: Any) -> None:
        self.put_many([(key, value)])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


CACHE_ENV = "EDITORIAL_CACHE_DIR"


def cache_folder() -> Path:
    """editorial's cache folder: ``$EDITORIAL_CACHE_DIR``, else ``$XDG_CACHE_HOME/editorial``,
    else ``~/.cache/editorial``."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser().absolute()
    xdg = os.environ.get("XDG_CACHE_HOME")
    # The XDG specification says to ignore a relative value.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "editorial"
