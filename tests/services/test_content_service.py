"""The content service against a real library: start, mark good, install from a stick folder,
refusals that change nothing, a stick pulled mid-copy, fallback at the next start, rollback."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from kiosk.content.builder import build_pack
from kiosk.content.keys import public_text
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.template import create_example
from kiosk.services import content_jobs
from kiosk.services.content_service import PROGRESS_STEPS, ContentService
from kiosk.services.tasks import TaskRunner

WAIT_MS = 20_000


class PackMaker:
    """Signed packs built from the `kiosk pack new` example by the real builder."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.key = Ed25519PrivateKey.generate()
        self.public = public_text(self.key.public_key())

    def build(
        self, out: Path, version: int = 1, title: str = "Rain garden", big: bool = False
    ) -> Path:
        src = self.tmp / f"src-{out.stem}-{version}"
        create_example(src)
        pack_yaml = src / "pack.yaml"
        text = pack_yaml.read_text("utf-8").replace("version: 1\n", f"version: {version}\n")
        pack_yaml.write_text(text.replace("targets: [school]", "targets: [school, store]"), "utf-8")
        story = src / "stories" / "rain-garden.yaml"
        story.write_text(story.read_text("utf-8").replace("Our rain garden", title), "utf-8")
        if big:  # larger than one copy chunk, so a stick can be pulled mid-copy
            noise = np.random.default_rng(1).integers(0, 255, (800, 800, 3), dtype=np.uint8)
            buf = io.BytesIO()
            Image.fromarray(noise).save(buf, "PNG", compress_level=0)
            (src / "images" / "noise.png").write_bytes(buf.getvalue())
        out.parent.mkdir(parents=True, exist_ok=True)
        build_pack(src, self.key, out)
        return out


@pytest.fixture
def maker(tmp_path: Path) -> PackMaker:
    return PackMaker(tmp_path)


@pytest.fixture
def make_service(
    qtbot: Any, data_dir: Path, maker: PackMaker, tmp_path: Path, tasks: TaskRunner
) -> Any:
    made: list[ContentService] = []

    def factory(
        bundle_dir: Path | None = None, keys: tuple[str, ...] | None = None
    ) -> ContentService:
        empty = tmp_path / "no-bundle"
        empty.mkdir(exist_ok=True)
        service = ContentService(
            Library(data_dir / "library"),
            InstallPolicy(site_kind="store"),
            (maker.public,) if keys is None else keys,
            data_dir / "incoming",
            bundle_dir=bundle_dir or empty,
            tasks=tasks,
        )
        made.append(service)
        return service

    yield factory
    for service in made:
        service.stop()


def start(qtbot: Any, service: ContentService) -> Any:
    with qtbot.waitSignal(service.content_did_change, timeout=WAIT_MS) as blocker:
        service.start()
    return blocker.args[0]


def run_install(qtbot: Any, service: ContentService, pack: Path) -> tuple[str, Any]:
    """Install and wait for the outcome: ("finish", ref) or ("fail", reason)."""
    outcome: list[tuple[str, Any]] = []
    service.install_did_finish.connect(lambda ref: outcome.append(("finish", ref)))
    service.install_did_fail.connect(lambda _kind, reason: outcome.append(("fail", reason)))
    assert service.install(pack)
    qtbot.waitUntil(lambda: bool(outcome), timeout=WAIT_MS)
    return outcome[0]


