"""Min/max levels of a long series, made once per data change, so a chart frame only picks one.

Level 0 is the series itself; each next level has one bucket per ``FACTOR`` buckets of the one
below, with the smallest and largest value in it. A frame takes the coarsest level whose
buckets are no wider than a pixel column (1 to ``FACTOR`` buckets a column) and draws the
visible slice of it: a year of minute data (525,600 points) is a few thousand buckets, picked
in microseconds, instead of pyqtgraph's clip and peak downsampling of the raw points in every
frame. No Qt here: the levels can be made off the GUI thread (``MinMaxLevels.build``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FACTOR = 4
#: No level coarser than this many buckets (a wide screen has ~2,000 pixel columns).
MIN_BUCKETS = 256


@dataclass(frozen=True)
class Level:
    """Buckets of one level: the first x of each, and the band a line through them covers.

    ``lo``/``hi`` already reach to the neighbouring bucket (``hi[i] >= lo[i + 1]``,
    ``lo[i] <= hi[i + 1]``), as the line from one bucket to the next does, so the band is
    continuous where the line is.
    """

    x: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    #: the largest value in each bucket, for a fill under the line
    peak: np.ndarray
    #: typical distance between two buckets' x (s)
    step: float

    def window(self, x0: float, x1: float) -> slice:
        """The buckets from the last one starting before ``x0`` to the first one after ``x1``."""
        i0 = max(int(np.searchsorted(self.x, x0, side="right")) - 1, 0)
        i1 = min(int(np.searchsorted(self.x, x1, side="left")) + 1, len(self.x))
        return slice(i0, i1)


def _band(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    band_lo, band_hi = lo.copy(), hi.copy()
    np.minimum(band_lo[:-1], hi[1:], out=band_lo[:-1])
    np.maximum(band_hi[:-1], lo[1:], out=band_hi[:-1])
    return band_lo, band_hi


def _coarser(x: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, ...]:
    full = len(x) // FACTOR * FACTOR
    lo_next = lo[:full].reshape(-1, FACTOR).min(axis=1)
    hi_next = hi[:full].reshape(-1, FACTOR).max(axis=1)
    if full < len(x):
        lo_next = np.append(lo_next, lo[full:].min())
        hi_next = np.append(hi_next, hi[full:].max())
    return x[::FACTOR], lo_next, hi_next


@dataclass(frozen=True)
class MinMaxLevels:
    """A series (finite points, x increasing) and its min/max levels, finest first."""

    x: np.ndarray
    y: np.ndarray
    levels: tuple[Level, ...]

    @classmethod
    def build(cls, x: np.ndarray, y: np.ndarray) -> MinMaxLevels:
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        finite = np.isfinite(x) & np.isfinite(y)
        if not finite.all():
            x, y = x[finite], y[finite]
        if len(x) > 1 and np.any(np.diff(x) < 0):
            order = np.argsort(x, kind="stable")
            x, y = x[order], y[order]
        step = float(np.median(np.diff(x))) if len(x) > 1 else float("inf")
        levels = []
        lo = hi = y
        bx = x
        while True:
            band_lo, band_hi = _band(lo, hi)
            levels.append(Level(bx, band_lo, band_hi, hi, step))
            if len(bx) <= MIN_BUCKETS * FACTOR:
                break
            bx, lo, hi = _coarser(bx, lo, hi)
            step *= FACTOR
        return cls(x, y, tuple(levels))

    def pick(self, seconds_per_px: float) -> Level:
        """The coarsest level whose buckets are at most a pixel column apart."""
        chosen = self.levels[0]
        for level in self.levels[1:]:
            if level.step > seconds_per_px:
                break
            chosen = level
        return chosen

    def bounds(self, x_range: tuple[float, float] | None = None) -> tuple[float, float] | None:
        """The smallest and largest value (in ``x_range``, if given), from a coarse level."""
        if len(self.x) == 0:
            return None
        level = self.levels[-1] if x_range is None else self.levels[0]
        if x_range is None:
            return float(level.lo.min()), float(level.hi.max())
        i0, i1 = np.searchsorted(self.x, x_range)
        if i1 <= i0:
            return None
        return float(self.y[i0:i1].min()), float(self.y[i0:i1].max())
