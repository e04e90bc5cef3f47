"""Pack-provided text printed by the CLI never reaches the terminal as control sequences: a
title with ESC, BEL or C1 controls could retitle the window, clear the screen or hide lines."""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import main
from kiosk.content.installer import install_kpack
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.util.terminal import terminal_safe

HOSTILE = "Evil\x1b]0;pwned\x07\x1b[2J\r\x9b31m\x7fend"


def test_control_characters_are_shown_escaped() -> None:
    safe = terminal_safe(HOSTILE)
    assert safe == "Evil\\x1b]0;pwned\\x07\\x1b[2J\\x0d\\x9b31m\\x7fend"
    assert terminal_safe("两行\n\ttab") == "两行\n\ttab"  # newlines and tabs are text


def test_pack_list_prints_a_hostile_title_escaped(
    library: Library, packs, policy: InstallPolicy, data_dir: Path, capsys, tmp_path: Path
) -> None:
    kpack = packs.honest(pack_id="evil-pack", title_en=HOSTILE, title_zh="坏\x1b[1m")
    install_kpack(kpack, library, packs.trust, policy)
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('[site]\nkind = "school"\n', "utf-8")
    assert main(["pack", "list", "--data-dir", str(data_dir), "--config", str(cfg)]) == 0
    out = capsys.readouterr().out
    assert "evil-pack release 1" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b\x7f\r")
    assert "Evil\\x1b]0;pwned" in out
