"""Build the built-in content pack from ``content/`` and bundle it inside the package.

    .venv/bin/python build_scripts/build_builtin_pack.py [--content DIR] [--out-dir DIR]

Writes ``kiosk/content/builtin/builtin.kpack``, ``builtin.pub.txt`` and a copy of the pack's
``equivalents.yaml`` (the comparisons shown when another pack has none; all gitignored build
artifacts). The wheel build (``setup.py``) and ``dev.sh setup`` both run it. Signing key: the private key file named by ``KIOSK_BUILTIN_KEY`` (release builds
that want a stable key), otherwise a fresh key generated in memory for this build and thrown
away afterwards. Either way only the public key is bundled, and kiosks trust it for the pack
id ``builtin`` only (see kiosk/content/builtin.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.builder import build_pack
from kiosk.content.builtin import BUILTIN_DIR, BUILTIN_PACK_ID, BUILTIN_PACK_NAME, BUILTIN_PUB_NAME
from kiosk.content.errors import PackRejected
from kiosk.content.keys import KeyFileError, load_private_key, public_text
from kiosk.content.source_doc import DocumentError
from kiosk.util.atomic import atomic_write_text

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=REPO / "content")
    parser.add_argument("--out-dir", type=Path, default=BUILTIN_DIR)
    args = parser.parse_args(argv)
    key_file = os.environ.get("KIOSK_BUILTIN_KEY")
    try:
        key = load_private_key(Path(key_file)) if key_file else Ed25519PrivateKey.generate()
        args.out_dir.mkdir(parents=True, exist_ok=True)
        out = args.out_dir / BUILTIN_PACK_NAME
        signed = build_pack(args.content, key, out)
    except (KeyFileError, DocumentError, PackRejected, OSError) as exc:
        print(f"build_builtin_pack: {exc}", file=sys.stderr)
        return 1
    if signed.manifest.id != BUILTIN_PACK_ID:
        out.unlink()
        print(
            f"build_builtin_pack: content/pack.yaml id must be {BUILTIN_PACK_ID!r}", file=sys.stderr
        )
        return 1
    equivalents = args.content / "equivalents.yaml"
    if equivalents.is_file():
        atomic_write_text(args.out_dir / "equivalents.yaml", equivalents.read_text("utf-8"))
    comment = "# Public key of the built-in pack; trusted for pack id 'builtin' only.\n"
    atomic_write_text(
        args.out_dir / BUILTIN_PUB_NAME, comment + public_text(key.public_key()) + "\n"
    )
    m = signed.manifest
    print(
        f"built {out}: release {m.version} ({m.display_version}), {len(m.files)} files, {m.total_bytes} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
