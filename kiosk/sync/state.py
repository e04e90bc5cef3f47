"""What the sync client remembers between runs, written atomically to ``<data>/sync/``.

``state.json`` holds the newest channel version ever accepted (rollback protection survives
restarts), the HTTP validators for a conditional GET, and the last attempt and its result for
the staff screen. ``index.json`` beside it is the last accepted index, re-checked after a
``304 Not Modified`` so an expired index is noticed even when the server says nothing changed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from kiosk.util import strict_json
from kiosk.util.atomic import atomic_write_bytes

STATE_NAME = "state.json"
CACHED_INDEX_NAME = "index.json"


@dataclass(frozen=True)
class SyncState:
    channel_version: int = 0
    index_sha256: str = ""
    etag: str = ""
    last_modified: str = ""
    last_attempt: str = ""  # UTC ISO time, "" = never
    last_success: str = ""
    last_result: str = ""  # "updated" | "up_to_date" | "failed"
    last_message: str = ""
    last_error: str = ""  # reason of the most recent failure ("" after a success)
    last_error_kind: str = ""  # its FailureKind value ("" after a success, or an old file)
    pack_id: str = ""
    available_version: str = ""  # display version the channel offers
    bytes_to_download: int = 0

    def last_success_time(self) -> datetime | None:
        return _parse(self.last_success)

    def last_attempt_time(self) -> datetime | None:
        return _parse(self.last_attempt)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


class StateFile:
    """The sync folder: state plus the cached index. A damaged state file reads as empty
    (the kiosk then only loses its rollback floor until the next sync, logged by the caller)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def load(self) -> SyncState:
        try:
            raw = strict_json.loads((self.folder / STATE_NAME).read_bytes())
            known = {f.name for f in fields(SyncState)}
            return SyncState(**{k: v for k, v in raw.items() if k in known})
        except (OSError, ValueError, TypeError, AttributeError):
            return SyncState()

    def save(self, state: SyncState) -> None:
        data = json.dumps(asdict(state), indent=1, sort_keys=True).encode()
        atomic_write_bytes(self.folder / STATE_NAME, data)

    def cached_index(self) -> bytes | None:
        try:
            return (self.folder / CACHED_INDEX_NAME).read_bytes()
        except OSError:
            return None

    def save_index(self, data: bytes) -> None:
        atomic_write_bytes(self.folder / CACHED_INDEX_NAME, data)
