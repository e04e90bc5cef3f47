"""The head office view of the fleet: one row per kiosk with its problems, problems first,
and the totals of today's visitor counts; as a text table, JSON or CSV (UTF-8 with BOM, so
Excel and WPS open Chinese site names). The HTML page is :mod:`kiosk.fleet.html_report`.

Every status is trusted only as far as its types: a field of the wrong type reads as missing.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

#: A kiosk that has not sent a heartbeat for this many intervals is "silent".
SILENT_AFTER_INTERVALS = 3
NO_SYNC_DAYS = 7
LOW_DISK_BYTES = 1_000_000_000
WAITING_HOURS = 3
CSV_COLUMNS = ("fleet", "kiosk", "site", "online", "last_seen", "version", "packs",
               "sync_age_h", "problems")  # fmt: skip


@dataclass(frozen=True)
class KioskRow:
    fleet: str
    kiosk: str
    site: str
    online: bool
    last_seen: str  # UTC ISO time, "" = unknown
    version: str
    packs: str
    sync_age_h: float | None
    problems: tuple[str, ...]
    counts_today: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class FleetView:
    rows: tuple[KioskRow, ...]
    totals: dict[str, int]
    generated_at: str

    @property
    def with_problems(self) -> int:
        return sum(1 for r in self.rows if r.problems)

    @property
    def online(self) -> int:
        return sum(1 for r in self.rows if r.online)


def _text(doc: Mapping[str, Any], key: str) -> str:
    value = doc.get(key)
    return value[:200] if isinstance(value, str) else ""


def _part(doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = doc.get(key)
    return value if isinstance(value, dict) else {}


def _items(doc: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = doc.get(key)
    if not isinstance(value, list):
        return []
    items: list[Mapping[str, Any]] = [v for v in value if isinstance(v, dict)]
    return items[:500]


def _time(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def _counts(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {str(k)[:80]: v for k, v in value.items() if isinstance(v, int) and v >= 0}


def _ago(then: datetime, now: datetime) -> str:
    minutes = int((now - then).total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // 1440} days"


def kiosk_row(doc: Mapping[str, Any], now: datetime) -> KioskRow:
    """One kiosk's row and what is wrong with it, from its status document."""
    problems: list[str] = []
    fleet, kiosk = _text(doc, "fleet"), _text(doc, "kiosk")
    online = doc.get("online") is True
    seen = _time(_text(doc, "sent_at")) or _time(_text(doc, "connected_at"))
    if doc.get("unreadable"):
        problems.append("status unreadable")
    elif not online:
        reason = _text(doc, "reason")
        problems.append(
            "stopped on purpose" if reason == "stopped" else "offline (connection lost)"
        )
    interval = doc.get("interval_s")
    silent = (
        online and seen is not None and isinstance(interval, int) and interval > 0
        and (now - seen).total_seconds() > SILENT_AFTER_INTERVALS * interval
    )  # fmt: skip
    if silent and seen is not None:
        problems.append(f"silent for {_ago(seen, now)}")
    sync = _part(doc, "sync")
    last_sync = _time(_text(sync, "last_success"))
    if _text(sync, "result") == "failed":
        kind = _text(sync, "error_kind")
        problems.append(f"sync failed ({kind})" if kind else "sync failed")
    if _text(sync, "result") and (last_sync is None or (now - last_sync).days >= NO_SYNC_DAYS):
        problems.append("no sync for " + (_ago(last_sync, now) if last_sync else "ever"))
    for source in _items(doc, "sources"):
        if isinstance(source, dict) and _text(source, "state") == "failing":
            problems.append(f"source {_text(source, 'id')} failing")
    disk = doc.get("disk_free_bytes")
    if isinstance(disk, int) and disk < LOW_DISK_BYTES:
        problems.append(f"disk low ({disk / 1e9:.1f} GB free)")
    counts = _part(doc, "counts")
    waiting = counts.get("waiting")
    if isinstance(waiting, int) and waiting >= WAITING_HOURS:
        problems.append(f"{waiting} hours of counts not sent")
    pack_text = ", ".join(
        f"{_text(p, 'id')} {_text(p, 'version')}".strip() for p in _items(doc, "packs")
    )
    return KioskRow(
        fleet=fleet,
        kiosk=kiosk,
        site=_text(doc, "site"),
        online=online,
        last_seen=seen.strftime("%Y-%m-%dT%H:%M:%SZ") if seen else "",
        version=_text(doc, "app_version"),
        packs=pack_text,
        sync_age_h=round((now - last_sync).total_seconds() / 3600, 1) if last_sync else None,
        problems=tuple(problems),
        counts_today=_counts(counts.get("today")),
    )


def fleet_view(docs: Iterable[Mapping[str, Any]], now: datetime) -> FleetView:
    """Rows sorted with problems first (most first), then by fleet and kiosk id."""
    rows = sorted(
        (kiosk_row(d, now) for d in docs),
        key=lambda r: (not r.problems, -len(r.problems), r.fleet, r.kiosk),
    )
    totals: Counter[str] = Counter()
    for row in rows:
        totals.update(row.counts_today)
    return FleetView(tuple(rows), dict(sorted(totals.items())), now.strftime("%Y-%m-%dT%H:%M:%SZ"))


def answers_share(totals: Mapping[str, int]) -> float | None:
    """Share of right quiz answers over the fleet, or None when nobody answered."""
    answers = totals.get("quiz.answers", 0)
    return totals.get("quiz.right", 0) / answers if answers else None


def to_json(view: FleetView) -> str:
    doc = {
        "generated_at": view.generated_at,
        "kiosks": len(view.rows),
        "online": view.online,
        "with_problems": view.with_problems,
        "totals_today": view.totals,
        "rows": [asdict(r) for r in view.rows],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1)


def to_csv(view: FleetView) -> bytes:
    """UTF-8 with BOM: one row per kiosk, problems joined with '; '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in view.rows:
        writer.writerow([r.fleet, r.kiosk, r.site, "yes" if r.online else "no", r.last_seen,
                         r.version, r.packs, "" if r.sync_age_h is None else r.sync_age_h,
                         "; ".join(r.problems)])  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_table(view: FleetView) -> str:
    head = (f"{len(view.rows)} kiosks, {view.online} online, {view.with_problems} with problems"
            f" (read {view.generated_at})")  # fmt: skip
    lines = [head, ""]
    widths = (24, 7, 20, 9, 30)
    titles = ("kiosk", "online", "last seen (UTC)", "version", "problems")
    lines.append("  ".join(t.ljust(w) for t, w in zip(titles, widths, strict=True)))
    for r in view.rows:
        cells = (f"{r.fleet}/{r.kiosk}", "yes" if r.online else "NO",
                 r.last_seen.replace("T", " ").rstrip("Z"), r.version,
                 "; ".join(r.problems) or "ok")  # fmt: skip
        lines.append("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    lines.append("")
    lines.append("today's counts, all kiosks (each kiosk's local day):")
    for name, total in view.totals.items():
        lines.append(f"  {name:40} {total:>10,}")
    share = answers_share(view.totals)
    if share is not None:
        lines.append(f"  {'share of right answers':40} {share:>10.0%}")
    return "\n".join(lines)
