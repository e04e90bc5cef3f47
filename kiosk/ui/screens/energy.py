"""The energy area. Shows an honest notice until its content is available."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.resources import asset
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.notice import Notice


class EnergyScreen(Screen):
    name = "energy"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        layout = QVBoxLayout(self)
        self.notice = Notice(ctx.theme, str(asset("icons", "energy.svg")))
        layout.addWidget(self.notice)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Our energy")

    def retranslate(self) -> None:
        self.notice.set_texts(
            self.tr("Live figures are not available yet"),
            self.tr(
                "The data sources are starting. Figures appear here as soon as the first readings arrive."
            ),
        )
