"""What staff read when something failed: one plain sentence per failure kind (what happened
and what they can do), in the current language. The English reason from the core stays the
technical detail, shown under the sentence as "Details" for support."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.util.failure_kinds import FailureKind, parse_kind


def failure_texts() -> dict[FailureKind, str]:
    """Every kind's sentence in the current language (a test checks none is missing)."""
    K = FailureKind
    return {
        K.OFFLINE: QCoreApplication.translate(
            "FailureText",
            "The kiosk cannot reach the channel server, or the connection keeps breaking off. "
            "It keeps its content and tries again later. Check the shop's internet connection "
            "and proxy, and that the kiosk's date and time are right.",
        ),
        K.TIMEOUT: QCoreApplication.translate(
            "FailureText",
            "The channel server did not answer in time, or the download was too slow. The "
            "kiosk keeps its content and tries again later. Check the shop's internet "
            "connection.",
        ),
        K.SERVER_ERROR: QCoreApplication.translate(
            "FailureText",
            "The channel server is busy or has a problem. The kiosk keeps its content and "
            "tries again later. If this lasts more than a day, tell head office.",
        ),
        K.NOT_FOUND: QCoreApplication.translate(
            "FailureText",
            "A file is missing on the channel server. The kiosk keeps its content. Tell head "
            "office to publish the pack again.",
        ),
        K.REFUSED: QCoreApplication.translate(
            "FailureText",
            "The channel server refused the kiosk's request. The kiosk keeps its content. Ask "
            "IT to check the channel address and the server.",
        ),
        K.DAMAGED: QCoreApplication.translate(
            "FailureText",
            "The content arrived damaged or incomplete, so it was not installed. Network sync "
            "tries again by itself; for a USB stick, copy the pack onto it again. If this keeps "
            "happening, ask for a new copy of the pack.",
        ),
        K.UNTRUSTED: QCoreApplication.translate(
            "FailureText",
            "The content is not signed by a key this kiosk trusts, or its signature is wrong, "
            "so it was not installed. Ask whoever made the pack, or IT, to check the keys.",
        ),
        K.EXPIRED: QCoreApplication.translate(
            "FailureText",
            "The channel has not been renewed in time and has expired. The kiosk keeps its "
            "content. Tell head office to refresh the channel.",
        ),
        K.REPLAYED: QCoreApplication.translate(
            "FailureText",
            "The channel offered older or mixed-up content, so the kiosk refused it and keeps "
            "its content. Tell head office: this can be a faulty cache or tampering.",
        ),
        K.INVALID_PACK: QCoreApplication.translate(
            "FailureText",
            "The pack did not pass the kiosk's checks (a file, a size or the format is not "
            "allowed), so it was not installed. Ask whoever made the pack to fix it.",
        ),
        K.NOT_FOR_THIS_SITE: QCoreApplication.translate(
            "FailureText",
            "This pack is not for this kiosk: it is meant for another kind of site, needs a "
            "newer kiosk app, or is older than the content already installed.",
        ),
        K.DISK: QCoreApplication.translate(
            "FailureText",
            "The kiosk could not read or write its own storage; the disk may be full or "
            "damaged. Ask IT to check the kiosk's disk.",
        ),
        K.BUSY: QCoreApplication.translate(
            "FailureText",
            "Another install is running. Try again when it has finished.",
        ),
        K.STICK_REMOVED: QCoreApplication.translate(
            "FailureText",
            "The USB stick could not be read to the end; it may have been removed too early. "
            "Insert it again and keep it in until the screen says it can be removed.",
        ),
        K.NO_PACK: QCoreApplication.translate(
            "FailureText",
            "There is no content pack here to show or to go back to. Install one from a USB "
            "stick, or let network sync fetch one.",
        ),
        K.NOT_CONFIGURED: QCoreApplication.translate(
            "FailureText",
            "The kiosk is not set up for this: a setting is missing or wrong, for example the "
            "channel address or a trusted key. Ask IT to check the kiosk's settings.",
        ),
        K.CANCELLED: QCoreApplication.translate(
            "FailureText",
            "The sync stopped because the kiosk app was closing. It runs again by itself.",
        ),
        K.INTERNAL: QCoreApplication.translate(
            "FailureText",
            "Something unexpected went wrong inside the kiosk. It keeps its content. If this "
            "happens again, send the details to support.",
        ),
    }


def failure_text(kind: str) -> str:
    """The sentence for ``kind``; an unknown kind reads as ``internal``."""
    return failure_texts()[parse_kind(kind)]


def details_text(reason: str) -> str:
    """The English technical reason, labelled for support."""
    return QCoreApplication.translate("FailureText", "Details: %1").replace("%1", reason)
