"""A big answer target: text and/or a picture; after the answer it turns green with a tick or
red with a cross (colour *and* shape), with a short pop-in animation."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QEasingCurve, QRectF, QSize, Qt, QVariantAnimation
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from kiosk.ui.quiz.paint import draw_badge
from kiosk.ui.theme import Theme

FEEDBACK_MS = 320  # friendly, and well under the 400 ms budget
#: The colour changes in the very first frame after a tap; the icon then grows from this size.
ICON_START_SCALE = 0.4
_TEXT_FLAGS = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap


class AnswerState(StrEnum):
    OPEN = "open"  # waiting for a tap
    PICKED = "picked"  # chosen, not yet checked (questions with several answers)
    CORRECT = "correct"  # chosen and right
    WRONG = "wrong"  # chosen and wrong
    MISSED = "missed"  # right but not chosen: shown so the visitor learns it
    DIMMED = "dimmed"  # neither chosen nor right


class AnswerButton(QAbstractButton):
    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.choice_id = ""
        self.state = AnswerState.OPEN
        #: The state last drawn on screen (read by the latency benchmark).
        self.painted_state = AnswerState.OPEN
        self._picture_path: Path | None = None
        self._pixmap = QPixmap()
        self._large = False
        self._font = QFont()
        self._progress = 1.0
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(FEEDBACK_MS)
        self._anim.setStartValue(ICON_START_SCALE)
        self._anim.setEndValue(1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.OutBack)
        self._anim.valueChanged.connect(self._on_anim_value)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_content(self, choice_id: str, text: str, picture: Path | None, large: bool) -> None:
        """Show one choice; ``large`` is the kids level (bigger text and targets)."""
        self.choice_id = choice_id
        self.setObjectName(f"answer-{choice_id}")
        self._large = large
        self.setText(text)
        self.setAccessibleName(text)
        if picture != self._picture_path:
            self._picture_path = picture
            self._pixmap = QPixmap()
        self.setMinimumHeight(self._theme.px(self._min_height()))
        # text answers may grow to twice their height; a picture is square, so its target
        # grows less (a tall, narrow button would only add empty space)
        growth = 1.25 if picture is not None else 2.0
        self.setMaximumHeight(self._theme.px(round(self._min_height() * growth)))
        self._fit()
        self.update()

    def has_picture(self) -> bool:
        return self._picture_path is not None

    def _min_height(self) -> int:
        if self._picture_path is not None:
            return 360
        return 160 if self._large else 130

    def set_state(self, state: AnswerState, animate: bool) -> None:
        self.state = state
        self.setEnabled(state in (AnswerState.OPEN, AnswerState.PICKED))
        self._anim.stop()
        if animate and state in (AnswerState.CORRECT, AnswerState.WRONG, AnswerState.MISSED):
            self._progress = ICON_START_SCALE
            self._anim.start()
        else:
            self._progress = 1.0
        self.update()

    def _on_anim_value(self, value: object) -> None:
        self._progress = float(value)  # type: ignore[arg-type]
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._theme.px(420), self._theme.px(self._min_height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._pixmap = QPixmap()
        self._fit()

    # --- layout ----------------------------------------------------------------------------

    def _badge_rect(self) -> QRectF:
        px = self._theme.px
        size = min(px(64), self.height() * 0.5)
        return QRectF(px(20), (self.height() - size) / 2 if not self.has_picture() else px(20),
                      size, size)  # fmt: skip

    def _text_rect(self) -> QRectF:
        px = self._theme.px
        badge = self._badge_rect()
        left = badge.right() + px(16)
        if self.has_picture():
            top = self._picture_rect().bottom() + px(8)
            return QRectF(px(16), top, self.width() - px(32), self.height() - top - px(12))
        return QRectF(left, px(10), self.width() - left - px(24), self.height() - px(20))

    def _picture_rect(self) -> QRectF:
        px = self._theme.px
        text_room = px(100 if self._large else 80)
        side = max(1.0, min(self.width() - px(32), self.height() - text_room - px(24)))
        return QRectF((self.width() - side) / 2, px(16), side, side)

    def _fit(self) -> None:
        """Largest font (down to a floor) at which the whole text fits its area."""
        px = self._theme.px
        rect = self._text_rect().toRect()
        # text answers start from a size that grows with the button: readable from a step away
        size = px(44 if self._large else 36)
        if not self.has_picture():
            size = max(size, min(px(64 if self._large else 56), round(rect.height() * 0.4)))
        floor = px(22)
        font = QFont(self.font())
        font.setBold(True)
        while True:
            font.setPixelSize(size)
            bound = QFontMetrics(font).boundingRect(rect, int(_TEXT_FLAGS), self.text())
            if size <= floor or (bound.height() <= rect.height() and bound.width() <= rect.width()):
                break
            size -= max(1, px(2))
        self._font = font

    # --- painting --------------------------------------------------------------------------

    def _colours(self) -> tuple[QColor, QColor, QColor]:
        """Background, border and text colours for the current state."""
        palette = self._theme.palette
        surface, primary, text = (
            QColor(palette.surface),
            QColor(palette.primary),
            QColor(palette.text),
        )
        good, bad, white = QColor(palette.good), QColor(palette.bad), QColor("#FFFFFF")
        state = self.state
        if self.isDown() and state is AnswerState.OPEN:
            return QColor("#DDEFE3"), primary, text
        if state is AnswerState.PICKED:
            return QColor("#DDEFE3"), primary, text
        if state is AnswerState.CORRECT:
            return good, good, white
        if state is AnswerState.WRONG:
            return bad, bad, white
        if state is AnswerState.MISSED:
            return QColor("#E3F4E7"), good, text
        if state is AnswerState.DIMMED:
            return QColor("#EEF2EF"), QColor("#C9D3CC"), QColor(palette.muted)
        return surface, primary, text

    def paintEvent(self, event: QPaintEvent) -> None:
        px = self._theme.px
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        background, border, text_colour = self._colours()
        thick = px(6) if self.state in (AnswerState.PICKED, AnswerState.MISSED) else px(3)
        body = QRectF(self.rect()).adjusted(thick / 2, thick / 2, -thick / 2, -thick / 2)
        pen = QPen(border, thick)
        if self.state is AnswerState.MISSED:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(background)
        painter.drawRoundedRect(body, px(24), px(24))
        if self.has_picture():
            target = self._picture_rect()
            if self._pixmap.isNull() and self._picture_path is not None:
                side = round(target.width() * self.devicePixelRatioF())
                self._pixmap = QIcon(str(self._picture_path)).pixmap(QSize(side, side))
                self._pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            painter.drawPixmap(target.toRect(), self._pixmap)
        self._paint_badge(painter, border)
        painter.setPen(text_colour)
        painter.setFont(self._font)
        painter.drawText(self._text_rect(), int(_TEXT_FLAGS), self.text())
        painter.end()
        self.painted_state = self.state

    def _paint_badge(self, painter: QPainter, border: QColor) -> None:
        rect = self._badge_rect()
        palette = self._theme.palette
        if self.state in (AnswerState.CORRECT, AnswerState.WRONG, AnswerState.MISSED):
            scale = self._progress
            grown = QRectF(0, 0, rect.width() * scale, rect.height() * scale)
            grown.moveCenter(rect.center())
            correct = self.state is not AnswerState.WRONG
            if self.state is AnswerState.MISSED:
                fill = QColor(palette.good)
            else:
                fill = QColor("#FFFFFF")
                fill.setAlpha(60)
            draw_badge(painter, grown, correct, fill)
            return
        if self.has_picture():
            return  # the picture is the target; an empty ring would cover part of it
        painter.setPen(QPen(border, self._theme.px(3)))
        painter.setBrush(
            QColor("#DDEFE3") if self.state is AnswerState.PICKED else Qt.BrushStyle.NoBrush
        )
        painter.drawEllipse(rect)
