"""The kiosk's features — content packs, energy, quizzes, sync — built and wired after the
first frame. The composition root (:mod:`kiosk.app`) imports this module only then.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from kiosk.content.active import ActiveContent
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.rules import Limits
from kiosk.energy.equivalents import EquivalentsError, parse_equivalents
from kiosk.energy.store import StoreError
from kiosk.energy.summary import EnergySummary
from kiosk.services.content_service import ContentService
from kiosk.services.energy_service import EnergyService
from kiosk.services.live_values import SummaryLiveValues
from kiosk.services.quiz_service import QuizService
from kiosk.services.sync_service import sync_service_from_config
from kiosk.services.usb_watcher import UsbWatcher
from kiosk.staff.overrides import save_overrides
from kiosk.ui.energy.formatting import live_headline
from kiosk.ui.screens.attract import AttractScreen, slides_from_content
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.staff_content import ContentPanel
from kiosk.ui.staff_display import DisplayPanel
from kiosk.ui.staff_sources import SourcesPanel
from kiosk.ui.staff_sync import SyncPanel
from kiosk.ui.theme import Palette, Theme

if TYPE_CHECKING:
    from kiosk.app import Kiosk

log = logging.getLogger(__name__)


class Features:
    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk
        ctx, config, paths = kiosk.ctx, kiosk.config, kiosk.paths
        services = ctx.services
        self.content = ContentService(
            Library(paths.library_dir, Limits.from_max_pack_mb(config.content.max_pack_mb)),
            InstallPolicy(site_kind=config.site.kind),
            config.content.trusted_keys,
            paths.data_dir / "incoming",
        )
        services["content"] = self.content
        services["usb_watcher"] = UsbWatcher(config.content.usb_scan_seconds)
        try:
            services["energy"] = EnergyService.from_config(config, paths)
        except StoreError as exc:
            log.error("energy figures are unavailable: %s", exc)
        energy = services.get("energy")
        live = SummaryLiveValues(lambda: energy.summary, energy.clock) if energy else None
        services["quiz"] = QuizService(config, paths, kiosk.tasks, live_provider=live)
        services["sync"] = sync_service_from_config(config, paths)

    def start(self) -> None:
        services = self.kiosk.ctx.services
        self.content.content_did_change.connect(self._on_content_did_change)
        self.content.content_did_change.connect(services["quiz"].set_content)
        self.kiosk.window.router.screen_did_change.connect(self._offer_usb_after_pin)
        services["sync"].pack_did_install.connect(self.content.reload)
        energy = services.get("energy")
        if energy is not None:
            energy.summary_did_update.connect(self._on_energy_summary)
            energy.start()
        self.content.start()
        services["usb_watcher"].start()
        services["sync"].start()

    def wire_screen(self, screen: Screen) -> None:
        """Connect a screen built after the features started."""
        services = self.kiosk.ctx.services
        if screen.name == "stories":
            self.content.content_did_change.connect(screen.set_content)
        elif screen.name == "energy":
            energy = services.get("energy")
            if energy is not None:
                screen.attach(energy)
            self._show_equivalents(screen, self.content.content)
        elif screen.name == "staff":
            panel = ContentPanel(self.kiosk.ctx, self.content, services["usb_watcher"])
            panel.panel_did_request_screen.connect(self.kiosk.window.router.go)
            screen.add_section(panel)
            screen.add_section(SyncPanel(self.kiosk.ctx, services["sync"]))
            display = DisplayPanel(self.kiosk.ctx, self.kiosk.file_config)
            display.display_did_choose.connect(partial(self._on_display_choice, display))
            screen.add_section(display)
            energy = services.get("energy")
            if energy is not None:
                screen.add_section(SourcesPanel(self.kiosk.ctx, energy))

    def _on_energy_summary(self, summary: EnergySummary) -> None:
        """Live figures for the attract loop (the energy screen subscribes itself)."""
        attract = self.kiosk.window.router.screen("attract")
        assert isinstance(attract, AttractScreen)
        attract.show_live(live_headline(summary))

    def _on_display_choice(self, panel: DisplayPanel, name: str, value: str) -> None:
        """Save a display choice made on the staff screen, then apply it."""
        kiosk = self.kiosk
        chosen = kiosk.overrides.choose(kiosk.file_config, name, value)
        path = kiosk.paths.staff_overrides_file

        def applied(_result: object) -> None:
            kiosk.overrides = chosen
            kiosk.config = kiosk.ctx.config = chosen.apply(kiosk.file_config)
            router = kiosk.window.router
            if name == "mode" and "energy" in router.built_names():
                router.screen("energy").set_mode(value)
            log.info("staff set display.%s = %s", name, value)
            panel.show_config()

        def failed(exc: BaseException) -> None:
            log.error("cannot save the display choice to %s: %s", path, exc)
            panel.show_problem(str(exc))

        kiosk.tasks.run(lambda: save_overrides(path, chosen), applied, failed)

    def _on_content_did_change(self, content: ActiveContent | None) -> None:
        """Show the active pack (colours, logo, attract loop; stories subscribe themselves),
        then tell the content service it was shown, so a new release is kept."""
        kiosk = self.kiosk
        colours = content.theme.colours if content is not None else {}
        palette = Palette().overridden(colours)
        if palette != kiosk.theme.palette:  # a restyle re-polishes every widget: only if needed
            kiosk.theme = Theme(palette, kiosk.theme.scale)
            kiosk.ctx.theme = kiosk.theme
            kiosk.app.setStyleSheet(kiosk.theme.stylesheet())
        logo = content.theme.logo_path if content is not None else None
        home = kiosk.window.router.screen("home")
        assert isinstance(home, HomeScreen)
        home.set_logo(str(logo) if logo is not None else None)
        attract = kiosk.window.router.screen("attract")
        assert isinstance(attract, AttractScreen)
        attract.set_slides(slides_from_content(content))
        if "energy" in kiosk.window.router.built_names():
            self._show_equivalents(kiosk.window.router.screen("energy"), content)
        if content is not None:
            self.content.mark_shown(content.ref)

    def _show_equivalents(self, screen: Screen, content: ActiveContent | None) -> None:
        """The pack's equivalents table, or the built-in one when the pack has none."""
        table = None
        if content is not None and content.equivalents:
            try:
                table = parse_equivalents(content.equivalents)
            except EquivalentsError as exc:
                log.error("the pack's equivalents table is not usable: %s", exc)
        if table is None:
            screen.load_builtin_equivalents()
        else:
            screen.set_equivalents(table)

    def _offer_usb_after_pin(self, name: str) -> None:
        """Right after the staff PIN, open the USB screen if a stick with packs is in."""
        router = self.kiosk.window.router
        if name == "staff" and router.screen("usb").should_offer_after_pin():
            QTimer.singleShot(0, partial(router.go, "usb"))
