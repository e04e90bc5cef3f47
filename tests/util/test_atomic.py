from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.util.atomic import atomic_write_bytes, atomic_writer


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "index.json"
    atomic_write_bytes(target, b"old")
    with pytest.raises(RuntimeError), atomic_writer(target) as fh:
        fh.write(b"half of the new")
        raise RuntimeError("disk pulled")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.json"]


def test_streamed_write_replaces_the_file_with_the_given_mode(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "pack.kpack"
    with atomic_writer(target, mode=0o600) as fh:
        for part in (b"a", b"b", b"c"):
            fh.write(part)
    assert target.read_bytes() == b"abc"
    assert target.stat().st_mode & 0o777 == 0o600
