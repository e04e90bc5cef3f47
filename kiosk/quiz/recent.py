"""Which questions were asked lately, so a family that comes back next week meets new ones.

Rounds draw the questions asked longest ago first (never-asked ones first of all, in random
order), so the same visitors meet the whole pool before any question comes back. The history
is a small JSON file (question id -> a running count of questions asked); reading and writing
it is blocking I/O, for the caller's worker thread. Only ids are kept, never a person.
"""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Sequence
from pathlib import Path

from kiosk.quiz.models import Question
from kiosk.util.atomic import atomic_write_text

#: Ids kept at most (the oldest are forgotten first); far more than any pack asks.
MAX_KEPT = 2000


class AskedHistory:
    """Thread-safe: the GUI thread orders and notes, a worker loads and saves."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._asked: dict[str, int] = {}  # id -> when it was last asked (a running count)
        self._count = 0

    def load(self) -> None:
        """Read the file (blocking). A missing or damaged file is an empty history."""
        try:
            raw = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return
        asked = raw.get("asked") if isinstance(raw, dict) else None
        if not isinstance(asked, dict):
            return
        clean = {
            str(k): v for k, v in asked.items() if isinstance(v, int) and not isinstance(v, bool)
        }
        with self._lock:
            for key, seq in clean.items():  # notes made before the file was read stay newer
                self._asked.setdefault(key, seq)
            self._count = max([self._count, *self._asked.values()])

    def save(self) -> None:
        """Write the file atomically (blocking)."""
        with self._lock:
            kept = sorted(self._asked.items(), key=lambda kv: kv[1])[-MAX_KEPT:]
            self._asked = dict(kept)
            text = json.dumps({"asked": self._asked}, sort_keys=True)
        atomic_write_text(self.path, text)

    def note(self, question_id: str) -> None:
        """``question_id`` was just put to a visitor."""
        with self._lock:
            self._count += 1
            self._asked[question_id] = self._count

    def order(self, pool: Sequence[Question], rng: random.Random) -> list[Question]:
        """``pool`` with the never-asked questions first (shuffled), then the rest from the one
        asked longest ago to the newest."""
        with self._lock:
            asked = dict(self._asked)
        shuffled = rng.sample(list(pool), len(pool))
        return sorted(shuffled, key=lambda q: asked.get(q.id, 0))
