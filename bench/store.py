"""Autosave cost: `Store.save` (one versioned UPDATE through SQLAlchemy, plus the searchable
columns and the screening status) against a bare sqlite3 UPDATE + commit of the same JSON in the
same kind of database (goal: at most 3x), so an autosave stays negligible next to a rerun."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from bench import Case
from mesocore.demo import demo_consultation
from mesocore.store import Store

_DIR = Path(tempfile.gettempdir()) / "mesoconsult-bench-store"  # emptied once per run
_state: dict = {}


def _setup() -> None:
    if _state:
        return
    shutil.rmtree(_DIR, ignore_errors=True)
    _DIR.mkdir(parents=True)
    store = Store(f"sqlite:///{_DIR / 'store.db'}")
    saved = store.save(demo_consultation())
    raw = sqlite3.connect(_DIR / "raw.db")
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("CREATE TABLE t (id TEXT PRIMARY KEY, data TEXT, version INTEGER)")
    raw.execute("INSERT INTO t VALUES ('x', '', 1)")
    raw.commit()
    _state.update(
        store=store,
        consultation=demo_consultation().model_copy(update={"id": saved.id}),
        version=saved.version,
        raw=raw,
    )


def _autosave() -> None:
    _setup()
    _state["version"] = _state["store"].save(_state["consultation"], _state["version"]).version


def _raw_update() -> None:
    _setup()
    raw = _state["raw"]
    raw.execute(
        "UPDATE t SET data = ?, version = version + 1 WHERE id = 'x'",
        (_state["consultation"].model_dump_json(),),
    )
    raw.commit()


CASES = [
    Case(
        "Store.save (autosave of one change)",
        "sqlite3 UPDATE + commit",
        _raw_update,
        _autosave,
        goal=3.0,
        repeat=60,
    ),
]
