"""Fixtures for content-pack tests: keys, pack sources, signed packs (honest and forged) and a
library with a release installed, plus a snapshot to prove that a refusal changed nothing."""

from __future__ import annotations

import hashlib
import stat
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.builder import build_pack
from kiosk.content.keys import TrustedKey, TrustStore
from kiosk.content.kpack import FILES_PREFIX, MANIFEST_NAME, SIGNATURE_NAME
from kiosk.content.library import Library
from kiosk.content.manifest import FileEntry, Manifest, SignedManifest, sign_manifest
from kiosk.content.policy import InstallPolicy
from kiosk.content.template import create_example

Member = tuple[str | zipfile.ZipInfo, bytes]


def make_manifest(
    files: dict[str, bytes], pack_id: str = "test-pack", version: int = 1, **kw: object
) -> Manifest:
    entries = tuple(
        FileEntry(p, len(b), hashlib.sha256(b).hexdigest()) for p, b in sorted(files.items())
    )
    fields: dict[str, object] = {
        "id": pack_id, "version": version, "display_version": f"v{version}",
        "created": "2026-11-25T10:00:00Z", "min_app_version": "0.1.0",
        "targets": ("school", "store"), "title_zh": "测试", "title_en": "Test", "files": entries,
    }  # fmt: skip
    fields.update(kw)
    return Manifest(**fields)  # type: ignore[arg-type]


def write_zip(path: Path, members: Iterable[Member]) -> Path:
    """Write members exactly as given (names, attributes), no checks."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate-name warnings are the point of some tests
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in members:
                zf.writestr(name, data)
    return path


def signed_members(signed: SignedManifest, files: dict[str, bytes]) -> list[Member]:
    return [
        (MANIFEST_NAME, signed.manifest_bytes),
        (SIGNATURE_NAME, signed.signature_bytes),
        *((FILES_PREFIX + p, b) for p, b in sorted(files.items())),
    ]


PACK_YAML = """\
id: {id}
version: {version}
display_version: "v{version}"
title: {{zh: 测试包, en: Test pack}}
min_app_version: "0.1.0"
targets: [school, store]
"""


def minimal_files(
    pack_id: str = "test-pack", version: int = 1, extra: bytes = b""
) -> dict[str, bytes]:
    return {
        "pack.yaml": PACK_YAML.format(id=pack_id, version=version).encode(),
        "stories/a.yaml": (
            "id: a\ntitle: {zh: 甲, en: A}\nslides:\n  - text: {zh: 你好, en: Hello}\n"
            + "    image: images/pic.svg\n"
        ).encode(),
        "images/pic.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
        + b"<!-- "
        + extra.hex().encode()
        + b" --></svg>",
    }


class Packs:
    """Make honest and crafted packs signed by the test key."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.key = Ed25519PrivateKey.generate()
        self.trust = TrustStore([TrustedKey(self.key.public_key())])
        self._n = 0

    def path(self, stem: str = "p") -> Path:
        self._n += 1
        return self.tmp / f"{stem}{self._n}.kpack"

    def signed(self, files: dict[str, bytes], **kw: object) -> SignedManifest:
        return sign_manifest(make_manifest(files, **kw), self.key)  # type: ignore[arg-type]

    def honest(self, files: dict[str, bytes] | None = None, **kw: object) -> Path:
        files = (
            files
            if files is not None
            else minimal_files(
                str(kw.get("pack_id", "test-pack")),
                int(kw.get("version", 1)),  # type: ignore[call-overload]
            )
        )
        return write_zip(self.path(), signed_members(self.signed(files, **kw), files))

    def crafted(self, members: Iterable[Member]) -> Path:
        return write_zip(self.path("bad"), members)

    def from_source(self, src: Path) -> Path:
        out = self.path("src")
        build_pack(src, self.key, out)
        return out


@pytest.fixture
def packs(tmp_path: Path) -> Packs:
    d = tmp_path / "packs"
    d.mkdir()
    return Packs(d)


@pytest.fixture
def policy() -> InstallPolicy:
    return InstallPolicy(site_kind="school")


@pytest.fixture
def library(data_dir: Path) -> Library:
    return Library(data_dir / "library")


@pytest.fixture
def installed(library: Library, packs: Packs, policy: InstallPolicy) -> Library:
    """A library with release 1 of test-pack active."""
    from kiosk.content.installer import install_kpack

    install_kpack(packs.honest(), library, packs.trust, policy)
    return library


def snapshot(root: Path, skip: str = "") -> dict[str, str]:
    """Every file under root (path -> sha256), proving nothing was written or removed."""
    out: dict[str, str] = {}
    for p in sorted(root.rglob("*")):
        if skip and p.relative_to(root).parts[0] == skip:
            continue
        if p.is_file():
            out[p.relative_to(root).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture
def unchanged() -> Callable[[Library], Callable[[], None]]:
    """``check = unchanged(lib)`` before an attack; ``check()`` after it."""

    def take(lib: Library) -> Callable[[], None]:
        # the whole test folder (anything a path escape could reach) except where the test
        # writes its hostile packs
        scope = lib.root.parent.parent
        before = snapshot(scope, skip="packs")
        active = lib.pointer().active

        def check() -> None:
            assert snapshot(scope, skip="packs") == before
            assert not (lib.root / "staging").exists()
            assert lib.pointer().active == active
            if active is not None:
                lib.load(active, deep=True)

        return check

    return take


@pytest.fixture
def source_dir(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    create_example(src)
    return src


def zip_info(name: str, mode: int = stat.S_IFREG | 0o644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
    info.create_system = 3
    info.external_attr = mode << 16
    return info


# Helpers reachable from tests through the ``packs`` fixture (conftest is not importable).
Packs.make_manifest = staticmethod(make_manifest)  # type: ignore[attr-defined]
Packs.minimal_files = staticmethod(minimal_files)  # type: ignore[attr-defined]
Packs.signed_members = staticmethod(signed_members)  # type: ignore[attr-defined]
Packs.zip_info = staticmethod(zip_info)  # type: ignore[attr-defined]
