"""The heartbeat: one retained JSON document per kiosk, and the last will that replaces it.

Schema 1 (``docs/fleet.md`` lists every key). Everything in it is about the kiosk, never a
visitor: the counts are totals of the anonymous hourly counters (:mod:`kiosk.fleet.counts`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

SCHEMA_VERSION = 1
#: Screen states the heartbeat reports (the opening-hours service says on or off).
SCREEN_STATES = ("on", "off", "unknown")


def iso_time(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class KioskFacts:
    """What the services know when a heartbeat is due (gathered off the GUI thread)."""

    fleet: str
    kiosk: str
    app_version: str
    site_name: str = ""
    interval_s: int = 300
    packs: tuple[tuple[str, str], ...] = ()  # (pack id, display version), highest first
    last_sync: str = ""  # UTC ISO time of the last successful sync, "" = never
    sync_result: str = ""  # "updated" | "up_to_date" | "failed" | "" (no sync configured)
    sync_error_kind: str = ""
    sources: tuple[tuple[str, str], ...] = ()  # (source id, waiting | live | quiet | failing)
    last_error_kind: str = ""
    uptime_s: float = 0.0
    disk_free_bytes: int | None = None
    screen: str = "unknown"
    counts_since_last: dict[str, int] = field(default_factory=dict)
    counts_today: dict[str, int] = field(default_factory=dict)
    counts_last_seq: int = 0
    counts_waiting: int = 0
    timezone: str = "UTC"  # the site's, for the dates of a store report (not in the document)


def build_status(facts: KioskFacts, now: float) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "online": True,
        "fleet": facts.fleet,
        "kiosk": facts.kiosk,
        "site": facts.site_name,
        "sent_at": iso_time(now),
        "interval_s": facts.interval_s,
        "app_version": facts.app_version,
        "packs": [{"id": pack, "version": version} for pack, version in facts.packs],
        "sync": {
            "last_success": facts.last_sync,
            "result": facts.sync_result,
            "error_kind": facts.sync_error_kind,
        },
        "sources": [{"id": sid, "state": state} for sid, state in facts.sources],
        "last_error_kind": facts.last_error_kind,
        "uptime_s": round(facts.uptime_s),
        "disk_free_bytes": facts.disk_free_bytes,
        "screen": facts.screen if facts.screen in SCREEN_STATES else "unknown",
        "counts": {
            "since_last": dict(facts.counts_since_last),
            "today": dict(facts.counts_today),
            "last_seq": facts.counts_last_seq,
            "waiting": facts.counts_waiting,
        },
    }


#: What an offline document keeps of the kiosk's last heartbeat, so head office still sees
#: which site, app version and packs a vanished kiosk had.
KEPT_WHEN_OFFLINE = ("site", "app_version", "packs")


def identity(doc: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The part of a heartbeat an offline document keeps (a will made before it changed is
    out of date)."""
    if doc is None:
        return ()
    return tuple(json.dumps(doc.get(key), sort_keys=True) for key in KEPT_WHEN_OFFLINE)


def offline_doc(
    fleet: str,
    kiosk: str,
    connected_at: float,
    stopped_at: float | None = None,
    *,
    last: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The last will (``reason`` "lost": the broker saw the kiosk vanish; it is written when
    the connection opens, so it carries that time), or the goodbye of a kiosk that stops.
    ``last``, the newest heartbeat, lends it the site, app version and packs."""
    doc: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "online": False,
        "fleet": fleet,
        "kiosk": kiosk,
        "reason": "lost" if stopped_at is None else "stopped",
        "connected_at": iso_time(connected_at),
    }
    if stopped_at is not None:
        doc["sent_at"] = iso_time(stopped_at)
    if last is not None:
        doc.update((key, last[key]) for key in KEPT_WHEN_OFFLINE if key in last)
    return doc


def encode(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode()
