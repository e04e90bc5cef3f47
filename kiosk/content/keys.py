"""Ed25519 signing keys: generation, files on disk, and the set of keys a kiosk trusts.

Private keys are PKCS#8 PEM (mode 0600). Public keys are one line of base64 (the raw 32 bytes),
so the same text works as a ``signing.pub`` file or pasted into ``content.trusted_keys``.
Both files start with ``#`` comment lines recording the key's purpose (pack or channel) and its
key id, so a pack key cannot be used to sign a channel index by mistake, nor the other way round.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.content.errors import PackRejected
from kiosk.util.atomic import atomic_write_bytes
from kiosk.util.failure_kinds import FailureKind

PRIVATE_KEY_NAME = "signing.key"
PUBLIC_KEY_NAME = "signing.pub"


class KeyPurpose(StrEnum):
    """What a key signs. A key file records it, so the two jobs cannot be mixed up."""

    PACK = "pack"
    CHANNEL = "channel"


#: File names ``keygen`` writes for each purpose (private, public).
KEY_FILE_NAMES = {
    KeyPurpose.PACK: (PRIVATE_KEY_NAME, PUBLIC_KEY_NAME),
    KeyPurpose.CHANNEL: ("channel.key", "channel.pub"),
}
#: Where a kiosk lists the public key of each purpose.
CONFIG_LIST = {
    KeyPurpose.PACK: "[content] trusted_keys",
    KeyPurpose.CHANNEL: "[channel] trusted_keys",
}
_PURPOSE_LINE = "# purpose: "
_MAKE = {
    KeyPurpose.PACK: "kiosk pack build",
    KeyPurpose.CHANNEL: "kiosk channel publish/refresh",
}


#: Pack ids only a key scoped to them may sign: a trusted content key (scoped to no pack) that
#: signed "builtin" release 99 would make the real built-in pack look older, for good.
RESERVED_PACK_IDS = frozenset({"builtin"})


class KeyFileError(Exception):
    """A key file or key text could not be read."""


def key_id(public_key: Ed25519PublicKey) -> str:
    """Short stable name of a public key: first 16 hex digits of SHA-256 of the raw bytes."""
    return hashlib.sha256(public_raw(public_key)).hexdigest()[:16]


def public_raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_text(public_key: Ed25519PublicKey) -> str:
    return base64.b64encode(public_raw(public_key)).decode("ascii")


@dataclass(frozen=True)
class SigningKey:
    """A private key read from a file, with the purpose the file records (None: an older
    key file made before keys had a purpose; it is accepted for either job)."""

    private_key: Ed25519PrivateKey
    purpose: KeyPurpose | None
    path: Path

    @property
    def key_id(self) -> str:
        return key_id(self.private_key.public_key())

    def describe(self) -> str:
        kind = f"{self.purpose} key" if self.purpose else "key"
        return f"{kind} {self.key_id} from {self.path}"

    def require(self, purpose: KeyPurpose) -> None:
        """Refuse a key made for the other job, naming both and the command to make the right one."""
        if self.purpose is None or self.purpose == purpose:
            return
        raise KeyFileError(
            f"{self.path} is a {self.purpose} key (key id {self.key_id}); {_MAKE[purpose]} "
            f"needs a {purpose} key: make one with kiosk keygen --for {purpose} --out DIR"
        )

    def require_trusted(self, expected: Iterable[str], source: str) -> None:
        """Refuse a key whose id is not in ``expected`` (the ids kiosks trust, from ``source``)."""
        ids = sorted(set(expected))
        if ids and self.key_id not in ids:
            raise KeyFileError(
                f"{self.path} is key {self.key_id}, but {source} expects {', '.join(ids)}; "
                "kiosks would refuse what it signs: use the matching key file"
            )


def _header(purpose: KeyPurpose, kid: str, private: bool) -> str:
    job = "a pack's manifest" if purpose is KeyPurpose.PACK else "the channel index"
    half = "PRIVATE: keep it secret, never copy it to a kiosk" if private else "public"
    return (
        f"# Green Space Kiosk {purpose} key ({half}); signs {job}\n"
        f"# key id: {kid}\n{_PURPOSE_LINE}{purpose}\n"
    )


def generate_keypair(
    out_dir: Path, purpose: KeyPurpose = KeyPurpose.PACK
) -> tuple[Path, Path, str]:
    """Write the key pair for ``purpose`` into ``out_dir`` (private 0600); refuse to overwrite.

    Returns the private and public file and the key id. Both files start with comment lines
    naming the purpose and key id."""
    out_dir = Path(out_dir)
    priv_name, pub_name = KEY_FILE_NAMES[purpose]
    priv_path, pub_path = out_dir / priv_name, out_dir / pub_name
    for p in (priv_path, pub_path):
        if p.exists():
            raise KeyFileError(f"{p} already exists; refusing to overwrite a key")
    out_dir.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    kid = key_id(private.public_key())
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    atomic_write_bytes(priv_path, _header(purpose, kid, True).encode("ascii") + pem, mode=0o600)
    pub = _header(purpose, kid, False) + public_text(private.public_key()) + "\n"
    atomic_write_bytes(pub_path, pub.encode("ascii"))
    return priv_path, pub_path, kid


def _purpose_of(text: str, where: Path) -> KeyPurpose | None:
    for line in text.splitlines():
        if line.startswith(_PURPOSE_LINE):
            value = line[len(_PURPOSE_LINE) :].strip()
            try:
                return KeyPurpose(value)
            except ValueError:
                raise KeyFileError(f"{where}: unknown key purpose {value!r}") from None
    return None


def load_signing_key(path: Path, purpose: KeyPurpose | None = None) -> SigningKey:
    """A private key file, with its recorded purpose; refused if made for another ``purpose``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read key: {exc.strerror}") from None
    text = data.decode("utf-8", "replace")
    if b"PRIVATE KEY-----" not in data:
        try:
            kid = key_id(parse_public_key(text, str(path)))
        except KeyFileError:
            raise KeyFileError(
                f"{path}: not a private key file (signing.key or channel.key)"
            ) from None
        raise KeyFileError(
            f"{path} is a public key (key id {kid}); --key needs the private key file "
            "(.key) next to it"
        )
    pem = data[data.index(b"-----BEGIN") :] if b"-----BEGIN" in data else data
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        raise KeyFileError(f"{path}: not an unencrypted PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path}: not an Ed25519 key")
    if os.name != "nt" and path.stat().st_mode & 0o077:
        raise KeyFileError(f"{path}: private key is readable by others; run chmod 600 on it")
    signing = SigningKey(key, _purpose_of(text.split("-----BEGIN")[0], path), path)
    if purpose is not None:
        signing.require(purpose)
    return signing


