"""``kiosk doctor`` tells the truth: a FAIL for no staff PIN, no installed pack, an unreadable or
misplaced trusted key, a channel that cannot be reached, has expired or is signed by a key the
kiosk does not trust, a clock far from the channel's, low disk; a WARN for a simulator beside
real sources. Each row says what to do. The channel is a real HTTP server on loopback.

Tests that run the whole doctor in-process take ``qapp``: its font check would otherwise make a
QGuiApplication, and the later widget tests in this process need a QApplication."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.cli import build_parser, main
from kiosk.cli.doctor import run_checks
from kiosk.cli.doctor_site import check_channel, check_keys, check_packs, check_pin
from kiosk.config.loader import parse_config
from kiosk.config.paths import AppPaths
from kiosk.content.builtin import BUILTIN_DIR, BUILTIN_PACK_NAME, ensure_builtin
from kiosk.content.keys import KeyPurpose, generate_keypair, public_text
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.staff.pin import PinStore
from kiosk.sync.index import INDEX_NAME, ChannelIndex, sign_index


class _Handler(http.server.SimpleHTTPRequestHandler):
    date_offset = timedelta(0)

    def date_time_string(self, timestamp: float | None = None) -> str:
        return format_datetime(datetime.now(UTC) + self.date_offset, usegmt=True)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def channel(tmp_path: Path) -> Iterator[tuple[Path, str, type[_Handler]]]:
    root = tmp_path / "channel"
    root.mkdir()
    handler = type("Handler", (_Handler,), {})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def write_index(root: Path, key: Ed25519PrivateKey, expires_in: timedelta) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    index = ChannelIndex(channel_version=1, issued=now, expires=now + expires_in, packs={})
    (root / INDEX_NAME).write_bytes(sign_index(index, key))


def site(**raw: object):  # type: ignore[no-untyped-def]
    return parse_config({"sources": [], **raw})


def test_no_pin_is_a_fail_that_says_run_set_pin(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "d")
    row = check_pin(site(), paths)
    assert row.status == "FAIL" and "kiosk set-pin" in row.detail
    paths.ensure()
    PinStore(paths.staff_file).set_pin("73519")
    assert check_pin(site(), paths).status == "OK"


def test_no_installed_pack_is_a_fail_that_says_how_to_install(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "d")
    row = check_packs(site(), paths)
    assert row.status == "FAIL" and "no pack installed" in row.detail
    assert "kiosk pack install" in row.detail
    ensure_builtin(Library(paths.library_dir), InstallPolicy(site_kind="store"))
    row = check_packs(site(), paths)
    assert row.status == "OK" and row.detail.startswith("builtin ")


def test_a_damaged_pack_is_a_fail(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "d")
    library = Library(paths.library_dir)
    ensure_builtin(library, InstallPolicy(site_kind="store"))
    installed = library.load(library.pointer().refs()[0])
    library.object_path(installed.manifest.files[0].sha256).unlink()
    row = check_packs(site(), paths)
    assert row.status == "FAIL" and "is missing" in row.detail and "rollback" in row.detail


def test_unreadable_trusted_key_file_fails_doctor(tmp_path: Path, capsys, qapp) -> None:  # type: ignore[no-untyped-def]
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'sources = []\n[content]\ntrusted_keys = ["{tmp_path}/gone.pub"]\n', "utf-8")
    code = main(["doctor", "--config", str(cfg), "--data-dir", str(tmp_path / "d")])
    out = capsys.readouterr().out
    assert code == 2  # the config itself is refused: doctor says so on its config row
    assert any(line.startswith("config") and "FAIL" in line and "gone.pub" in line
               for line in out.splitlines())  # fmt: skip


def test_a_channel_key_in_the_pack_list_is_a_fail(tmp_path: Path) -> None:
    _, pub, kid = generate_keypair(tmp_path / "ck", KeyPurpose.CHANNEL)
    row = check_keys(site(content={"trusted_keys": [str(pub)]}))
    assert row.status == "FAIL" and kid in row.detail and "[channel] trusted_keys" in row.detail


def test_an_unreachable_channel_is_a_fail_with_a_plain_reason() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    pub = public_text(Ed25519PrivateKey.generate().public_key())
    rows = check_channel(site(channel={"url": f"http://127.0.0.1:{port}", "trusted_keys": [pub]}))
    assert [r.status for r in rows] == ["FAIL"]
    assert rows[0].detail == (
        f"cannot reach 127.0.0.1:{port}: connection refused — is the channel server running?"
    )


def test_an_expired_channel_index_is_a_fail(channel) -> None:  # type: ignore[no-untyped-def]
    root, url, _ = channel
    key = Ed25519PrivateKey.generate()
    write_index(root, key, -timedelta(days=1))
    config = site(channel={"url": url, "trusted_keys": [public_text(key.public_key())]})
    rows = {r.name: r for r in check_channel(config)}
    assert rows["clock"].status == "OK"
    assert rows["channel"].status == "FAIL" and "expired" in rows["channel"].detail
    assert "kiosk channel refresh" in rows["channel"].detail
    write_index(root, key, timedelta(days=30))
    rows = {r.name: r for r in check_channel(config)}
    assert rows["channel"].status == "OK" and "expires in 29 days" in rows["channel"].detail


def test_an_index_signed_by_an_untrusted_key_is_a_fail(channel) -> None:  # type: ignore[no-untyped-def]
    root, url, _ = channel
    write_index(root, Ed25519PrivateKey.generate(), timedelta(days=30))
    other = public_text(Ed25519PrivateKey.generate().public_key())
    rows = {r.name: r for r in check_channel(site(channel={"url": url, "trusted_keys": [other]}))}
    assert rows["channel"].status == "FAIL" and "unknown key" in rows["channel"].detail


def test_a_clock_far_from_the_channels_is_a_fail(channel) -> None:  # type: ignore[no-untyped-def]
    root, url, handler = channel
    key = Ed25519PrivateKey.generate()
    write_index(root, key, timedelta(days=30))
    handler.date_offset = timedelta(hours=3)
    config = site(channel={"url": url, "trusted_keys": [public_text(key.public_key())]})
    rows = {r.name: r for r in check_channel(config)}
    assert rows["clock"].status == "FAIL" and "timedatectl" in rows["clock"].detail


def test_low_disk_is_a_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.cli.doctor as doctor

    monkeypatch.setattr(doctor, "MIN_FREE_BYTES", 1 << 62)  # more than any disk has free
    row = doctor._check_data_dir(AppPaths.resolve(tmp_path / "d"))
    assert row.status == "FAIL" and "free some space" in row.detail


def test_a_simulator_beside_real_sources_is_a_warning(tmp_path: Path, qapp: object) -> None:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(
        '[[sources]]\nid = "sim"\ntype = "simulator"\n'
        '[[sources]]\nid = "roof"\ntype = "modbus"\nenabled = false\n'
        '[sources.options]\nhost = "127.0.0.1"\n',
        "utf-8",
    )
    args = build_parser("doctor").parse_args(
        ["doctor", "--for-install", "--config", str(cfg), "--data-dir", str(tmp_path / "d")]
    )
    assert "simulator" not in {r.name for r in run_checks(args)}  # the real one is off
    cfg.write_text(cfg.read_text("utf-8").replace("enabled = false\n", ""), "utf-8")
    rows = {r.name: r for r in run_checks(args)}
    assert rows["simulator"].status == "WARN" and "enabled = false" in rows["simulator"].detail


def test_a_ready_kiosk_has_no_fail(tmp_path: Path, capsys, qapp) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "d"
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text("sources = []\n", "utf-8")
    common = ["--config", str(cfg), "--data-dir", str(data)]
    assert main(["pack", "install", str(BUILTIN_DIR / BUILTIN_PACK_NAME), *common]) == 0
    AppPaths.resolve(data).ensure()
    PinStore(AppPaths.resolve(data).staff_file).set_pin("73519")
    capsys.readouterr()
    assert main(["doctor", *common]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out and "staff PIN" in out and "content packs" in out
