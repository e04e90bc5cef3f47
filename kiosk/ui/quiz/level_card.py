"""A level on the quiz's first page: a picture, the level, what it is like and an age badge
("Ages 6–9"); the whole card is the target."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout

from kiosk.quiz.models import Difficulty
from kiosk.resources import asset
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import PlainLabel, set_role

PICTURES = {
    Difficulty.KIDS: "kids.svg",
    Difficulty.FAMILY: "family.svg",
    Difficulty.STUDENT: "student.svg",
}


class LevelCard(QPushButton):
    def __init__(self, theme: Theme, level: Difficulty) -> None:
        super().__init__()
        set_role(self, "quiz-level")
        self.level = level
        self.setObjectName(f"quiz-level-{level.value}")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.px(24), theme.px(16), theme.px(24), theme.px(16))
        layout.setSpacing(theme.px(8))
        self.picture = PlainLabel()
        side = theme.px(112)
        self.picture.setPixmap(
            QIcon(str(asset("icons", PICTURES[level]))).pixmap(QSize(side, side))
        )
        self.picture.setFixedSize(side, side)
        self.title_label = PlainLabel()
        set_role(self.title_label, "kids-entry-title")
        self.subtitle_label = PlainLabel()
        self.subtitle_label.setWordWrap(True)
        set_role(self.subtitle_label, "subtitle")
        self.badge = PlainLabel()
        set_role(self.badge, "age-badge")
        center = Qt.AlignmentFlag.AlignHCenter
        for lab in (self.title_label, self.subtitle_label, self.badge):
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for lab in (self.picture, self.title_label, self.subtitle_label, self.badge):
            lab.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addStretch(1)
        layout.addWidget(self.picture, 0, center)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.badge, 0, center)
        layout.addStretch(1)
        self._layout = layout

    def set_texts(self, title: str, subtitle: str, ages: str) -> None:
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)
        self.badge.setText(ages)
        self.setAccessibleName(f"{title} ({ages})")

    def minimumSizeHint(self) -> QSize:
        return self._layout.minimumSize()
