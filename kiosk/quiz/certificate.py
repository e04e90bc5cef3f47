"""Store-mode result: a friendly certificate with the pack's link as a QR module matrix.

The QR code is made here as data (which modules are dark); the UI paints the squares, so
nothing is fetched and no image file is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import segno

from kiosk.quiz.models import ResultLink
from kiosk.quiz.scoring import RoundScore

QUIET_ZONE_MODULES = 4  # the light border a scanner needs around the code


@dataclass(frozen=True, slots=True)
class QrMatrix:
    """Dark (True) and light modules, row by row, without the quiet zone."""

    rows: tuple[tuple[bool, ...], ...]
    quiet_zone: int = QUIET_ZONE_MODULES

    @property
    def size(self) -> int:
        return len(self.rows)


@dataclass(frozen=True, slots=True)
class Certificate:
    score: RoundScore
    day: date
    link: ResultLink | None
    qr: QrMatrix | None


def qr_matrix(text: str) -> QrMatrix:
    """A QR code (error correction M, the smallest version that fits) for ``text``."""
    if not text:
        raise ValueError("QR text must not be empty")
    code = segno.make_qr(text, error="m", boost_error=False)
    return QrMatrix(tuple(tuple(bool(m) for m in row) for row in code.matrix))


def make_certificate(score: RoundScore, day: date, link: ResultLink | None) -> Certificate:
    """The certificate for a finished round; ``day`` is the site's local date."""
    return Certificate(score, day, link, qr_matrix(link.url) if link else None)
