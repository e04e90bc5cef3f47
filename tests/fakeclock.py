"""The tests' one fake clock: time that moves only when the test says (or by a fixed step per
read). Stands in for ``time.time``/``time.monotonic`` (call it) and for an aware-UTC
``datetime`` clock (:meth:`FakeClock.utc`). Safe to read from worker threads."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class FakeClock:
    def __init__(self, start: float | datetime = 1000.0, *, step_s: float = 0.0) -> None:
        """``start`` in seconds (or an aware datetime); ``step_s`` > 0 moves the clock on by
        that much at every read, before returning (a clock that ticks once per poll)."""
        self.now = start.timestamp() if isinstance(start, datetime) else float(start)
        self.step_s = step_s
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            self.now += self.step_s
            return self.now

    def utc(self) -> datetime:
        """The same instant as an aware UTC datetime (moves by ``step_s`` like a call)."""
        return datetime.fromtimestamp(self(), UTC)

    def advance(self, seconds: float = 0.0, **delta: float) -> None:
        """Move on by ``seconds`` plus any ``timedelta`` keywords (``days=31``)."""
        with self._lock:
            self.now += seconds + timedelta(**delta).total_seconds()
