"""Why a pack was refused. Every refusal carries one line a staff member can act on (``reason``)
and a :class:`~kiosk.util.failure_kinds.FailureKind` the staff screens translate (``kind``)."""

from __future__ import annotations

from kiosk.util.failure_kinds import Failure, FailureKind


class PackRejected(Failure):
    """A pack (or one of its files) failed a check; ``reason`` is one human-readable line."""

    default_kind = FailureKind.INVALID_PACK


class LibraryBusy(PackRejected):
    """Another installer holds the library lock."""

    default_kind = FailureKind.BUSY


class LibraryError(Failure):
    """The installed library itself is unusable (no active pack, damaged pointer, disk error)."""

    default_kind = FailureKind.DISK
