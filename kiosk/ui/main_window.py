"""The kiosk window: top bar over a stack of screens, idle → attract, staff corner, lock-down.

The start screen (``display.start_screen`` or ``kiosk run --start``) is where the kiosk opens
and where idle returns. With "home" (the default) idle shows the attract loop, and a touch on
it opens home. With any other start screen (a lobby that is an energy display first) idle
resets the visitor's state and returns to that screen; the attract loop is not shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QRect, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.ui.context import UiContext
from kiosk.ui.lockdown import CornerHold
from kiosk.ui.router import Router
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.banner import AnnouncementBanner
from kiosk.ui.widgets.top_bar import STAFF_CORNER_PX, TopBar

log = logging.getLogger(__name__)


class MainWindow(QWidget):
    window_did_paint_first_frame = Signal()

    def __init__(self, ctx: UiContext, locked: bool, start_screen: str = "home") -> None:
        super().__init__()
        self.ctx = ctx
        self.locked = locked
        #: Where the kiosk opens and idle returns: "home", "energy", "energy/today" …
        self.start_screen = start_screen
        self._allow_close = not locked
        self._first_frame_done = False
        self._closed = False  # outside opening hours (the screen schedule says)
        self.setObjectName("Root")
        self.setWindowTitle("Green Space Kiosk")
        layout = self.content_layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.top_bar = TopBar(ctx.theme, ctx.language)
        self.top_bar.home_was_tapped.connect(self._on_home_was_tapped)
        self.top_bar.language_was_tapped.connect(ctx.language.toggle)
        self.stack = QStackedWidget()
        self.banner = AnnouncementBanner(ctx)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.router = Router(self.stack, self)
        self.router.screen_did_change.connect(self._on_screen_did_change)
        self.router.top_bar_did_change.connect(self._update_top_bar)
        ctx.language.language_did_change.connect(self._on_language_did_change)
        self.corner = CornerHold(self, self.staff_zone, int(ctx.config.staff.hold_seconds * 1000))
        self.corner.corner_did_hold.connect(self._on_corner_did_hold)

    def staff_zone(self) -> QRect:
        """Where a hold opens the PIN pad, in this window's coordinates: the top bar's empty
        corner, as tall as the bar (no screen's control reaches up into it). Without the top
        bar (the attract loop, a tap anywhere) the same square."""
        width = self.ctx.theme.px(STAFF_CORNER_PX)
        if self.top_bar.isVisible():
            return QRect(0, 0, width, self.top_bar.height())
        return QRect(0, 0, width, self.top_bar.sizeHint().height())

    def add_screen(self, screen: Screen) -> None:
        self.router.add(screen)

    def add_lazy_screen(self, name: str, factory: Callable[[], Screen]) -> None:
        self.router.add_lazy(name, factory)

    def go_home(self) -> None:
        self.router.go("home")

    @property
    def idle_screen(self) -> str:
        """The screen idle leads to: the attract loop with the home start screen, else the
        start screen itself."""
        return "attract" if self.start_screen == "home" else self.start_screen

    def show_start(self) -> None:
        """Open the start screen (right after the first frame, once the screens exist)."""
        if not self._closed:
            self.router.go(self.start_screen)

    def _on_home_was_tapped(self) -> None:
        """The one back button: back inside the screen when it says so, else home."""
        screen = self.router.current
        if screen is not None and screen.back_text():
            screen.go_back()
        else:
            self.go_home()

    def recover(self) -> None:
        """After an unexpected error: forget visitor state and show the start screen."""
        for screen in self.router.built():
            screen.reset_visitor_state()
        self.router.go(self.start_screen)

    def show_closed(self) -> None:
        """Closing time: forget the visitor and show the dark "closed" screen."""
        self._closed = True
        for screen in self.router.built():
            screen.reset_visitor_state()
        self.router.go("closed")

    def show_open(self, why: str) -> None:
        """The screen is on again: a touch opens the start screen (home), opening time the
        idle screen (the attract loop)."""
        if not self._closed:
            return
        self._closed = False
        self.router.go(self.start_screen if why == "touch" else self.idle_screen)

    def show_idle(self) -> None:
        """The visitor left: clear what they were doing and show the idle screen (the attract
        loop, or the start screen when it is not home)."""
        if self._closed:
            return
        current = self.router.current
        if current is not None and not current.leaves_on_idle:
            return
        for screen in self.router.built():
            screen.reset_visitor_state()
        self.ctx.language.set_language(self.ctx.config.display.language)
        self.router.go(self.idle_screen)

    def _on_corner_did_hold(self) -> None:
        if self.router.current is not None and self.router.current.name not in ("staff", "pin"):
            self.router.go("pin")

    def _on_screen_did_change(self, _name: str) -> None:
        self._update_top_bar()

    def _on_language_did_change(self, _code: str) -> None:
        self.top_bar.retranslate()
        self.banner.retranslate()
        self._update_top_bar()

    def _update_top_bar(self) -> None:
        screen = self.router.current
        if screen is None:
            return
        self.top_bar.setVisible(screen.shows_top_bar)
        self.banner.set_screen(screen.name)
        self.top_bar.set_title(screen.title(), show_home=screen.name != "home")
        self.top_bar.set_back_text(screen.back_text())

    def allow_close(self) -> None:
        self._allow_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._allow_close:
            event.accept()
        else:
            log.info("close request ignored in kiosk mode")
            event.ignore()

    def paintEvent(self, event: object) -> None:
        super().paintEvent(event)  # type: ignore[arg-type]
        if not self._first_frame_done:
            self._first_frame_done = True
            self.window_did_paint_first_frame.emit()
