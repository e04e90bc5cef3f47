"""Announcements in a pack: read when the pack loads, shown by time, urgent first; an
announcement whose pack is not signed right is refused with the reason."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import Packs, minimal_files, signed_members
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.active import load_content
from kiosk.content.announcements import current, next_change, parse_moment
from kiosk.content.errors import PackRejected
from kiosk.content.installer import install_kpack
from kiosk.content.kpack import FILES_PREFIX, MANIFEST_NAME, SIGNATURE_NAME
from kiosk.content.library import Library
from kiosk.content.manifest import sign_manifest
from kiosk.content.policy import InstallPolicy

ANNOUNCEMENTS = """\
announcements:
  - id: closes-early
    text: {zh: 今天展区 18:00 提前关闭, en: The exhibit closes at 18:00 today}
    from: "2026-12-24 08:00"
    until: "2026-12-24 18:00"
  - id: water-off
    text: {zh: 饮水机维修中, en: The water fountain is being repaired}
    from: "2026-12-24 12:00"
    until: "2026-12-25"
    priority: urgent
"""


def files_with_announcements(text: str = ANNOUNCEMENTS) -> dict[str, bytes]:
    return {**minimal_files(), "announcements.yaml": text.encode()}


def test_a_packs_announcements_show_at_their_times_urgent_first(
    library: Library, packs: Packs, policy: InstallPolicy
) -> None:
    ref = install_kpack(packs.honest(files_with_announcements()), library, packs.trust, policy)
    content = load_content(library, library.load(ref))
    assert {a.id for a in content.announcements} == {"closes-early", "water-off"}
    assert all(a.origin == "pack test-pack" for a in content.announcements)
    at = datetime.fromisoformat
    assert current(content.announcements, at("2026-12-24 07:59")) == ()
    (early,) = current(content.announcements, at("2026-12-24 08:00"))
    assert (early.text_zh, early.text_en) == (
        "今天展区 18:00 提前关闭",
        "The exhibit closes at 18:00 today",
    )
    both = current(content.announcements, at("2026-12-24 13:00"))
    assert [a.id for a in both] == ["water-off", "closes-early"]  # urgent first
    assert [a.id for a in current(content.announcements, at("2026-12-24 18:00"))] == ["water-off"]
    assert next_change(content.announcements, at("2026-12-24 18:00")) == at("2026-12-26 00:00")
    assert len(current(content.announcements, at("2026-12-25 23:59"))) == 1  # a date: to its end
    assert current(content.announcements, at("2026-12-26 00:00")) == ()


def test_an_announcement_changed_after_signing_is_refused(
    library: Library, packs: Packs, policy: InstallPolicy
) -> None:
    files = files_with_announcements()
    signed = packs.signed(files)
    forged = dict(files, **{"announcements.yaml": files["announcements.yaml"].replace(
        "18:00 提前关闭".encode(), "12:00 提前关闭".encode())})  # fmt: skip
    with pytest.raises(
        PackRejected, match=r"announcements\.yaml: SHA-256 does not match the signed manifest"
    ):
        install_kpack(packs.crafted(signed_members(signed, forged)), library, packs.trust, policy)
    assert list(library.pointer().refs()) == []


def test_an_announcement_with_a_bad_signature_is_refused(
    library: Library, packs: Packs, policy: InstallPolicy
) -> None:
    """A signature that does not fit its manifest (one made for another manifest), and one
    by a key of the forger's own: both refused, and the reason says why."""
    files = files_with_announcements()
    honest = packs.signed(files)
    other = packs.signed(files, version=2)
    members = [(MANIFEST_NAME, honest.manifest_bytes), (SIGNATURE_NAME, other.signature_bytes)]
    members += [(FILES_PREFIX + p, b) for p, b in sorted(files.items())]
    with pytest.raises(PackRejected, match="bad signature"):
        install_kpack(packs.crafted(members), library, packs.trust, policy)
    forged = sign_manifest(honest.manifest, Ed25519PrivateKey.generate())
    members = [(MANIFEST_NAME, honest.manifest_bytes), (SIGNATURE_NAME, forged.signature_bytes)]
    members += [(FILES_PREFIX + p, b) for p, b in sorted(files.items())]
    with pytest.raises(PackRejected) as info:
        install_kpack(packs.crafted(members), library, packs.trust, policy)
    assert "not in the trusted keys" in info.value.reason
    assert list(library.pointer().refs()) == []


def test_an_announcement_that_ends_before_it_starts_is_refused(
    library: Library, packs: Packs, policy: InstallPolicy
) -> None:
    text = ANNOUNCEMENTS.replace('until: "2026-12-24 18:00"', 'until: "2026-12-24 07:00"')
    ref = install_kpack(packs.honest(files_with_announcements(text)), library, packs.trust, policy)
    with pytest.raises(Exception, match="'closes-early' ends before it starts"):
        load_content(library, library.load(ref))


def test_times_in_words() -> None:
    assert parse_moment("2026-12-24", end=True) == datetime(2026, 12, 25)
    with pytest.raises(ValueError, match="is not a time"):
        parse_moment("2026-12-24 25:00", end=False)
