"""Composition root: builds the Qt application, services, screens and wires their signals.

It holds no business logic; each piece lives in its ring (core, services, UI). It works in
two phases, so that the first frame never waits for the heavy modules:

1. :class:`Kiosk` (before the first frame): theme, language, the window with the eager
   screens (:mod:`kiosk.ui.screens.registry`), idle tracking, the watchdog.
2. :meth:`Kiosk.start_features` (right after it): one typed :class:`Services` (content,
   energy, quiz, sync, USB, PIN …, built in :func:`build_services`), the eager screens'
   ``wire``, the lazy screens (each built by its ``from_services``), and the few signals
   between services.

To add a service: a field in :class:`kiosk.services.bundle.Services` and a line in
:func:`build_services`. To add a screen: a line in :mod:`kiosk.ui.screens.registry`.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication

from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.services.display_settings import DisplaySettings
from kiosk.services.gui_gc import GuiGarbageCollector
from kiosk.services.idle import IdleTracker
from kiosk.services.input_events import InputEvents
from kiosk.services.stop_signals import StopSignals
from kiosk.services.tasks import TaskRunner
from kiosk.services.watchdog import Watchdog
from kiosk.staff.overrides import load_overrides
from kiosk.ui.context import UiContext
from kiosk.ui.i18n import Language
from kiosk.ui.lockdown import KioskEventFilter
from kiosk.ui.main_window import MainWindow
from kiosk.ui.screen_care import ScreenCare
from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.registry import EAGER_SCREENS, LAZY_SCREENS, lazy_screen_class
from kiosk.ui.theme import Palette, Theme, apply_theme, load_fonts, scale_for

if TYPE_CHECKING:  # imported after the first frame
    from kiosk.content.active import ActiveContent
    from kiosk.services.bundle import Services

log = logging.getLogger(__name__)

EXIT_RESTART = 75  # the staff "restart" action: run() re-executes the process
CRASH_LIMIT = 5  # unexpected errors within CRASH_WINDOW_S make the app exit for its supervisor
CRASH_WINDOW_S = 60.0


@dataclass(frozen=True)
class LaunchOptions:
    windowed: bool = False
    language: str | None = None
    screen: str | None = None  # the display (QScreen) to open on
    start_screen: str | None = None  # e.g. "energy": over display.start_screen
    size: tuple[int, int] | None = None  # fixed window size (screenshots, benchmarks)
    config_file: str = ""


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
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        """``clock`` (monotonic) times idleness; ``wall_clock`` (Unix s) stamps readings and
        summaries: tests and the soak benchmark give fake or accelerated ones."""
        self.paths = paths
        self._wall_clock = wall_clock
        self.options = options
        self.app = ensure_qapp()
        self.tasks = TaskRunner()  # this kiosk's threads: joined in shutdown()
        # one tiny file, read before any window: its language is the first frame's
        overrides, problem = load_overrides(paths.staff_overrides_file)
        if problem:
            log.warning("staff display choices: %s", problem)
        #: kiosk.toml and, on top of it, the display choices made on the staff screen.
        self.display = DisplaySettings(config, overrides, paths.staff_overrides_file, self.tasks)
        config = self.config = self.display.config
        self.gc = GuiGarbageCollector()  # never in a worker thread: that crashes Qt
        self.gc.start()  # until shutdown(), which gives the process its GC back
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
        self.ctx = UiContext(
            config=config,
            paths=paths,
            config_file=options.config_file,
            language=self.language,
            theme=self.theme,
            tasks=self.tasks,
        )
        self.watchdog = Watchdog(self.app)
        self._services: Services | None = None
        self.window = MainWindow(
            self.ctx,
            locked=not options.windowed and config.display.kiosk,
            start_screen=options.start_screen or config.display.start_screen,
        )
        for cls in EAGER_SCREENS:
            self.window.add_screen(cls(self.ctx))
        self.window.window_did_paint_first_frame.connect(self._on_window_did_paint_first_frame)
        self.idle = IdleTracker(config.display.idle_seconds, clock=clock, parent=self.window)
        self.idle.user_did_go_idle.connect(self.window.show_idle)
        self.care = ScreenCare(self.window, self.window.content_layout, config.display, clock)
        self.lockdown = KioskEventFilter(self.window.locked, parent=self.window)
        #: the one application-wide event filter: each event crosses into Python once
        self.input_events = InputEvents(self.window)
        for handler in (self.idle, self.care, self.lockdown, self.window.corner):
            self.input_events.add(handler)  # the last added is asked first
        self._filters_installed = False  # from the first frame on: _install_event_filters
        self._place_window(screen, width, height)
        self.window.router.go("home")  # the first frame; a lazy start screen follows it

    @property
    def services(self) -> Services:
        """The running services (from :meth:`start_features` on)."""
        if self._services is None:
            raise RuntimeError("the kiosk's services start after its first frame")
        return self._services

    def start_features(self) -> None:
        """Build and start content, energy, quiz and sync, then the other screens (once).

        Called right after the first frame is painted: their modules (cryptography, requests,
        numpy, pyqtgraph …) and their start-up work never delay the home screen.
        """
        if self._services is not None:
            return
        self._install_event_filters()
        services = self._services = build_services(
            self.config, self.paths, self.tasks, self.display, self._wall_clock
        )
        services.lifecycle.staff_did_request_exit.connect(self.exit_kiosk)
        services.lifecycle.staff_did_request_restart.connect(self.restart_kiosk)
        services.display.display_did_change.connect(self._on_display_did_change)
        services.content.content_did_change.connect(self._on_content_did_change)
        services.content.content_did_change.connect(services.quiz.set_content)
        services.content.content_did_change.connect(services.announcements.set_content)
        banner = self.window.banner
        services.announcements.announcements_did_change.connect(banner.show_announcements)
        services.sync.pack_did_install.connect(services.content.reload)
        services.screen.screen_did_turn_off.connect(self.window.show_closed)
        services.screen.screen_did_turn_on.connect(self.window.show_open)
        services.screen.screen_did_turn_off.connect(self.care.on_screen_off)
        services.screen.screen_did_turn_on.connect(self.care.on_screen_on)
        self.input_events.add(services.screen)  # the last added is asked first: wakes first
        self._count_visitors(services)
        services.screen.state_did_change.connect(services.fleet.on_screen_state_did_change)
        services.fleet.set_screen_on(services.screen.state.on)
        router = self.window.router
        for screen in router.built():
            screen.wire(services)
        for name in LAZY_SCREENS:
            self.window.add_lazy_screen(name, partial(self._build_lazy_screen, name, services))
        services.start()
        self.window.show_start()  # built first when it is a lazy screen
        router.build_pending()
        self.gc.freeze()  # what the started kiosk keeps is left out of later collections
        self.watchdog.start()

    def _count_visitors(self, services: Services) -> None:
        """The anonymous counts listen to the idle tracker, the router and the quiz."""
        counts = services.engagement
        self.idle.user_did_return.connect(counts.on_user_did_return)
        self.idle.user_did_go_idle.connect(counts.on_user_did_go_idle)
        self.window.router.screen_did_change.connect(counts.on_screen_did_change)
        services.quiz.round_did_start.connect(counts.on_round_did_start)
        services.quiz.round_did_finish.connect(counts.on_round_did_finish)

    def _build_lazy_screen(self, name: str, services: Services) -> Screen:
        screen = lazy_screen_class(name).from_services(self.ctx, services)
        screen.wire(services)
        return screen

    def _on_display_did_change(self, config: Config, _name: str, _value: str) -> None:
        self.config = self.ctx.config = config

    def _on_content_did_change(self, content: ActiveContent | None) -> None:
        """Restyle for the active pack (the screens show the rest themselves), then tell the
        content service it was shown, so a new release is kept."""
        colours = content.theme.colours if content is not None else {}
        palette = Palette().overridden(colours)
        if palette != self.theme.palette:  # a restyle re-polishes every widget: only if needed
            self.theme = self.ctx.theme = Theme(palette, self.theme.scale)
            self.app.setStyleSheet(self.theme.stylesheet())
        if content is not None:
            # after every other slot of this signal has shown it
            QTimer.singleShot(0, partial(self.services.content.mark_shown, content.ref))

    def _on_window_did_paint_first_frame(self) -> None:
        self._install_event_filters()
        QTimer.singleShot(0, self.start_features)

    def _install_event_filters(self) -> None:
        """Idle tracking, screen care, the lock-down and the staff corner (behind the one
        filter) see the application's input events once it shows its first frame. Before it
        there is nothing to touch, and each event of building and showing the window would
        cross into Python (under X, each new event type also makes its Python type)."""
        if self._filters_installed:
            return
        self._filters_installed = True
        self.app.installEventFilter(self.input_events)

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
        self.care.start()

    # --- lifecycle -------------------------------------------------------------------------

    def exit_kiosk(self, code: int = 0) -> None:
        log.info("staff exit (code %s)", code)
        self.window.allow_close()
        self.shutdown()
        self.app.exit(code)

    def restart_kiosk(self) -> None:
        self.exit_kiosk(EXIT_RESTART)

    def shutdown(self) -> None:
        self.app.removeEventFilter(self.input_events)
        self.idle.stop()
        self.care.stop()
        if self._services is not None:
            self._services.stop()
        self.watchdog.stop()
        self.tasks.shutdown(10_000)
        self.gc.stop()  # after the workers are joined
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


def build_services(
    config: Config,
    paths: AppPaths,
    tasks: TaskRunner,
    display: DisplaySettings,
    wall_clock: Callable[[], float] = time.time,
) -> Services:
    """Every service of the running kiosk, built (not started) in one place."""
    from zoneinfo import ZoneInfo

    from kiosk.content.library import Library
    from kiosk.content.policy import InstallPolicy
    from kiosk.content.rules import Limits
    from kiosk.energy.store import StoreError
    from kiosk.services.announcement_service import AnnouncementService
    from kiosk.services.bundle import Lifecycle, Services
    from kiosk.services.content_service import ContentService
    from kiosk.services.energy_service import EnergyService
    from kiosk.services.engagement import EngagementService
    from kiosk.services.fleet_service import FleetService
    from kiosk.services.live_values import SummaryLiveValues
    from kiosk.services.quiz_service import QuizService
    from kiosk.services.screen_schedule import ScreenSchedule
    from kiosk.services.sync_service import sync_service_from_config
    from kiosk.services.usb_watcher import UsbWatcher
    from kiosk.staff.announcements import FILE_NAME as STAFF_ANNOUNCEMENTS_FILE
    from kiosk.staff.pin import PinStore

    try:
        energy: EnergyService | None = EnergyService.from_config(
            config, paths, tasks=tasks, clock=wall_clock
        )
    except StoreError as exc:
        log.error("energy figures are unavailable: %s", exc)
        energy = None
    tz = ZoneInfo(config.site.timezone)
    live = SummaryLiveValues(energy.current_summary, energy.clock) if energy else None
    content = ContentService(
        Library(paths.library_dir, Limits.from_max_pack_mb(config.content.max_pack_mb)),
        InstallPolicy(site_kind=config.site.kind),
        config.content.trusted_keys,
        paths.data_dir / "incoming",
        clock=wall_clock,
        tasks=tasks,
        tz=tz,
    )
    sync = sync_service_from_config(config, paths, tasks=tasks)
    engagement = EngagementService(
        paths.counts_db,
        tasks,
        keep_days=config.fleet.counts_keep_days,
        idle_seconds=config.display.idle_seconds,
    )
    return Services(
        lifecycle=Lifecycle(),
        pin_store=PinStore(
            paths.staff_file,
            max_attempts=config.staff.max_pin_attempts,
            lockout_seconds=config.staff.lockout_seconds,
        ),
        display=display,
        content=content,
        usb_watcher=UsbWatcher(config.content.usb_scan_seconds, tasks=tasks),
        energy=energy,
        quiz=QuizService(config, paths, tasks, live_provider=live),
        sync=sync,
        screen=ScreenSchedule.from_config(config, tasks=tasks, clock=wall_clock),
        announcements=AnnouncementService(
            paths.data_dir / STAFF_ANNOUNCEMENTS_FILE, tasks=tasks, clock=wall_clock, tz=tz
        ),
        engagement=engagement,
        fleet=FleetService(
            config, paths, tasks, engagement, content=content, sync=sync, energy=energy
        ),
    )


def run_kiosk(config: Config, paths: AppPaths, options: LaunchOptions) -> int:
    """Start the kiosk and block until it exits. Returns the process exit code."""
    kiosk = Kiosk(config, paths, options)
    previous_hook = sys.excepthook
    sys.excepthook = kiosk.handle_exception
    stop = StopSignals()  # Ctrl+C / SIGTERM: leave the loop with 130 / 143, no traceback
    stop.stop_did_request.connect(kiosk.app.exit)
    stop.install()
    try:
        kiosk.show()
        if os.environ.get("KIOSK_BENCH_FIRST_FRAME"):
            kiosk.window.window_did_paint_first_frame.connect(_report_first_frame)
        if os.environ.get("KIOSK_BENCH_READY"):
            kiosk.window.window_did_paint_first_frame.connect(_report_ready)
        code = kiosk.app.exec()
    finally:
        stop.uninstall()
        sys.excepthook = previous_hook
        kiosk.shutdown()
    if code == EXIT_RESTART:
        log.info("restarting")
        # A frozen build is its own interpreter: it takes the kiosk's arguments directly.
        again = [] if getattr(sys, "frozen", False) else ["-m", "kiosk"]
        os.execv(sys.executable, [sys.executable, *again, *sys.argv[1:]])
    if code in (130, 143):
        log.info("stopped by signal %d", code - 128)
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


def _report_ready() -> None:
    """Benchmark hook: say when the features have started (queued after start_features)."""
    QTimer.singleShot(0, partial(print, "READY", flush=True))


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
        kiosk.start_features()
        try:
            wait_for_figures(kiosk)
            for lang, name, state in visit_screen_states(kiosk, languages):
                if name:
                    suffix = f"-{state}" if state else ""
                    path = out_dir / f"{name}{suffix}-{lang}-{width}x{height}.png"
                    kiosk.window.grab().save(str(path))
                    written.append(path)
                else:  # the language's screens are done
                    written += _banner_shots(kiosk, out_dir / f"{{}}-{lang}-{width}x{height}.png")
        finally:
            kiosk.window.allow_close()
            kiosk.shutdown()
            kiosk.window.close()
            kiosk.window.deleteLater()
            QApplication.processEvents()
    return written


def _banner_shots(kiosk: Kiosk, pattern: Path) -> list[Path]:
    """The announcement banner: an info one on home, an urgent one over the attract loop."""
    from datetime import datetime

    from kiosk.content.announcements import Announcement
    from kiosk.staff.announcements import PRESETS

    written = []
    for screen, preset in (("home", PRESETS[0]), ("attract", PRESETS[-1])):
        sample = Announcement(f"shot-{preset.key}", preset.text_zh, preset.text_en, None,
                              datetime.max, preset.priority, "shot")  # fmt: skip
        kiosk.window.banner.show_announcements((sample,))
        kiosk.window.router.go(screen)
        settle(kiosk)
        path = Path(str(pattern).format(f"{screen}-announcement-{preset.priority}"))
        kiosk.window.grab().save(str(path))
        written.append(path)
    kiosk.window.banner.show_announcements(kiosk.services.announcements.shown)
    return written


def visit_screen_states(kiosk: Kiosk, languages: list[str]) -> Iterator[tuple[str, str, str]]:
    """Show every screen and each of its shot states in each language, settled, yielding
    (language, screen, state) while it is on screen; after a language's last screen, once
    (language, "", "")."""
    for lang in languages:
        kiosk.language.set_language(lang)
        for name in kiosk.window.router.names:
            screen = kiosk.window.router.screen(name)
            kiosk.window.router.go(name)
            for state in screen.shot_states():
                screen.enter_shot_state(state)
                settle(kiosk)
                yield lang, name, state
        yield lang, "", ""


def wait_for_figures(kiosk: Kiosk, timeout_s: float = 10.0) -> None:
    """Until the first energy summary is out (home and the attract loop show its figures), so
    the first screens are not shot before the sources were read once."""
    energy = kiosk.services.energy
    deadline = time.monotonic() + timeout_s
    while energy is not None and energy.current_summary() is None:
        if time.monotonic() > deadline:
            return
        QApplication.processEvents()
        time.sleep(0.01)
    settle(kiosk)


def settle(kiosk: Kiosk, seconds: float = 0.3) -> None:
    """Let the workers finish, then the GUI take ``seconds`` to show their results."""
    kiosk.tasks.wait(5_000)
    deadline = time.monotonic() + seconds  # after the workers: their results need a relayout too
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
