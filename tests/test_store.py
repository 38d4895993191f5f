from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from editorial.store import Store, cache_folder


def test_round_trip_and_many(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "store.sqlite"
    store = Store(path)
    store.put("a", {"x": [1, "é"]})
    store.put_many([("b", 2), ("c", None)])
    assert store.get("a") == {"x": [1, "é"]}
    assert store.get_many(["a", "b", "c", "missing"]) == {"a": {"x": [1, "é"]}, "b": 2, "c": None}
    store.close()
    assert Store(path).get("b") == 2  # kept on disk


def test_max_age(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite")
    store.put("k", "v")
    assert store.get("k", max_age=60) == "v"
    db = sqlite3.connect(tmp_path / "s.sqlite")
    db.execute("UPDATE entries SET stored = stored - 120")
    db.commit()
    assert store.get("k", max_age=60) is None
    assert store.get("k") == "v"


def test_no_store_and_an_unusable_one_keep_nothing_and_never_fail(tmp_path: Path) -> None:
    off = Store(None)
    off.put("k", 1)
    assert off.get("k") is None
    (tmp_path / "file").write_text("not a folder")
    broken = Store(tmp_path / "file" / "s.sqlite")
    broken.put("k", 1)
    assert broken.get_many(["k"]) == {}
    (tmp_path / "garbage.sqlite").write_bytes(b"this is not a database" * 100)
    garbage = Store(tmp_path / "garbage.sqlite")
    garbage.put("k", 1)
    assert garbage.get("k") is None


def test_two_stores_on_one_file(tmp_path: Path) -> None:
    first, second = Store(tmp_path / "s.sqlite"), Store(tmp_path / "s.sqlite")
    first.put("k", 1)
    assert second.get("k") == 1


def test_the_cache_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITORIAL_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "editorial"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert cache_folder() == tmp_path / "home" / ".cache" / "editorial"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "editorial"
    monkeypatch.setenv("EDITORIAL_CACHE_DIR", str(tmp_path / "own"))
    assert cache_folder() == tmp_path / "own"


