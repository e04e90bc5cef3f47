"""Helpers for sync tests: signing keys, packs built from bytes, a channel folder, and kiosks
(data dirs) with a sync client each."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fakeclock import FakeClock

from kiosk.content.keys import TrustedKey, TrustStore
from kiosk.content.kpack import write_kpack
from kiosk.content.library import Library
from kiosk.content.manifest import FileEntry, Manifest, sign_manifest
from kiosk.content.policy import InstallPolicy
from kiosk.sync.client import SyncClient, SyncSettings
from kiosk.sync.fetch import FetchOptions
from kiosk.sync.publisher import PublishResult, publish_pack
from kiosk.sync.state import StateFile

T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)

PACK_YAML = """\
id: {id}
version: {version}
display_version: "v{version}"
title: {{zh: 测试包, en: Test pack}}
min_app_version: "0.1.0"
targets: [school, store]
"""

#: Short limits so fault tests end in well under a second or two each.
FAST = FetchOptions(
    connect_timeout_s=1.0,
    read_timeout_s=0.5,
    deadline_base_s=1.5,
    min_rate_bytes_per_s=50e6,
    retries=2,
    backoff_base_s=0.01,
    backoff_max_s=0.05,
)


def video(size: int, seed: int) -> bytes:
    """A file the pack checker accepts as MP4 (right head), of ``size`` random bytes."""
    head = b"\0\0\0\x18ftypmp42"
    return head + random.Random(seed).randbytes(max(size - len(head), 0))


class Channel:
    """A channel folder plus the keys that sign its index and its packs."""

    def __init__(self, tmp: Path, clock: FakeClock) -> None:
        self.root = tmp / "channel"
        self.work = tmp / "build"
        self.work.mkdir()
        self.clock = clock
        self.index_key = Ed25519PrivateKey.generate()
        self.pack_key = Ed25519PrivateKey.generate()
        self._n = 0

    def kpack(self, version: int, files: dict[str, bytes], pack_id: str = "test-pack") -> Path:
        files = {"pack.yaml": PACK_YAML.format(id=pack_id, version=version).encode(), **files}
        self._n += 1
        src = self.work / f"src{self._n}"
        for rel, data in files.items():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            (src / rel).write_bytes(data)
        entries = tuple(
            FileEntry(p, len(b), hashlib.sha256(b).hexdigest()) for p, b in sorted(files.items())
        )
        manifest = Manifest(
            id=pack_id, version=version, display_version=f"v{version}",
            created="2026-11-25T08:00:00Z", min_app_version="0.1.0",
            targets=("school", "store"), title_zh="测试", title_en="Test", files=entries,
        )  # fmt: skip
        out = self.work / f"{pack_id}-{version}-{self._n}.kpack"
        write_kpack(out, sign_manifest(manifest, self.pack_key), src)
        return out

    def publish(
        self, version: int, files: dict[str, bytes], expires_days: int = 30, **kw: str
    ) -> PublishResult:
        return publish_pack(
            self.kpack(version, files, **kw),
            self.root,
            self.index_key,
            self.clock.utc(),
            expires_days,
        )

    def settings(self, url: str, **fetch: object) -> SyncSettings:
        options = replace(FAST, **fetch)  # type: ignore[arg-type]
        return SyncSettings(
            url=url,
            index_trust=TrustStore([TrustedKey(self.index_key.public_key())]),
            pack_trust=TrustStore([TrustedKey(self.pack_key.public_key())]),
            policy=InstallPolicy(site_kind="school"),
            fetch=options,
        )


class KioskDir:
    """One kiosk's data folder: its library and sync state."""

    def __init__(self, root: Path, channel: Channel, url: str) -> None:
        self.root = root
        self.library = Library(root / "library")
        self.state = StateFile(root / "sync")
        self.channel = channel
        self.url = url
        self.sleeps: list[float] = []

    def client(self, url: str | None = None, **fetch: object) -> SyncClient:
        return SyncClient(
            self.library,
            self.state,
            self.channel.settings(url or self.url, **fetch),
            now=self.channel.clock.utc,
            sleep=self.sleeps.append,
            rng=random.Random(1),
        )

    def active_version(self) -> int | None:
        active = self.library.pointer().active
        return active.version if active else None


def tree_snapshot(root: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.name != ".lock":
            out[p.relative_to(root).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out
