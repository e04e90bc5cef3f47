"""Home: the site's name and large tiles into each area."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.resources import asset
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import LiveFiguresScreen
from kiosk.ui.widgets.kids_entry import KIDS_ROUND, KidsEntry
from kiosk.ui.widgets.tile import Tile
from kiosk.ui.widgets.touch import PlainLabel, set_role

if TYPE_CHECKING:  # after the first frame
    from kiosk.content.active import ActiveContent
    from kiosk.energy.summary import EnergySummary
    from kiosk.services.bundle import Services
    from kiosk.ui.energy.formatting import LiveHeadline

AREAS = ("energy", "quiz", "stories")


class HomeScreen(LiveFiguresScreen):
    name = "home"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        theme = ctx.theme
        outer = QVBoxLayout(self)
        outer.setContentsMargins(theme.px(48), theme.px(32), theme.px(48), theme.px(48))
        outer.setSpacing(theme.px(32))

        header = QHBoxLayout()
        header.setSpacing(theme.px(24))
        self.logo = PlainLabel()
        self.logo.setFixedSize(theme.px(96), theme.px(96))
        self.set_logo(None)
        heading = QVBoxLayout()
        self.site_label = PlainLabel()
        set_role(self.site_label, "title")
        self.welcome_label = PlainLabel()
        self.welcome_label.setWordWrap(True)
        set_role(self.welcome_label, "subtitle")
        heading.addWidget(self.site_label)
        heading.addWidget(self.welcome_label)
        header.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(heading, 1)
        outer.addLayout(header)

        self.tiles: dict[str, Tile] = {}
        self.grid = QGridLayout()
        self.grid.setSpacing(theme.px(32))
        for area in AREAS:
            tile = Tile(theme, asset("icons", f"{area}.svg"), area)
            tile.tile_was_tapped.connect(self.user_did_choose_screen)
            self.tiles[area] = tile
        self._arrange(portrait=False)
        outer.addLayout(self.grid, 1)
        self.kids_entry = KidsEntry(theme)
        self.kids_entry.kids_round_was_requested.connect(self._on_kids_round_was_requested)
        outer.addWidget(self.kids_entry)
        self._live: LiveHeadline | None = None
        self.retranslate()

    def _on_kids_round_was_requested(self) -> None:
        self.user_did_choose_screen.emit(KIDS_ROUND)

    def wire(self, services: Services) -> None:
        services.content.content_did_change.connect(self._on_content_did_change)
        self.follow_energy(services)

    def _on_summary_did_update(self, summary: EnergySummary) -> None:
        from kiosk.ui.energy.formatting import live_headline  # after the first frame

        self.show_live(live_headline(summary))

    def show_live(self, live: LiveHeadline | None) -> None:
        """The energy tile's inviting line, from the same true figures as the attract loop."""
        self._live = live
        text = ""
        if live is not None and live.power_now is not None:
            text = self.tr("Our roof is making %1 — see how")
            text = text.replace("%1", "\u00a0".join(live.power_now))
        elif live is not None and live.energy_today is not None:
            text = self.tr("Today our roof has made %1 — see how")
            text = text.replace("%1", "\u00a0".join(live.energy_today))
        simulated = text and live is not None and live.simulated
        note = self.tr("(simulated figures)") if simulated else ""
        self.tiles["energy"].set_live(text, note)

    def _on_content_did_change(self, content: ActiveContent | None) -> None:
        logo = content.theme.logo_path if content is not None else None
        self.set_logo(str(logo) if logo is not None else None)

    def set_logo(self, path: str | None) -> None:
        """Show the active pack's logo, or our leaf when the pack has none."""
        icon = QIcon(path or str(asset("icons", "leaf.svg")))
        self.logo.setPixmap(icon.pixmap(QSize(self.logo.width(), self.logo.height())))

    def _arrange(self, portrait: bool) -> None:
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for i, area in enumerate(AREAS):
            row, col = (i, 0) if portrait else (0, i)
            self.grid.addWidget(self.tiles[area], row, col)

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        self._arrange(portrait=size.height() > size.width())
        super().resizeEvent(event)

    def title(self) -> str:
        return self.tr("Welcome")

    def retranslate(self) -> None:
        site = self.ctx.config.site
        self.site_label.setText(self.ctx.language.pick(site.name_zh, site.name))
        self.welcome_label.setText(self.tr("Touch a tile to explore our green building."))
        self.tiles["energy"].set_texts(
            self.tr("Our energy"), self.tr("Solar power, CO2 and rainwater, live")
        )
        self.tiles["quiz"].set_texts(
            self.tr("Low-carbon quiz"), self.tr("Play, learn and earn carbon points")
        )
        self.kids_entry.set_texts(
            self.tr("Kids' quiz"), self.tr("Big pictures, short questions"), self.tr("Ages 6–9")
        )
        self.tiles["stories"].set_texts(
            self.tr("Green stories"), self.tr("How schools and stores go green")
        )
        self.show_live(self._live)
