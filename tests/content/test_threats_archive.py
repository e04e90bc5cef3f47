"""threats.md, "Archive contents": one test per row, each a correctly signed pack whose archive
is hostile. Each asserts the reason and that the active pack and its files are unchanged."""

from __future__ import annotations

import io
import stat
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from kiosk.content.errors import PackRejected
from kiosk.content.installer import install_kpack
from kiosk.content.library import Library
from kiosk.util.failure_kinds import FailureKind


def refused(
    lib: Library, pack: Path, packs, policy, match: str, kind=FailureKind.INVALID_PACK
) -> None:
    """Refused with ``match`` in the reason and ``kind`` for staff (a pack that breaks the
    rules is invalid; one whose bytes do not add up is damaged)."""
    with pytest.raises(PackRejected, match=match) as info:
        install_kpack(pack, lib, packs.trust, policy)
    assert info.value.kind == kind


def honest_members(packs, files: dict[str, bytes] | None = None, version: int = 2):
    files = files or packs.minimal_files(version=version)
    return packs.signed_members(packs.signed(files, version=version), files)


def patch_headers(path: Path, name: str, **fields: int) -> None:
    """Overwrite header fields of member ``name`` in the central directory and local header.

    Fields: crc, compress_size, file_size, flags, header_offset (central only).
    """
    data = bytearray(path.read_bytes())
    central = {
        "flags": (8, "<H"),
        "crc": (16, "<I"),
        "compress_size": (20, "<I"),
        "file_size": (24, "<I"),
        "header_offset": (42, "<I"),
    }
    local = {
        "flags": (6, "<H"),
        "crc": (14, "<I"),
        "compress_size": (18, "<I"),
        "file_size": (22, "<I"),
    }
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + name_len].decode() == name:
            local_at = struct.unpack_from("<I", data, pos + 42)[0]
            for key, value in fields.items():
                off, fmt = central[key]
                struct.pack_into(fmt, data, pos + off, value)
                if key in local:
                    off, fmt = local[key]
                    struct.pack_into(fmt, data, local_at + off, value)
            path.write_bytes(bytes(data))
            return
        pos = data.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(f"{name} not found")


# -- names ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../x.yaml", r"unsafe path '\.\./x\.yaml'"),
        ("files/../../x.yaml", "'.' or '..' segment"),
        ("/etc/x.yaml", "absolute path"),
        ("files//etc/x.yaml", "absolute path"),
        ("C:\\x.yaml", "backslash"),
        ("C:x.yaml", "drive letter"),
        ("files/a\\b.yaml", "backslash"),
        ("files/a\x1b[2J.yaml", "control character"),
        ("files/a/../../x.yaml", "'.' or '..' segment"),
    ],
)
def test_unsafe_member_names(installed, packs, policy, unchanged, name: str, reason: str) -> None:
    check = unchanged(installed)
    pack = packs.crafted([*honest_members(packs), (name, b"x: 1\n")])
    refused(installed, pack, packs, policy, reason)
    check()


def test_nul_in_member_name(installed, packs, policy, unchanged) -> None:
    """zipfile truncates names at NUL ("a\0.py" reads as "a"); the raw name is what counts."""
    check = unchanged(installed)
    pack = packs.crafted([*honest_members(packs), ("files/aX.py", b"print(1)")])
    pack.write_bytes(pack.read_bytes().replace(b"files/aX.py", b"files/a\x00.py"))
    refused(installed, pack, packs, policy, "control character")
    check()


@pytest.mark.parametrize(
    ("mode", "what"),
    [
        (stat.S_IFLNK | 0o777, "symlink"),
        (stat.S_IFCHR | 0o644, "device"),
        (stat.S_IFIFO | 0o644, "fifo"),
        (stat.S_IFDIR | 0o755, "folder"),
    ],
)
def test_links_devices_and_folders(
    installed, packs, policy, unchanged, mode: int, what: str
) -> None:
    check = unchanged(installed)
    files = packs.minimal_files(version=2)
    members = honest_members(packs, files)
    # the signed file images/pic.svg arrives as a link/device whose "data" is a target path
    members = [
        (packs.zip_info(n, mode), b) if n == "files/images/pic.svg" else (n, b) for n, b in members
    ]
    refused(installed, packs.crafted(members), packs, policy, "is a link, folder or special file")
    check()


