"""Touch-first basics: kinetic scrolling, no context menus, styled roles."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QBoxLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QWidget,
)


def set_role(widget: QWidget, role: str, **props: str) -> QWidget:
    """Tag a widget for the theme (``QLabel[role="title"]`` etc.) and re-polish it."""
    widget.setProperty("role", role)
    for key, value in props.items():
        widget.setProperty(key, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    return widget


class PlainLabel(QLabel):
    """A label that shows its text as text, never as HTML: story titles, quiz questions and
    sources come from packs, and a QLabel left on auto would render ``<img src=...>`` in them
    (showing any local file, past the pack's image checks). Every label of the app is one."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.setTextFormat(Qt.TextFormat.PlainText)


def label(text: str = "", role: str = "body", *, wrap: bool = True) -> QLabel:
    lab = PlainLabel(text)
    lab.setWordWrap(wrap)
    set_role(lab, role)
    return lab


def button(text: str = "", role: str = "", parent: QWidget | None = None) -> QPushButton:
    btn = QPushButton(text, parent)
    btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if role:
        set_role(btn, role)
    return btn


def make_kinetic(area: QAbstractScrollArea) -> None:
    """Drag-to-scroll with momentum for a finger; scroll bars stay thin and passive, and a
    "more ↓" fade at the bottom says there is more below (a thin bar alone says nothing)."""
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    MoreCue(area)


class MoreCue(PlainLabel):
    """A fade over the bottom of a scroll area with "more ↓", shown while content lies below."""

    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        self.setObjectName("more-cue")
        set_role(self, "more-cue")
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._area = area
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(self._on_bar_range_changed)
        bar.valueChanged.connect(self._on_bar_value_changed)
        area.installEventFilter(self)
        self.setText("↓ " + QCoreApplication.translate("MoreCue", "more"))
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        elif event.type() == QEvent.Type.LanguageChange:
            self.setText("↓ " + QCoreApplication.translate("MoreCue", "more"))
        return False

    def _on_bar_range_changed(self, _low: int, _high: int) -> None:
        self._place()

    def _on_bar_value_changed(self, _value: int) -> None:
        self._place()

    def _place(self) -> None:
        viewport = self._area.viewport().geometry()
        height = max(self.sizeHint().height() * 2, viewport.height() // 8)
        self.setGeometry(viewport.left(), viewport.bottom() - height + 1, viewport.width(), height)
        bar = self._area.verticalScrollBar()
        self.setVisible(bar.maximum() > 0 and bar.value() < bar.maximum() - 2)
        self.raise_()


def scrolling_body(outer: QBoxLayout) -> QWidget:
    """Add a frameless, finger-scrolled area to ``outer``; returns the widget to fill."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    make_kinetic(scroll)
    outer.addWidget(scroll)
    body = QWidget()
    scroll.setWidget(body)
    return body


def discard(widget: QWidget) -> None:
    """Take a widget off the screen now and delete it once the event loop runs.

    ``deleteLater`` alone leaves the widget painted at its old place until then, which shows
    as text drawn over the new layout in a frame (and in every ``kiosk shot`` grab)."""
    widget.hide()
    widget.deleteLater()
