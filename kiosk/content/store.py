"""Low-level pieces of the installed library: the content-addressed object store, the
installer lock and the pointer file. :mod:`kiosk.content.library` composes them.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk.content.errors import LibraryBusy, LibraryError
from kiosk.util.atomic import atomic_write_bytes, fsync_dir

POINTER_NAME = "pointer.json"


@dataclass(frozen=True)
class PackRef:
    """One installed pack release: its identity and the objects holding its signed manifest."""

    id: str
    version: int
    display_version: str
    manifest_sha256: str
    signature_sha256: str


@dataclass(frozen=True)
class Pointer:
    """The one small file that says which release is active. Replaced atomically."""

    active: PackRef | None = None
    previous: PackRef | None = None
    status: str = "good"  # good | pending (never started) | trying (started, not marked good)
    highest: dict[str, list[Any]] = field(default_factory=dict)
    last_failed: PackRef | None = None

    def to_bytes(self) -> bytes:
        return json.dumps({"format": 1, **asdict(self)}, sort_keys=True, indent=1).encode()

    @classmethod
    def from_bytes(cls, data: bytes, where: str) -> Pointer:
        try:
            raw = json.loads(data)
            raw.pop("format")

            def ref(v: dict[str, Any] | None) -> PackRef | None:
                return PackRef(**v) if v else None

            return cls(
                active=ref(raw["active"]),
                previous=ref(raw["previous"]),
                status=str(raw["status"]),
                highest=dict(raw["highest"]),
                last_failed=ref(raw.get("last_failed")),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise LibraryError(f"{where}: damaged pointer file ({exc})") from None


def read_pointer(root: Path) -> Pointer:
    path = root / POINTER_NAME
    try:
        return Pointer.from_bytes(path.read_bytes(), str(path))
    except FileNotFoundError:
        return Pointer()


def write_pointer(root: Path, pointer: Pointer) -> None:
    atomic_write_bytes(root / POINTER_NAME, pointer.to_bytes())


class ObjectStore:
    """Files stored by SHA-256 at ``objects/ab/abcdef...``; shared between releases."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str, size: int | None = None) -> bool:
        try:
            st = self.path(sha256).stat()
        except FileNotFoundError:
            return False
        return size is None or st.st_size == size

    def read(self, sha256: str) -> bytes:
        data = self.path(sha256).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256:
            raise LibraryError(f"object {sha256[:12]} is damaged")
        return data

    def hash_of(self, sha256: str) -> str:
        h = hashlib.sha256()
        with open(self.path(sha256), "rb") as fh:
            while chunk := fh.read(1024 * 1024):
                h.update(chunk)
        return h.hexdigest()

    def adopt(self, staged: dict[str, Path]) -> None:
        """Move fully written, fsynced staging files into the store; fsync touched folders."""
        folders: set[Path] = set()
        for sha, src in staged.items():
            dst = self.path(sha)
            if dst.exists():
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dst)
            folders.add(dst.parent)
        for folder in folders:
            fsync_dir(folder)
        if folders:
            fsync_dir(self.root)

    def all_objects(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for sub in self.root.iterdir():
            if sub.is_dir():
                yield from (p.name for p in sub.iterdir())

    def remove(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(sha256).unlink()


@contextlib.contextmanager
def installer_lock(path: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold an exclusive lock on ``path``; raise LibraryBusy if another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait_seconds
    try:
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LibraryBusy("another pack install is running; try again when it has finished")
            time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        raise
    return True
