"""The active pack in the real window: stories grid and story page, theme colours and logo,
attract playlist, and the staff panel's two-tap roll back."""
# ruff: noqa: F811  (the kiosk and key fixtures are shared with test_content_usb)

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from test_content_usb import WAIT_MS, build, current, key, kiosk, tap, texts  # noqa: F401

from kiosk.ui.screens.attract import slides_from_content


def install(qtbot: Any, kiosk: Any, pack: Path) -> None:
    content = kiosk.services.content
    with qtbot.waitSignal(content.install_did_finish, timeout=WAIT_MS):
        assert content.install(pack)
    qtbot.waitUntil(lambda: content.status.confirmed, timeout=WAIT_MS)


def test_a_story_is_a_carousel_that_ends_in_the_next_story(
    qtbot: Any, kiosk: Any, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    install(qtbot, kiosk, build(tmp_path, key, tmp_path / "p.kpack", "Our rain garden"))
    tap(qtbot, kiosk.window.router.screen("home").tiles["stories"])
    stories = kiosk.window.router.current
    first, second = stories._cards[0].story, stories._cards[1].story
    tap(qtbot, stories._cards[0])
    count = len(first.slides)
    assert stories.slides.currentIndex() == 0 and not stories.prev_button.isEnabled()
    assert stories.dots.text().split() == ["●"] + ["○"] * (count - 1)
    for at in range(1, count + 1):  # next, next ... to the end card
        tap(qtbot, stories.next_button)
        assert stories.slides.currentIndex() == at
    assert stories.slides.currentWidget() is stories.next_card
    assert not stories.next_button.isVisible()
    assert second.title.en in stories.next_card.text()
    tap(qtbot, stories.prev_button)
    assert stories.slides.currentIndex() == count - 1
    # a swipe to the left is "next", to the right "previous", never past either end
    swipe = stories.swipe.user_did_swipe
    swipe.emit(1)
    assert stories.slides.currentWidget() is stories.next_card
    swipe.emit(1)
    assert stories.slides.currentWidget() is stories.next_card
    tap(qtbot, stories.next_card)
    assert stories.story_title.text() == second.title.en
    assert stories.slides.currentIndex() == 0
    swipe.emit(-1)
    assert stories.slides.currentIndex() == 0


def test_stories_grid_story_page_language_and_back(
    qtbot: Any, kiosk: Any, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    install(qtbot, kiosk, build(tmp_path, key, tmp_path / "p.kpack", "Our rain garden"))
    tap(qtbot, kiosk.window.router.screen("home").tiles["stories"])
    stories = kiosk.window.router.current
    card = stories._cards[0]  # the school's pack comes before the built-in one
    assert card.title_label.text() == "Our rain garden"
    assert card.summary_label.text() == "Roof rain waters the school garden"
    assert card.height() >= 48
    tap(qtbot, card)
    assert stories.pages.currentWidget() is stories.story_page
    qtbot.waitUntil(
        lambda: any(
            lab.objectName() == "story-slide-image" and lab.isVisible()
            for lab in stories.findChildren(QLabel)
        ),
        timeout=WAIT_MS,
    )
    assert "Source: Our school, 2026" in texts(stories)
    tap(qtbot, kiosk.window.top_bar.language_button)
    assert stories.story_title.text() == "雨水花园"
    assert "下雨时" in texts(stories)
    # the English slides are off the screen at once, not drawn under the Chinese ones
    assert "When it rains" not in texts(stories)
    old_slides = list(stories._slide_widgets)
    stories.open_story(card.story.id)  # opened again: the old slides leave the screen at once
    assert not any(w.isVisible() for w in old_slides)  # (a grab now would draw them twice)
    qtbot.waitUntil(lambda: texts(stories).count("下雨时") == 1, timeout=WAIT_MS)
    tap(qtbot, kiosk.window.top_bar.language_button)
    back = kiosk.window.top_bar.home_button  # the one back button
    assert back.text() == "← All stories"
    tap(qtbot, back)
    assert stories.pages.currentWidget() is stories.list_scroll
    assert back.text() == "← Home"
    tap(qtbot, card)
    stories.reset_visitor_state()  # idle
    assert stories.pages.currentWidget() is stories.list_scroll


def test_without_content_the_stories_screen_is_honest(qtbot: Any, kiosk: Any) -> None:
    kiosk.window.router.go("stories")
    stories = kiosk.window.router.current
    stories.set_content(None)
    assert stories.pages.currentWidget() is stories.notice
    assert "No stories installed yet" in texts(stories)
    assert stories.shot_states() == [""]


def test_pack_theme_recolours_and_logo_and_attract_come_from_the_pack(
    qtbot: Any, kiosk: Any, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    home = kiosk.window.router.screen("home")
    home.set_logo(None)
    leaf = home.logo.pixmap().toImage()
    src_pack = build(tmp_path, key, tmp_path / "p.kpack", "Our rain garden", primary="#123456")
    install(qtbot, kiosk, src_pack)
    content = kiosk.services.content.content
    assert kiosk.ctx.theme.palette.primary == "#123456"
    assert "#123456" in kiosk.app.styleSheet()
    logo = home.logo.pixmap().toImage()
    assert not logo.isNull() and logo != leaf, "the pack's logo replaces our leaf"
    slides = slides_from_content(content)
    assert [s.title_en for s in slides[:2]] == ["Our rain garden", ""]  # then the built-in's
    assert slides[1].image_path == str(content.resolve("images/rain-garden.svg"))
    assert slides[0].text_en.startswith("When it rains") and slides[0].seconds == 15
    kiosk.window.show_idle()
    attract = kiosk.window.router.current
    assert attract.headline.text() == "Our rain garden"
    assert not attract.image.pixmap().isNull()


def test_staff_panel_shows_the_pack_and_rolls_back_after_a_second_tap(
    qtbot: Any, kiosk: Any, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    install(qtbot, kiosk, build(tmp_path, key, tmp_path / "a.kpack", "Garden one"))
    install(qtbot, kiosk, build(tmp_path, key, tmp_path / "b.kpack", "Garden two", version=2))
    staff = kiosk.window.router.screen("staff")
    kiosk.window.router.go("staff")
    staff.open_section("content")
    shown = staff.findChild(QLabel, "content-active").text()
    assert "my-school" in shown and "(2)" in shown
    assert "(1)" in staff.findChild(QLabel, "content-previous").text()
    assert "installed my-school release 2" in staff.findChild(QLabel, "content-install").text()
    rollback = staff.findChild(QPushButton, "content-rollback")
    content = kiosk.services.content
    tap(qtbot, rollback)
    assert rollback.text().startswith("Tap again")
    assert content.library.pointer().active.version == 2, "one tap changes nothing"
    with qtbot.waitSignal(content.rollback_did_finish, timeout=WAIT_MS):
        tap(qtbot, rollback)
    assert content.library.pointer().active.version == 1
    assert "Rolled back to my-school" in texts(staff)
    stories = kiosk.window.router.screen("stories")
    qtbot.waitUntil(lambda: stories._cards[0].title_label.text() == "Garden one")


def test_usb_screen_states_render_for_screenshots(qtbot: Any, kiosk: Any) -> None:
    usb = kiosk.window.router.screen("usb")
    kiosk.window.router.go("usb")
    for state in usb.shot_states():
        usb.enter_shot_state(state)
        assert usb.headline.text().strip()
        assert usb.progress.isVisible() == (state == "installing")
        visible = [b for b in usb.findChildren(QPushButton) if b.isVisible()]
        assert all(b.height() >= 48 for b in visible)
        if state == "found":
            assert len(usb.install_buttons()) == 2
            assert "Content packs found: 2" in usb.headline.text()
    # the stick is pulled right after its packs were listed: its rows leave the screen at once
    usb.enter_shot_state("found")
    usb.enter_shot_state("list")
    assert not any(b.isVisible() for b in usb.install_buttons())
    qtbot.mouseClick(usb.back_button, Qt.MouseButton.LeftButton)
    assert current(kiosk) == "staff"


def test_story_text_that_looks_like_html_is_shown_as_text(
    qtbot: Any, kiosk: Any, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    """A story title of <img src='/a/local/file.png'> showed that local file: pack text is
    plain text on every label."""
    secret = tmp_path / "local.png"
    secret.write_bytes(b"not for visitors")
    title = f"<img src='{secret}'> Rain"
    install(qtbot, kiosk, build(tmp_path, key, tmp_path / "p.kpack", title))
    tap(qtbot, kiosk.window.router.screen("home").tiles["stories"])
    stories = kiosk.window.router.current
    [card] = [c for c in stories._cards if c.title_label.text() == title]
    tap(qtbot, card)
    assert stories.story_title.text() == title
    for lab in stories.findChildren(QLabel):
        assert lab.textFormat() == Qt.TextFormat.PlainText, lab.objectName()
