"""Key files and key text as they appear in kiosk.toml."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.keys import (
    KeyFileError,
    generate_keypair,
    key_id,
    load_private_key,
    load_public_key,
    public_raw,
)


def test_keypair_files_and_text_forms(tmp_path: Path) -> None:
    priv_path, pub_path, _ = generate_keypair(tmp_path / "k")
    private = load_private_key(priv_path)
    from_file = load_public_key(str(pub_path))
    from_text = load_public_key(pub_path.read_text().strip())
    assert key_id(from_file) == key_id(from_text) == key_id(private.public_key())


def test_base64_with_slashes_is_key_text_not_a_path() -> None:
    while True:  # find a key whose base64 contains '/'
        pub = Ed25519PrivateKey.generate().public_key()
        text = base64.b64encode(public_raw(pub)).decode()
        if "/" in text:
            break
    assert key_id(load_public_key(text)) == key_id(pub)


def test_bad_keys_are_named(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match="must be 32 bytes"):
        load_public_key("AAAA")
    with pytest.raises(KeyFileError, match="cannot read public key"):
        load_public_key(str(tmp_path / "missing.pub"))
    priv, _, _ = generate_keypair(tmp_path / "k")
    os.chmod(priv, 0o644)
    with pytest.raises(KeyFileError, match="readable by others"):
        load_private_key(priv)
    (tmp_path / "junk.key").write_text("-----BEGIN PRIVATE KEY-----\nxx\n")
    with pytest.raises(KeyFileError, match="not an unencrypted PEM private key"):
        load_private_key(tmp_path / "junk.key")
