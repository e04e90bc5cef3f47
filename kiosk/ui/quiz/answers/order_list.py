"""Put the choices in order: press a choice and drag it with a finger (or the mouse) to its
place, or move it with the big up/down arrows beside it; *Check my answer* sends the order.
After the answer the list shows the right order: a tick on each place the visitor had right,
the others dashed green (the right answer, shown so the visitor learns it)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QSize, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.quiz.views import ChoiceView, QuestionView
from kiosk.ui.quiz.answer_button import AnswerButton, AnswerState
from kiosk.ui.quiz.answers.base import AnswerWidget, PictureResolver, check_button
from kiosk.ui.quiz.answers.order_tile import ArrowButton, OrderTile
from kiosk.ui.theme import Theme

ROW_GAP_PX = 16
DRAG_START_PX = 12  # a finger moves this far before a press becomes a drag
COMFORTABLE_ROWS = 4  # more rows are drawn a little lower (in landscape, four already)


class OrderRow(QWidget):
    """One choice: its tile, and the up and down arrows."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(12))
        self.tile = OrderTile(theme)
        self.up = ArrowButton(theme, up=True)
        self.down = ArrowButton(theme, up=False)
        layout.addWidget(self.tile, 1)
        layout.addWidget(self.up)
        layout.addWidget(self.down)

    @property
    def choice_id(self) -> str:
        return self.tile.choice_id


@dataclass
class _Drag:
    row: OrderRow
    press_y: int
    grab_dy: int  # where in the row the finger is
    moving: bool = False
    target: int = 0


