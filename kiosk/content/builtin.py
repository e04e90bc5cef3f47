"""The pack bundled with the app, so a kiosk has content even offline on first boot.

Trust model: ``build_scripts/build_builtin_pack.py`` signs ``content/`` with a key made for
that build (or ``KIOSK_BUILTIN_KEY`` for release builds) and bundles only the public key.
That key is trusted for the pack id ``builtin`` and nothing else, so it cannot be used to
push any other pack; no private key is ever committed. Whoever can replace these bundled
files can replace the app's code too, so this adds no new way in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.content.errors import LibraryBusy, LibraryError, PackRejected
from kiosk.content.installer import install_kpack
from kiosk.content.keys import KeyFileError, TrustedKey, TrustStore, load_public_key
from kiosk.content.kpack import MANIFEST_NAME, KpackReader
from kiosk.content.library import Library
from kiosk.content.manifest import parse_manifest
from kiosk.content.policy import InstallPolicy
from kiosk.content.store import PackRef
from kiosk.resources import builtin_dir

BUILTIN_DIR = builtin_dir()
BUILTIN_PACK_NAME = "builtin.kpack"
BUILTIN_PUB_NAME = "builtin.pub.txt"
BUILTIN_PACK_ID = "builtin"


@dataclass(frozen=True)
class BuiltinResult:
    installed: PackRef | None
    message: str


def builtin_trusted_key(bundle_dir: Path = BUILTIN_DIR) -> TrustedKey | None:
    """The bundled public key, trusted only for the built-in pack; None if not bundled."""
    pub = bundle_dir / BUILTIN_PUB_NAME
    if not pub.is_file():
        return None
    try:
        return TrustedKey(load_public_key(pub), frozenset({BUILTIN_PACK_ID}), origin="built-in")
    except KeyFileError:
        return None


def ensure_builtin(
    library: Library, policy: InstallPolicy, bundle_dir: Path = BUILTIN_DIR
) -> BuiltinResult:
    """Install the bundled pack if it is not in the library, or if the bundled release is
    newer than the installed one. It sits below every other pack (layered packs), so it never
    replaces a school's or head office's pack. Never raises for a missing or bad bundle: the
    app then shows the other packs, or an honest "no content" state."""
    pack = bundle_dir / BUILTIN_PACK_NAME
    key = builtin_trusted_key(bundle_dir)
    if not pack.is_file() or key is None:
        return BuiltinResult(None, "no built-in pack is bundled with this app")
    try:
        slot = library.pointer().slot(BUILTIN_PACK_ID)
        if slot is not None:
            active = slot.active
            with KpackReader(pack, library.limits) as reader:
                bundled = parse_manifest(reader.read_small(MANIFEST_NAME), library.limits)
            if bundled.version <= active.version:
                return BuiltinResult(None, "built-in pack is up to date")
        ref = install_kpack(pack, library, TrustStore([key]), policy, wait_seconds=5.0)
    except (PackRejected, LibraryError, LibraryBusy, OSError) as exc:
        return BuiltinResult(None, f"built-in pack not installed: {exc}")
    return BuiltinResult(ref, f"installed built-in pack release {ref.version}")
