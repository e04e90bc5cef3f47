"""Announcements: a short bilingual message with a start, an end and a priority, shown as a
banner on every screen (urgent ones over the attract loop too) until it expires.

They come from three places, all signed or local: a pack's ``announcements.yaml`` (so a pack
head office sends through the channel or on a stick carries them, signed like any pack), and
staff on the kiosk itself (:mod:`kiosk.staff.announcements`). Times are the site's wall-clock
time, kept as naive datetimes and compared with the site's local "now".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

PRIORITIES = ("info", "urgent")
#: An announcement given with no end is shown this long at most.
LONGEST = timedelta(days=366)


@dataclass(frozen=True)
class Announcement:
    id: str
    text_zh: str
    text_en: str
    starts: datetime | None  # naive, site time; None: at once
    ends: datetime  # naive, site time
    priority: str = "info"
    #: where it came from: "pack <id>" or "staff"
    origin: str = ""

    @property
    def urgent(self) -> bool:
        return self.priority == "urgent"

    def shown_at(self, local: datetime) -> bool:
        now = local.replace(tzinfo=None)
        return (self.starts is None or self.starts <= now) and now < self.ends


def parse_moment(text: str, *, end: bool) -> datetime:
    """ "2026-12-24 18:00", or a date alone: its start (``end`` False) or the next midnight."""
    text = str(text).strip()
    try:
        if len(text) == 10:
            day = datetime.combine(datetime.fromisoformat(text).date(), time(0))
            return day + timedelta(days=1) if end else day
        return datetime.strptime(text, "%Y-%m-%d %H:%M")
    except ValueError:
        raise ValueError(
            f"{text[:30]!r} is not a time: write 'YYYY-MM-DD HH:MM' or a date"
        ) from None


def from_doc(doc: Mapping[str, Any], origin: str) -> tuple[Announcement, ...]:
    """The announcements of an ``announcements.yaml`` (schema-checked). Raises ValueError."""
    found = []
    for item in doc.get("announcements", ()):
        starts = parse_moment(item["from"], end=False) if item.get("from") else None
        ends = parse_moment(item["until"], end=True)
        if starts is not None and ends <= starts:
            raise ValueError(f"announcement {item['id']!r} ends before it starts")
        text = item["text"]
        found.append(
            Announcement(
                item["id"],
                text["zh"],
                text["en"],
                starts,
                ends,
                item.get("priority", "info"),
                origin,
            )
        )
    return tuple(found)


def current(announcements: Iterable[Announcement], local: datetime) -> tuple[Announcement, ...]:
    """Those shown at ``local``: urgent first, then the newest first."""
    shown = [a for a in announcements if a.shown_at(local)]
    newest_first = sorted(shown, key=lambda a: a.starts or datetime.min, reverse=True)
    return tuple(sorted(newest_first, key=lambda a: not a.urgent))


def next_change(announcements: Iterable[Announcement], local: datetime) -> datetime | None:
    """The next start or end after ``local`` (naive site time), or None."""
    now = local.replace(tzinfo=None)
    moments = [m for a in announcements for m in (a.starts, a.ends) if m is not None and m > now]
    return min(moments, default=None)
