"""The topics a kiosk publishes on, and what the fleet side subscribes to.

``green-space-kiosk/v1/<fleet>/<kiosk>/status`` (retained: the newest heartbeat, or the
last will's "offline") and ``green-space-kiosk/v1/<fleet>/<kiosk>/counts`` (one message per
finished hour of visitor counts, QoS 1, numbered). The kiosk subscribes to nothing.
"""

from __future__ import annotations

import re

PREFIX = "green-space-kiosk/v1"
STATUS = "status"
COUNTS = "counts"
_SLUG = re.compile(r"[^a-z0-9]+")


def kiosk_topic(fleet: str, kiosk: str, leaf: str) -> str:
    return f"{PREFIX}/{fleet}/{kiosk}/{leaf}"


def status_filter(fleet: str = "") -> str:
    """Every kiosk's status in ``fleet`` (all fleets when empty)."""
    return f"{PREFIX}/{fleet or '+'}/+/{STATUS}"


def split_topic(topic: str) -> tuple[str, str, str] | None:
    """(fleet, kiosk, leaf) of one of our topics, or None."""
    head = PREFIX + "/"
    if not topic.startswith(head):
        return None
    parts = topic[len(head) :].split("/")
    if len(parts) != 3 or not all(parts):
        return None
    return parts[0], parts[1], parts[2]


def kiosk_id_from(name: str) -> str:
    """A topic-safe id from a site name ("Green Space Lab 3" -> "green-space-lab-3")."""
    slug = _SLUG.sub("-", name.lower()).strip("-")[:64]
    return slug or "kiosk"
