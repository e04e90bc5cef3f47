"""The quiz area. Shows an honest notice until its content is available."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.resources import asset
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.notice import Notice


class QuizScreen(Screen):
    name = "quiz"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        self.notice = Notice(ctx.theme, str(asset("icons", "quiz.svg")))
        layout.addWidget(self.notice)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Low-carbon quiz")

    def retranslate(self) -> None:
        self.notice.set_texts(
            self.tr("No quizzes installed yet"),
            self.tr("Staff can load a content pack from a USB stick or the network."),
        )
