"""USB sticks without Qt: find mounted removable media, list packs on them, and copy a pack
to internal storage before anything checks it (so a stick swapped or pulled mid-way cannot
change what gets verified and installed).
"""

from __future__ import annotations

import errno
import os
import stat
import string
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.errors import PackRejected
from kiosk.content.installer import install_kpack
from kiosk.content.keys import TrustStore
from kiosk.content.kpack import MANIFEST_NAME, KpackReader
from kiosk.content.library import Library
from kiosk.content.manifest import parse_manifest
from kiosk.content.policy import InstallPolicy
from kiosk.content.rules import Limits
from kiosk.content.store import PackRef
from kiosk.util.atomic import fsync_dir
from kiosk.util.failure_kinds import Failure, FailureKind

PACK_FOLDER = "kiosk-packs"
PACK_SUFFIX = ".kpack"
#: Linux mount roots where desktop automounters and udisks put removable media.
LINUX_MEDIA_ROOTS = ("/media/", "/run/media/", "/mnt/")
#: Errors only the kiosk's own storage gives (a stick being read never does).
_INTERNAL_DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})
_REMOVABLE_FS = {"vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "msdos", "udf", "iso9660", "ext4", "ext3", "ext2", "btrfs", "xfs", "hfsplus", "f2fs"}  # fmt: skip

Progress = Callable[[int, int], None]
#: ``(phase, done_bytes, total_bytes)`` with phase "copy" then "install".
PhaseProgress = Callable[[str, int, int], None]


class CopyFailed(Failure):
    """Copying from the stick did not complete; nothing was left behind."""

    default_kind = FailureKind.STICK_REMOVED


@dataclass(frozen=True)
class PackCandidate:
    """A ``.kpack`` on a stick, with what its manifest says it is (read, not yet checked:
    the signature is verified only when staff install it). Empty titles: no readable
    manifest (the install would say why)."""

    path: Path
    size_bytes: int
    title_zh: str = ""
    title_en: str = ""
    display_version: str = ""
    version: int = 0


def parse_linux_mounts(text: str) -> list[Path]:
    """Removable-media mount points from ``/proc/self/mounts`` text."""
    found: list[Path] = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        if parts[2] in _REMOVABLE_FS and mount.startswith(LINUX_MEDIA_ROOTS):
            found.append(Path(mount))
    return found


def windows_removable_drives() -> list[Path]:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    drives = []
    for i, letter in enumerate(string.ascii_uppercase):
        root = f"{letter}:\\"
        if mask & (1 << i) and kernel32.GetDriveTypeW(root) == 2:  # DRIVE_REMOVABLE
            drives.append(Path(root))
    return drives


def removable_mounts(mounts_file: Path = Path("/proc/self/mounts")) -> list[Path]:
    """Mounted removable media right now (Windows drive letters or Linux mount points)."""
    if sys.platform == "win32":
        return windows_removable_drives()
    try:
        return parse_linux_mounts(mounts_file.read_text("utf-8", errors="replace"))
    except OSError:
        return []


def find_packs(mount: Path) -> list[PackCandidate]:
    """Regular ``*.kpack`` files at the stick's root or in ``kiosk-packs/`` (links ignored)."""
    found: list[PackCandidate] = []
    for folder in (mount, mount / PACK_FOLDER):
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if not entry.name.lower().endswith(PACK_SUFFIX) or entry.name.startswith("."):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                found.append(peek_pack(Path(entry.path), st.st_size))
    return found


def peek_pack(path: Path, size_bytes: int, limits: Limits | None = None) -> PackCandidate:
    """The pack at ``path`` with the title and version from its manifest, if it has one that
    parses (blocking: a few KB read from the stick; nothing is trusted or installed)."""
    try:
        with KpackReader(path, limits or Limits()) as reader:
            manifest = parse_manifest(reader.read_small(MANIFEST_NAME), reader.limits)
    except (PackRejected, OSError, ValueError, KeyError):
        return PackCandidate(path, size_bytes)
    return PackCandidate(
        path,
        size_bytes,
        manifest.title_zh,
        manifest.title_en,
        manifest.display_version,
        manifest.version,
    )


def copy_to_internal(
    src: Path, dest_dir: Path, progress: Progress | None = None, chunk_bytes: int = 1024 * 1024
) -> Path:
    """Copy ``src`` into ``dest_dir`` (internal storage) and return the copy's path.

    The copy is complete and fsynced or it does not exist: a stick pulled mid-copy, a read
    error or a file that ends early raises CopyFailed and removes the partial copy.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    partial = dest_dir / f".{uuid.uuid4().hex}.part"
    final = dest_dir / f"{uuid.uuid4().hex}{PACK_SUFFIX}"
    try:
        with open(src, "rb") as fin:
            expected = os.fstat(fin.fileno()).st_size
            done = 0
            with open(partial, "wb") as fout:
                while chunk := fin.read(chunk_bytes):
                    fout.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, expected)
                fout.flush()
                os.fsync(fout.fileno())
            if done != expected or os.fstat(fin.fileno()).st_size != expected:
                raise CopyFailed(
                    f"{src.name}: the stick returned {done} of {expected} bytes; was it removed? "
                    "Nothing was changed."
                )
        os.replace(partial, final)
        fsync_dir(dest_dir)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        if exc.errno in _INTERNAL_DISK_ERRNOS:
            raise CopyFailed(
                f"{src.name}: could not copy it to the kiosk ({exc.strerror}); is the kiosk's "
                "disk full? Nothing was changed.",
                FailureKind.DISK,
            ) from None
        raise CopyFailed(
            f"{src.name}: could not read from the stick ({exc.strerror or exc}); was it "
            "removed? Nothing was changed."
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final


def install_from_stick(
    src: Path,
    incoming_dir: Path,
    library: Library,
    trust: TrustStore,
    policy: InstallPolicy,
    progress: PhaseProgress | None = None,
) -> PackRef:
    """Copy a pack from the stick to internal storage, then verify and install the copy.

    After this returns or raises, the stick may be removed; the internal copy is deleted.
    Raises CopyFailed, PackRejected (incl. LibraryBusy) or LibraryError.
    """

    def phase(name: str) -> Progress | None:
        if progress is None:
            return None
        report = progress
        return lambda done, total: report(name, done, total)

    copy = copy_to_internal(src, incoming_dir, phase("copy"))
    try:
        return install_kpack(copy, library, trust, policy, phase("install"))
    finally:
        copy.unlink(missing_ok=True)
