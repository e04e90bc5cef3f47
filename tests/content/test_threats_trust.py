"""threats.md, "Trust and freshness": one test per row that applies to a pack file.
Each asserts the reason and that the active pack and its files are unchanged."""

from __future__ import annotations

import base64
import json
import multiprocessing
import threading
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.errors import LibraryBusy, PackRejected
from kiosk.content.installer import install_kpack, verify_kpack
from kiosk.content.keys import TrustedKey, TrustStore
from kiosk.content.kpack import FILES_PREFIX, MANIFEST_NAME, SIGNATURE_NAME
from kiosk.content.library import Library
from kiosk.content.manifest import sign_manifest
from kiosk.content.policy import InstallPolicy
from kiosk.util.failure_kinds import FailureKind

K = FailureKind


def refused(
    lib: Library,
    pack: Path,
    trust: TrustStore,
    policy: InstallPolicy,
    match: str,
    kind: FailureKind,
) -> None:
    """Refused with ``match`` in the English reason and ``kind`` for the staff screens."""
    with pytest.raises(PackRejected, match=match) as info:
        install_kpack(pack, lib, trust, policy)
    assert info.value.kind == kind


def test_file_differs_from_signed_hash(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    files = packs.minimal_files(version=2)
    signed = packs.signed(files, version=2)
    tampered = dict(files, **{"images/pic.svg": files["images/pic.svg"].replace(b"4", b"5")})
    pack = packs.crafted(packs.signed_members(signed, tampered))
    refused(
        installed, pack, packs.trust, policy, r"images/pic.svg: SHA-256 does not match", K.DAMAGED
    )
    check()


def test_unknown_key(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    files = packs.minimal_files(version=2)
    stranger = sign_manifest(packs.make_manifest(files, version=2), Ed25519PrivateKey.generate())
    pack = packs.crafted(packs.signed_members(stranger, files))
    refused(
        installed, pack, packs.trust, policy, r"signed by unknown key [0-9a-f]{16}", K.UNTRUSTED
    )
    check()


def test_not_signed(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    files = packs.minimal_files(version=2)
    members = [
        m
        for m in packs.signed_members(packs.signed(files, version=2), files)
        if m[0] != SIGNATURE_NAME
    ]
    refused(
        installed, packs.crafted(members), packs.trust, policy, "pack is not signed", K.UNTRUSTED
    )
    check()


def test_manifest_edited_after_signing(installed, packs, policy, unchanged) -> None:
    """A forger raises the version in a validly signed manifest: the signature no longer fits."""
    check = unchanged(installed)
    files = packs.minimal_files()
    signed = packs.signed(files, version=1)
    forged = signed.manifest_bytes.replace(b'"version":1', b'"version":9')
    members = [(MANIFEST_NAME, forged), (SIGNATURE_NAME, signed.signature_bytes)]
    members += [(FILES_PREFIX + p, b) for p, b in files.items()]
    refused(installed, packs.crafted(members), packs.trust, policy, "bad signature", K.UNTRUSTED)
    check()


def test_signature_from_key_scoped_to_another_pack(installed, packs, policy, unchanged) -> None:
    """The built-in pack's key signs only the built-in pack."""
    check = unchanged(installed)
    scoped_key = Ed25519PrivateKey.generate()
    trust = TrustStore(
        [
            TrustedKey(packs.key.public_key()),
            TrustedKey(scoped_key.public_key(), frozenset({"builtin"})),
        ]
    )
    files = packs.minimal_files(version=2)
    pack = packs.crafted(
        packs.signed_members(
            sign_manifest(packs.make_manifest(files, version=2), scoped_key), files
        )
    )
    refused(installed, pack, trust, policy, "is not trusted for pack 'test-pack'", K.UNTRUSTED)
    check()


def test_older_release_is_rollback_attack(installed, packs, policy, unchanged) -> None:
    install_kpack(packs.honest(version=3), installed, packs.trust, policy)
    check = unchanged(installed)
    refused(
        installed,
        packs.honest(version=2),
        packs.trust,
        policy,
        "release 2 is older than release 3",
        K.NOT_FOR_THIS_SITE,
    )
    check()
    # ... even after staff rolled back to release 1, release 2 stays refused.
    installed.rollback()
    check = unchanged(installed)
    refused(
        installed,
        packs.honest(version=2),
        packs.trust,
        policy,
        "older than release 3",
        K.NOT_FOR_THIS_SITE,
    )
    check()


def test_reused_release_number_with_other_contents(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    files = packs.minimal_files(extra=b"changed")
    refused(
        installed,
        packs.honest(files),
        packs.trust,
        policy,
        "already installed with different contents",
        K.NOT_FOR_THIS_SITE,
    )
    check()


def test_pack_for_newer_app_version(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    pack = packs.honest(packs.minimal_files(version=2), version=2, min_app_version="99.0")
    refused(
        installed, pack, packs.trust, policy, "needs app version 99.0 or newer", K.NOT_FOR_THIS_SITE
    )
    check()


def test_pack_for_other_site_kind(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    pack = packs.honest(packs.minimal_files(version=2), version=2, targets=("store",))
    refused(
        installed,
        pack,
        packs.trust,
        policy,
        "is for store sites; this site is a school",
        K.NOT_FOR_THIS_SITE,
    )
    check()


def _hold_lock(root: str, ready, release) -> None:  # runs in a child process
    with Library(Path(root)).locked():
        ready.set()
        release.wait(30)


def test_two_installers_at_once(installed, packs, policy, unchanged) -> None:
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(installed.root), ready, release))
    holder.start()
    try:
        assert ready.wait(30)
        check = unchanged(installed)
        with pytest.raises(LibraryBusy, match="another pack install is running") as info:
            install_kpack(packs.honest(version=2), installed, packs.trust, policy)
        assert info.value.kind == K.BUSY
        check()
    finally:
        release.set()
        holder.join(30)
    install_kpack(packs.honest(version=2), installed, packs.trust, policy)  # lock released
    assert installed.pointer().active.version == 2


def test_installer_lock_excludes_threads_too(installed, packs, policy) -> None:
    """flock is per open file, so a second installer in the same process is refused as well."""
    got: list[BaseException] = []
    pack = packs.honest(version=2)

    def second() -> None:
        try:
            install_kpack(pack, installed, packs.trust, policy)
        except LibraryBusy as exc:
            got.append(exc)

    with installed.locked():
        t = threading.Thread(target=second)
        t.start()
        t.join(30)
    assert len(got) == 1


def test_verify_alone_checks_the_same(packs, policy) -> None:
    files = packs.minimal_files()
    signed = packs.signed(files)
    bad_sig = json.loads(signed.signature_bytes)
    bad_sig["signature"] = base64.b64encode(b"\0" * 64).decode()
    members = [
        (MANIFEST_NAME, signed.manifest_bytes),
        (SIGNATURE_NAME, json.dumps(bad_sig).encode()),
    ]
    members += [(FILES_PREFIX + p, b) for p, b in files.items()]
    with pytest.raises(PackRejected, match="bad signature"):
        verify_kpack(packs.crafted(members), packs.trust, policy)
    assert verify_kpack(packs.honest(), packs.trust, policy).manifest.id == "test-pack"


def test_a_trusted_content_key_cannot_take_over_the_builtin_id(
    installed, packs, policy, unchanged
) -> None:
    """Any trusted key could sign pack id 'builtin' release 99, after which the real built-in
    pack was refused as older. 'builtin' is reserved for the key scoped to it."""
    check = unchanged(installed)
    refused(
        installed,
        packs.honest(pack_id="builtin", version=99),
        packs.trust,
        policy,
        "reserved for the kiosk's built-in content",
        K.UNTRUSTED,
    )
    check()
    scoped = TrustStore([TrustedKey(packs.key.public_key(), frozenset({"builtin"}))])
    install_kpack(packs.honest(pack_id="builtin", version=99), installed, scoped, policy)
