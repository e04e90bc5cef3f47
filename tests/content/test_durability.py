"""threats.md, "Power loss and storage": every object of a release is fsynced before the
pointer switches to it, although fsyncs run on a helper thread while the next file streams
in; a failed fsync stops the install with the previous release active."""

from __future__ import annotations

import errno
import os
import sys
import threading
import time
from pathlib import Path

import pytest

import kiosk.content.library as library_module
from kiosk.content.errors import LibraryError
from kiosk.content.installer import install_kpack
from kiosk.content.library import Library

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="names fds via /proc/self/fd")


def _files(packs, version: int) -> dict[str, bytes]:
    files = packs.minimal_files(version=version, extra=bytes([version]))
    for i in range(5):
        files[f"videos/clip{i}.mp4"] = b"\0\0\0\x18ftypmp42" + os.urandom(200_000 + i)
    return files


def _fd_path(fd: int) -> str:
    return os.readlink(f"/proc/self/fd/{fd}")


def _no_fsync_helpers() -> bool:
    return not [t for t in threading.enumerate() if t.name.startswith("library-fsync")]


def test_every_object_is_fsynced_before_the_pointer_switch(
    installed: Library, packs, policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_write_pointer = os.fsync, library_module.write_pointer

    def fsync(fd: int) -> None:
        path = _fd_path(fd)
        if "/staging/" in path:
            time.sleep(0.01)  # a slow disk: an fsync not awaited would finish after the switch
        real_fsync(fd)
        events.append(path)

    def write_pointer(root: Path, pointer: object) -> None:
        events.append("pointer switch")
        real_write_pointer(root, pointer)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(library_module, "write_pointer", write_pointer)
    monkeypatch.setattr(library_module, "FSYNC_AHEAD_FILES", 2)  # the bound is exercised
    ref = install_kpack(packs.honest(_files(packs, 2), version=2), installed, packs.trust, policy)

    switch = events.index("pointer switch")
    synced_first = {Path(p).name for p in events[:switch]}
    manifest = installed.load(ref, deep=True).manifest
    new_objects = {f.sha256 for f in manifest.files if f.path.startswith("videos/")}
    new_objects |= {ref.manifest_sha256, ref.signature_sha256}
    assert new_objects <= synced_first
    assert _no_fsync_helpers()


def test_failed_fsync_stops_the_install_and_keeps_the_old_release(
    installed: Library, packs, policy, unchanged, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = packs.honest(_files(packs, 2), version=2)
    check = unchanged(installed)
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        if "/staging/" in _fd_path(fd):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(LibraryError, match="cannot write to the library: Input/output error"):
        install_kpack(pack, installed, packs.trust, policy)
    monkeypatch.setattr(os, "fsync", real_fsync)
    check()
    assert installed.load_active(deep=True) is not None
    assert _no_fsync_helpers()
