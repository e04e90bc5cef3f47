"""School mode, after a kids' round: who gets the points, a class or the whole school.

A child plays first and chooses after (there is no class picker before a kids' round); the
points are not given until a button here is tapped."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import button, discard, label


class TeamChooser(QWidget):
    team_was_chosen = Signal(str)

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(theme.px(16))
        self.heading = label("", "heading")
        self.grid = QGridLayout()
        self.grid.setSpacing(theme.px(16))
        outer.addWidget(self.heading)
        outer.addLayout(self.grid)
        self.buttons: dict[str, QPushButton] = {}

    def set_teams(self, teams: Sequence[tuple[str, str]]) -> None:
        """``teams``: (name stored with the points, text on the button), in order."""
        shown = [(btn.property("team"), btn.text()) for btn in self.buttons.values()]
        if shown == list(teams):
            return
        for btn in self.buttons.values():
            self.grid.removeWidget(btn)
            discard(btn)
        self.buttons = {}
        columns = 3 if len(teams) > 4 else 2
        for i, (team, text) in enumerate(teams):
            btn = button(text, "quiz-class")
            btn.setObjectName(f"quiz-team-{i}")
            btn.setProperty("team", team)
            btn.setMinimumHeight(self._theme.px(110))
            btn.clicked.connect(self._on_clicked)
            self.buttons[team] = btn
            self.grid.addWidget(btn, i // columns, i % columns)

    def _on_clicked(self) -> None:
        for team, btn in self.buttons.items():
            if btn is self.sender():
                self.team_was_chosen.emit(team)
