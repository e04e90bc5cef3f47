"""Start of a round: pick a topic (or all) and a level; levels with nothing to ask are off."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.quiz.models import Difficulty
from kiosk.ui.quiz.level_card import LevelCard
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import button, discard, label


class LevelPicker(QWidget):
    level_was_chosen = Signal(str, object)  # (Difficulty value, theme or None for all)
    topic_did_change = Signal(object)  # theme or None

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        px = theme.px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(px(48), px(32), px(48), px(48))
        outer.setSpacing(px(24))
        self.topic_heading = label("", "heading")
        outer.addWidget(self.topic_heading)
        self.topic_row = QGridLayout()
        self.topic_row.setSpacing(px(16))
        outer.addLayout(self.topic_row)
        self.topic_group = QButtonGroup(self)
        self.topic_group.setExclusive(True)
        self.topic_buttons: dict[str | None, QPushButton] = {}
        self._topic_columns = 3
        self.level_heading = label("", "heading")
        outer.addWidget(self.level_heading)
        self.level_grid = QGridLayout()
        self.level_grid.setSpacing(px(24))
        self.level_buttons: dict[Difficulty, LevelCard] = {}
        for level in Difficulty:
            card = LevelCard(theme, level)
            card.setMaximumHeight(px(420))
            card.clicked.connect(self._on_level_clicked)
            self.level_buttons[level] = card
        self._arrange(portrait=False)
        outer.addLayout(self.level_grid, 1)
        outer.addStretch(0)
        self._theme_value: str | None = None

    @property
    def topic(self) -> str | None:
        return self._theme_value

    def set_topics(
        self, topics: Sequence[tuple[str, str, str]], all_label: str, all_picture: str = ""
    ) -> None:
        """``topics`` are (theme, title in the current language, a picture file or ""); "all"
        comes first."""
        for btn in self.topic_buttons.values():
            self.topic_group.removeButton(btn)
            self.topic_row.removeWidget(btn)
            discard(btn)
        self.topic_buttons = {}
        entries: list[tuple[str | None, str, str]] = [(None, all_label, all_picture), *topics]
        icon_px = self._theme.px(56)
        for theme_value, title, picture in entries:
            btn = button(title, "quiz-topic")
            if picture:
                btn.setIcon(QIcon(picture))
                btn.setIconSize(QSize(icon_px, icon_px))
            btn.setCheckable(True)
            btn.setObjectName(f"quiz-topic-{theme_value or 'all'}")
            btn.setMinimumHeight(self._theme.px(96))
            btn.clicked.connect(self._on_topic_clicked)
            self.topic_group.addButton(btn)
            self.topic_buttons[theme_value] = btn
        self._place_topics()
        if self._theme_value not in self.topic_buttons:
            self._theme_value = None
        self.topic_buttons[self._theme_value].setChecked(True)

    def _place_topics(self) -> None:
        columns = self._topic_columns
        for i, btn in enumerate(self.topic_buttons.values()):
            self.topic_row.removeWidget(btn)
            self.topic_row.addWidget(btn, i // columns, i % columns)
        for column in range(3):
            self.topic_row.setColumnStretch(column, 1 if column < columns else 0)

    def set_level_texts(self, texts: dict[Difficulty, tuple[str, str, str]]) -> None:
        """(title, what it is like, ages) per level."""
        for level, (title, subtitle, ages) in texts.items():
            self.level_buttons[level].set_texts(title, subtitle, ages)

    def set_playable(self, levels: Sequence[Difficulty]) -> None:
        for level, btn in self.level_buttons.items():
            btn.setEnabled(level in levels)

    def select_topic(self, theme_value: str | None) -> None:
        self._theme_value = theme_value if theme_value in self.topic_buttons else None
        self.topic_buttons[self._theme_value].setChecked(True)

    def _on_topic_clicked(self) -> None:
        for theme_value, btn in self.topic_buttons.items():
            if btn is self.sender():
                self._theme_value = theme_value
        self.topic_did_change.emit(self._theme_value)

    def _on_level_clicked(self) -> None:
        for level, btn in self.level_buttons.items():
            if btn is self.sender():
                self.level_was_chosen.emit(level.value, self._theme_value)

    def _arrange(self, portrait: bool) -> None:
        self._topic_columns = 2 if portrait else 3
        self._place_topics()
        for i, level in enumerate(Difficulty):
            btn = self.level_buttons[level]
            self.level_grid.removeWidget(btn)
            self.level_grid.addWidget(btn, i if portrait else 0, 0 if portrait else i)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(portrait=event.size().height() > event.size().width())
        super().resizeEvent(event)


class ClassPicker(QWidget):
    """School mode: the class or team that collects this round's points (never a name)."""

    class_was_chosen = Signal(str)

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        px = theme.px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(px(48), px(32), px(48), px(48))
        outer.setSpacing(px(24))
        self.heading = label("", "heading")
        self.note = label("", "subtitle")
        outer.addWidget(self.heading)
        outer.addWidget(self.note)
        # portrait: the free height goes above the classes, so they sit within reach
        outer.addStretch(0)
        self.grid = QGridLayout()
        self.grid.setSpacing(px(20))
        outer.addLayout(self.grid)
        outer.addStretch(1)
        self._outer = outer
        back_row = QHBoxLayout()
        self.back_button = button("", "")
        self.back_button.setObjectName("quiz-class-back")
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        outer.addLayout(back_row)
        self.buttons: dict[str, QPushButton] = {}

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        self._outer.setStretch(2, 1 if portrait else 0)
        self._outer.setStretch(4, 0 if portrait else 1)
        super().resizeEvent(event)

    def set_classes(self, classes: Sequence[str]) -> None:
        if list(self.buttons) == list(classes):
            return
        for btn in self.buttons.values():
            self.grid.removeWidget(btn)
            discard(btn)
        self.buttons = {}
        columns = 4 if len(classes) > 6 else 3
        for i, name in enumerate(classes):
            btn = button(name, "quiz-class")
            btn.setObjectName(f"quiz-class-{i}")
            btn.setMinimumHeight(self._theme.px(120))
            btn.clicked.connect(self._on_clicked)
            self.buttons[name] = btn
            self.grid.addWidget(btn, i // columns, i % columns)

    def _on_clicked(self) -> None:
        for name, btn in self.buttons.items():
            if btn is self.sender():
                self.class_was_chosen.emit(name)
