"""What a kiosk that runs for months must not pile up: repeated visitor actions through the
real window leave the number of live objects where it was (the soak benchmark,
``benchmarks/bench_soak.py``, found each of these growing)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTranslator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel


def live(kind: type) -> int:
    """Live Python wrappers of ``kind`` after deferred deletes and a collection."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return sum(isinstance(o, kind) for o in gc.get_objects())


def tap(widget: Any) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def test_switching_language_does_not_keep_old_translators(
    make_kiosk: Callable[..., Any],
) -> None:
    kiosk = make_kiosk({"display": {"language": "zh"}})
    button = kiosk.window.top_bar.language_button
    tap(button)
    tap(button)
    before = live(QTranslator)
    for _ in range(50):
        tap(button)
    assert kiosk.language.code == "zh"
    assert live(QTranslator) <= before


def held_image_bytes() -> int:
    """Bytes of every decoded picture (QImage) Python still holds."""
    from PySide6.QtGui import QImage

    gc.collect()
    return sum(o.sizeInBytes() for o in gc.get_objects() if isinstance(o, QImage))


def test_reading_every_story_keeps_only_the_open_storys_big_pictures(
    qtbot: Any, make_kiosk: Callable[..., Any]
) -> None:
    """The stories screen kept each opened story's page-size pictures until the next pack:
    about 2.7 MB a picture at 1080p, so a day of visitors reading stories added tens of MiB.
    Now: the cards' thumbnails, and the pictures of the story on screen."""
    kiosk = make_kiosk({"display": {"language": "en"}}, windowed=True, size=(1920, 1080))
    kiosk.window.router.go("stories")
    stories = kiosk.window.router.current
    qtbot.waitUntil(lambda: len(stories._cards) >= 4, timeout=10_000)

    def pictures_shown() -> bool:
        labels = [w.findChild(QLabel, "story-slide-image") for w in stories._slide_widgets]
        return any(lab is not None and lab.isVisible() for lab in labels)

    def pictures(card: Any) -> int:
        return sum(slide.image_path is not None for slide in card.story.slides)

    # The story with the most pictures first: what one open story may hold at most.
    with_pictures = sorted((c for c in stories._cards if pictures(c)), key=pictures, reverse=True)
    assert len(with_pictures) >= 3
    qtbot.wait(500)  # the thumbnails
    biggest = with_pictures[0].story.id
    stories.open_story(biggest)
    qtbot.waitUntil(pictures_shown, timeout=10_000)
    qtbot.wait(300)
    one_story = held_image_bytes()
    for card in [*with_pictures[1:], with_pictures[0]]:
        stories.open_story(card.story.id)
        qtbot.waitUntil(pictures_shown, timeout=10_000)
        qtbot.wait(300)
    held = held_image_bytes()
    assert held <= 1.2 * one_story, (held, one_story)