def test_duplicate_names(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    members = honest_members(packs)
    members.append(("files/images/pic.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"))
    refused(installed, packs.crafted(members), packs, policy, "duplicate name")
    check()


def test_names_differing_only_in_case(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    files = packs.minimal_files(version=2)
    files["images/PIC.svg"] = files["images/pic.svg"]
    refused(
        installed, packs.crafted(honest_members(packs, files)), packs, policy, "differ only in case"
    )
    check()


def test_member_not_in_manifest(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    pack = packs.crafted([*honest_members(packs), ("files/extra.yaml", b"a: 1\n")])
    refused(
        installed, pack, packs, policy, "'files/extra.yaml' is not listed in the signed manifest"
    )
    check()


# -- executable content ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["run.py", "plugins/x.so", "setup.sh", "tool.exe", "x.pyc", "noext"]
)
def test_executable_content_is_refused(installed, packs, policy, unchanged, name: str) -> None:
    check = unchanged(installed)
    files = dict(packs.minimal_files(version=2), **{name: b"print('pwned')\n"})
    refused(
        installed,
        packs.crafted(honest_members(packs, files)),
        packs,
        policy,
        "not allowed in packs",
    )
    check()


def test_svg_with_script_is_refused(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    files = packs.minimal_files(version=2)
    files["images/pic.svg"] = (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    refused(
        installed,
        packs.crafted(honest_members(packs, files)),
        packs,
        policy,
        "SVG element <script>",
    )
    check()


# -- zip bombs --------------------------------------------------------------------------------
def test_huge_declared_size(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    members = [(packs.zip_info(n), b) for n, b in honest_members(packs)]
    for info, _ in members:
        info.compress_type = zlib.DEFLATED
    pack = packs.crafted(members)
    patch_headers(pack, "files/images/pic.svg", file_size=0xF0000000)
    refused(installed, pack, packs, policy, "declares 4026531840 bytes; over the limit")
    check()


def test_extreme_ratio(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    files = dict(packs.minimal_files(version=2), **{"notes.txt": b"\0" * (20 * 1024 * 1024)})
    members = [(packs.zip_info(n), b) for n, b in honest_members(packs, files)]
    for info, _ in members:
        info.compress_type = zlib.DEFLATED
    refused(installed, packs.crafted(members), packs, policy, r"expands \d+x; suspected zip bomb")
    check()


def test_overlapping_entries(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    pack = packs.crafted(honest_members(packs))
    import zipfile

    with zipfile.ZipFile(pack) as zf:
        first = zf.getinfo("files/images/pic.svg").header_offset
    patch_headers(pack, "files/pack.yaml", header_offset=first)
    refused(installed, pack, packs, policy, "overlaps another; suspected zip bomb")
    check()


def test_nested_archive(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    inner = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("a.txt", "a")
    files = dict(
        packs.minimal_files(version=2),
        **{"inner.zip": inner.getvalue(), "again.kpack": inner.getvalue()},
    )
    refused(
        installed,
        packs.crafted(honest_members(packs, files)),
        packs,
        policy,
        "file type .(zip|kpack) not allowed",
    )
    check()


def test_one_hundred_thousand_entries(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    import zipfile

    pack = packs.path("many")
    with zipfile.ZipFile(pack, "w") as zf:
        for name, data in honest_members(packs):
            zf.writestr(name, data)
        for i in range(100_000):
            zf.writestr(f"files/e/{i}.txt", b"")
    refused(installed, pack, packs, policy, "archive has 100005 entries; the limit is 5000")
    check()


# -- damaged or lying archives ------------------------------------------------------------------
def test_declared_size_smaller_than_data(installed, packs, policy, unchanged) -> None:
    """Header and manifest both say 100 bytes; 5000 follow. The signed hash of the first 100
    bytes would match, so the CRC of the whole member must catch it."""
    check = unchanged(installed)
    files = packs.minimal_files(version=2)
    real = b"A" * 5000
    files["notes.txt"] = real[:100]
    signed = packs.signed(files, version=2)
    members = packs.signed_members(signed, dict(files, **{"notes.txt": real}))
    members = [(packs.zip_info(n), b) for n, b in members]
    for info, _ in members:
        info.compress_type = zlib.DEFLATED
    pack = packs.crafted(members)
    patch_headers(pack, "files/notes.txt", file_size=100)
    refused(installed, pack, packs, policy, "notes.txt: archive damaged", FailureKind.DAMAGED)
    check()


def test_stored_size_lie(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    pack = packs.crafted(honest_members(packs))
    patch_headers(pack, "files/images/pic.svg", file_size=10)
    refused(installed, pack, packs, policy, "stored size and data size differ", FailureKind.DAMAGED)
    check()


def test_crc_mismatch(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    pack = packs.crafted(honest_members(packs))
    patch_headers(pack, "files/images/pic.svg", crc=0x12345678)
    refused(
        installed, pack, packs, policy, "images/pic.svg: archive damaged .*CRC", FailureKind.DAMAGED
    )
    check()


@pytest.mark.parametrize("keep_fraction", [0.3, 0.9, 0.99])
def test_truncated_archive(installed, packs, policy, unchanged, keep_fraction: float) -> None:
    check = unchanged(installed)
    pack = packs.honest(packs.minimal_files(version=2), version=2)
    data = pack.read_bytes()
    pack.write_bytes(data[: int(len(data) * keep_fraction)])
    refused(
        installed, pack, packs, policy, "truncated|not a valid pack archive", FailureKind.DAMAGED
    )
    check()


def test_truncated_member_data(installed, packs, policy, unchanged) -> None:
    """End record intact but a member's data cut short (bytes removed mid-file)."""
    check = unchanged(installed)
    files = dict(packs.minimal_files(version=2), **{"notes.txt": bytes(range(256)) * 400})
    pack = packs.crafted(honest_members(packs, files))
    import zipfile

    with zipfile.ZipFile(pack) as zf:
        info = zf.getinfo("files/notes.txt")
    data = pack.read_bytes()
    start = info.header_offset + 30 + len(info.filename) + 5000
    pack.write_bytes(data[:start] + data[start + 4000 :])
    refused(installed, pack, packs, policy, "damaged|not a valid pack archive", FailureKind.DAMAGED)
    check()


def test_encrypted_member(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    pack = packs.crafted(honest_members(packs))
    patch_headers(pack, "files/images/pic.svg", flags=0x1)
    refused(installed, pack, packs, policy, "is encrypted")
    check()


# -- images -----------------------------------------------------------------------------------
def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_decompression_bomb_image(installed, packs, policy, unchanged) -> None:
    """A 100 kB PNG that claims 100000 x 100000 pixels is refused from its header."""
    check = unchanged(installed)
    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 200_000, 9)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )
    files = dict(packs.minimal_files(version=2), **{"images/bomb.png": png})
    refused(
        installed,
        packs.crafted(honest_members(packs, files)),
        packs,
        policy,
        "images/bomb.png: image is a decompression bomb|images/bomb.png: image 100000x100000 px",
    )
    check()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("images/bad.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20),
        ("images/bad.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 50),
        ("images/fake.png", b"GIF89a" + b"\0" * 30),
    ],
)
def test_malformed_images(installed, packs, policy, unchanged, name: str, data: bytes) -> None:
    check = unchanged(installed)
    files = dict(packs.minimal_files(version=2), **{name: data})
    refused(
        installed,
        packs.crafted(honest_members(packs, files)),
        packs,
        policy,
        f"{name}: (malformed image|not a PNG)",
    )
    check()


def test_truncated_png(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), (10, 200, 30)).save(buf, "PNG")
    files = dict(packs.minimal_files(version=2), **{"images/cut.png": buf.getvalue()[:-40]})
    refused(
        installed,
        packs.crafted(honest_members(packs, files)),
        packs,
        policy,
        "images/cut.png: malformed image",
    )
    check()


def test_good_images_are_accepted(installed, packs, policy) -> None:
    png, jpg = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 30)).save(png, "PNG")
    Image.new("RGB", (64, 48), (10, 200, 30)).save(jpg, "JPEG")
    files = dict(
        packs.minimal_files(version=2),
        **{"images/a.png": png.getvalue(), "images/b.jpg": jpg.getvalue()},
    )
    install_kpack(packs.crafted(honest_members(packs, files)), installed, packs.trust, policy)
    assert installed.load_active(deep=True).ref.version == 2
