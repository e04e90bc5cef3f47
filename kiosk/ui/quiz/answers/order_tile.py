"""The pieces of an order list: a choice tile showing its place, and a big arrow button."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QAbstractButton, QSizePolicy

from kiosk.ui.quiz.answer_button import AnswerButton, AnswerState
from kiosk.ui.theme import Theme


class OrderTile(AnswerButton):
    """A choice painted like an answer button, with its place number in the ring and a grip on
    the right. It is not a button: presses fall through to the list, which drags it."""

    def __init__(self, theme: Theme) -> None:
        super().__init__(theme)
        self.place = 0
        #: 0, or lower rows so the list fits a 1080p screen: 1 for four rows in landscape,
        #: 2 for five rows
        self.compact = 0
        self.note = ""  # after the answer: where the visitor had put it, if not here
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.ignore()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        event.ignore()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.ignore()

    def set_place(self, place: int) -> None:
        if place != self.place:
            self.place = place
            self.update()

    def set_note(self, note: str) -> None:
        if note != self.note:
            self.note = note
            self._fit()
            self.update()

    def _min_height(self) -> int:
        return (super()._min_height(), 120, 104)[self.compact]

    def set_compact(self, compact: int) -> None:
        if compact != self.compact:
            self.compact = compact
            self.set_content(self.choice_id, self.text(), None, self._large)

    def _note_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(self._theme.px(24))
        return font

    def _side_width(self) -> int:
        """Room at the right: the grip while open, the note after the answer."""
        if self.state in (AnswerState.OPEN, AnswerState.PICKED):
            return self._theme.px(40)
        if self.note:
            return QFontMetrics(self._note_font()).horizontalAdvance(self.note) + self._theme.px(16)
        return 0

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.note and self.state not in (AnswerState.OPEN, AnswerState.PICKED):
            painter = QPainter(self)
            painter.setFont(self._note_font())
            painter.setPen(QColor(self._theme.palette.bad))
            px = self._theme.px
            rect = QRectF(0, 0, self.width() - px(24), self.height())
            flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(rect, int(flags), self.note)
            painter.end()

    def _paint_badge(self, painter: QPainter, border: QColor) -> None:
        if self.state not in (AnswerState.OPEN, AnswerState.PICKED):
            super()._paint_badge(painter, border)
            return
        rect = self._badge_rect()
        px = self._theme.px
        painter.setPen(QPen(border, px(3)))
        painter.setBrush(
            QColor("#DDEFE3") if self.state is AnswerState.PICKED else QColor("#FFFFFF")
        )
        painter.drawEllipse(rect)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(1, round(rect.height() * 0.5)))
        painter.setFont(font)
        painter.setPen(QColor(self._theme.palette.primary))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), str(self.place))
        # the grip: three short bars at the right edge say "this can be dragged"
        painter.setPen(QPen(QColor(self._theme.palette.muted), px(4), c=Qt.PenCapStyle.RoundCap))
        x, mid = self.width() - px(40), self.height() / 2
        for dy in (-px(12), 0, px(12)):
            painter.drawLine(QPointF(x, mid + dy), QPointF(x + px(22), mid + dy))

    def _text_rect(self) -> QRectF:
        return super()._text_rect().adjusted(0, 0, -self._side_width(), 0)


class ArrowButton(QAbstractButton):
    """A big square button with a chevron pointing up or down."""

    def __init__(self, theme: Theme, up: bool) -> None:
        super().__init__()
        self._theme = theme
        self.up = up
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(theme.px(100), theme.px(100)))

    def sizeHint(self) -> QSize:
        return QSize(self._theme.px(100), self._theme.px(120))

    def paintEvent(self, event: QPaintEvent) -> None:
        px = self._theme.px
        palette = self._theme.palette
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        enabled = self.isEnabled()
        colour = QColor(palette.primary if enabled else "#C9D3CC")
        painter.setPen(QPen(colour, px(3)))
        painter.setBrush(QColor("#DDEFE3") if self.isDown() else QColor(palette.surface))
        body = QRectF(self.rect()).adjusted(px(2), px(2), -px(2), -px(2))
        painter.drawRoundedRect(body, px(20), px(20))
        side = min(body.width(), body.height()) * 0.36
        c = body.center()
        tip = -side / 2 if self.up else side / 2
        chevron = QPolygonF(
            [QPointF(c.x() - side / 2, c.y() - tip), QPointF(c.x(), c.y() + tip),
             QPointF(c.x() + side / 2, c.y() - tip)]
        )  # fmt: skip
        painter.setPen(QPen(colour, px(8), c=Qt.PenCapStyle.RoundCap, j=Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(chevron)
        painter.end()
