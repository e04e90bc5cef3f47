"""The class points export: one row per class per day, as a CSV that a school's carbon-credit
system, Excel and WPS take (UTF-8 with BOM, so Chinese class names stay intact)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from kiosk.quiz.points_store import DailyRow

COLUMNS = ("date", "class", "rounds", "right_answers", "points")


def points_csv(rows: Iterable[DailyRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.day.isoformat(), r.team, r.rounds, r.right_answers, r.points])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_name(first: str, last: str) -> str:
    """The file name on a USB stick: class-points-2026-09-01-to-2027-01-20.csv."""
    return f"class-points-{first}-to-{last}.csv"