def test_start_without_any_pack_is_honest(qtbot: Any, make_service: Any) -> None:
    service = make_service()
    assert start(qtbot, service) is None
    assert service.loaded
    assert "no content pack installed" in service.status.problem
    assert service.status.problem_kind == "no_pack"
    assert service.status.active is None


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in pack made by the real build script from the real content/ folder."""
    out = tmp_path_factory.mktemp("bundle")
    script = Path(__file__).resolve().parents[2] / "build_scripts" / "build_builtin_pack.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--out-dir", str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    return out


def test_start_installs_the_builtin_pack_and_marks_it_good_only_when_shown(
    qtbot: Any, make_service: Any, bundle: Path
) -> None:
    service = make_service(bundle_dir=bundle)
    content = start(qtbot, service)
    assert content is not None and content.ref.id == "builtin"
    assert content.stories, "the built-in pack has stories"
    assert service.library.pointer().status == "trying"
    assert not service.status.confirmed
    with qtbot.waitSignal(service.status_did_change, timeout=WAIT_MS):
        service.mark_shown(content.ref)
    assert service.library.pointer().status == "good"
    assert service.status.confirmed


def test_install_from_stick_reports_phases_and_progress_then_shows_the_pack(
    qtbot: Any, make_service: Any, maker: PackMaker, tmp_path: Path
) -> None:
    pack = maker.build(tmp_path / "stick" / "kiosk-packs" / "garden.kpack", title="Rain garden v1")
    service = make_service()
    start(qtbot, service)
    phases: list[str] = []
    steps: list[tuple[int, int]] = []
    contents: list[Any] = []
    service.install_did_enter_phase.connect(phases.append)
    service.install_did_progress.connect(lambda d, t: steps.append((d, t)))
    service.content_did_change.connect(contents.append)
    kind, ref = run_install(qtbot, service, pack)
    assert kind == "finish", ref
    assert (ref.id, ref.version) == ("my-school", 1)
    assert phases == ["copy", "install", "load"]
    done = [d for d, _ in steps]
    assert done == sorted(done) and done[-1] == PROGRESS_STEPS
    assert all(t == PROGRESS_STEPS for _, t in steps)
    assert contents[-1].stories[0].title.en == "Rain garden v1"
    assert service.status.last_install_ok is True
    assert "my-school release 1" in service.status.last_install
    assert not any((service.incoming_dir).glob("*")), "the internal copy is removed"
    assert pack.exists(), "the stick is only read"


def test_untrusted_pack_is_refused_and_nothing_changes(
    qtbot: Any, make_service: Any, maker: PackMaker, tmp_path: Path
) -> None:
    good = maker.build(tmp_path / "stick" / "good.kpack")
    service = make_service()
    start(qtbot, service)
    assert run_install(qtbot, service, good)[0] == "finish"
    before = service.library.pointer()
    shown = service.content
    stranger = PackMaker(tmp_path / "stranger")
    (tmp_path / "stranger").mkdir()
    bad = stranger.build(tmp_path / "stick" / "forged.kpack", version=2, title="Forged")
    changed: list[Any] = []
    service.content_did_change.connect(changed.append)
    kind, reason = run_install(qtbot, service, bad)
    assert kind == "fail"
    assert "unknown key" in reason
    assert service.library.pointer() == before
    assert service.content is shown and not changed
    assert service.status.last_install_ok is False
    assert service.status.last_install.startswith("not installed:")
    assert service.status.last_install_kind == "untrusted"


def test_stick_pulled_mid_copy_gives_a_clean_message_and_changes_nothing(
    qtbot: Any, make_service: Any, maker: PackMaker, tmp_path: Path, monkeypatch: Any
) -> None:
    stick = tmp_path / "stick"
    pack = maker.build(stick / "big.kpack", big=True)
    assert pack.stat().st_size > 1024 * 1024  # more than one copy chunk
    real = content_jobs.install_from_stick

    def pulled_after_first_chunk(src: Path, *args: Any) -> Any:
        progress = args[-1]
        pulled = []

        def pull(phase: str, done: int, total: int) -> None:
            if phase == "copy" and not pulled:
                pulled.append(True)
                os.truncate(src, done)  # what a vanished device reads like: the file ends
            progress(phase, done, total)

        return real(src, *args[:-1], pull)

    monkeypatch.setattr(content_jobs, "install_from_stick", pulled_after_first_chunk)
    service = make_service()
    start(qtbot, service)
    before = service.library.pointer()
    kind, reason = run_install(qtbot, service, pack)
    assert kind == "fail"
    assert "was it removed? Nothing was changed." in reason
    assert service.status.last_install_kind == "stick_removed"
    assert service.library.pointer() == before
    assert not any(service.incoming_dir.glob("*"))
    assert not service.busy


def test_new_release_not_marked_good_falls_back_at_next_start(
    qtbot: Any, make_service: Any, maker: PackMaker, tmp_path: Path
) -> None:
    service = make_service()
    start(qtbot, service)
    assert run_install(qtbot, service, maker.build(tmp_path / "s" / "a.kpack", 1))[0] == "finish"
    with qtbot.waitSignal(service.status_did_change, timeout=WAIT_MS):
        service.mark_shown(service.content.ref)
    assert run_install(qtbot, service, maker.build(tmp_path / "s" / "b.kpack", 2))[0] == "finish"
    assert service.content.ref.version == 2
    service.stop()  # the app died before showing release 2

    again = make_service()
    content = start(qtbot, again)
    assert content.ref.version == 1
    assert "release 2 of my-school failed to start" in again.status.problem
    assert again.status.problem_kind == "internal"
    assert again.status.confirmed


def test_roll_back_to_the_previous_release(
    qtbot: Any, make_service: Any, maker: PackMaker, tmp_path: Path
) -> None:
    service = make_service()
    start(qtbot, service)
    for version in (1, 2):
        pack = maker.build(tmp_path / "s" / f"v{version}.kpack", version, title=f"Garden {version}")
        assert run_install(qtbot, service, pack)[0] == "finish"
        with qtbot.waitSignal(service.status_did_change, timeout=WAIT_MS):
            service.mark_shown(service.content.ref)
    assert service.status.previous is not None and service.status.previous.ref.version == 1
    with qtbot.waitSignal(service.rollback_did_finish, timeout=WAIT_MS) as blocker:
        assert service.roll_back()
    assert blocker.args[0].version == 1
    assert service.content.stories[0].title.en == "Garden 1"
    assert service.status.active.title_en == "Our school's green stories"


def test_one_job_at_a_time_and_bad_trusted_key_is_reported(
    qtbot: Any, make_service: Any, maker: PackMaker, tmp_path: Path
) -> None:
    service = make_service(keys=(maker.public, "not-a-key"))
    start(qtbot, service)
    assert "trusted key not usable" in service.status.problem
    assert service.status.problem_kind == "no_pack"  # the first problem: nothing to show
    pack = maker.build(tmp_path / "s" / "a.kpack")
    assert service.install(pack)
    assert not service.install(pack)
    assert not service.roll_back()
    qtbot.waitUntil(lambda: not service.busy, timeout=WAIT_MS)
    assert service.status.problem.startswith("trusted key not usable")
    assert service.status.problem_kind == "not_configured"


def test_reload_shows_a_release_another_channel_installed(
    qtbot: Any, make_service: Any, maker: PackMaker, tmp_path: Path
) -> None:
    from kiosk.content.installer import install_kpack
    from kiosk.content.keys import TrustedKey, TrustStore

    service = make_service()
    assert start(qtbot, service) is None
    pack = maker.build(tmp_path / "channel" / "a.kpack", title="From the network")
    trust = TrustStore([TrustedKey(maker.key.public_key())])
    install_kpack(pack, service.library, trust, service.policy)  # what network sync does
    with qtbot.waitSignal(service.content_did_change, timeout=WAIT_MS) as blocker:
        service.reload("my-school")
    assert blocker.args[0].stories[0].title.en == "From the network"
    assert not service.status.confirmed, "kept only once the UI has shown it"
