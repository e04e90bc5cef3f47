"""What a kiosk that runs for months must not pile up: repeated visitor actions through the
real window leave the number of live objects where it was (the soak benchmark,
``benchmarks/bench_soak.py``, found each of these growing)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTranslator
from PySide6.QtTest import QTest


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
