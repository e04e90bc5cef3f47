"""A chart legend as text with a drawn swatch, so a series is never told apart by colour alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import PlainLabel, set_role


class Legend(QWidget):
    def __init__(self, theme: Theme, colours: dict[str, str], patterns: dict[str, str]) -> None:
        """``patterns``: "fill" (a filled block) or "line" (a thick bar) per key."""
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(24))
        self.labels: dict[str, QLabel] = {}
        for key, colour in colours.items():
            swatch = QFrame()
            height = theme.px(28) if patterns.get(key) == "fill" else theme.px(8)
            swatch.setFixedSize(theme.px(40), height)
            swatch.setStyleSheet(f"background: {colour}; border-radius: {theme.px(4)}px;")
            text = PlainLabel()
            set_role(text, "body")
            layout.addWidget(swatch, 0, Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(text)
            self.labels[key] = text
        layout.addStretch(1)

    def set_text(self, key: str, text: str) -> None:
        self.labels[key].setText(text)
