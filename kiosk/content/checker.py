"""Streaming check of one file against its manifest entry: size, SHA-256, then kind checks.

Every channel feeds file bytes through :class:`EntryChecker` (the ``.kpack`` reader, the object
store writer used by network sync), so a file is verified by exactly one code path. Memory
stays bounded: only small kinds (text, images up to ``max_image_bytes``) are buffered.
"""

from __future__ import annotations

import hashlib

from kiosk.content.errors import PackRejected
from kiosk.content.manifest import FileEntry
from kiosk.content.media import check_image, check_svg, check_text, check_video_head
from kiosk.content.pack_docs import check_pack_document
from kiosk.content.rules import Limits, file_kind
from kiosk.util.failure_kinds import FailureKind


class EntryChecker:
    """Feed chunks with :meth:`update`, then call :meth:`finish`; raises PackRejected."""

    def __init__(self, entry: FileEntry, limits: Limits) -> None:
        self.entry = entry
        self.kind = file_kind(entry.path)
        self._limits = limits
        self._hash = hashlib.sha256()
        self._seen = 0
        self._head = b""
        buffer_limit = {
            "image": limits.max_image_bytes,
            "svg": limits.max_text_bytes,
            "yaml": limits.max_text_bytes,
            "text": limits.max_text_bytes,
        }.get(self.kind)
        if buffer_limit is not None and entry.size > buffer_limit:
            raise PackRejected(f"{entry.path}: {entry.size} bytes is too large for a {self.kind}")
        self._buffer: bytearray | None = bytearray() if buffer_limit is not None else None

    def update(self, chunk: bytes) -> None:
        self._seen += len(chunk)
        if self._seen > self.entry.size:
            raise PackRejected(
                f"{self.entry.path}: more data than the {self.entry.size} bytes in the manifest",
                FailureKind.DAMAGED,
            )
        self._hash.update(chunk)
        if len(self._head) < 16:
            self._head += chunk[:16]
        if self._buffer is not None:
            self._buffer += chunk

    def finish(self) -> None:
        path = self.entry.path
        if self._seen != self.entry.size:
            raise PackRejected(
                f"{path}: truncated, {self._seen} of {self.entry.size} bytes in the manifest",
                FailureKind.DAMAGED,
            )
        if self._hash.hexdigest() != self.entry.sha256:
            raise PackRejected(
                f"{path}: SHA-256 does not match the signed manifest", FailureKind.DAMAGED
            )
        data = bytes(self._buffer) if self._buffer is not None else b""
        if self.kind == "image":
            check_image(path, data, self._limits)
        elif self.kind == "svg":
            check_svg(path, data)
        elif self.kind == "video":
            check_video_head(path, self._head)
        else:
            check_pack_document(path, check_text(path, data))
