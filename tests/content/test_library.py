"""The installed library: start/mark-good/fallback, rollback, garbage collection, leftovers of
killed installs, and the step-by-step API the network sync client uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.active import start_content
from kiosk.content.errors import LibraryError, PackRejected
from kiosk.content.installer import install_kpack
from kiosk.content.library import Library
from kiosk.content.manifest import verify_signed_manifest
from kiosk.content.store import POINTER_NAME
from kiosk.util.failure_kinds import FailureKind


def test_new_release_is_pending_until_marked_good(installed: Library, packs, policy) -> None:
    assert installed.pointer().status == "pending"
    assert [r.version for r in installed.start()] == [1]
    assert installed.pointer().status == "trying"
    installed.mark_good()
    assert installed.pointer().status == "good"
    assert [r.version for r in installed.start()] == [1]
    assert installed.pointer().status == "good"


def test_release_never_marked_good_falls_back_at_next_start(
    installed: Library, packs, policy
) -> None:
    installed.start()
    installed.mark_good()
    install_kpack(packs.honest(version=2), installed, packs.trust, policy)
    assert [r.version for r in installed.start()] == [2]
    # ... the app crashes before mark_good(); at the next start:
    [ref] = installed.start()
    assert ref.version == 1
    ptr = installed.pointer()
    assert ptr.status == "good" and ptr.previous is None
    assert ptr.last_failed is not None and ptr.last_failed.version == 2
    installed.load(ref, deep=True)
    # staff may try the same signed release again (e.g. after fixing the app)
    install_kpack(packs.honest(version=2), installed, packs.trust, policy)


def test_first_release_with_nothing_to_fall_back_to_is_kept_through_restarts(
    installed: Library,
) -> None:
    """A kiosk restarted (power cut, crash loop) before it could show its only pack must not
    end up with no content at all: with no previous release there is nothing better."""
    for _ in range(3):
        [ref] = installed.start()  # ... and the app stops before mark_good()
        assert ref.version == 1
    assert installed.pointer().status == "trying"
    installed.load(ref, deep=True)


def test_start_content_falls_back_past_a_damaged_release(installed: Library, packs, policy) -> None:
    installed.start()
    installed.mark_good()
    install_kpack(packs.honest(version=2), installed, packs.trust, policy)
    active = installed.load_active()
    assert active is not None
    own = next(f for f in active.manifest.files if f.path == "pack.yaml")  # not shared with 1
    installed.object_path(own.sha256).unlink()  # e.g. a disk fault
    result = start_content(installed)
    assert result.content is not None and result.content.ref.version == 1
    assert "pack.yaml is missing" in result.problem


def test_no_content_is_an_honest_state(library: Library) -> None:
    result = start_content(library)
    assert result.content is None
    assert result.problem == "no content pack installed"


def test_damaged_pointer_reports_instead_of_crashing(installed: Library) -> None:
    (installed.root / POINTER_NAME).write_text("{not json")
    result = start_content(installed)
    assert result.content is None and "damaged pointer file" in result.problem


def test_rollback_swaps_with_the_kept_previous(installed: Library, packs, policy) -> None:
    with pytest.raises(LibraryError, match="no previous release") as info:
        installed.rollback()
    assert info.value.kind == FailureKind.NO_PACK
    install_kpack(packs.honest(version=2), installed, packs.trust, policy)
    assert installed.rollback().version == 1
    assert installed.pointer().previous.version == 2  # type: ignore[union-attr]
    assert installed.pointer().status == "good"


def test_garbage_collection_keeps_active_and_previous_only(
    installed: Library, packs, policy
) -> None:
    def all_refs() -> set[str]:
        ptr = installed.pointer()
        keep: set[str] = set()
        for ref in (ptr.active, ptr.previous):
            if ref:
                keep |= {ref.manifest_sha256, ref.signature_sha256}
                keep |= {f.sha256 for f in installed.load(ref).manifest.files}
        return keep

    for v in (2, 3, 4):
        files = packs.minimal_files(version=v, extra=bytes([v]))
        install_kpack(packs.honest(files, version=v), installed, packs.trust, policy)
        assert set(installed.objects.all_objects()) == all_refs()
    assert len(set(installed.objects.all_objects())) == 2 * 2 + 2 * 2 + 1  # shared story


def test_identical_files_are_stored_once(installed: Library, packs, policy) -> None:
    before = set(installed.objects.all_objects())
    files = packs.minimal_files(version=2)  # only pack.yaml differs from release 1
    install_kpack(packs.honest(files, version=2), installed, packs.trust, policy)
    added = set(installed.objects.all_objects()) - before
    assert len(added) == 3  # pack.yaml, manifest, signature


def test_leftovers_of_a_killed_install_are_cleaned(installed: Library, packs, policy) -> None:
    stale = installed.root / "staging" / "deadbeef"
    stale.mkdir(parents=True)
    (stale / "half-written").write_bytes(b"x" * 100)
    install_kpack(packs.honest(version=2), installed, packs.trust, policy)
    assert not (installed.root / "staging").exists()


def test_a_pointer_write_killed_midway_leaves_no_temp_file_after_the_next_start(
    installed: Library,
) -> None:
    """A kill during the pointer's atomic write left ``.pointer.json.*.tmp`` for good."""
    import subprocess
    import sys

    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from kiosk.util.atomic import atomic_writer\n"
        "with atomic_writer(Path(sys.argv[1]) / 'pointer.json') as fh:\n"
        '    fh.write(b\'{"format": 2, "pa\')\n'
        "    fh.flush()\n"
        "    os._exit(9)  # killed before the rename: no cleanup runs\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(installed.root)], check=False)
    assert killed.returncode == 9
    assert list(installed.root.glob(f".{POINTER_NAME}.*.tmp"))
    before = installed.pointer()
    result = start_content(installed)  # what the app does when it opens the library
    assert result.content is not None
    assert installed.pointer().packs.keys() == before.packs.keys()
    assert not list(installed.root.glob(f".{POINTER_NAME}.*.tmp"))


