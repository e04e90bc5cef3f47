"""Switches between screens by name and remembers which one is showing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QStackedWidget

from kiosk.ui.screens.base import Screen

log = logging.getLogger(__name__)


class Router(QObject):
    screen_did_change = Signal(str)
    #: The current screen's title or back button changed.
    top_bar_did_change = Signal()

    def __init__(self, stack: QStackedWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack = stack
        self._screens: dict[str, Screen] = {}
        self._current: Screen | None = None  # None until the first go()
        self._factories: dict[str, Callable[[], Screen]] = {}
        self._order: list[str] = []

    def add(self, screen: Screen) -> None:
        if screen.name in self._screens:
            raise ValueError(f"screen {screen.name!r} added twice")
        if screen.name not in self._order:
            self._order.append(screen.name)
        self._screens[screen.name] = screen
        self._stack.addWidget(screen)
        screen.user_did_choose_screen.connect(self.go)
        screen.top_bar_did_change.connect(self._on_screen_top_bar_did_change)

    def _on_screen_top_bar_did_change(self) -> None:
        if self.sender() is self._current:
            self.top_bar_did_change.emit()

    @property
    def current(self) -> Screen | None:
        return self._current

    def add_lazy(self, name: str, factory: Callable[[], Screen]) -> None:
        """Register a screen that is built the first time it is needed (keeps start-up fast)."""
        if name in self._screens or name in self._factories:
            raise ValueError(f"screen {name!r} added twice")
        self._order.append(name)
        self._factories[name] = factory

    def build_pending(self) -> None:
        """Build every lazy screen now (called once the first frame is on screen)."""
        for name in list(self._factories):
            self.screen(name)

    @property
    def names(self) -> list[str]:
        return list(self._order)

    def built_names(self) -> list[str]:
        return [n for n in self._order if n in self._screens]

    def built(self) -> list[Screen]:
        return [self._screens[n] for n in self._order if n in self._screens]

    def screen(self, name: str) -> Screen:
        if name not in self._screens and name in self._factories:
            screen = self._factories.pop(name)()
            if screen.name != name:
                raise ValueError(f"factory for {name!r} built {screen.name!r}")
            self.add(screen)
        return self._screens[name]

    def go(self, name: str) -> None:
        """Show screen ``name``; ``"quiz/kids"`` shows "quiz" opened at its part "kids"."""
        name, _, part = name.partition("/")
        if name not in self._screens and name not in self._factories:
            log.error("no screen named %r; going home", name)
            name, part = "home", ""
        target = self.screen(name)
        current = self._current
        if current is target:
            if part:
                target.open_at(part)
            return
        if current is not None:
            current.on_leave()
        self._current = target
        self._stack.setCurrentWidget(target)
        target.on_enter()
        if part:
            target.open_at(part)
        self.screen_did_change.emit(target.name)
        for other in self.built():
            if other is not target and other.offers_after(target.name):
                QTimer.singleShot(0, partial(self.go, other.name))
                break
