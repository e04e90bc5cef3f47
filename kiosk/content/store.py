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
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from kiosk.content.errors import LibraryBusy, LibraryError
from kiosk.util import strict_json
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
class Slot:
    """One pack id's place in the library: its active release, the kept previous release of
    the same pack, and whether the active one has been shown once."""

    active: PackRef
    previous: PackRef | None = None
    status: str = "good"  # good | pending (never started) | trying (started, not marked good)


def _ref(v: dict[str, Any] | None) -> PackRef | None:
    return PackRef(**v) if v else None


@dataclass(frozen=True)
class Pointer:
    """The one small file that says which releases are active: one slot per pack id (the
    built-in pack, the site's own, head office's campaign, ...). Replaced atomically.

    ``focus`` is the pack changed last (installed, rolled back, fallen back); ``active``,
    ``previous`` and ``status`` describe its slot, for code that handles one pack at a time."""

    packs: dict[str, Slot] = field(default_factory=dict)
    highest: dict[str, list[Any]] = field(default_factory=dict)
    last_failed: PackRef | None = None
    focus: str | None = None

    @property
    def active(self) -> PackRef | None:
        slot = self.slot(self.focus)
        return slot.active if slot else None

    @property
    def previous(self) -> PackRef | None:
        slot = self.slot(self.focus)
        return slot.previous if slot else None

    @property
    def status(self) -> str:
        slot = self.slot(self.focus)
        return slot.status if slot else "good"

    def slot(self, pack_id: str | None) -> Slot | None:
        return self.packs.get(pack_id) if pack_id is not None else None

    def refs(self) -> list[PackRef]:
        """Every active release, in pack id order."""
        return [self.packs[k].active for k in sorted(self.packs)]

    def with_slot(self, pack_id: str, slot: Slot | None, **changes: Any) -> Pointer:
        """A copy with ``pack_id``'s slot replaced (None removes it); it becomes the focus."""
        packs = dict(self.packs)
        if slot is None:
            packs.pop(pack_id, None)
        else:
            packs[pack_id] = slot
        focus = pack_id if slot is not None else (max(packs) if packs else None)
        return replace(self, packs=packs, focus=focus, **changes)

    def to_bytes(self) -> bytes:
        return json.dumps({"format": 2, **asdict(self)}, sort_keys=True, indent=1).encode()

    @classmethod
    def from_bytes(cls, data: bytes, where: str) -> Pointer:
        try:
            raw = strict_json.loads(data)
            if raw.pop("format") == 1:
                return cls._from_format_1(raw)
            packs = {}
            for pack_id, s in dict(raw["packs"]).items():
                active = _ref(s["active"])
                if active is None:
                    raise ValueError(f"pack {pack_id} has no active release")
                packs[str(pack_id)] = Slot(active, _ref(s["previous"]), str(s["status"]))
            focus = raw.get("focus")
            return cls(
                packs=packs,
                highest=dict(raw["highest"]),
                last_failed=_ref(raw.get("last_failed")),
                focus=str(focus) if focus is not None else None,
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise LibraryError(f"{where}: damaged pointer file ({exc})") from None

    @classmethod
    def _from_format_1(cls, raw: dict[str, Any]) -> Pointer:
        """A library from before layered packs: one active release and a kept previous one,
        possibly of another pack (a site's pack that replaced the built-in one). Each pack
        gets its own slot, so the pack it replaced shows again beside it."""
        active, previous = _ref(raw["active"]), _ref(raw["previous"])
        packs: dict[str, Slot] = {}
        if previous is not None and (active is None or previous.id != active.id):
            packs[previous.id] = Slot(previous)
            previous = None
        if active is not None:
            packs[active.id] = Slot(active, previous, str(raw["status"]))
        return cls(
            packs=packs,
            highest=dict(raw["highest"]),
            last_failed=_ref(raw.get("last_failed")),
            focus=active.id if active else None,
        )


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
