"""Why something failed, as a short stable key staff screens translate (``kind``), next to the
English ``reason`` kept as the technical detail for logs, terminals and support.

The one catalogue of kinds for every failure staff can see: pack installs (USB, CLI), network
sync and the content library. It lives in ``util`` because both ``content`` and ``sync`` raise
these failures and the services and UI read them; a kind is stored in the sync state file, so
the values never change once released (add new kinds, never rename one).
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar


class FailureKind(StrEnum):
    OFFLINE = "offline"  # cannot connect: DNS, refused, proxy, TLS
    TIMEOUT = "timeout"  # no answer, stalled, too slow for the deadline
    SERVER_ERROR = "server_error"  # HTTP 5xx / 429
    NOT_FOUND = "not_found"  # HTTP 404
    REFUSED = "refused"  # other HTTP 4xx, redirect loop
    DAMAGED = "damaged"  # truncated, wrong length, hash mismatch, too many bytes, malformed
    UNTRUSTED = "untrusted"  # unsigned, unknown signing key, bad signature
    EXPIRED = "expired"  # the channel index expired
    REPLAYED = "replayed"  # older or rolled-back index, changed without a new version, mixed
    INVALID_PACK = "invalid_pack"  # content fails the pack checks or limits
    NOT_FOR_THIS_SITE = "not_for_this_site"  # site kind, app version, older release
    DISK = "disk"  # the kiosk cannot read or write its own storage
    BUSY = "busy"  # another install holds the library
    STICK_REMOVED = "stick_removed"  # the USB stick could not be read to the end
    NO_PACK = "no_pack"  # nothing installed to show, or nothing kept to go back to
    NOT_CONFIGURED = "not_configured"  # a setting is missing or wrong
    CANCELLED = "cancelled"  # the app is closing
    INTERNAL = "internal"  # a bug or anything not foreseen


class Failure(Exception):
    """A failure staff may see: ``reason`` is one English line, ``kind`` what staff read.

    Subclasses set :attr:`default_kind` so most raise sites pass only the reason.
    """

    default_kind: ClassVar[FailureKind] = FailureKind.INTERNAL

    def __init__(self, reason: str, kind: FailureKind | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind: FailureKind = kind or self.default_kind


def parse_kind(text: str) -> FailureKind:
    """The kind named ``text``; an unknown or empty name (old or newer state file) → INTERNAL."""
    try:
        return FailureKind(text)
    except ValueError:
        return FailureKind.INTERNAL


def kind_of(exc: BaseException) -> FailureKind:
    """The kind of any exception: a :class:`Failure`'s own, disk for storage errors, else
    INTERNAL."""
    if isinstance(exc, Failure):
        return exc.kind
    if isinstance(exc, OSError):
        return FailureKind.DISK
    return FailureKind.INTERNAL
