"""The CLI as a user runs it: exit codes, one-line errors, set-pin, shot, doctor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.staff.pin import PinResult, PinStore

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def run_cli(*args: str, stdin: str = "", timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=timeout,
    )


def test_help_lists_every_command() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("run", "shot", "doctor", "set-pin"):
        assert command in result.stdout


def test_bad_config_value_exits_2_naming_the_key(tmp_path: Path) -> None:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text("[display]\nidle_seconds = -5\n")
    result = run_cli("run", "--config", str(cfg), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 2
    assert "display.idle_seconds" in result.stderr and str(cfg) in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["shot"])  # --out is required
    assert info.value.code == 2


def test_set_pin_reads_stdin_and_stores_a_hash(tmp_path: Path) -> None:
    result = run_cli("set-pin", "--data-dir", str(tmp_path), stdin="73519\n")
    assert result.returncode == 0, result.stderr
    store = PinStore(tmp_path / "staff.json")
    assert store.check("73519").result is PinResult.OK
    assert "73519" not in (tmp_path / "staff.json").read_text()
    bad = run_cli("set-pin", "--data-dir", str(tmp_path), stdin="12\n")
    assert bad.returncode == 1 and "4 to 12 digits" in bad.stderr
    assert store.check("73519").result is PinResult.OK


def test_shot_writes_every_screen_in_both_languages(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    result = run_cli(
        "shot", "--out", str(out), "--data-dir", str(tmp_path / "d"),
        "--size", "1920x1080", "--size", "1080x1920",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    names = {p.name for p in out.glob("*.png")}
    for screen in ("home", "energy", "quiz", "stories", "attract", "staff", "pin"):
        for lang in ("zh", "en"):
            for size in ("1920x1080", "1080x1920"):
                assert any(n.startswith(f"{screen}") and n.endswith(f"-{lang}-{size}.png") for n in names), (
                    screen, lang, size,
                )  # fmt: skip
    from PIL import Image

    with Image.open(out / "home-zh-1080x1920.png") as im:
        assert im.size == (1080, 1920)


def test_doctor_prints_a_table_and_checks_the_font(tmp_path: Path) -> None:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text("sources = []\n")
    result = run_cli(
        "doctor", "--for-install", "--config", str(cfg), "--data-dir", str(tmp_path / "d")
    )
    assert "CHECK" in result.stdout and "STATUS" in result.stdout
    assert "Chinese font" in result.stdout and "Kiosk Sans SC Regular and Bold" in result.stdout
    assert "data folder" in result.stdout
    assert result.returncode == 0, result.stdout + result.stderr


def test_doctor_checks_each_data_source_and_fails_on_an_unreachable_one(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(
        '[[sources]]\nid = "sim"\ntype = "simulator"\n'
        '[[sources]]\nid = "roof"\ntype = "modbus"\n'
        f'[sources.options]\nhost = "127.0.0.1"\nport = {port}\n'
    )
    result = run_cli("doctor", "--config", str(cfg), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 1
    rows = {
        line.split()[1]: line for line in result.stdout.splitlines() if line.startswith("source ")
    }
    assert "OK" in rows["sim"]
    assert "FAIL" in rows["roof"]


def test_a_config_error_is_exit_2_for_every_command(tmp_path: Path) -> None:
    """A bad value in kiosk.toml (here a time zone that does not exist) stops doctor, shot and
    run alike with exit 2 and one line naming the file and key, never a traceback."""
    toml = tmp_path / "kiosk.toml"
    toml.write_text('[site]\ntimezone = "Mars/Olympus_Mons"\n', "utf-8")
    data = str(tmp_path / "data")
    for args in (
        ("doctor",),
        ("shot", "--out", str(tmp_path / "shots")),
        ("run", "--windowed"),
    ):
        result = run_cli(*args, "--config", str(toml), "--data-dir", data)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "site.timezone" in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


def test_an_unknown_start_screen_is_refused_with_exit_2(tmp_path: Path) -> None:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('[display]\nstart_screen = "lobby"\n')
    result = run_cli("run", "--config", str(cfg), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 2
    assert "display.start_screen" in result.stderr and "'lobby'" in result.stderr
    assert "'energy'" in result.stderr  # says what is allowed
    assert "Traceback" not in result.stderr
    cfg.write_text('[display]\nstart_screen = "energy/tomorrow"\n')
    result = run_cli("run", "--config", str(cfg), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 2 and "'today'" in result.stderr
    result = run_cli("run", "--start", "lobby", "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 2
    assert "--start" in result.stderr and "'lobby'" in result.stderr
    assert "Traceback" not in result.stderr
