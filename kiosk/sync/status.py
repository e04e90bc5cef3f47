"""What the staff screen shows about sync, gathered in one blocking read (run off the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content.errors import LibraryError
from kiosk.content.library import Library
from kiosk.sync.state import StateFile, SyncState


@dataclass(frozen=True)
class SyncStatus:
    url: str
    state: SyncState
    active_pack: str  # "" = nothing installed
    active_version: str


def read_status(url: str, library: Library, state_file: StateFile) -> SyncStatus:
    state = state_file.load()
    try:
        active = library.pointer().active
    except LibraryError:
        active = None
    return SyncStatus(
        url=url,
        state=state,
        active_pack=active.id if active else "",
        active_version=active.display_version if active else "",
    )
