"""A calm, honest message filling a screen area ("no quizzes installed yet")."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import PlainLabel, set_role


class Notice(QWidget):
    def __init__(self, theme: Theme, icon_path: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.px(24))
        icon = PlainLabel()
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        icon.setPixmap(QIcon(icon_path).pixmap(QSize(theme.px(180), theme.px(180))))
        self.headline = PlainLabel()
        self.headline.setWordWrap(True)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.headline, "heading")
        self.detail = PlainLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.detail, "honest")
        layout.addStretch(1)
        layout.addWidget(icon)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addStretch(2)

    def set_texts(self, headline: str, detail: str) -> None:
        self.headline.setText(headline)
        self.detail.setText(detail)
