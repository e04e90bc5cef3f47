"""Read a source once, the way ``kiosk source probe`` and ``kiosk doctor`` do, and say what is missing.

A push source (MQTT) is read until every mapped metric has arrived or the wait runs out, so the
answer is the whole picture, not the first message. Every reading is checked as the store would
check it: a value the store would refuse (3.3e14 W of PV, 101 % charge) is marked, never shown
as live.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.energy.metrics import Metric, Reading
from kiosk.energy.quality import RejectReason, SanityLimits, check_reading
from kiosk.sources.base import Source


@dataclass(frozen=True)
class ProbeResult:
    readings: list[Reading]
    #: Mapped metrics that gave no value, as "metric" or "metric (meter)".
    missing: tuple[str, ...] = ()
    #: Index in ``readings`` -> why the store would refuse that value.
    refused: dict[int, RejectReason] = field(default_factory=dict)


def mapped_metrics(source: Source) -> frozenset[tuple[Metric, str]] | None:
    """What the source's config maps (None when it cannot say beforehand: SunSpec, simulator)."""
    mapped = getattr(source, "mapped_metrics", None)
    return mapped() if callable(mapped) else None


def missing_words(
    expected: frozenset[tuple[Metric, str]], got: set[tuple[Metric, str]]
) -> tuple[str, ...]:
    return tuple(
        m.value if not meter else f"{m.value} ({meter})" for m, meter in sorted(expected - got)
    )


def probe(
    source: Source,
    wait_s: float,
    limits: SanityLimits,
    clock: Callable[[], float] = time.time,
) -> ProbeResult:
    """Read ``source`` (waiting up to ``wait_s`` for a push source). Raises SourceError."""
    expected = mapped_metrics(source)
    wait = getattr(source, "wait_for_update", None)
    got: dict[tuple[Metric, str], Reading] = {}
    if callable(wait) and wait_s > 0:
        deadline = time.monotonic() + wait_s
        while True:
            wait(max(deadline - time.monotonic(), 0.0))  # also lets it connect first
            for r in source.read(clock()):
                got[(r.metric, r.meter)] = r
            if (expected is not None and expected <= set(got)) or time.monotonic() >= deadline:
                break
        readings = list(got.values())
    else:
        readings = list(source.read(clock()))
        got = {(r.metric, r.meter): r for r in readings}
    now = clock()
    refused = {
        i: reason
        for i, r in enumerate(readings)
        if (reason := check_reading(r, limits, now)) is not None
    }
    missing = missing_words(expected, set(got)) if expected is not None else ()
    return ProbeResult(readings, missing, refused)
