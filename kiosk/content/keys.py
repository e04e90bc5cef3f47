"""Ed25519 signing keys: generation, files on disk, and the set of keys a kiosk trusts.

Private keys are PKCS#8 PEM (mode 0600). Public keys are one line of base64 (the raw 32 bytes),
so the same text works as a ``signing.pub`` file or pasted into ``content.trusted_keys``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.content.errors import PackRejected
from kiosk.util.atomic import atomic_write_bytes
from kiosk.util.failure_kinds import FailureKind

PRIVATE_KEY_NAME = "signing.key"
PUBLIC_KEY_NAME = "signing.pub"


class KeyFileError(Exception):
    """A key file or key text could not be read."""


def key_id(public_key: Ed25519PublicKey) -> str:
    """Short stable name of a public key: first 16 hex digits of SHA-256 of the raw bytes."""
    return hashlib.sha256(public_raw(public_key)).hexdigest()[:16]


def public_raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_text(public_key: Ed25519PublicKey) -> str:
    return base64.b64encode(public_raw(public_key)).decode("ascii")


def generate_keypair(out_dir: Path) -> tuple[Path, Path]:
    """Write ``signing.key`` (0600) and ``signing.pub`` into ``out_dir``; refuse to overwrite."""
    out_dir = Path(out_dir)
    priv_path, pub_path = out_dir / PRIVATE_KEY_NAME, out_dir / PUBLIC_KEY_NAME
    for p in (priv_path, pub_path):
        if p.exists():
            raise KeyFileError(f"{p} already exists; refusing to overwrite a key")
    out_dir.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    atomic_write_bytes(priv_path, pem, mode=0o600)
    atomic_write_bytes(pub_path, (public_text(private.public_key()) + "\n").encode("ascii"))
    return priv_path, pub_path


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read key: {exc.strerror}") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(f"{path}: not an unencrypted PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path}: not an Ed25519 key")
    if os.name != "nt" and Path(path).stat().st_mode & 0o077:
        raise KeyFileError(f"{path}: private key is readable by others; run chmod 600 on it")
    return key


def parse_public_key(text: str, where: str) -> Ed25519PublicKey:
    """A public key from its base64 line (comment lines starting with '#' are ignored)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    if len(lines) != 1:
        raise KeyFileError(f"{where}: expected one line of base64 public key")
    try:
        raw = base64.b64decode(lines[0], validate=True)
    except (binascii.Error, ValueError):
        raise KeyFileError(f"{where}: public key is not valid base64") from None
    if len(raw) != 32:
        raise KeyFileError(f"{where}: public key must be 32 bytes, got {len(raw)}")
    return Ed25519PublicKey.from_public_bytes(raw)


def load_public_key(spec: str | Path) -> Ed25519PublicKey:
    """A key from a file path, or from base64 text (as in ``content.trusted_keys``).

    Base64 may contain '/', so text is taken as a key unless a file of that name exists.
    """
    path = Path(spec)
    if isinstance(spec, str) and not path.is_file():
        try:
            return parse_public_key(spec, "trusted key")
        except KeyFileError:
            if not spec.endswith(".pub") and os.sep not in spec:
                raise
    try:
        return parse_public_key(path.read_text("utf-8"), str(path))
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read public key: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise KeyFileError(f"{path}: public key file is not text") from None


@dataclass(frozen=True)
class TrustedKey:
    """A public key and the pack ids it may sign (``None`` = any pack)."""

    public_key: Ed25519PublicKey
    pack_ids: frozenset[str] | None = None

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)


class TrustStore:
    """The keys this kiosk accepts signatures from."""

    def __init__(self, keys: Iterable[TrustedKey] = ()) -> None:
        self._keys: dict[str, TrustedKey] = {}
        for k in keys:
            self.add(k)

    def add(self, key: TrustedKey) -> None:
        self._keys[key.key_id] = key

    def __len__(self) -> int:
        return len(self._keys)

    def check(self, message: bytes, signature: bytes, signer_key_id: str, pack_id: str) -> None:
        """Verify ``signature`` over ``message`` by key ``signer_key_id`` for ``pack_id``."""
        key = self._keys.get(signer_key_id)
        if key is None:
            raise PackRejected(
                f"signed by unknown key {signer_key_id}; not in the trusted keys",
                FailureKind.UNTRUSTED,
            )
        if key.pack_ids is not None and pack_id not in key.pack_ids:
            raise PackRejected(
                f"key {signer_key_id} is not trusted for pack {pack_id!r}", FailureKind.UNTRUSTED
            )
        try:
            key.public_key.verify(signature, message)
        except InvalidSignature:
            raise PackRejected(
                f"bad signature: manifest not signed by key {signer_key_id}", FailureKind.UNTRUSTED
            ) from None
