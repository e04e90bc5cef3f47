"""threats.md, "Power loss and storage": disk full and unusable data folders give a clear
one-line message and leave the installed pack as it was."""

from __future__ import annotations

import os
import resource
import signal
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.keys import public_text


@pytest.fixture
def cli_env(tmp_path: Path, packs) -> tuple[list[str], Path]:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('sources = []\n[site]\nkind = "school"\n', "utf-8")
    pub = tmp_path / "signing.pub"
    pub.write_text(public_text(packs.key.public_key()) + "\n")
    return ["--trust", str(pub), "--config", str(cfg)], tmp_path


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_disk_full_during_install(installed, packs, unchanged, cli_env, tmp_path: Path) -> None:
    """The child may write at most 64 kB per file: the 300 kB video fails like a full disk."""
    opts, _ = cli_env
    files = dict(
        packs.minimal_files(version=2),
        **{"videos/v.mp4": b"\0\0\0\x18ftypmp42" + os.urandom(300_000)},
    )
    pack = packs.honest(files, version=2)
    check = unchanged(installed)
    err_file = tmp_path / "packs" / "stderr.txt"
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            sys.stderr = open(err_file, "w")  # noqa: SIM115 - child exits below
            resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
            code = main(
                ["pack", "install", str(pack), "--data-dir", str(installed.root.parent), *opts]
            )
        finally:
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1
    err = err_file.read_text()
    assert err.startswith("kiosk: not installed: cannot write to the library: File too large")
    assert len(err.strip().splitlines()) == 1
    check()


def test_data_dir_that_is_a_file(cli_env, packs, capsys: pytest.CaptureFixture[str]) -> None:
    opts, tmp = cli_env
    blocker = tmp / "not-a-folder"
    blocker.write_text("x")
    code = main(["pack", "install", str(packs.honest()), "--data-dir", str(blocker), *opts])
    err = capsys.readouterr().err
    assert (
        code == 1 and err.startswith("kiosk: not installed:") and len(err.strip().splitlines()) == 1
    )


def test_missing_pack_file(cli_env, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opts, tmp = cli_env
    code = main(["pack", "verify", str(tmp / "nope.kpack"), *opts])
    assert code == 1 and "cannot read nope.kpack" in capsys.readouterr().err