class OrderArea(QWidget):
    """The rows, placed by hand so the dragged one can follow the finger over the others."""

    order_did_change = Signal()

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        self.rows: list[OrderRow] = []  # in the visitor's current order
        self._drag: _Drag | None = None
        self.draggable = True
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[OrderRow]) -> None:
        self.rows = rows
        self._drag = None
        self.updateGeometry()
        self._place()

    def order(self) -> tuple[str, ...]:
        return tuple(r.choice_id for r in self.rows)

    def move_row(self, row: OrderRow, step: int) -> None:
        index = self.rows.index(row)
        target = max(0, min(len(self.rows) - 1, index + step))
        if target != index:
            self.rows.insert(target, self.rows.pop(index))
            self._place()
            self.order_did_change.emit()

    # --- geometry --------------------------------------------------------------------------

    def _row_height(self) -> int:
        return max((r.tile.minimumHeight() for r in self.rows), default=self._theme.px(130))

    def _pitch(self) -> int:
        return self._row_height() + self._theme.px(ROW_GAP_PX)

    def sizeHint(self) -> QSize:
        count = len(self.rows)
        height = count * self._pitch() - self._theme.px(ROW_GAP_PX) if count else 0
        return QSize(self._theme.px(600), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._theme.px(400), self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        """Rows at their slots; while dragging, the others make room at the drop place."""
        drag = self._drag if self._drag is not None and self._drag.moving else None
        others = [r for r in self.rows if drag is None or r is not drag.row]
        if drag is not None:
            others.insert(drag.target, drag.row)
        height, pitch = self._row_height(), self._pitch()
        for slot, row in enumerate(others):
            row.tile.set_place(slot + 1)
            if drag is not None and row is drag.row:
                continue  # it follows the finger
            row.setGeometry(0, slot * pitch, self.width(), height)
        for index, row in enumerate(self.rows):
            row.up.setEnabled(index > 0)
            row.down.setEnabled(index < len(self.rows) - 1)

    # --- dragging --------------------------------------------------------------------------

    def _row_at(self, point: QPoint) -> OrderRow | None:
        return next((r for r in self.rows if r.geometry().contains(point)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        row = self._row_at(point) if self.draggable else None
        if row is None:
            event.ignore()
            return
        self._drag = _Drag(row, point.y(), point.y() - row.y(), target=self.rows.index(row))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        if drag is None:
            event.ignore()
            return
        y = event.position().toPoint().y()
        if not drag.moving:
            if abs(y - drag.press_y) < self._theme.px(DRAG_START_PX):
                return
            drag.moving = True
            drag.row.raise_()
            drag.row.tile.set_state(AnswerState.PICKED, False)
        height = self._row_height()
        top = max(0, min(self.height() - height, y - drag.grab_dy))
        drag.row.move(0, top)
        drag.target = max(0, min(len(self.rows) - 1, round(top / self._pitch())))
        self._place()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        if drag is None:
            event.ignore()
            return
        if drag.moving:
            drag.row.tile.set_state(AnswerState.OPEN, False)
            index = self.rows.index(drag.row)
            self.rows.insert(drag.target, self.rows.pop(index))
            self.order_did_change.emit()
        self._place()


class OrderList(AnswerWidget):
    def __init__(self, theme: Theme) -> None:
        super().__init__(theme)
        self._view: QuestionView | None = None
        self._rows: dict[str, OrderRow] = {}
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(20))
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinAndMaxSize)
        self.area = OrderArea(theme)
        layout.addWidget(self.area)
        self.check_button: QPushButton = check_button(theme)
        self.check_button.clicked.connect(self._on_check_clicked)
        layout.addWidget(self.check_button)
        self._pool: list[OrderRow] = []
        self._portrait = False

    def show_choices(
        self, view: QuestionView, pictures: PictureResolver, large: bool, animate: bool
    ) -> None:
        same = (
            self._view is not None
            and self._view.question_id == view.question_id
            and not view.answered
            and set(self._rows) == {c.id for c in view.choices}
        )
        self._view = view
        by_id = {c.id: c for c in view.choices}
        # the same open question (a language switch): keep the visitor's order
        order = [r.choice_id for r in self.area.rows] if same else [c.id for c in view.choices]
        rows = self._rows_for(order)
        for row in rows:
            choice = by_id[row.choice_id]
            row.tile.compact = self._compact(len(rows))
            row.tile.set_content(choice.id, choice.text, None, large)
            row.tile.set_state(self._state_of(choice), animate)
            row.tile.set_note(self._note(choice))
            row.up.setVisible(not view.answered)
            row.down.setVisible(not view.answered)
            row.up.setAccessibleName(self.tr("Move up"))
            row.down.setAccessibleName(self.tr("Move down"))
        self.area.draggable = not view.answered
        self.area.set_rows(rows)
        self.check_button.setText(self.tr("Check my answer"))
        self.check_button.setVisible(not view.answered)
        self._layout.activate()

    def forget(self) -> None:
        self._view = None  # the next render takes the order the session shows

    def set_portrait(self, portrait: bool) -> None:
        if portrait == self._portrait:
            return
        self._portrait = portrait
        rows = self.area.rows
        for row in rows:
            row.tile.set_compact(self._compact(len(rows)))
        self.area.set_rows(rows)
        self._layout.activate()

    def _compact(self, rows: int) -> int:
        """Lower rows when they would not fit: five or more (2), or in landscape (a 1080-pixel
        height under a question of two lines and the hint) four (1)."""
        if rows > COMFORTABLE_ROWS:
            return 2
        return 1 if rows == COMFORTABLE_ROWS and not self._portrait else 0

    def hint(self, view: QuestionView) -> str:
        if view.answered:
            return ""
        return self.tr("Drag the answers into order, or move them with the arrows. Then tap Check.")

    def visible_buttons(self) -> list[AnswerButton]:
        return [row.tile for row in self.area.rows]

    def row_for(self, choice_id: str) -> OrderRow:
        return self._rows[choice_id]

    def _rows_for(self, order: list[str]) -> list[OrderRow]:
        """Rows for the choices in ``order``, reusing the widgets of earlier questions."""
        while len(self._pool) < len(order):
            row = OrderRow(self._theme)
            row.setParent(self.area)
            row.up.clicked.connect(self._on_arrow_clicked)
            row.down.clicked.connect(self._on_arrow_clicked)
            self._pool.append(row)
        rows = self._pool[: len(order)]
        for row, choice_id in zip(rows, order, strict=True):
            row.tile.choice_id = choice_id
            row.show()
        for row in self._pool[len(order) :]:
            row.hide()
        self._rows = {r.choice_id: r for r in rows}
        return rows

    def _note(self, choice: ChoiceView) -> str:
        """After a wrong place: where the visitor had put this choice."""
        answer = self._view.answer if self._view is not None else ()
        if choice.correct is None or choice.chosen or choice.id not in answer:
            return ""
        return self.tr("you: %1").replace("%1", str(answer.index(choice.id) + 1))

    def _state_of(self, choice: ChoiceView) -> AnswerState:
        if choice.correct is None:
            return AnswerState.OPEN
        return AnswerState.CORRECT if choice.chosen else AnswerState.MISSED

    def _on_arrow_clicked(self) -> None:
        arrow = self.sender()
        if not isinstance(arrow, ArrowButton):
            return
        row = arrow.parentWidget()
        if isinstance(row, OrderRow) and self._view is not None and not self._view.answered:
            self.area.move_row(row, -1 if arrow.up else 1)

    def _on_check_clicked(self) -> None:
        if self._view is not None and not self._view.answered:
            self.answer_was_chosen.emit(self.area.order())
