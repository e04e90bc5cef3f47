"""Opening a small versioned SQLite file that several threads share behind one lock."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def open_versioned(path: Path, newest: int, what: str) -> tuple[sqlite3.Connection, int]:
    """Open (creating its folder) ``path`` in WAL mode, autocommit, for any thread; return the
    connection and the file's ``user_version``. A file newer than ``newest`` is refused with a
    plain message and left untouched."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > newest:
        db.close()
        raise RuntimeError(f"{path}: {what} database is from a newer version ({version})")
    return db, version
