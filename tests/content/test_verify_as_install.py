"""``kiosk pack verify --data-dir`` answers what ``kiosk pack install`` would do there: a
release the install refuses (not newer than the one installed) is not "ok"."""

from __future__ import annotations

from pathlib import Path

from kiosk.cli import main
from kiosk.content.installer import install_kpack
from kiosk.content.keys import public_text
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy


def test_verify_with_a_data_dir_refuses_what_install_refuses(
    library: Library, packs, policy: InstallPolicy, data_dir: Path, capsys, tmp_path: Path
) -> None:
    pub = tmp_path / "pack.pub"
    pub.write_text(public_text(packs.key.public_key()), "utf-8")
    older, same = packs.honest(version=1), packs.honest(version=2)
    install_kpack(same, library, packs.trust, policy)
    args = ["--trust", str(pub), "--data-dir", str(data_dir)]
    assert main(["pack", "verify", str(older), *args]) == 1
    out = capsys.readouterr()
    assert "ok:" not in out.out
    assert main(["pack", "install", str(older), *args]) == 1
    assert out.err == capsys.readouterr().err  # the install's reason, in the same words
    assert "rejected:" in out.err and "release 1" in out.err
    # the installed release itself: verify and install agree (installing it again is a no-op)
    assert main(["pack", "verify", str(same), *args]) == 0
    capsys.readouterr()
    assert main(["pack", "install", str(same), *args]) == 0
    capsys.readouterr()
    newer = packs.honest(version=3)
    assert main(["pack", "verify", str(newer), *args]) == 0
    assert capsys.readouterr().out.startswith("ok: test-pack release 3")
