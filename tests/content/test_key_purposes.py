"""Keys with a purpose: a pack key cannot sign a channel index and a channel key cannot sign a
pack; the key id and file are printed; a key kiosks would not trust is refused before signing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """A pack key and a channel key made by keygen, with the ids it printed."""
    code, pack_out, _ = run(capsys, "keygen", "--for", "pack", "--out", str(tmp_path / "pk"))
    assert code == 0
    code, chan_out, _ = run(capsys, "keygen", "--for", "channel", "--out", str(tmp_path / "ck"))
    assert code == 0
    return {
        "pack_out": pack_out,
        "chan_out": chan_out,
        "pack_id": pack_out.split()[2],
        "chan_id": chan_out.split()[2],
        "pack_key": str(tmp_path / "pk" / "signing.key"),
        "pack_pub": str(tmp_path / "pk" / "signing.pub"),
        "chan_key": str(tmp_path / "ck" / "channel.key"),
        "chan_pub": str(tmp_path / "ck" / "channel.pub"),
    }


@pytest.fixture
def kpack(tmp_path: Path, keys: dict[str, str], capsys: pytest.CaptureFixture[str]) -> Path:
    src, out = tmp_path / "src", tmp_path / "p.kpack"
    assert run(capsys, "pack", "new", str(src), "--for", "school")[0] == 0
    assert (
        run(capsys, "pack", "build", str(src), "--key", keys["pack_key"], "--out", str(out))[0] == 0
    )
    return out


def test_keygen_prints_the_key_id_files_and_the_config_list(keys: dict[str, str]) -> None:
    assert keys["pack_out"].startswith(f"pack key {keys['pack_id']}\n")
    assert len(keys["pack_id"]) == 16 and keys["pack_id"] != keys["chan_id"]
    assert keys["pack_key"] in keys["pack_out"] and keys["pack_pub"] in keys["pack_out"]
    assert "[content] trusted_keys" in keys["pack_out"]
    assert "[channel] trusted_keys" in keys["chan_out"]
    assert "[content] trusted_keys" not in keys["chan_out"]
    pub = Path(keys["chan_pub"]).read_text("utf-8")
    assert "# purpose: channel" in pub and keys["chan_id"] in pub


def test_channel_publish_and_refresh_refuse_a_pack_key(
    tmp_path: Path, keys: dict[str, str], kpack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chan = str(tmp_path / "channel")
    code, _, err = run(capsys, "channel", "publish", str(kpack), "--channel", chan,
                       "--key", keys["pack_key"])  # fmt: skip
    assert code == 2
    assert f"is a pack key (key id {keys['pack_id']})" in err and keys["pack_key"] in err
    assert "kiosk keygen --for channel" in err
    assert not (tmp_path / "channel" / "index.json").exists()
    code, _, err = run(capsys, "channel", "refresh", "--channel", chan, "--key", keys["pack_key"])
    assert code == 2 and "is a pack key" in err


def test_pack_build_refuses_a_channel_key(
    tmp_path: Path, keys: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = tmp_path / "src", tmp_path / "p.kpack"
    assert run(capsys, "pack", "new", str(src), "--for", "school")[0] == 0
    code, _, err = run(
        capsys, "pack", "build", str(src), "--key", keys["chan_key"], "--out", str(out)
    )
    assert code == 2 and f"is a channel key (key id {keys['chan_id']})" in err
    assert "kiosk keygen --for pack" in err and not out.exists()


def test_a_public_key_as_key_gets_one_plain_line(
    tmp_path: Path, keys: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    assert run(capsys, "pack", "new", str(src), "--for", "school")[0] == 0
    code, _, err = run(capsys, "pack", "build", str(src), "--key", keys["pack_pub"],
                       "--out", str(tmp_path / "p.kpack"))  # fmt: skip
    assert code == 2
    assert err == (
        f"kiosk: {keys['pack_pub']} is a public key (key id {keys['pack_id']}); --key needs the "
        "private key file (.key) next to it\n"
    )


def test_expect_and_the_kiosks_trusted_list_refuse_another_key(
    tmp_path: Path, keys: dict[str, str], kpack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chan = str(tmp_path / "channel")
    other = tmp_path / "other"
    assert run(capsys, "keygen", "--for", "channel", "--out", str(other))[0] == 0
    code, _, err = run(capsys, "channel", "publish", str(kpack), "--channel", chan,
                       "--key", str(other / "channel.key"), "--expect", keys["chan_id"])  # fmt: skip
    assert code == 2 and f"--expect expects {keys['chan_id']}" in err
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'[channel]\ntrusted_keys = ["{keys["chan_pub"]}"]\n', "utf-8")
    code, _, err = run(capsys, "channel", "publish", str(kpack), "--channel", chan,
                       "--key", str(other / "channel.key"), "--config", str(cfg))  # fmt: skip
    assert code == 2 and "[channel] trusted_keys in" in err and keys["chan_id"] in err
    code, out, _ = run(capsys, "channel", "publish", str(kpack), "--channel", chan,
                       "--key", keys["chan_key"], "--config", str(cfg))  # fmt: skip
    assert code == 0 and "published" in out


def test_refresh_with_another_channel_key_is_refused_unless_rotating(
    tmp_path: Path, keys: dict[str, str], kpack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chan = tmp_path / "channel"
    assert run(capsys, "channel", "publish", str(kpack), "--channel", str(chan),
               "--key", keys["chan_key"])[0] == 0  # fmt: skip
    other = tmp_path / "other"
    run(capsys, "keygen", "--for", "channel", "--out", str(other))
    before = (chan / "index.json").read_bytes()
    code, _, err = run(capsys, "channel", "refresh", "--channel", str(chan),
                       "--key", str(other / "channel.key"))  # fmt: skip
    assert code == 2 and f"signed by key {keys['chan_id']}" in err and "--new-key" in err
    assert (chan / "index.json").read_bytes() == before
    code, _, _ = run(capsys, "channel", "refresh", "--channel", str(chan),
                     "--key", str(other / "channel.key"), "--new-key")  # fmt: skip
    assert code == 0
    assert json.loads((chan / "index.json").read_bytes())["signature"]["key_id"] != keys["chan_id"]


def test_verify_prints_the_signing_key_and_where_it_is_trusted_from(
    keys: dict[str, str], kpack: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cfg = tmp_path / "k.toml"
    cfg.write_text('[site]\nkind = "school"\n', "utf-8")
    code, out, _ = run(capsys, "pack", "verify", str(kpack), "--trust", keys["pack_pub"],
                       "--config", str(cfg))  # fmt: skip
    assert code == 0 and f"signed by key {keys['pack_id']} ({keys['pack_pub']})" in out
    code, _, err = run(capsys, "pack", "verify", str(kpack), "--trust", keys["chan_pub"],
                       "--config", str(cfg))  # fmt: skip
    assert code == 1 and f"unknown key {keys['pack_id']}" in err
    assert f"{keys['chan_id']} ({keys['chan_pub']})" in err
