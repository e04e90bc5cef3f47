"""USB sticks: finding mounts and packs, and copying to internal storage before verifying."""

from __future__ import annotations

import os
import resource
import signal
import sys
from pathlib import Path

import pytest

from kiosk.content.errors import PackRejected
from kiosk.content.installer import install_kpack
from kiosk.content.usb import (
    CopyFailed,
    copy_to_internal,
    find_packs,
    install_from_stick,
    parse_linux_mounts,
)
from kiosk.util.failure_kinds import FailureKind

MOUNTS = """\
/dev/nvme0n1p2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
/dev/sdb1 /media/kiosk/GREEN\\040STICK vfat rw,nosuid,nodev,uid=1000 0 0
/dev/sdc1 /run/media/staff/PACKS exfat rw,nosuid,nodev 0 0
tmpfs /run/user/1000 tmpfs rw 0 0
/dev/sdd1 /mnt/usb ntfs3 rw 0 0
/dev/sda1 /boot/efi vfat rw 0 0
"""


def test_removable_mounts_from_proc_mounts() -> None:
    assert parse_linux_mounts(MOUNTS) == [
        Path("/media/kiosk/GREEN STICK"),
        Path("/run/media/staff/PACKS"),
        Path("/mnt/usb"),
    ]


def test_packs_found_at_root_and_in_kiosk_packs(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    (stick / "kiosk-packs").mkdir(parents=True)
    (stick / "deep" / "kiosk-packs").mkdir(parents=True)
    (stick / "a.kpack").write_bytes(b"a")
    (stick / "kiosk-packs" / "B.KPACK").write_bytes(b"bb")
    (stick / "notes.txt").write_bytes(b"")
    (stick / "._a.kpack").write_bytes(b"macOS junk")
    (stick / "deep" / "kiosk-packs" / "c.kpack").write_bytes(b"c")
    os.symlink("/etc/passwd", stick / "link.kpack")
    (stick / "dir.kpack").mkdir()
    found = find_packs(stick)
    assert [(c.path.relative_to(stick).as_posix(), c.size_bytes) for c in found] == [
        ("a.kpack", 1),
        ("kiosk-packs/B.KPACK", 2),
    ]
    assert find_packs(tmp_path / "pulled-out") == []


def test_copy_then_verify_the_copy(tmp_path: Path, packs, library, policy) -> None:
    stick_pack = packs.honest()
    seen: list[tuple[int, int]] = []
    copy = copy_to_internal(
        stick_pack,
        tmp_path / "incoming",
        progress=lambda d, t: seen.append((d, t)),
        chunk_bytes=256,
    )
    assert copy.read_bytes() == stick_pack.read_bytes()
    assert seen[-1] == (stick_pack.stat().st_size,) * 2
    stick_pack.write_bytes(b"changed on the stick after the copy")
    assert install_kpack(copy, library, packs.trust, policy).version == 1


def test_stick_pulled_mid_copy(tmp_path: Path, packs) -> None:
    """The file shrinks under the reader (what a vanishing block device looks like to read())."""
    src = tmp_path / "stick.kpack"
    src.write_bytes(os.urandom(64 * 1024))
    incoming = tmp_path / "incoming"

    def pull(done: int, total: int) -> None:
        if done >= 16 * 1024:
            os.truncate(src, 20 * 1024)

    with pytest.raises(CopyFailed, match="was it removed\\? Nothing was changed") as info:
        copy_to_internal(src, incoming, progress=pull, chunk_bytes=4096)
    assert info.value.kind == FailureKind.STICK_REMOVED
    assert list(incoming.iterdir()) == []


def test_stick_gone_before_copy(tmp_path: Path) -> None:
    with pytest.raises(CopyFailed, match="could not read from the stick"):
        copy_to_internal(tmp_path / "gone.kpack", tmp_path / "incoming")
    assert list((tmp_path / "incoming").iterdir()) == []


def test_read_error_mid_copy(tmp_path: Path) -> None:
    """A directory opened as a file fails on read(): the I/O error path leaves nothing behind."""
    with pytest.raises(CopyFailed, match="could not read from the stick") as info:
        copy_to_internal(tmp_path, tmp_path / "incoming")
    assert info.value.kind == FailureKind.STICK_REMOVED
    assert list((tmp_path / "incoming").iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_kiosk_disk_full_during_copy_is_a_disk_problem(tmp_path: Path) -> None:
    """The child may write at most 64 kB per file: copying 300 kB fails like a full disk,
    which is the kiosk's storage, not the stick."""
    src = tmp_path / "stick.kpack"
    src.write_bytes(os.urandom(300_000))
    incoming = tmp_path / "incoming"
    result = tmp_path / "result.txt"
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
            copy_to_internal(src, incoming)
        except CopyFailed as exc:
            result.write_text(f"{exc.kind}\n{exc.reason}", "utf-8")
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    kind, reason = result.read_text("utf-8").split("\n", 1)
    assert kind == FailureKind.DISK
    assert reason.startswith("stick.kpack: could not copy it to the kiosk (File too large)")
    assert list(incoming.iterdir()) == []


def test_install_from_stick_reports_phases_and_cleans_up(
    tmp_path: Path, packs, library, policy
) -> None:
    phases: list[str] = []
    ref = install_from_stick(
        packs.honest(), tmp_path / "incoming", library, packs.trust, policy,
        progress=lambda phase, done, total: phases.append(phase),
    )  # fmt: skip
    assert ref.version == 1
    assert phases[0] == "copy" and phases[-1] == "install"
    assert list((tmp_path / "incoming").iterdir()) == []


def test_rejected_stick_pack_leaves_nothing(
    tmp_path: Path, packs, installed, policy, unchanged
) -> None:
    check = unchanged(installed)
    stick = packs.honest(version=2)
    stick.write_bytes(stick.read_bytes()[:-10])
    with pytest.raises(PackRejected, match=r"truncated|not a valid") as info:
        install_from_stick(stick, tmp_path / "packs" / "incoming", installed, packs.trust, policy)
    assert info.value.kind == FailureKind.DAMAGED
    assert list((tmp_path / "packs" / "incoming").iterdir()) == []
    check()


def test_a_listed_pack_says_its_title_and_version(tmp_path: Path, packs) -> None:
    """The staff list shows what a pack is, read from its manifest; junk shows as unreadable."""
    stick = tmp_path / "stick"
    stick.mkdir()
    honest = packs.honest(version=3)
    os.replace(honest, stick / "garden.kpack")
    (stick / "junk.kpack").write_bytes(b"not a zip")
    garden, junk = find_packs(stick)
    assert (garden.title_zh, garden.title_en, garden.display_version, garden.version) == (
        "测试", "Test", "v3", 3,
    )  # fmt: skip
    assert (junk.title_en, junk.version) == ("", 0)
