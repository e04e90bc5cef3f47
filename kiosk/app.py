"""Composition root: builds the Qt application, services, screens and wires their signals.

It holds no business logic; each piece lives in its ring (core, services, UI).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication

from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.content.active import ActiveContent
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.rules import Limits
from kiosk.energy.store import StoreError
from kiosk.services.content_service import ContentService
from kiosk.services.energy_service import EnergyService
from kiosk.services.gui_gc import collect_on_gui_thread
from kiosk.services.idle import IdleTracker
from kiosk.services.quiz_service import QuizService
from kiosk.services.sync_service import sync_service_from_config
from kiosk.services.tasks import TaskRunner
from kiosk.services.usb_watcher import UsbWatcher
from kiosk.services.watchdog import Watchdog
from kiosk.staff.pin import PinStore
from kiosk.ui.context import UiContext
from kiosk.ui.i18n import Language
from kiosk.ui.lockdown import KioskEventFilter
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screens.attract import AttractScreen, slides_from_content
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.staff_content import ContentPanel
from kiosk.ui.staff_sync import SyncPanel
from kiosk.ui.theme import Palette, Theme, apply_theme, load_fonts, scale_for

log = logging.getLogger(__name__)

EXIT_RESTART = 75  # the staff "restart" action: run() re-executes the process
CRASH_LIMIT = 5  # unexpected errors within CRASH_WINDOW_S make the app exit for its supervisor
CRASH_WINDOW_S = 60.0

#: Built before the first frame (the first screen a visitor sees, and idle's target).
EAGER_SCREENS: tuple[type[Screen], ...] = (HomeScreen, AttractScreen)
#: Built right after the first frame; their modules (pyqtgraph among them) are imported then,
#: which keeps start-up fast. name -> "module:Class".
LAZY_SCREENS = {
    "energy": "kiosk.ui.screens.energy:EnergyScreen",
    "quiz": "kiosk.ui.screens.quiz:QuizScreen",
    "stories": "kiosk.ui.screens.stories:StoriesScreen",
    "pin": "kiosk.ui.screens.pin:PinScreen",
    "staff": "kiosk.ui.screens.staff:StaffScreen",
    "usb": "kiosk.ui.screens.usb:UsbScreen",
}


@dataclass(frozen=True)
class LaunchOptions:
    windowed: bool = False
    language: str | None = None
    screen: str | None = None
    size: tuple[int, int] | None = None  # fixed window size (screenshots, benchmarks)
    config_file: str = ""


def _build_screen(target: str, ctx: UiContext) -> Screen:
    module_name, class_name = target.split(":")
    screen: Screen = getattr(importlib.import_module(module_name), class_name)(ctx)
    return screen


def ensure_qapp() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Green Space Kiosk")
    assert isinstance(app, QApplication)
    return app


def find_screen(name: str | None) -> QScreen:
    """The named screen, or the primary one. Raises ValueError listing the names."""
    primary = QGuiApplication.primaryScreen()
    if not name:
        return primary
    for screen in QGuiApplication.screens():
        if screen.name() == name:
            return screen
    names = ", ".join(s.name() for s in QGuiApplication.screens()) or "none"
    raise ValueError(f"no screen named {name!r} (screens: {names})")


class Kiosk:
    """One running kiosk: context, services and the window."""

    def __init__(
        self,
        config: Config,
        paths: AppPaths,
        options: LaunchOptions,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.paths = paths
        self.options = options
        self.app = ensure_qapp()
        collect_on_gui_thread(self.app)  # never in a worker thread: that crashes Qt
        self._crash_times: deque[float] = deque(maxlen=CRASH_LIMIT)
        self.fatal = False
        screen = find_screen(options.screen)
        if options.size is not None:
            width, height = options.size
        else:
            geometry = screen.geometry()
            width, height = geometry.width(), geometry.height()
        self.theme = Theme(Palette(), scale_for(width, height, config.display.ui_scale))
        apply_theme(self.app, self.theme, load_fonts())
        self.language = Language(options.language or config.display.language, self.app)
        self.tasks = TaskRunner(parent=self.app)
        self.ctx = UiContext(
            config=config,
            paths=paths,
            config_file=options.config_file,
            language=self.language,
            theme=self.theme,
            tasks=self.tasks,
        )
        self._build_services()
        self.window = MainWindow(self.ctx, locked=not options.windowed and config.display.kiosk)
        self.window.router.screen_did_build.connect(self._on_screen_did_build)
        for cls in EAGER_SCREENS:
            self.window.add_screen(cls(self.ctx))
        for name, target in LAZY_SCREENS.items():
            self.window.add_lazy_screen(name, partial(_build_screen, target, self.ctx))
        self.window.window_did_paint_first_frame.connect(self._on_window_did_paint_first_frame)
        self._wire_features()
        self.idle = IdleTracker(config.display.idle_seconds, clock=clock, parent=self.window)
        self.idle.user_did_go_idle.connect(self.window.show_attract)
        self.app.installEventFilter(self.idle)
        self.lockdown = KioskEventFilter(self.window.locked, parent=self.window)
        self.app.installEventFilter(self.lockdown)
        self.app.installEventFilter(self.window.corner)
        self._place_window(screen, width, height)
        self.window.router.go("home")

    def _build_services(self) -> None:
        self.ctx.services["watchdog"] = Watchdog(self.app)
        self.ctx.services["pin_store"] = PinStore(
            self.paths.staff_file,
            max_attempts=self.config.staff.max_pin_attempts,
            lockout_seconds=self.config.staff.lockout_seconds,
        )
        self.ctx.services["content"] = ContentService(
            Library(
                self.paths.library_dir, Limits.from_max_pack_mb(self.config.content.max_pack_mb)
            ),
            InstallPolicy(site_kind=self.config.site.kind),
            self.config.content.trusted_keys,
            self.paths.data_dir / "incoming",
        )
        self.ctx.services["usb_watcher"] = UsbWatcher(self.config.content.usb_scan_seconds)
        try:
            energy = EnergyService.from_config(self.config, self.paths)
        except StoreError as exc:
            log.error("energy figures are unavailable: %s", exc)
        else:
            self.ctx.services["energy"] = energy
            energy.start()
        self.ctx.services["quiz"] = QuizService(self.config, self.paths, self.tasks)
        self.ctx.services["sync"] = sync_service_from_config(self.config, self.paths)

    def _wire_features(self) -> None:
        """Connect services to the screens built at start (energy, content, quiz, sync)."""
        content = self.ctx.services["content"]
        content.content_did_change.connect(self._on_content_did_change)
        self.window.router.screen_did_change.connect(self._offer_usb_after_pin)
        content.start()
        self.ctx.services["usb_watcher"].start()
        self.ctx.services["sync"].pack_did_install.connect(content.reload)
        self.ctx.services["sync"].start()

    def _on_screen_did_build(self, screen: Screen) -> None:
        """Connect a screen that was built lazily (after the first frame, or on first use)."""
        if screen.name == "stories":
            self.ctx.services["content"].content_did_change.connect(screen.set_content)
        if screen.name == "staff":
            panel = ContentPanel(
                self.ctx, self.ctx.services["content"], self.ctx.services["usb_watcher"]
            )
            panel.panel_did_request_screen.connect(self.window.router.go)
            screen.add_section(panel)
        if screen.name == "energy":
            energy = self.ctx.service("energy")
            if energy is not None:
                screen.attach(energy)
            screen.load_builtin_equivalents()
        if screen.name == "staff":
            screen.staff_did_request_exit.connect(self.exit_kiosk)
            screen.staff_did_request_restart.connect(self.restart_kiosk)
            screen.add_section(SyncPanel(self.ctx, self.ctx.services["sync"]))

    def _on_content_did_change(self, content: ActiveContent | None) -> None:
        """Show the active pack (colours, logo, attract loop; stories subscribe themselves),
        then tell the content service it was shown, so a new release is kept."""
        colours = content.theme.colours if content is not None else {}
        palette = Palette().overridden(colours)
        if palette != self.theme.palette:  # a restyle re-polishes every widget: only if needed
            self.theme = Theme(palette, self.theme.scale)
            self.ctx.theme = self.theme
            self.app.setStyleSheet(self.theme.stylesheet())
        logo = content.theme.logo_path if content is not None else None
        home = self.window.router.screen("home")
        assert isinstance(home, HomeScreen)
        home.set_logo(str(logo) if logo is not None else None)
        attract = self.window.router.screen("attract")
        assert isinstance(attract, AttractScreen)
        attract.set_slides(slides_from_content(content))
        if content is not None:
            self.ctx.services["content"].mark_shown(content.ref)

    def _offer_usb_after_pin(self, name: str) -> None:
        """Right after the staff PIN, open the USB screen if a stick with packs is in."""
        if name == "staff" and self.window.router.screen("usb").should_offer_after_pin():
            QTimer.singleShot(0, partial(self.window.router.go, "usb"))

    def _on_window_did_paint_first_frame(self) -> None:
        # The home screen is visible: now build the other screens, so the first tap is instant.
        QTimer.singleShot(0, self.window.router.build_pending)
        self.ctx.services["watchdog"].start()

    def _place_window(self, screen: QScreen, width: int, height: int) -> None:
        window = self.window
        if self.options.size is not None or self.options.windowed:
            window.resize(width, height)
            return
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.setGeometry(screen.geometry())
        if window.locked:
            self.app.setOverrideCursor(Qt.CursorShape.BlankCursor)

    def show(self) -> None:
        if self.options.size is not None or self.options.windowed:
            self.window.show()
        else:
            self.window.showFullScreen()
        self.idle.start()

    # --- lifecycle -------------------------------------------------------------------------

    def exit_kiosk(self, code: int = 0) -> None:
        log.info("staff exit (code %s)", code)
        self.window.allow_close()
        self.shutdown()
        self.app.exit(code)

    def restart_kiosk(self) -> None:
        self.exit_kiosk(EXIT_RESTART)

    def shutdown(self) -> None:
        self.idle.stop()
        for service in self.ctx.services.values():
            stop = getattr(service, "stop", None)
            if callable(stop):
                stop()
        self.tasks.wait(10_000)
        self.language.close()

    def handle_exception(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """Unexpected error in a slot: log it, return the visitor to home, never show a trace."""
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        now = time.monotonic()
        self._crash_times.append(now)
        if len(self._crash_times) == CRASH_LIMIT and now - self._crash_times[0] < CRASH_WINDOW_S:
            log.critical(
                "%d errors within %.0f s: exiting for the supervisor", CRASH_LIMIT, CRASH_WINDOW_S
            )
            self.fatal = True
            self.window.allow_close()
            self.app.exit(70)
            return
        QTimer.singleShot(0, self.window.recover)


def run_kiosk(config: Config, paths: AppPaths, options: LaunchOptions) -> int:
    """Start the kiosk and block until it exits. Returns the process exit code."""
    kiosk = Kiosk(config, paths, options)
    previous_hook = sys.excepthook
    sys.excepthook = kiosk.handle_exception
    try:
        kiosk.show()
        if os.environ.get("KIOSK_BENCH_FIRST_FRAME"):
            kiosk.window.window_did_paint_first_frame.connect(_report_first_frame)
        code = kiosk.app.exec()
    finally:
        sys.excepthook = previous_hook
        kiosk.shutdown()
    if code == EXIT_RESTART:
        log.info("restarting")
        os.execv(sys.executable, [sys.executable, "-m", "kiosk", *sys.argv[1:]])
    return code


def _report_first_frame() -> None:
    """Benchmark hook: print the wall-clock time of the first painted frame and quit."""
    print(f"FIRST_FRAME {time.time():.6f}", flush=True)
    app = QApplication.instance()
    if app is not None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.allow_close()
        QTimer.singleShot(0, app.quit)


def render_screens(
    config: Config,
    paths: AppPaths,
    out_dir: Path,
    sizes: list[tuple[int, int]],
    languages: list[str],
    config_file: str = "",
) -> list[Path]:
    """Render every screen (and its shot states) to PNG; returns the files written."""
    written: list[Path] = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for width, height in sizes:
        options = LaunchOptions(windowed=True, size=(width, height), config_file=config_file)
        kiosk = Kiosk(config, paths, options)
        kiosk.window.show()
        try:
            for lang in languages:
                kiosk.language.set_language(lang)
                for name in kiosk.window.router.names:
                    screen = kiosk.window.router.screen(name)
                    kiosk.window.router.go(name)
                    for state in screen.shot_states():
                        screen.enter_shot_state(state)
                        _settle(kiosk)
                        suffix = f"-{state}" if state else ""
                        path = out_dir / f"{name}{suffix}-{lang}-{width}x{height}.png"
                        kiosk.window.grab().save(str(path))
                        written.append(path)
        finally:
            kiosk.window.allow_close()
            kiosk.shutdown()
            kiosk.window.close()
            kiosk.window.deleteLater()
            QApplication.processEvents()
    return written


def _settle(kiosk: Kiosk) -> None:
    deadline = time.monotonic() + 0.3
    kiosk.tasks.wait(5_000)
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
