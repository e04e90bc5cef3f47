"""The channel index: which release of each pack a channel offers, signed, versioned, expiring.

``index.json`` is one file so a reader never sees a half-published channel::

    {"signed": {"format": 1, "channel_version": 7, "issued": "...", "expires": "...",
                "packs": {"<id>": {"version": 3, "display_version": "...",
                                    "manifest_sha256": "...", "manifest_size": 1234,
                                    "signature_sha256": "...", "signature_size": 140,
                                    "total_bytes": 9, "targets": ["school"]}}},
     "signature": {"algorithm": "ed25519", "key_id": "...", "signature": "<base64>"}}

The signature covers the canonical JSON of ``signed`` (sorted keys, no spaces, no floats), the
same canonical form pack manifests use. ``channel_version`` only grows (rollback protection);
``expires`` bounds how long a replayed index is believed (freeze protection).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.errors import PackRejected
from kiosk.content.keys import TrustStore, key_id
from kiosk.content.manifest import canonical_json
from kiosk.util import strict_json
from kiosk.util.failure_kinds import FailureKind

FORMAT = 1
INDEX_NAME = "index.json"
MAX_INDEX_BYTES = 1024 * 1024
#: Pseudo pack id the channel index is checked for in a :class:`TrustStore`.
INDEX_TRUST_SCOPE = "channel-index"
_SHA = re.compile(r"^[0-9a-f]{64}$")
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


class IndexRejected(PackRejected):
    """The channel index is forged, damaged, older than one seen before, or expired."""

    default_kind = FailureKind.DAMAGED


@dataclass(frozen=True)
class IndexEntry:
    """The current release of one pack, pinned by the hashes of its signed manifest."""

    version: int
    display_version: str
    manifest_sha256: str
    manifest_size: int
    signature_sha256: str
    signature_size: int
    total_bytes: int
    targets: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "display_version": self.display_version,
            "manifest_sha256": self.manifest_sha256,
            "manifest_size": self.manifest_size,
            "signature_sha256": self.signature_sha256,
            "signature_size": self.signature_size,
            "total_bytes": self.total_bytes,
            "targets": list(self.targets),
        }


@dataclass(frozen=True)
class ChannelIndex:
    channel_version: int
    issued: datetime
    expires: datetime
    packs: dict[str, IndexEntry]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "channel_version": self.channel_version,
            "issued": format_time(self.issued),
            "expires": format_time(self.expires),
            "packs": {pid: e.to_dict() for pid, e in sorted(self.packs.items())},
        }

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def parse_time(text: str, where: str) -> datetime:
    try:
        return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)
    except (TypeError, ValueError):
        raise IndexRejected(
            f"channel index {where}: not a UTC time like 2026-01-31T08:00:00Z"
        ) from None


def sign_index(index: ChannelIndex, private_key: Ed25519PrivateKey) -> bytes:
    """The bytes of ``index.json`` for ``index`` signed by ``private_key``."""
    body = canonical_json(index.to_dict())
    signature = {
        "algorithm": "ed25519",
        "key_id": key_id(private_key.public_key()),
        "signature": base64.b64encode(private_key.sign(body)).decode("ascii"),
    }
    return canonical_json({"signed": index.to_dict(), "signature": signature}) + b"\n"


def read_index(data: bytes, trust: TrustStore | None) -> ChannelIndex:
    """Parse ``index.json``; with ``trust``, first check its signature. Raises IndexRejected.

    ``trust`` None is only for the publisher re-reading its own channel folder.
    """
    if len(data) > MAX_INDEX_BYTES:
        raise IndexRejected(f"channel index larger than {MAX_INDEX_BYTES} bytes")
    try:
        doc = _strict_loads(data)
        signed, sig = doc["signed"], doc["signature"]
        if not isinstance(signed, dict) or not isinstance(sig, dict):
            raise TypeError("signed and signature must be objects")
    except (ValueError, KeyError, TypeError) as exc:
        raise IndexRejected(f"channel index is not a valid index document ({exc})") from None
    if trust is not None:
        _check_signature(canonical_json(signed), sig, trust)
    return _parse_signed(signed)


def _strict_loads(data: bytes) -> Any:
    return strict_json.loads(data, floats=False)


def _check_signature(body: bytes, sig: dict[str, Any], trust: TrustStore) -> None:
    if sig.get("algorithm") != "ed25519" or not isinstance(sig.get("key_id"), str):
        raise IndexRejected(
            "channel index signature malformed (need algorithm ed25519, key_id)",
            FailureKind.UNTRUSTED,
        )
    try:
        raw = base64.b64decode(str(sig.get("signature")), validate=True)
    except (binascii.Error, ValueError):
        raise IndexRejected(
            "channel index signature is not valid base64", FailureKind.UNTRUSTED
        ) from None
    try:
        trust.check(body, raw, sig["key_id"], INDEX_TRUST_SCOPE)
    except PackRejected as exc:
        raise IndexRejected(f"channel index: {exc.reason}", exc.kind) from None


def _parse_signed(raw: dict[str, Any]) -> ChannelIndex:
    if raw.get("format") != FORMAT:
        raise IndexRejected(
            f"channel index format {raw.get('format')!r} is not supported",
            FailureKind.NOT_FOR_THIS_SITE,
        )
    version = raw.get("channel_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise IndexRejected("channel index channel_version must be a positive integer")
    packs_raw = raw.get("packs")
    if not isinstance(packs_raw, dict):
        raise IndexRejected("channel index packs must be an object")
    packs = {str(pid): _parse_entry(str(pid), e) for pid, e in packs_raw.items()}
    return ChannelIndex(
        channel_version=version,
        issued=parse_time(raw.get("issued"), "issued"),  # type: ignore[arg-type]
        expires=parse_time(raw.get("expires"), "expires"),  # type: ignore[arg-type]
        packs=packs,
    )


def _parse_entry(pack_id: str, raw: Any) -> IndexEntry:
    where = f"channel index packs/{pack_id}"
    if not isinstance(raw, dict):
        raise IndexRejected(f"{where}: must be an object")
    try:
        entry = IndexEntry(
            version=_int(raw["version"]),
            display_version=str(raw["display_version"]),
            manifest_sha256=str(raw["manifest_sha256"]),
            manifest_size=_int(raw["manifest_size"]),
            signature_sha256=str(raw["signature_sha256"]),
            signature_size=_int(raw["signature_size"]),
            total_bytes=_int(raw["total_bytes"]),
            targets=tuple(str(t) for t in raw["targets"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise IndexRejected(f"{where}: missing or wrong field ({exc})") from None
    for sha in (entry.manifest_sha256, entry.signature_sha256):
        if not _SHA.match(sha):
            raise IndexRejected(f"{where}: {sha!r} is not a SHA-256 in lower-case hex")
    return entry


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{value!r} is not a non-negative integer")
    return value
