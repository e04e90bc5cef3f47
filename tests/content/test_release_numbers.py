"""A release number written as 6.0 (threats: "version: 6.0 blocks every later install"):
refused with a plain reason wherever it comes in (pack.yaml, a signed manifest), and a
library whose state already holds one keeps working."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_threats_trust import refused

from kiosk.content.builder import build_pack
from kiosk.content.installer import install_kpack
from kiosk.content.manifest import sign_manifest
from kiosk.content.source_doc import DocumentError
from kiosk.util.failure_kinds import FailureKind


def test_pack_yaml_with_a_fractional_version_is_refused_at_build(source_dir: Path, packs) -> None:
    path = source_dir / "pack.yaml"
    path.write_text(path.read_text("utf-8").replace("version: 1", "version: 6.0"), "utf-8")
    with pytest.raises(
        DocumentError, match=r"pack.yaml:4: version: version must be a whole number, got 6.0"
    ):
        build_pack(source_dir, packs.key, packs.path())


def test_a_signed_manifest_with_version_6_0_is_refused_and_later_installs_work(
    installed, packs, policy, unchanged
) -> None:
    check = unchanged(installed)
    files = packs.minimal_files(version=6)
    manifest = packs.make_manifest(files, version=6)
    bad = packs.crafted(
        packs.signed_members(sign_manifest(_with_version(manifest, 6.0), packs.key), files)
    )
    refused(
        installed, bad, packs.trust, policy, "is not of type 'integer'", FailureKind.INVALID_PACK
    )
    check()
    install_kpack(packs.honest(version=6), installed, packs.trust, policy)  # still installs


def test_a_state_file_that_holds_6_0_does_not_block_installs(installed, packs, policy) -> None:
    """As an older app could have written it: the next release installs, no hand edit."""
    install_kpack(packs.honest(version=6), installed, packs.trust, policy)
    [pointer] = installed.root.rglob("pointer.json")
    state = json.loads(pointer.read_text("utf-8"))
    state["highest"]["test-pack"][0] = 6.0
    state["packs"]["test-pack"]["active"]["version"] = 6.0
    pointer.write_text(json.dumps(state), "utf-8")
    install_kpack(packs.honest(version=7), installed, packs.trust, policy)


def _with_version(manifest, version: object):
    import dataclasses

    return dataclasses.replace(manifest, version=version)