def load_private_key(path: Path) -> Ed25519PrivateKey:
    return load_signing_key(path).private_key


def public_key_purpose(path: Path) -> KeyPurpose | None:
    """The purpose a ``.pub`` file records (None: older file, base64 text or unreadable)."""
    try:
        return _purpose_of(Path(path).read_text("utf-8"), Path(path))
    except (OSError, UnicodeDecodeError, KeyFileError):
        return None


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
    #: where it came from, for messages: a file path, "built-in", or "text in <setting>"
    origin: str = field(default="", compare=False)

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)


def trusted_key(spec: str | Path, setting: str = "") -> TrustedKey:
    """A key from a file path or base64 text, remembering where it came from."""
    key = load_public_key(spec)
    is_file = Path(spec).is_file()
    origin = str(spec) if is_file else f"text in {setting}" if setting else "text"
    return TrustedKey(key, origin=origin)


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

    def origin(self, kid: str) -> str:
        """Where the trusted key ``kid`` came from ("" if it is not trusted)."""
        key = self._keys.get(kid)
        return key.origin if key is not None else ""

    def describe(self) -> str:
        """The trusted key ids and where each came from, for an error message."""
        if not self._keys:
            return "no keys are trusted"
        parts = [f"{k.key_id} ({k.origin})" if k.origin else k.key_id for k in self._keys.values()]
        return "trusted: " + ", ".join(parts)

    def check(self, message: bytes, signature: bytes, signer_key_id: str, pack_id: str) -> None:
        """Verify ``signature`` over ``message`` by key ``signer_key_id`` for ``pack_id``."""
        key = self._keys.get(signer_key_id)
        if key is None:
            raise PackRejected(
                f"signed by unknown key {signer_key_id}; not in the trusted keys ({self.describe()})",
                FailureKind.UNTRUSTED,
            )
        if pack_id in RESERVED_PACK_IDS and (key.pack_ids is None or pack_id not in key.pack_ids):
            raise PackRejected(
                f"pack id {pack_id!r} is reserved for the kiosk's built-in content; key "
                f"{signer_key_id} may not sign it (give your pack its own id)",
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
