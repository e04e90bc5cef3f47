"""USB loading end to end in the real window, a temp folder standing in for the stick's mount
point: insert → nothing interrupts visitors → PIN → the packs are offered → progress →
installed → the stories screen shows the new content. Also a stick pulled mid-copy and a
forged pack: a clean message each time, and whatever was showing keeps showing."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton

from kiosk.content.builder import build_pack
from kiosk.content.keys import public_text
from kiosk.content.template import create_example
from kiosk.services import content_jobs
from kiosk.staff.pin import PinStore

WAIT_MS = 20_000
PIN = "4862"


def build(
    tmp: Path,
    key: Ed25519PrivateKey,
    out: Path,
    title: str,
    big: bool = False,
    version: int = 1,
    primary: str = "#2E7D32",
) -> Path:
    """A pack from the `kiosk pack new` example, built and signed by the real builder."""
    src = tmp / f"src-{out.stem}"
    create_example(src)
    pack_yaml = src / "pack.yaml"
    text = pack_yaml.read_text("utf-8").replace("targets: [school]", "targets: [school, store]")
    pack_yaml.write_text(text.replace("version: 1\n", f"version: {version}\n"), "utf-8")
    theme = src / "theme.yaml"
    theme.write_text(theme.read_text("utf-8").replace("#2E7D32", primary), "utf-8")
    story = src / "stories" / "rain-garden.yaml"
    story.write_text(story.read_text("utf-8").replace("Our rain garden", title), "utf-8")
    if big:  # larger than one copy chunk, so the stick can be pulled mid-copy
        noise = np.random.default_rng(7).integers(0, 255, (800, 800, 3), dtype=np.uint8)
        buf = io.BytesIO()
        Image.fromarray(noise).save(buf, "PNG", compress_level=0)
        (src / "images" / "noise.png").write_bytes(buf.getvalue())
    out.parent.mkdir(parents=True, exist_ok=True)
    build_pack(src, key, out)
    return out


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def kiosk(make_kiosk: Any, data_dir: Path, key: Ed25519PrivateKey, qtbot: Any) -> Any:
    PinStore(data_dir / "staff.json").set_pin(PIN)
    kiosk = make_kiosk(
        {
            "staff": {"hold_seconds": 1},
            "display": {"language": "en"},
            "content": {"trusted_keys": [public_text(key.public_key())]},
        }
    )
    content = kiosk.services.content
    qtbot.waitUntil(lambda: content.loaded, timeout=WAIT_MS)  # the built-in pack, if bundled
    qtbot.waitUntil(lambda: content.status.confirmed, timeout=WAIT_MS)
    return kiosk


def current(kiosk: Any) -> str:
    return kiosk.window.router.current.name


def insert_stick(qtbot: Any, kiosk: Any, stick: Path) -> None:
    watcher = kiosk.services.usb_watcher
    watcher.list_mounts = lambda: [stick]
    with qtbot.waitSignal(watcher.stick_did_appear, timeout=WAIT_MS):
        watcher.scan_now()


def staff_login(qtbot: Any, kiosk: Any) -> None:
    window = kiosk.window
    with qtbot.waitSignal(window.corner.corner_did_hold, timeout=5000):
        QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert current(kiosk) == "pin"
    pin_screen = window.router.current
    for digit in PIN:
        qtbot.mouseClick(pin_screen.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pin_screen.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: current(kiosk) != "pin", timeout=5000)


def texts(widget: Any) -> str:
    return " ".join(lab.text() for lab in widget.findChildren(QLabel) if lab.isVisible())


def tap(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_usb_install_end_to_end(
    qtbot: Any, kiosk: Any, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    stick = tmp_path / "GREEN STICK"
    build(tmp_path, key, stick / "kiosk-packs" / "garden.kpack", "Rain garden from the stick")
    home = kiosk.window.router.screen("home")
    tap(qtbot, home.tiles["stories"])
    stories = kiosk.window.router.current
    assert "Rain garden from the stick" not in texts(stories)

    insert_stick(qtbot, kiosk, stick)
    assert current(kiosk) == "stories", "a stick never interrupts a visitor"

    staff_login(qtbot, kiosk)
    qtbot.waitUntil(lambda: current(kiosk) == "usb", timeout=WAIT_MS)  # offered right after PIN
    usb = kiosk.window.router.current
    assert "Content packs found: 1" in usb.headline.text()
    assert "garden.kpack" in texts(usb)
    # what the pack says it is, not only its file name, in the screen's language
    title = usb.findChild(QLabel, "usb-title-0")
    assert title.text() == "Our school's green stories  ·  version 2026.1 (1)"
    kiosk.ctx.language.set_language("zh")
    assert title.text().startswith("我们学校的绿色故事")
    kiosk.ctx.language.set_language("en")
    [install] = usb.install_buttons()
    assert install.isVisible() and install.height() >= 48

    progress: list[int] = []
    phases: list[str] = []
    content = kiosk.services.content
    content.install_did_progress.connect(lambda done, _total: progress.append(done))
    content.install_did_enter_phase.connect(
        lambda _phase: phases.append(usb.detail.text()) if usb.progress.isVisible() else None
    )
    with qtbot.waitSignal(content.install_did_finish, timeout=WAIT_MS):
        tap(qtbot, install)
        assert usb.progress.isVisible()
        assert "Installing garden.kpack" in usb.headline.text()
        assert not usb.back_button.isEnabled()
    assert progress[-1] == usb.progress.maximum() == usb.progress.value()
    assert any("Step 1 of 2" in p for p in phases) and any("Step 2 of 2" in p for p in phases)
    assert usb.headline.text().startswith("Installed: ")
    assert "You can remove the USB stick" in usb.detail.text()
    assert not usb.progress.isVisible()
    assert (stick / "kiosk-packs" / "garden.kpack").exists()

    tap(qtbot, usb.stories_button)
    assert current(kiosk) == "stories"
    qtbot.waitUntil(lambda: "Rain garden from the stick" in texts(stories), timeout=WAIT_MS)
    card = next(c for c in stories._cards if c.story.title.en == "Rain garden from the stick")
    assert stories._cards[0] is card  # the site's own pack comes before the built-in one
    qtbot.waitUntil(lambda: card.image.pixmap() is not None and not card.image.pixmap().isNull())
    tap(qtbot, card)
    assert stories.story_title.text() == "Rain garden from the stick"
    assert "When it rains" in texts(stories)
    qtbot.waitUntil(lambda: content.status.confirmed, timeout=WAIT_MS)  # shown → kept
    assert content.library.pointer().active.id == "my-school"


def test_stick_pulled_mid_copy_changes_nothing(
    qtbot: Any, kiosk: Any, key: Ed25519PrivateKey, tmp_path: Path, monkeypatch: Any
) -> None:
    stick = tmp_path / "STICK"
    pack = build(tmp_path, key, stick / "big.kpack", "Never shown", big=True)
    real = content_jobs.install_from_stick

    def pulled_mid_copy(src: Path, *args: Any) -> Any:
        progress = args[-1]

        def pull(phase: str, done: int, total: int) -> None:
            if phase == "copy" and src.exists():
                os.truncate(src, done)  # the device is gone: the file ends early
                src.unlink()
            progress(phase, done, total)

        return real(src, *args[:-1], pull)

    monkeypatch.setattr(content_jobs, "install_from_stick", pulled_mid_copy)
    content = kiosk.services.content
    before_pointer = content.library.pointer()
    before_content = content.content
    insert_stick(qtbot, kiosk, stick)
    staff_login(qtbot, kiosk)
    qtbot.waitUntil(lambda: current(kiosk) == "usb", timeout=WAIT_MS)
    usb = kiosk.window.router.current
    assert pack.name in texts(usb)
    with qtbot.waitSignal(content.install_did_fail, timeout=WAIT_MS):
        tap(qtbot, usb.install_buttons()[0])
    assert usb.headline.text() == "Not installed"
    assert usb.detail.text().startswith("The USB stick could not be read to the end")
    assert "Nothing was changed" in usb.detail.text()
    assert "You can remove the USB stick" not in usb.detail.text()
    assert usb.reason_detail.isVisible() and "was it removed?" in usb.reason_detail.text()
    assert usb.back_button.isEnabled()
    assert content.library.pointer() == before_pointer
    assert content.content is before_content
    assert not any((kiosk.paths.data_dir / "incoming").glob("*"))
    tap(qtbot, usb.back_button)
    assert current(kiosk) == "staff"
    panel = kiosk.window.router.current.findChild(QLabel, "content-install")
    assert "Not installed (reason below)" in panel.text()
    problem = kiosk.window.router.current.findChild(QLabel, "content-problem")
    assert "Last install: The USB stick could not be read to the end" in problem.text()


def test_forged_pack_is_refused_with_a_reason_in_chinese(
    qtbot: Any, kiosk: Any, tmp_path: Path
) -> None:
    """Staff read why in Chinese, with what to do; the English detail is below for support."""
    stick = tmp_path / "STICK"
    build(tmp_path, Ed25519PrivateKey.generate(), stick / "forged.kpack", "Forged")
    content = kiosk.services.content
    shown = content.content
    kiosk.ctx.language.set_language("zh")
    insert_stick(qtbot, kiosk, stick)
    staff_login(qtbot, kiosk)
    qtbot.waitUntil(lambda: current(kiosk) == "usb", timeout=WAIT_MS)
    usb = kiosk.window.router.current
    with qtbot.waitSignal(content.install_did_fail, timeout=WAIT_MS) as blocker:
        tap(qtbot, usb.install_buttons()[0])
    assert blocker.args[0] == "untrusted"
    assert usb.headline.text() == "未安装"
    assert usb.detail.text().startswith("这份内容没有用本机信任的密钥签名")
    assert "可以拔出 U 盘了" in usb.detail.text()
    assert usb.reason_detail.text().startswith("详细信息：signed by unknown key")
    kiosk.ctx.language.set_language("en")  # switching language re-renders the same failure
    assert usb.detail.text().startswith("The content is not signed by a key this kiosk trusts")
    assert usb.reason_detail.text().startswith("Details: signed by unknown key")
    assert content.content is shown
    tap(qtbot, usb.again_button)
    assert usb.install_buttons(), "the stick's packs are offered again"


def test_stick_without_packs_and_pulled_stick_update_the_usb_screen(
    qtbot: Any, kiosk: Any, tmp_path: Path
) -> None:
    stick = tmp_path / "EMPTY"
    stick.mkdir()
    insert_stick(qtbot, kiosk, stick)
    staff_login(qtbot, kiosk)
    assert current(kiosk) == "staff", "an empty stick does not redirect staff"
    staff = kiosk.window.router.current
    usb_row = staff.findChild(QLabel, "content-usb")
    assert "0 content pack" in usb_row.text()
    tap(qtbot, staff.findChild(QPushButton, "content-open-usb"))
    qtbot.waitUntil(lambda: current(kiosk) == "usb", timeout=5000)
    usb = kiosk.window.router.current
    assert usb.headline.text() == "No content packs on the USB stick"
    watcher = kiosk.services.usb_watcher
    watcher.list_mounts = lambda: []
    with qtbot.waitSignal(watcher.stick_did_disappear, timeout=WAIT_MS):
        watcher.scan_now()
    assert usb.headline.text() == "No USB stick found"


def test_a_second_install_while_one_runs_is_refused_politely(
    qtbot: Any, kiosk: Any, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    stick = tmp_path / "STICK"
    build(tmp_path, key, stick / "a.kpack", "First")
    insert_stick(qtbot, kiosk, stick)
    staff_login(qtbot, kiosk)
    qtbot.waitUntil(lambda: current(kiosk) == "usb", timeout=WAIT_MS)
    usb = kiosk.window.router.current
    content = kiosk.services.content
    with qtbot.waitSignal(content.rollback_did_fail, timeout=WAIT_MS) as blocker:
        assert content.roll_back()  # busy now (fails: nothing kept to go back to)
        tap(qtbot, usb.install_buttons()[0])
        assert "Another install or roll back is running" in usb.detail.text()
        assert usb.state == "list"
    assert blocker.args[0] == "no_pack" and "no previous release" in blocker.args[1]
    tap(qtbot, usb.back_button)
    staff = kiosk.window.router.current
    problem = staff.findChild(QLabel, "content-problem")
    assert "Roll back failed: There is no content pack here to show or to go back to" in (
        problem.text()
    )
    detail = staff.findChild(QLabel, "content-problem-detail")
    assert "Details: no previous release of pack builtin is kept" in detail.text()
