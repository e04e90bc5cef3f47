"""When to sync next: the configured interval with random jitter, so a fleet of kiosks that
powered on together does not hit the channel server together; sooner retries after failure."""

from __future__ import annotations

import random

#: The first sync after start waits this long at most (spread over the fleet).
FIRST_SYNC_MAX_DELAY_S = 120.0
#: The first retry after a failure waits about this long, doubling up to the interval.
RETRY_BASE_S = 60.0


def first_delay_s(rng: random.Random) -> float:
    return rng.uniform(5.0, FIRST_SYNC_MAX_DELAY_S)


def next_delay_s(interval_minutes: int, failures: int, rng: random.Random) -> float:
    """Seconds until the next sync: the interval ±10 %, or after ``failures`` consecutive
    failures an exponential backoff (never longer than the interval), jittered 50–100 %."""
    interval_s = interval_minutes * 60.0
    if failures <= 0:
        return float(interval_s * rng.uniform(0.9, 1.1))
    backoff = min(interval_s, RETRY_BASE_S * 2 ** (failures - 1))
    return float(backoff * rng.uniform(0.5, 1.0))
