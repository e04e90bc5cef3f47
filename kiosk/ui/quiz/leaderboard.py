"""Class points for today, this week or this term as a bar chart, with when the board starts
again. Equal points share a rank (the core ranks them) and draw equal bars."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.quiz.periods import Period
from kiosk.quiz.points_store import Leaderboard
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import button, label, set_role

MAX_ROWS = 6


class PointsBar(QWidget):
    """A horizontal bar: this row's points as a share of the board's best."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        self.fraction = 0.0
        self.mine = False
        self.setMinimumHeight(theme.px(28))
        self.setMinimumWidth(theme.px(120))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_fraction(self, fraction: float, mine: bool) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if (fraction, mine) != (self.fraction, self.mine):
            self.fraction, self.mine = fraction, mine
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        radius = self.height() / 2
        painter.setBrush(QColor("#DDE6DF"))
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        if self.fraction > 0:
            width = max(self.height(), self.width() * self.fraction)
            colour = self._theme.qcolor("accent" if self.mine else "primary")
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(0, 0, width, self.height()), radius, radius)
        painter.end()


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
        self.rows.setColumnStretch(1, 2)
        self.rows.setColumnStretch(2, 3)
        outer.addLayout(self.rows)
        self.reset_note = label("", "small")
        outer.addWidget(self.reset_note)
        self.row_labels: list[tuple[QLabel, QLabel, QLabel]] = []
        self.bars: list[PointsBar] = []
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
            bar = PointsBar(self._theme)
            rank_cell, team_cell, points_cell = cells
            for col, cell in enumerate((rank_cell, team_cell, bar, points_cell)):
                self.rows.addWidget(cell, i, col)
            self.row_labels.append(cells)
            self.bars.append(bar)
        best = max((r.points for r in rows), default=0)
        for i, cells in enumerate(self.row_labels):
            visible = i < len(shown)
            for cell in (*cells, self.bars[i]):
                cell.setVisible(visible)
            if not visible:
                continue
            row = shown[i]
            self.bars[i].set_fraction(row.points / best if best else 0.0, row.team == self._mine)
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
