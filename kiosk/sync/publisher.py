"""Publish packs to a static channel folder that any web server, bucket or CDN can serve.

Layout (everything except ``index.json`` is content-addressed and never changes)::

    channel/index.json              signed channel index, replaced atomically, written last
    channel/manifests/<sha256>      signed pack manifests and their signature documents
    channel/objects/<sha256>        pack files

Publishing writes objects first, manifests next and the index last, so a reader that fetches
the index at any moment finds every byte it points to. Objects of older releases are kept:
kiosks in the middle of a sync still find them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.checker import EntryChecker
from kiosk.content.errors import PackRejected
from kiosk.content.kpack import MANIFEST_NAME, SIGNATURE_NAME, KpackReader
from kiosk.content.manifest import parse_manifest
from kiosk.content.rules import Limits
from kiosk.content.store import installer_lock
from kiosk.sync.index import INDEX_NAME, ChannelIndex, IndexEntry, read_index, sign_index
from kiosk.util.atomic import atomic_write_bytes, atomic_writer

OBJECTS_DIR = "objects"
MANIFESTS_DIR = "manifests"
LOCK_NAME = ".publish.lock"
DEFAULT_EXPIRES_DAYS = 30


class PublishError(Exception):
    """The channel folder cannot be written or the pack cannot go into it."""


@dataclass(frozen=True)
class PublishResult:
    index: ChannelIndex
    pack_id: str
    objects_written: int
    bytes_written: int


def read_channel_index(channel: Path) -> ChannelIndex | None:
    """The channel's current index (signature not checked: this is the publisher's own folder)."""
    try:
        data = (Path(channel) / INDEX_NAME).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PublishError(f"{channel}: cannot read {INDEX_NAME}: {exc.strerror}") from None
    try:
        return read_index(data, trust=None)
    except PackRejected as exc:
        raise PublishError(f"{channel}/{INDEX_NAME}: {exc.reason}") from None


def publish_pack(
    kpack: Path,
    channel: Path,
    key: Ed25519PrivateKey,
    now: datetime,
    expires_days: int = DEFAULT_EXPIRES_DAYS,
    limits: Limits | None = None,
) -> PublishResult:
    """Add ``kpack`` to ``channel`` as the current release of its pack id."""
    limits = limits or Limits()
    channel = Path(channel)
    _check_days(expires_days)
    with installer_lock(channel / LOCK_NAME):
        old = read_channel_index(channel)
        written = bytes_written = 0
        with KpackReader(kpack, limits) as reader:
            manifest_bytes = reader.read_small(MANIFEST_NAME)
            signature_bytes = reader.read_small(SIGNATURE_NAME)
            manifest = parse_manifest(manifest_bytes, limits)
            reader.check_against(manifest)
            _check_newer(old, manifest.id, manifest.version, _sha(manifest_bytes))
            for entry in manifest.files:
                target = channel / OBJECTS_DIR / entry.sha256
                if target.is_file() and target.stat().st_size == entry.size:
                    continue
                _write_object(target, reader.file_chunks(entry), EntryChecker(entry, limits))
                written += 1
                bytes_written += entry.size
        for blob in (manifest_bytes, signature_bytes):
            atomic_write_bytes(channel / MANIFESTS_DIR / _sha(blob), blob)
        entry_doc = IndexEntry(
            version=manifest.version,
            display_version=manifest.display_version,
            manifest_sha256=_sha(manifest_bytes),
            manifest_size=len(manifest_bytes),
            signature_sha256=_sha(signature_bytes),
            signature_size=len(signature_bytes),
            total_bytes=manifest.total_bytes,
            targets=manifest.targets,
        )
        packs = dict(old.packs) if old else {}
        packs[manifest.id] = entry_doc
        index = ChannelIndex(
            channel_version=(old.channel_version + 1) if old else 1,
            issued=now,
            expires=now + timedelta(days=expires_days),
            packs=packs,
        )
        atomic_write_bytes(channel / INDEX_NAME, sign_index(index, key))
    return PublishResult(index, manifest.id, written, bytes_written)


def refresh_channel(
    channel: Path, key: Ed25519PrivateKey, now: datetime, expires_days: int = DEFAULT_EXPIRES_DAYS
) -> ChannelIndex:
    """Re-sign the index with a higher channel version and a new expiry (run on a schedule)."""
    channel = Path(channel)
    _check_days(expires_days)
    with installer_lock(channel / LOCK_NAME):
        old = read_channel_index(channel)
        if old is None:
            raise PublishError(f"{channel}: no {INDEX_NAME}; publish a pack first")
        index = replace(
            old,
            channel_version=old.channel_version + 1,
            issued=now,
            expires=now + timedelta(days=expires_days),
        )
        atomic_write_bytes(channel / INDEX_NAME, sign_index(index, key))
    return index


def _check_days(days: int) -> None:
    if not 1 <= days <= 3650:
        raise PublishError(f"--expires-days must be between 1 and 3650, got {days}")


def _check_newer(old: ChannelIndex | None, pack_id: str, version: int, sha: str) -> None:
    current = old.packs.get(pack_id) if old else None
    if current is None:
        return
    if version < current.version or (version == current.version and sha != current.manifest_sha256):
        raise PublishError(
            f"pack {pack_id} release {version} is not newer than release {current.version} "
            "already in the channel; kiosks would refuse it (raise version in pack.yaml)"
        )


def _write_object(target: Path, chunks: Iterator[bytes], checker: EntryChecker) -> None:
    """Write one file beside its final name; it gets that name only once fully checked."""
    with atomic_writer(target) as out:
        for chunk in chunks:
            checker.update(chunk)
            out.write(chunk)
        checker.finish()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
