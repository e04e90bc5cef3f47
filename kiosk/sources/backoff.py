"""Exponential backoff with jitter for retrying a failed source.

Jitter spreads the retries of several kiosks (or several sources on one kiosk) so that a
device coming back is not hit by all of them in the same second.
"""

from __future__ import annotations

import random


class Backoff:
    """Delays ``initial_s``, ×``factor`` each failure, capped at ``max_s``, ±``jitter`` share."""

    def __init__(
        self,
        initial_s: float,
        max_s: float,
        *,
        factor: float = 2.0,
        jitter: float = 0.2,
        rng: random.Random | None = None,
    ) -> None:
        if initial_s <= 0 or max_s < initial_s or factor < 1 or not 0 <= jitter < 1:
            raise ValueError("need 0 < initial_s <= max_s, factor >= 1 and 0 <= jitter < 1")
        self.initial_s = initial_s
        self.max_s = max_s
        self.factor = factor
        self.jitter = jitter
        self._rng = rng or random.Random()
        self.failures = 0

    def next_delay(self) -> float:
        """Record one more failure and return how long to wait before the next try."""
        base = min(self.max_s, self.initial_s * self.factor ** min(self.failures, 64))
        self.failures += 1
        return base * (1.0 + self._rng.uniform(-self.jitter, self.jitter))

    def reset(self) -> None:
        self.failures = 0
