"""The ``.kpack`` file: a ZIP holding ``manifest.json``, ``signature.json`` and ``files/...``.

Writing is deterministic (fixed timestamps, manifest order). Reading trusts nothing: member
names, types, sizes, ratios, counts and overlaps are checked against the limits and the signed
manifest before a single byte of content is handed out, and content is streamed in chunks.
"""

from __future__ import annotations

import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from kiosk.content.errors import PackRejected
from kiosk.content.manifest import FileEntry, Manifest, SignedManifest
from kiosk.content.rules import Limits, check_relative_path, check_unique, file_kind
from kiosk.util.atomic import atomic_writer
from kiosk.util.failure_kinds import FailureKind

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "signature.json"
FILES_PREFIX = "files/"
CHUNK_BYTES = 1024 * 1024
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_COMPRESSED_KINDS = {"yaml", "svg", "text"}

Progress = Callable[[int, int], None]


def write_kpack(
    out: Path, signed: SignedManifest, src_root: Path, progress: Progress | None = None
) -> None:
    """Write ``out`` from files under ``src_root`` listed in the signed manifest (atomically)."""
    total = signed.manifest.total_bytes
    done = 0
    with atomic_writer(Path(out)) as fh, zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
        _write_member(zf, MANIFEST_NAME, signed.manifest_bytes, zipfile.ZIP_DEFLATED)
        _write_member(zf, SIGNATURE_NAME, signed.signature_bytes, zipfile.ZIP_STORED)
        for entry in signed.manifest.files:
            compress = (
                zipfile.ZIP_DEFLATED
                if file_kind(entry.path) in _COMPRESSED_KINDS
                else zipfile.ZIP_STORED
            )
            info = _info(FILES_PREFIX + entry.path, compress)
            info.file_size = entry.size
            with open(src_root / entry.path, "rb") as src, zf.open(info, "w") as dst:
                while chunk := src.read(CHUNK_BYTES):
                    dst.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)


def _info(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, _FIXED_TIME)
    info.compress_type = compress
    info.create_system = 3
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


def _write_member(zf: zipfile.ZipFile, name: str, data: bytes, compress: int) -> None:
    zf.writestr(_info(name, compress), data)


