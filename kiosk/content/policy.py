"""Whether a correctly signed pack may be installed here: app version, site kind, freshness."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from kiosk import __version__
from kiosk.content.errors import PackRejected
from kiosk.content.manifest import Manifest, SignedManifest
from kiosk.util.failure_kinds import FailureKind


@dataclass(frozen=True)
class InstallPolicy:
    """``site_kind`` None skips the target check (e.g. verifying on a build machine)."""

    app_version: str = __version__
    site_kind: str | None = None


def version_tuple(text: str) -> tuple[int, ...]:
    parts = tuple(int(p) for p in text.split(".")[:3] if p.isdigit())
    return parts + (0,) * (3 - len(parts))


def check_compatible(manifest: Manifest, policy: InstallPolicy) -> None:
    if version_tuple(manifest.min_app_version) > version_tuple(policy.app_version):
        raise PackRejected(
            f"pack {manifest.id} needs app version {manifest.min_app_version} or newer; "
            f"this kiosk runs {policy.app_version}",
            FailureKind.NOT_FOR_THIS_SITE,
        )
    if policy.site_kind is not None and policy.site_kind not in manifest.targets:
        raise PackRejected(
            f"pack {manifest.id} is for {', '.join(manifest.targets)} sites; this site is a "
            f"{policy.site_kind} ([site] kind in kiosk.toml). Set kind = "
            f'"{manifest.targets[0]}" there if this kiosk is at a {manifest.targets[0]}, or '
            f"rebuild the pack with targets: [{', '.join(sorted({*manifest.targets, policy.site_kind}))}]",
            FailureKind.NOT_FOR_THIS_SITE,
        )


def _release_number(value: object) -> int:
    """A stored release number; 6.0 (written by an older app) reads as 6."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(str(value))
    except ValueError:
        return 0  # unreadable: no release was kept for this pack


def check_fresh(manifest: Manifest, manifest_sha256: str, highest: dict[str, list[object]]) -> None:
    """Refuse a release older than one installed before (rollback attack), or a reused number.

    ``highest`` maps pack id to ``[version, manifest_sha256]`` of the newest ever installed.
    """
    seen = highest.get(manifest.id)
    if seen is None:
        return
    seen_version, seen_sha = _release_number(seen[0]), str(seen[1])
    if manifest.version < seen_version:
        raise PackRejected(
            f"pack {manifest.id} release {manifest.version} is older than release "
            f"{seen_version} installed before; use staff rollback to go back",
            FailureKind.NOT_FOR_THIS_SITE,
        )
    if manifest.version == seen_version and manifest_sha256 != seen_sha:
        raise PackRejected(
            f"pack {manifest.id} release {manifest.version} was already installed with "
            "different contents; a new release needs a higher version",
            FailureKind.NOT_FOR_THIS_SITE,
        )


def check_policy(
    signed: SignedManifest, policy: InstallPolicy, highest: dict[str, list[object]] | None
) -> None:
    """Every policy check on a signed release; ``highest`` None skips the freshness check."""
    check_compatible(signed.manifest, policy)
    if highest is not None:
        check_fresh(signed.manifest, hashlib.sha256(signed.manifest_bytes).hexdigest(), highest)
