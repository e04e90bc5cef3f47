"""``kiosk channel publish|refresh`` and ``kiosk sync --once`` end to end, in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from channel_server import ChannelServer
from cryptography.hazmat.primitives import serialization
from sync_helpers import Channel, video

from kiosk.cli import main
from kiosk.content.keys import public_text
from kiosk.content.library import Library
from kiosk.util.atomic import atomic_write_bytes


@pytest.fixture
def setup(tmp_path: Path, channel: Channel, server: ChannelServer) -> dict[str, Path]:
    key_file = tmp_path / "channel.key"
    pem = channel.index_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    atomic_write_bytes(key_file, pem, mode=0o600)
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[site]\nkind = "school"\n'
        f'[content]\ntrusted_keys = ["{public_text(channel.pack_key.public_key())}"]\n'
        f'[channel]\nurl = "{server.url}"\n'
        f'trusted_keys = ["{public_text(channel.index_key.public_key())}"]\n',
        encoding="utf-8",
    )
    return {"key": key_file, "config": config, "data": tmp_path / "kdata"}


def test_publish_refresh_and_sync(
    channel: Channel, setup: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    kpack = channel.kpack(1, {"media/a.mp4": video(20_000, 1)})
    chan = str(channel.root)
    assert (
        main(["channel", "publish", str(kpack), "--channel", chan, "--key", str(setup["key"])]) == 0
    )
    assert "channel version 1" in capsys.readouterr().out
    assert main(["channel", "refresh", "--channel", chan, "--key", str(setup["key"]),
                 "--expires-days", "7"]) == 0  # fmt: skip
    assert "channel version 2" in capsys.readouterr().out
    sync = ["sync", "--once", "--config", str(setup["config"]), "--data-dir", str(setup["data"])]
    assert main(sync) == 0
    assert "installed test-pack v1" in capsys.readouterr().out
    assert Library(setup["data"] / "library").pointer().active is not None
    assert main(sync) == 0
    assert "up to date" in capsys.readouterr().out


def test_sync_failure_exits_1_with_reason(
    channel: Channel, setup: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    sync = ["sync", "--once", "--config", str(setup["config"]), "--data-dir", str(setup["data"])]
    assert main(sync) == 1  # nothing published yet
    assert "sync failed: index.json is not on the channel server (HTTP 404)" in (
        capsys.readouterr().err
    )


def test_sync_without_url_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync", "--once", "--data-dir", str(tmp_path / "d")]) == 2
    assert "no channel URL" in capsys.readouterr().err


def test_publish_with_bad_key_is_a_usage_error(
    channel: Channel, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kpack = channel.kpack(1, {"media/a.mp4": video(100, 1)})
    missing = str(tmp_path / "nope.key")
    assert main(["channel", "publish", str(kpack), "--channel", str(channel.root),
                 "--key", missing]) == 2  # fmt: skip
    assert "cannot read key" in capsys.readouterr().err