def test_sync_style_install_object_by_object(installed: Library, packs, policy) -> None:
    """What the network client does: verify the manifest, fetch missing objects one by one
    (here in odd chunk sizes), then activate through the same path as a .kpack install."""
    files = packs.minimal_files(version=2, extra=b"net")
    signed = packs.signed(files, version=2)
    checked = verify_signed_manifest(
        signed.manifest_bytes, signed.signature_bytes, packs.trust, installed.limits
    )
    fetched: list[str] = []
    with installed.transaction() as txn:
        txn.check(checked, policy)
        for entry in checked.manifest.files:
            if txn.has(entry):
                continue
            data = files[entry.path]
            fetched.append(entry.path)
            txn.put_object(entry, (data[i : i + 7] for i in range(0, len(data), 7)))
        ref = txn.activate(checked, policy)
    assert fetched == ["images/pic.svg", "pack.yaml"]  # the story is already in the store
    assert installed.load(ref, deep=True).manifest.version == 2


def test_sync_style_bad_object_and_incomplete_release(
    installed: Library, packs, policy, unchanged
) -> None:
    check = unchanged(installed)
    files = packs.minimal_files(version=2, extra=b"net")
    signed = packs.signed(files, version=2)
    entry = next(e for e in signed.manifest.files if e.path == "images/pic.svg")
    with (
        pytest.raises(PackRejected, match="more data than") as info,
        installed.transaction() as txn,
    ):
        txn.put_object(entry, [files["images/pic.svg"], b"endless response"])
    assert info.value.kind == FailureKind.DAMAGED
    with (
        pytest.raises(PackRejected, match="not received; release incomplete") as info,
        installed.transaction() as txn,
    ):
        txn.activate(signed, policy)
    assert info.value.kind == FailureKind.DAMAGED
    check()


def test_library_in_unwritable_place_reports_cleanly(tmp_path: Path, packs, policy) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        install_kpack(packs.honest(), Library(blocker / "library"), packs.trust, policy)
