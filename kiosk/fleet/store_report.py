"""Store reports: what a kiosk without network hands to head office on a USB stick.

One JSON file per kiosk and date range: the same status document as the heartbeat
(:mod:`kiosk.fleet.status_doc`) plus the hourly counts of the range. ``kiosk fleet import``
merges such files with (or instead of) the broker's retained statuses: per kiosk the newer
status wins, and the counts of every hour are kept once (a second copy of the same file, or
an overlapping range, adds nothing).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.fleet.counts import hour_text

KIND = "green-space-kiosk/store-report"
SCHEMA_VERSION = 1
MAX_REPORT_BYTES = 20 * 1024 * 1024


class ReportError(Exception):
    """A file that is not a store report, in words (with its name)."""


def build_report(
    status: Mapping[str, Any], hourly: Mapping[int, Mapping[str, int]], first: str, last: str
) -> dict[str, Any]:
    return {
        "kind": KIND,
        "schema": SCHEMA_VERSION,
        "from": first,
        "to": last,
        "status": dict(status),
        "hours": {hour_text(h): dict(c) for h, c in sorted(hourly.items())},
    }


def report_name(fleet: str, kiosk: str, first: str, last: str) -> str:
    return f"store-report-{fleet}-{kiosk}-{first}-to-{last}.json"


@dataclass
class MergedReports:
    statuses: dict[tuple[str, str], dict[str, Any]]
    hours: dict[tuple[str, str], dict[str, dict[str, int]]]  # kiosk -> hour -> counts

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for by_hour in self.hours.values():
            for counts in by_hour.values():
                for name, value in counts.items():
                    out[name] = out.get(name, 0) + value
        return dict(sorted(out.items()))


def read_report(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_REPORT_BYTES:
        raise ReportError(f"{path}: {len(data):,} bytes is too large for a store report")
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        raise ReportError(f"{path}: not JSON") from None
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        raise ReportError(f"{path}: not a store report")
    if doc.get("schema") != SCHEMA_VERSION:
        raise ReportError(f"{path}: store report schema {doc.get('schema')!r} is not known")
    status = doc.get("status")
    if not isinstance(status, dict) or not isinstance(status.get("kiosk"), str):
        raise ReportError(f"{path}: the report has no kiosk status")
    if not isinstance(doc.get("hours"), dict):
        raise ReportError(f"{path}: the report has no hourly counts")
    return doc


def merge(
    reports: Iterable[Mapping[str, Any]],
    statuses: Mapping[tuple[str, str], dict[str, Any]] | None = None,
) -> MergedReports:
    """The broker's statuses and the reports' together; the newest status per kiosk."""
    merged = MergedReports(dict(statuses or {}), {})
    for report in reports:
        status = dict(report["status"])
        key = (str(status.get("fleet", "")), str(status["kiosk"]))
        old = merged.statuses.get(key)
        if old is None or str(status.get("sent_at", "")) > str(old.get("sent_at", "")):
            merged.statuses[key] = status
        by_hour = merged.hours.setdefault(key, {})
        for hour, counts in report["hours"].items():
            if isinstance(counts, dict):
                by_hour[str(hour)] = {str(k): v for k, v in counts.items()
                                      if isinstance(v, int) and v >= 0}  # fmt: skip
    return merged
