"""Class points for today, this week or this term, with when the board starts again."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.quiz.periods import Period
from kiosk.quiz.points_store import Leaderboard
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import button, label, set_role

MAX_ROWS = 6


class LeaderboardView(QWidget):
    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        self._boards: dict[Period, Leaderboard] = {}
        self._period = Period.WEEK
        self._mine = ""
        self._names: dict[str, str] = {}
        px = theme.px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(px(12))
        tabs = QHBoxLayout()
        tabs.setSpacing(px(12))
        self.group = QButtonGroup(self)
        self.tabs: dict[Period, QPushButton] = {}
        for period in Period:
            btn = button("", "quiz-topic")
            btn.setObjectName(f"quiz-board-{period.value}")
            btn.setCheckable(True)
            btn.clicked.connect(self._on_tab_clicked)
            self.group.addButton(btn)
            self.tabs[period] = btn
            tabs.addWidget(btn)
        self.tabs[self._period].setChecked(True)
        outer.addLayout(tabs)
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(px(24))
        self.rows.setVerticalSpacing(px(8))
        self.rows.setColumnStretch(1, 1)
        outer.addLayout(self.rows)
        self.reset_note = label("", "small")
        outer.addWidget(self.reset_note)
        self.row_labels: list[tuple[QLabel, QLabel, QLabel]] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs[Period.DAY].setText(self.tr("Today"))
        self.tabs[Period.WEEK].setText(self.tr("This week"))
        self.tabs[Period.TERM].setText(self.tr("This term"))
        self._fill()

    def set_boards(
        self, boards: dict[Period, Leaderboard], mine: str, names: dict[str, str] | None = None
    ) -> None:
        """``names``: how to show a team whose stored name is not for the screen (the
        school's own points are kept under the site's name, shown in the current language)."""
        self._boards = dict(boards)
        self._mine = mine
        self._names = dict(names or {})
        self._fill()

    def select(self, period: Period) -> None:
        self._period = period
        self.tabs[period].setChecked(True)
        self._fill()

    def shown_rows(self) -> list[tuple[str, str, str]]:
        return [(a.text(), b.text(), c.text()) for a, b, c in self.row_labels if not a.isHidden()]

    def _on_tab_clicked(self) -> None:
        for period, btn in self.tabs.items():
            if btn is self.sender():
                self.select(period)

    def _fill(self) -> None:
        board = self._boards.get(self._period)
        rows = list(board.rows) if board else []
        shown = rows[:MAX_ROWS]
        mine = next((r for r in rows if r.team == self._mine), None)
        if mine is not None and mine not in shown:
            shown[-1] = mine
        while len(self.row_labels) < len(shown):
            i = len(self.row_labels)
            cells = (
                label("", "quiz-rank", wrap=False),
                label("", "body"),
                label("", "quiz-points", wrap=False),
            )
            for col, cell in enumerate(cells):
                self.rows.addWidget(cell, i, col)
            self.row_labels.append(cells)
        for i, cells in enumerate(self.row_labels):
            visible = i < len(shown)
            for cell in cells:
                cell.setVisible(visible)
            if not visible:
                continue
            row = shown[i]
            rank, team, points = cells
            is_mine = row.team == self._mine
            rank.setText(f"{row.rank}.")
            name = self._names.get(row.team, row.team)
            team.setText(f"{name}  " + self.tr("(your class)") if is_mine else name)
            points.setText(self.tr("%1 points").replace("%1", str(row.points)))
            for cell in cells:
                set_role(cell, cell.property("role"), mine="yes" if is_mine else "no")
        if board is None:
            self.reset_note.setText(self.tr("Loading class points..."))
        elif not rows:
            self.reset_note.setText(self.tr("No points yet. Be the first class on the board!"))
        else:
            starts = board.resets_at.strftime("%Y-%m-%d")
            self.reset_note.setText(self.tr("A new board starts on %1.").replace("%1", starts))
