"""Which member names and file kinds a pack may hold, and the size limits that stop zip bombs.

The same rules run when a pack is built from a source folder and when a ``.kpack`` or a
channel manifest is verified, so nothing a builder accepts is refused later and nothing a
forger writes by hand slips past the verifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from kiosk.content.errors import PackRejected

#: File kinds a pack may carry, by lower-case suffix. Packs carry data only: no code of any kind.
ALLOWED_SUFFIXES = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".svg": "svg",
    ".mp4": "video",
    ".webm": "video",
    ".txt": "text",
    ".md": "text",
}

_SEGMENT = re.compile(r"^[A-Za-z0-9_\-][A-Za-z0-9_.\-]*$")
_MAX_PATH_CHARS = 200
_MAX_DEPTH = 8


@dataclass(frozen=True)
class Limits:
    """Upper bounds applied before and while reading a pack."""

    max_pack_bytes: int = 2048 * 1024 * 1024
    max_files: int = 5000
    max_file_bytes: int = 1024 * 1024 * 1024
    max_ratio: int = 100
    max_manifest_bytes: int = 4 * 1024 * 1024
    max_text_bytes: int = 4 * 1024 * 1024
    max_image_bytes: int = 32 * 1024 * 1024
    max_image_pixels: int = 40_000_000
    max_image_side_px: int = 12_000

    @classmethod
    def from_max_pack_mb(cls, max_pack_mb: int) -> Limits:
        total = max_pack_mb * 1024 * 1024
        return cls(max_pack_bytes=total, max_file_bytes=min(total, cls.max_file_bytes))


def file_kind(path: str) -> str:
    """The kind of a pack file ("yaml", "image", "svg", "video", "text") from its suffix."""
    suffix = PurePosixPath(path).suffix.lower()
    kind = ALLOWED_SUFFIXES.get(suffix)
    if kind is None:
        allowed = " ".join(sorted(ALLOWED_SUFFIXES))
        raise PackRejected(
            f"{path}: file type {suffix or '(none)'} not allowed in packs ({allowed})"
        )
    return kind


def check_relative_path(path: str) -> None:
    """Refuse anything but a plain relative POSIX path of safe segments.

    Rejects ``..``, absolute paths, drive letters, backslashes, NUL and control characters,
    and hidden segments; raises PackRejected naming the path.
    """
    shown = repr(path)
    if not path or len(path) > _MAX_PATH_CHARS:
        raise PackRejected(f"unsafe path {shown}: empty or longer than {_MAX_PATH_CHARS} chars")
    if any(ord(c) < 32 or ord(c) == 127 for c in path):
        raise PackRejected(f"unsafe path {shown}: control character")
    if "\\" in path:
        raise PackRejected(f"unsafe path {shown}: backslash")
    if path.startswith("/"):
        raise PackRejected(f"unsafe path {shown}: absolute path")
    if re.match(r"^[A-Za-z]:", path):
        raise PackRejected(f"unsafe path {shown}: drive letter")
    parts = path.split("/")
    if len(parts) > _MAX_DEPTH:
        raise PackRejected(f"unsafe path {shown}: nested deeper than {_MAX_DEPTH} folders")
    for part in parts:
        if part in ("", ".", ".."):
            raise PackRejected(f"unsafe path {shown}: empty, '.' or '..' segment")
        if not _SEGMENT.match(part):
            raise PackRejected(
                f"unsafe path {shown}: use only letters, digits, '-', '_' and '.' in names"
            )


def check_unique(paths: list[str]) -> None:
    """Refuse duplicate names and names that differ only in case (they collide on Windows/macOS)."""
    seen: dict[str, str] = {}
    for path in paths:
        folded = path.casefold()
        if folded in seen:
            other = seen[folded]
            what = "duplicate name" if other == path else "names differ only in case"
            raise PackRejected(f"{what}: {other!r} and {path!r}")
        seen[folded] = path
