"""The pack manifest: what a pack is and, for every file, its path, size and SHA-256.

The signature covers the *canonical bytes* of the manifest (sorted keys, no spaces, UTF-8), so
a manifest is stored and shipped exactly as signed and never re-serialised before checking.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.errors import PackRejected
from kiosk.content.keys import TrustStore, key_id
from kiosk.content.rules import Limits, check_relative_path, check_unique, file_kind
from kiosk.content.source_doc import load_schema
from kiosk.util import strict_json
from kiosk.util.documents import strict_validator
from kiosk.util.failure_kinds import FailureKind

FORMAT = 1


@dataclass(frozen=True)
class FileEntry:
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    id: str
    version: int
    display_version: str
    created: str
    min_app_version: str
    targets: tuple[str, ...]
    title_zh: str
    title_en: str
    files: tuple[FileEntry, ...]

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "id": self.id,
            "version": self.version,
            "display_version": self.display_version,
            "created": self.created,
            "min_app_version": self.min_app_version,
            "targets": list(self.targets),
            "title": {"zh": self.title_zh, "en": self.title_en},
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256} for f in self.files],
        }

    def canonical_bytes(self) -> bytes:
        return canonical_json(self.to_dict())


@dataclass(frozen=True)
class SignedManifest:
    """A manifest with the exact bytes that were signed and the detached signature document."""

    manifest: Manifest
    manifest_bytes: bytes
    signature_bytes: bytes

    @property
    def signer_key_id(self) -> str:
        """The key id the signature document names ("" if it names none)."""
        try:
            doc = json.loads(self.signature_bytes)
        except ValueError:
            return ""
        kid = doc.get("key_id") if isinstance(doc, dict) else None
        return kid if isinstance(kid, str) else ""


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign_manifest(manifest: Manifest, private_key: Ed25519PrivateKey) -> SignedManifest:
    body = manifest.canonical_bytes()
    sig = {
        "algorithm": "ed25519",
        "key_id": key_id(private_key.public_key()),
        "signature": base64.b64encode(private_key.sign(body)).decode("ascii"),
    }
    return SignedManifest(manifest, body, canonical_json(sig))


def _strict_json(data: bytes, what: str) -> Any:
    try:
        return strict_json.loads(data)
    except ValueError as exc:  # UnicodeDecodeError is one
        raise PackRejected(f"{what} is not valid JSON: {exc}") from None


def parse_manifest(data: bytes, limits: Limits) -> Manifest:
    """Check the manifest's shape, every path and the limits; raises PackRejected."""
    if len(data) > limits.max_manifest_bytes:
        raise PackRejected(f"manifest larger than {limits.max_manifest_bytes} bytes")
    raw = _strict_json(data, "manifest")
    errors = list(strict_validator(load_schema("manifest")).iter_errors(raw))
    if errors:
        err = min(errors, key=lambda e: list(e.absolute_path))
        where = "/".join(str(p) for p in err.absolute_path) or "(top)"
        raise PackRejected(f"manifest {where}: {err.message}")
    if canonical_json(raw) != data:
        raise PackRejected("manifest is not in canonical form")
    files = tuple(FileEntry(f["path"], f["size"], f["sha256"]) for f in raw["files"])
    if len(files) > limits.max_files:
        raise PackRejected(f"pack has {len(files)} files; the limit is {limits.max_files}")
    for f in files:
        check_relative_path(f.path)
        file_kind(f.path)
        if f.size > limits.max_file_bytes:
            raise PackRejected(f"{f.path}: {f.size} bytes exceeds the per-file limit")
    check_unique([f.path for f in files])
    manifest = Manifest(
        id=raw["id"],
        version=raw["version"],
        display_version=raw["display_version"],
        created=raw["created"],
        min_app_version=raw["min_app_version"],
        targets=tuple(raw["targets"]),
        title_zh=raw["title"]["zh"],
        title_en=raw["title"]["en"],
        files=files,
    )
    if manifest.total_bytes > limits.max_pack_bytes:
        raise PackRejected(
            f"pack holds {manifest.total_bytes} bytes; the limit is {limits.max_pack_bytes}"
        )
    if not any(f.path == "pack.yaml" for f in files):
        raise PackRejected("manifest lists no pack.yaml")
    return manifest


def verify_signed_manifest(
    manifest_bytes: bytes, signature_bytes: bytes, trust: TrustStore, limits: Limits
) -> SignedManifest:
    """Check the signature over the exact manifest bytes, then parse the manifest."""
    if not signature_bytes:
        raise PackRejected("pack is not signed", FailureKind.UNTRUSTED)
    if len(signature_bytes) > 4096:
        raise PackRejected("signature document too large", FailureKind.UNTRUSTED)
    sig = _strict_json(signature_bytes, "signature")
    if (
        not isinstance(sig, dict)
        or sig.get("algorithm") != "ed25519"
        or not isinstance(sig.get("key_id"), str)
        or not isinstance(sig.get("signature"), str)
    ):
        raise PackRejected(
            "signature document malformed (need algorithm ed25519, key_id, signature)",
            FailureKind.UNTRUSTED,
        )
    try:
        raw_sig = base64.b64decode(sig["signature"], validate=True)
    except (binascii.Error, ValueError):
        raise PackRejected("signature is not valid base64", FailureKind.UNTRUSTED) from None
    if len(manifest_bytes) > limits.max_manifest_bytes:
        raise PackRejected(f"manifest larger than {limits.max_manifest_bytes} bytes")
    pack_id = _strict_json(manifest_bytes, "manifest")
    claimed_id = pack_id.get("id") if isinstance(pack_id, dict) else None
    trust.check(manifest_bytes, raw_sig, sig["key_id"], str(claimed_id))
    return SignedManifest(parse_manifest(manifest_bytes, limits), manifest_bytes, signature_bytes)
