"""Announcements staff post on the kiosk itself (a preset or their own words), kept in one
small JSON file in the data folder so that a restart keeps them until they expire.

Blocking file work: the announcement service runs :func:`load_posted` / :func:`save_posted`
on the task runner. A file that cannot be read is reported and treated as empty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.content.announcements import PRIORITIES, Announcement
from kiosk.util.atomic import atomic_write_text

FILE_NAME = "staff-announcements.json"
MAX_POSTED = 20
MAX_TEXT = 200


@dataclass(frozen=True)
class Preset:
    """A message staff can post with one tap."""

    key: str
    text_zh: str
    text_en: str
    priority: str = "info"


PRESETS: tuple[Preset, ...] = (
    Preset("closes-early", "今天展区提前关闭，感谢您的光临。",
           "The exhibit closes early today. Thank you for visiting."),
    Preset("back-soon", "暂停服务，15 分钟后恢复。", "Back in 15 minutes."),
    Preset("event-today", "今天有环保主题活动，欢迎参加！",
           "There is a green event here today: come and join us!"),
    Preset("evacuate", "请按工作人员指示离开。", "Please follow the staff's directions and leave.",
           "urgent"),
)  # fmt: skip


def posted_announcement(
    text_zh: str, text_en: str, priority: str, now: datetime, minutes: int
) -> Announcement:
    """A new staff announcement from ``now`` (naive site time) for ``minutes``."""
    from datetime import timedelta
    from uuid import uuid4

    text_zh, text_en = text_zh.strip()[:MAX_TEXT], text_en.strip()[:MAX_TEXT]
    if not (text_zh or text_en):
        raise ValueError("an announcement needs some text")
    if priority not in PRIORITIES:
        raise ValueError(f"priority must be one of {', '.join(PRIORITIES)}")
    start = now.replace(tzinfo=None, second=0, microsecond=0)
    return Announcement(
        f"staff-{start:%Y%m%d%H%M}-{uuid4().hex[:6]}",
        text_zh or text_en, text_en or text_zh, start, start + timedelta(minutes=minutes),
        priority, "staff",
    )  # fmt: skip


def load_posted(path: Path) -> tuple[Announcement, ...]:
    """The staff announcements in ``path`` (none if there is no file). Raises ValueError for
    a file that is not one."""
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return ()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the staff announcements: {exc}") from None
    try:
        return tuple(
            Announcement(
                str(a["id"]),
                str(a["zh"])[:MAX_TEXT],
                str(a["en"])[:MAX_TEXT],
                datetime.fromisoformat(a["from"]),
                datetime.fromisoformat(a["until"]),
                a["priority"] if a.get("priority") in PRIORITIES else "info",
                "staff",
            )
            for a in raw["announcements"][:MAX_POSTED]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: not a staff announcements file ({exc})") from None


def save_posted(path: Path, announcements: tuple[Announcement, ...]) -> None:
    data = {
        "announcements": [
            {
                "id": a.id,
                "zh": a.text_zh,
                "en": a.text_en,
                "priority": a.priority,
                "from": (a.starts or a.ends).isoformat(),
                "until": a.ends.isoformat(),
            }
            for a in announcements[-MAX_POSTED:]
        ]
    }
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1))
