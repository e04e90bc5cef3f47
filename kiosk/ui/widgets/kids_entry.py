"""The home screen's way in for a child: one large tap straight into a kids' round.

Its own widget so the home screen's look can change around it: a picture, "Kids' quiz" and an
age badge ("Ages 6–9"); the whole bar is the target.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout

from kiosk.resources import asset
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import PlainLabel, set_role

#: Where the router takes a tap: the quiz screen, opened at a kids' round.
KIDS_ROUND = "quiz/kids"


class KidsEntry(QPushButton):
    kids_round_was_requested = Signal()

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        set_role(self, "kids-entry")
        self.setObjectName("kids-entry")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._min_height = theme.px(160)
        self.clicked.connect(self.kids_round_was_requested)
        layout = self._layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.px(32), theme.px(16), theme.px(32), theme.px(16))
        layout.setSpacing(theme.px(32))
        picture = PlainLabel()
        size = theme.px(128)
        picture.setPixmap(QIcon(str(asset("icons", "kids.svg"))).pixmap(QSize(size, size)))
        picture.setFixedSize(size, size)
        texts = QVBoxLayout()
        texts.setSpacing(theme.px(4))
        self.title_label = PlainLabel()
        set_role(self.title_label, "kids-entry-title")
        self.subtitle_label = PlainLabel()
        self.subtitle_label.setWordWrap(True)
        set_role(self.subtitle_label, "subtitle")
        texts.addWidget(self.title_label)
        texts.addWidget(self.subtitle_label)
        self.badge = PlainLabel()
        set_role(self.badge, "age-badge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for lab in (picture, self.title_label, self.subtitle_label, self.badge):
            lab.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(picture)
        layout.addLayout(texts, 1)
        layout.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)

    def sizeHint(self) -> QSize:
        """As tall as its picture and texts (a button's own hint only knows its text)."""
        hint = self._layout.sizeHint()
        return QSize(hint.width(), max(hint.height(), self._min_height))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def set_texts(self, title: str, subtitle: str, ages: str) -> None:
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)
        self.badge.setText(ages)
        self.setAccessibleName(f"{title} ({ages})")
