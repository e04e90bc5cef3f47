"""Why a pack was refused. Every refusal carries one line a staff member can act on."""

from __future__ import annotations


class PackRejected(Exception):
    """A pack (or one of its files) failed a check; ``reason`` is one human-readable line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class LibraryBusy(PackRejected):
    """Another installer holds the library lock."""


class LibraryError(Exception):
    """The installed library itself is unusable (no active pack, damaged pointer, disk error)."""
