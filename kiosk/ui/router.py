"""Switches between screens by name and remembers which one is showing."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget

from kiosk.ui.screens.base import Screen

log = logging.getLogger(__name__)


class Router(QObject):
    screen_did_change = Signal(str)

    def __init__(self, stack: QStackedWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack = stack
        self._screens: dict[str, Screen] = {}
        self._current: Screen | None = None  # None until the first go()

    def add(self, screen: Screen) -> None:
        if screen.name in self._screens:
            raise ValueError(f"screen {screen.name!r} added twice")
        self._screens[screen.name] = screen
        self._stack.addWidget(screen)
        screen.user_did_choose_screen.connect(self.go)

    def replace(self, screen: Screen) -> None:
        """Swap in a new implementation of a screen (e.g. when its content arrives)."""
        old = self._screens.get(screen.name)
        was_current = old is not None and old is self._current
        if old is not None:
            self._stack.removeWidget(old)
            old.deleteLater()
            del self._screens[screen.name]
        self.add(screen)
        if was_current:
            self._current = screen
            self._stack.setCurrentWidget(screen)
            screen.on_enter()
            self.screen_did_change.emit(screen.name)

    @property
    def current(self) -> Screen | None:
        return self._current

    @property
    def names(self) -> list[str]:
        return list(self._screens)

    def screen(self, name: str) -> Screen:
        return self._screens[name]

    def go(self, name: str) -> None:
        target = self._screens.get(name)
        if target is None:
            log.error("no screen named %r; going home", name)
            target = self._screens["home"]
        current = self._current
        if current is target:
            return
        if current is not None:
            current.on_leave()
        self._current = target
        self._stack.setCurrentWidget(target)
        target.on_enter()
        self.screen_did_change.emit(target.name)
