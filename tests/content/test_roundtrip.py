"""The whole staff journey through the real CLI: keygen, new, build, verify, install, list,
rollback; plus the usage/failure exit codes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.library import Library


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('sources = []\n[site]\nkind = "school"\n', "utf-8")
    return cfg


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_new_build_verify_install_list_rollback(
    tmp_path: Path, data_dir: Path, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys, src = tmp_path / "keys", tmp_path / "src"
    cfg = ["--config", str(config_file)]
    assert run(capsys, "keygen", "--out", str(keys))[0] == 0
    assert stat.S_IMODE(os.stat(keys / "signing.key").st_mode) == 0o600
    pub = str(keys / "signing.pub")
    assert run(capsys, "pack", "new", str(src), *cfg)[0] == 0

    v1 = tmp_path / "v1.kpack"
    code, out, _ = run(
        capsys, "pack", "build", str(src), "--key", str(keys / "signing.key"), "--out", str(v1)
    )
    assert code == 0 and "release 1" in out
    code, out, _ = run(capsys, "pack", "verify", str(v1), "--trust", pub, *cfg)
    assert code == 0 and out.startswith("ok: my-school release 1")

    dd = ["--data-dir", str(data_dir)]
    assert run(capsys, "pack", "install", str(v1), "--trust", pub, *dd, *cfg)[0] == 0
    pack_yaml = src / "pack.yaml"
    pack_yaml.write_text(pack_yaml.read_text("utf-8").replace("version: 1", "version: 2"), "utf-8")
    (src / "stories" / "rain-garden.yaml").write_text(
        (src / "stories" / "rain-garden.yaml").read_text("utf-8").replace("50 吨", "60 吨"), "utf-8"
    )
    v2 = tmp_path / "v2.kpack"
    assert (
        run(
            capsys, "pack", "build", str(src), "--key", str(keys / "signing.key"), "--out", str(v2)
        )[0]
        == 0
    )
    assert run(capsys, "pack", "install", str(v2), "--trust", pub, *dd, *cfg)[0] == 0

    code, out, _ = run(capsys, "pack", "list", *dd, *cfg)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("active   my-school release 2")
    assert lines[1].startswith("previous my-school release 1")

    # Going back by installing the old file is refused; the staff rollback is the way back.
    code, _, err = run(capsys, "pack", "install", str(v1), "--trust", pub, *dd, *cfg)
    assert code == 1 and "older than release 2" in err and "rollback" in err
    code, out, _ = run(capsys, "pack", "rollback", *dd, *cfg)
    assert code == 0 and "release 1" in out
    active = Library(data_dir / "library").load_active(deep=True)
    assert active is not None and active.ref.version == 1

    # ...and forward again: release 2 is the kept previous one, same signed contents.
    assert run(capsys, "pack", "install", str(v2), "--trust", pub, *dd, *cfg)[0] == 0
    assert Library(data_dir / "library").pointer().active.version == 2  # type: ignore[union-attr]


def test_untrusted_pack_is_rejected_with_exit_1(
    tmp_path: Path, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "keygen", "--out", str(tmp_path / "k"))
    run(capsys, "pack", "new", str(tmp_path / "s"), "--for", "school")
    out = tmp_path / "p.kpack"
    run(
        capsys,
        "pack",
        "build",
        str(tmp_path / "s"),
        "--key",
        str(tmp_path / "k" / "signing.key"),
        "--out",
        str(out),
    )
    code, _, err = run(capsys, "pack", "verify", str(out), "--config", str(config_file))
    assert code == 1
    assert err.startswith("kiosk: rejected: signed by unknown key")
    assert len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["pack", "build", str(tmp_path)])  # --key/--out missing
    assert exc.value.code == 2
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "file").write_text("x")
    assert run(capsys, "pack", "new", str(tmp_path / "x"), "--for", "store")[0] == 2  # not empty
    assert run(capsys, "keygen", "--out", str(tmp_path / "k"))[0] == 0
    assert run(capsys, "keygen", "--out", str(tmp_path / "k"))[0] == 1  # never overwrite a key


def test_build_reports_file_and_line(
    tmp_path: Path, source_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "keygen", "--out", str(tmp_path / "k"))
    story = source_dir / "stories" / "rain-garden.yaml"
    story.write_text(
        story.read_text("utf-8").replace("images/rain-garden.svg", "images/missing.svg"), "utf-8"
    )
    out = tmp_path / "p.kpack"
    code, _, err = run(
        capsys,
        "pack",
        "build",
        str(source_dir),
        "--key",
        str(tmp_path / "k" / "signing.key"),
        "--out",
        str(out),
    )
    assert code == 1
    assert f"{story}:11: slides/0/image: no file 'images/missing.svg' in the pack" in err
    assert not out.exists()
