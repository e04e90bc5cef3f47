"""threats.md, "Power loss and storage": `kiosk pack install` killed with SIGKILL at random
points, over a hundred times, alternating between two pack contents. After every kill a fresh
load of the library must give one complete, verified pack: the old release or the new one.

The installer runs in a child forked from the test process and calls the real CLI entry
point. A freshly started interpreter spends ~0.4 s importing before the install begins, so
random kill points would mostly land before any file is touched; forking after the imports
puts them inside the install itself, and keeps the test fast.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.content.active import load_content
from kiosk.content.keys import public_text
from kiosk.content.library import Library

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")

TRIALS = 110


def _variant(packs, version: int) -> dict[str, bytes]:
    """Two alternating contents: every other release replaces the big file and the picture."""
    rng = random.Random(version % 2)
    files = packs.minimal_files(version=version, extra=bytes([version % 2]) * 8)
    files["notes.txt"] = rng.randbytes(300_000).hex().encode()[:600_000]
    files["videos/clip.mp4"] = b"\0\0\0\x18ftypmp42" + rng.randbytes(400_000)
    return files


def _run_install(argv: list[str]) -> int:
    pid = os.fork()
    if pid == 0:  # child: run the command, never return into pytest
        code = 1
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            code = main(argv)
        finally:
            os._exit(code)
    return pid


def test_sigkill_during_install_leaves_old_or_new(tmp_path: Path, packs, policy) -> None:
    data_dir = tmp_path / "data"
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('sources = []\n[site]\nkind = "school"\n', "utf-8")
    pub = tmp_path / "signing.pub"
    pub.write_text(public_text(packs.key.public_key()) + "\n")
    pack_files = {v: packs.honest(_variant(packs, v), version=v) for v in range(1, TRIALS + 4)}

    def argv(v: int) -> list[str]:
        return ["pack", "install", str(pack_files[v]), "--data-dir", str(data_dir),
                "--trust", str(pub), "--config", str(cfg)]  # fmt: skip

    # Release 1 installed completely; time a full install of release 2 to place the kills.
    for v in (1, 2):
        start = time.monotonic()
        _, status = os.waitpid(_run_install(argv(v)), 0)
        assert os.waitstatus_to_exitcode(status) == 0
        full_install_s = time.monotonic() - start
    root = data_dir / "library"
    active_version = 2
    outcomes = {"old": 0, "new": 0}
    rng = random.Random(20261125)
    for v in range(3, TRIALS + 3):
        pid = _run_install(argv(v))
        time.sleep(rng.uniform(0, full_install_s * 1.2))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

        library = Library(root)  # a fresh load, as at the next start
        installed = library.load_active(deep=True)
        assert installed is not None
        assert installed.ref.version in (active_version, v), f"trial {v}"
        content = load_content(library, installed)
        assert content.stories[0].slides[0].image_path is not None
        assert content.resolve("videos/clip.mp4").stat().st_size == 400_012
        outcomes["new" if installed.ref.version == v else "old"] += 1
        active_version = installed.ref.version
        previous = library.pointer().previous
        if previous is not None:
            library.load(previous, deep=True)  # the rollback target is complete too

    assert sum(outcomes.values()) >= 100
    # the random kill points really fell on both sides of the switch
    assert outcomes["old"] >= 10 and outcomes["new"] >= 10, outcomes
    # an uninterrupted install afterwards works, cleans what the kills left in staging and
    # collects every object no kept release refers to
    final = TRIALS + 3
    _, status = os.waitpid(_run_install(argv(final)), 0)
    assert os.waitstatus_to_exitcode(status) == 0
    library = Library(root)
    ptr = library.pointer()
    assert ptr.active is not None and ptr.active.version == final
    assert not (root / "staging").exists()
    kept: set[str] = set()
    for ref in (ptr.active, ptr.previous):
        assert ref is not None
        kept |= {ref.manifest_sha256, ref.signature_sha256}
        kept |= {f.sha256 for f in library.load(ref, deep=True).manifest.files}
    assert set(library.objects.all_objects()) == kept