class KpackReader:
    """Open a ``.kpack`` for checking. Use as a context manager."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = Path(path)
        self.limits = limits
        self._fh: BinaryIO | None = None
        self._zf: zipfile.ZipFile | None = None
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._crc_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kpack-crc")

    def __enter__(self) -> KpackReader:
        try:
            self._open()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._crc_pool.shutdown(wait=True)
        if self._zf is not None:
            self._zf.close()
        if self._fh is not None:
            self._fh.close()
        self._zf = self._fh = None

    def _open(self) -> None:
        try:
            self._fh = open(self.path, "rb")  # noqa: SIM115 - closed in close()
            size = os.fstat(self._fh.fileno()).st_size
        except OSError as exc:
            raise PackRejected(
                f"cannot read {self.path.name}: {exc.strerror}", FailureKind.DISK
            ) from None
        if size > self.limits.max_pack_bytes + self.limits.max_manifest_bytes:
            raise PackRejected(f"{self.path.name} is {size} bytes; larger than the pack limit")
        self._check_entry_count()
        try:
            self._zf = zipfile.ZipFile(self._fh)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise PackRejected(f"not a valid pack archive: {exc}", FailureKind.DAMAGED) from None
        infos = self._zf.infolist()
        for info in infos:
            self._check_member(info)
        check_unique([i.orig_filename for i in infos])
        self._members = {i.orig_filename: i for i in infos}
        self._check_overlaps(infos)

    def _check_entry_count(self) -> None:
        assert self._fh is not None
        try:
            end = zipfile._EndRecData(self._fh)  # type: ignore[attr-defined]
        except OSError:
            end = None
        if not end:
            raise PackRejected(
                "not a valid pack archive: no end-of-archive record (truncated?)",
                FailureKind.DAMAGED,
            )
        count = end[zipfile._ECD_ENTRIES_TOTAL]  # type: ignore[attr-defined]
        if count > self.limits.max_files + 2:
            raise PackRejected(f"archive has {count} entries; the limit is {self.limits.max_files}")
        self._fh.seek(0)

    def _check_member(self, info: zipfile.ZipInfo) -> None:
        name = info.orig_filename
        if name not in (MANIFEST_NAME, SIGNATURE_NAME):
            if not name.startswith(FILES_PREFIX):
                check_relative_path(name)
                raise PackRejected(f"unexpected member {name!r} outside files/")
            check_relative_path(name[len(FILES_PREFIX) :])
        mode = info.external_attr >> 16
        file_type = stat.S_IFMT(mode) if info.create_system == 3 else 0
        if info.is_dir() or file_type not in (0, stat.S_IFREG):
            raise PackRejected(f"member {name!r} is a link, folder or special file")
        if info.flag_bits & 0x1:
            raise PackRejected(f"member {name!r} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackRejected(f"member {name!r} uses an unsupported compression method")
        if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
            raise PackRejected(
                f"member {name!r}: stored size and data size differ", FailureKind.DAMAGED
            )
        if info.file_size > self.limits.max_file_bytes:
            raise PackRejected(f"member {name!r} declares {info.file_size} bytes; over the limit")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > self.limits.max_ratio:
            raise PackRejected(f"member {name!r} expands {ratio:.0f}x; suspected zip bomb")

    def _check_overlaps(self, infos: list[zipfile.ZipInfo]) -> None:
        assert self._zf is not None
        ordered = sorted(infos, key=lambda i: i.header_offset)
        limits = [i.header_offset for i in ordered[1:]] + [self._zf.start_dir]
        for info, next_start in zip(ordered, limits, strict=True):
            end = info.header_offset + 30 + len(info.orig_filename.encode()) + info.compress_size
            if end > next_start:
                raise PackRejected(
                    f"member {info.orig_filename!r} overlaps another; suspected zip bomb"
                )

    def read_small(self, name: str) -> bytes:
        """A manifest-sized member read whole (bounded by max_manifest_bytes)."""
        info = self._members.get(name)
        if info is None:
            if name == SIGNATURE_NAME:
                raise PackRejected("pack is not signed (no signature.json)", FailureKind.UNTRUSTED)
            raise PackRejected(f"pack has no {name}")
        if info.file_size > self.limits.max_manifest_bytes:
            raise PackRejected(f"{name} is larger than {self.limits.max_manifest_bytes} bytes")
        return b"".join(self._chunks(info, name))

    def check_against(self, manifest: Manifest) -> None:
        """Members must be exactly the manifest's files, with the sizes it declares."""
        expected = {FILES_PREFIX + f.path: f for f in manifest.files}
        for name, info in self._members.items():
            if name in (MANIFEST_NAME, SIGNATURE_NAME):
                continue
            entry = expected.get(name)
            if entry is None:
                raise PackRejected(f"member {name!r} is not listed in the signed manifest")
            if info.file_size != entry.size:
                raise PackRejected(
                    f"{entry.path}: archive declares {info.file_size} bytes, manifest {entry.size}",
                    FailureKind.DAMAGED,
                )
        missing = [f.path for f in manifest.files if FILES_PREFIX + f.path not in self._members]
        if missing:
            raise PackRejected(
                f"{missing[0]}: listed in the manifest but missing from the pack",
                FailureKind.DAMAGED,
            )

    def file_chunks(self, entry: FileEntry) -> Iterator[bytes]:
        """Stream one file's bytes. Damage (CRC, truncation, bad deflate) raises PackRejected."""
        return self._chunks(self._members[FILES_PREFIX + entry.path], entry.path)

    def _chunks(self, info: zipfile.ZipInfo, shown: str) -> Iterator[bytes]:
        assert self._zf is not None
        # The CRC of chunk i runs on a helper thread while the caller hashes and writes it
        # (zlib and hashlib release the GIL), so checking it costs almost no wall time.
        crc: Future[int] | None = None
        try:
            if info.compress_type == zipfile.ZIP_STORED:
                member = self._stored_chunks(info)
            else:
                member = self._deflated_chunks(info)
            for chunk in member:
                running = crc.result() if crc is not None else 0
                crc = self._crc_pool.submit(zlib.crc32, chunk, running)
                yield chunk
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError, ValueError) as exc:
            raise PackRejected(f"{shown}: archive damaged ({exc})", FailureKind.DAMAGED) from None
        if (crc.result() if crc is not None else 0) != info.CRC:
            # zipfile stops at the declared size without checking the CRC when more data
            # follows; a forged smaller size ends here.
            raise PackRejected(
                f"{shown}: archive damaged (CRC mismatch; forged size?)", FailureKind.DAMAGED
            )

    def _deflated_chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        assert self._zf is not None
        with self._zf.open(info) as member:
            while chunk := member.read(CHUNK_BYTES):
                yield chunk

    def _stored_chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """Stored members are read straight from the file: one CRC pass instead of two."""
        assert self._fh is not None
        fh = self._fh
        fh.seek(info.header_offset)
        header = fh.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile("bad local file header")
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        name = fh.read(name_len)
        expected = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
        if name != expected:
            raise zipfile.BadZipFile("local file name differs from the central directory")
        fh.seek(extra_len, os.SEEK_CUR)
        left = info.compress_size
        while left > 0:
            chunk = fh.read(min(CHUNK_BYTES, left))
            if not chunk:
                raise EOFError(f"data ends {left} bytes early")
            left -= len(chunk)
            yield chunk
