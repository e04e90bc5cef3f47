"""The one application-wide event filter: each handler sees only the event types it asked
for, the handler added last is asked first, and one that takes an event ends it there."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from kiosk.services.input_events import InputEvents


class Recorder(QObject):
    def __init__(self, name: str, types: set[QEvent.Type], log: list[str], take: bool = False):
        super().__init__()
        self.name, self.log, self.take = name, log, take
        self.event_types = frozenset(types)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.log.append(f"{self.name}:{event.type().name}")
        return self.take


def shown_button(qtbot: Any) -> QPushButton:
    button = QPushButton("tap")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    return button


def test_handlers_see_only_their_event_types_last_added_first(qapp: Any, qtbot: Any) -> None:
    log: list[str] = []
    press, release = QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease
    events = InputEvents()
    events.add(Recorder("idle", {press}, log))
    events.add(Recorder("corner", {press, release}, log))
    qapp.installEventFilter(events)
    try:
        button = shown_button(qtbot)
        clicks: list[bool] = []
        button.clicked.connect(lambda: clicks.append(True))
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(1)
        qtbot.waitUntil(lambda: len(ticks) >= 3)  # timer events: no handler is asked
        timer.stop()
        assert log == []
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        assert log[:3] == ["corner:MouseButtonPress", "idle:MouseButtonPress",
                           "corner:MouseButtonRelease"]  # fmt: skip
        assert clicks == [True]
    finally:
        qapp.removeEventFilter(events)


def test_a_handler_that_takes_an_event_ends_it(qapp: Any, qtbot: Any) -> None:
    log: list[str] = []
    press = QEvent.Type.MouseButtonPress
    events = InputEvents()
    events.add(Recorder("idle", {press}, log))
    events.add(Recorder("screen", {press}, log, take=True))  # a touch that wakes the screen
    qapp.installEventFilter(events)
    try:
        button = shown_button(qtbot)
        pressed: list[bool] = []
        button.pressed.connect(lambda: pressed.append(True))
        QTest.mousePress(button, Qt.MouseButton.LeftButton)
        assert log == ["screen:MouseButtonPress"]  # used up: idle never saw it, nor the button
        assert pressed == []
    finally:
        qapp.removeEventFilter(events)
