"""The command line reads finished: every option and argument has a description, every command
its exit codes; sync needs no --once; Ctrl+D at the PIN prompt is one plain line."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from kiosk.cli import build_parser, main


def commands(
    parser: argparse.ArgumentParser, name: str = "kiosk"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child_name, child in action.choices.items():
                yield f"{name} {child_name}", child
                yield from commands(child, f"{name} {child_name}")


def test_every_option_is_described_and_every_command_has_exit_codes() -> None:
    found = list(commands(build_parser()))
    assert len(found) > 20
    for name, parser in found:
        assert parser.epilog and parser.epilog.startswith("exit codes:"), name
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            assert action.help, f"{name} {action.option_strings or action.dest}"


def test_sync_runs_once_without_once(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    args = build_parser("sync").parse_args(["sync"])
    assert args.func.__name__ == "cmd_sync"
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text("sources = []\n", "utf-8")
    assert main(["sync", "--config", str(cfg), "--data-dir", str(tmp_path / "d")]) == 2
    assert "no channel URL" in capsys.readouterr().err


def test_ctrl_d_at_the_pin_prompt_is_one_plain_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    def eof(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("getpass.getpass", eof)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    assert main(["set-pin", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "kiosk: no PIN given (input ended); nothing was changed"
    assert not (tmp_path / "staff.json").exists()


def test_library_log_lines_show_only_with_verbose(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """pymodbus logs a failed connection itself; the terminal shows the kiosk's line only."""
    import os
    import socket
    import subprocess
    import sys

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(
        f'[[sources]]\nid = "roof"\ntype = "modbus"\n[sources.options]\nhost = "127.0.0.1"\nport = {port}\n',
        "utf-8",
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for extra, shown in (([], False), (["--verbose"], True)):
        result = subprocess.run(
            [sys.executable, "-m", "kiosk", "source", "probe", "--config", str(cfg), *extra],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 1
        assert f"cannot connect to 127.0.0.1:{port}" in result.stderr
        assert ("pymodbus" in result.stderr) is shown, result.stderr
