"""The staff PIN keypad, opened by the hidden corner gesture. Checked off the GUI thread."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.staff.pin import PinCheck, PinResult, PinStore
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.touch import PlainLabel, button, set_role

if TYPE_CHECKING:
    from kiosk.services.bundle import Services

MAX_DIGITS = 12


class PinScreen(Screen):
    name = "pin"

    def __init__(self, ctx: UiContext, pin_store: PinStore) -> None:
        super().__init__(ctx)
        self.pin_store = pin_store
        theme = ctx.theme
        self._digits = ""
        self._checking = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(theme.px(48), theme.px(16), theme.px(48), theme.px(24))
        outer.setSpacing(theme.px(12))
        self.prompt = PlainLabel()
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.prompt, "heading")
        self.dots = PlainLabel()
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setObjectName("pin-dots")
        set_role(self.dots, "figure")
        self.dots.setMinimumHeight(theme.px(96))
        self.status = PlainLabel()
        self.status.setObjectName("pin-status")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        set_role(self.status, "honest")
        pad = QWidget()
        grid = QGridLayout(pad)
        grid.setSpacing(theme.px(12))
        self.keys: dict[str, object] = {}
        for i, d in enumerate("123456789"):
            grid.addWidget(self._key(d), i // 3, i % 3)
        self.clear_button = button("", "key")
        self.clear_button.clicked.connect(self._on_clear)
        self.ok_button = button("", "primary")
        self.ok_button.setObjectName("pin-ok")
        self.ok_button.setMinimumSize(theme.px(96), theme.px(88))
        self.ok_button.clicked.connect(self._on_submit)
        grid.addWidget(self.clear_button, 3, 0)
        grid.addWidget(self._key("0"), 3, 1)
        grid.addWidget(self.ok_button, 3, 2)
        pad.setFixedWidth(theme.px(560))
        self.cancel_button = button("", "")
        self.cancel_button.clicked.connect(self._on_cancel)
        outer.addStretch(1)  # the keypad sits in the middle, in portrait too
        outer.addWidget(self.prompt)
        outer.addWidget(self.dots)
        outer.addWidget(pad, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.status)
        outer.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self._unlock_timer = QTimer(self)
        self._unlock_timer.setSingleShot(True)
        self._unlock_timer.timeout.connect(self._refresh_lock)
        self.retranslate()

    def _key(self, digit: str) -> QWidget:
        key = button(digit, "key")
        key.setObjectName(f"pin-key-{digit}")
        key.setProperty("digit", digit)
        key.clicked.connect(self._on_digit)
        self.keys[digit] = key
        return key

    @classmethod
    def from_services(cls, ctx: UiContext, services: Services) -> PinScreen:
        return cls(ctx, services.pin_store)

    def title(self) -> str:
        return self.tr("Staff access")

    def retranslate(self) -> None:
        self.prompt.setText(self.tr("Enter the staff PIN"))
        self.clear_button.setText(self.tr("Clear"))
        self.ok_button.setText(self.tr("OK"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._refresh_lock()

    def on_enter(self) -> None:
        self._digits = ""
        self._show_digits()
        self.status.setText("")
        self._refresh_lock()

    def reset_visitor_state(self) -> None:
        self._digits = ""
        self._show_digits()

    def _show_digits(self) -> None:
        self.dots.setText("●" * len(self._digits) if self._digits else " ")

    def _set_keypad_enabled(self, enabled: bool) -> None:
        for key in self.keys.values():
            key.setEnabled(enabled)  # type: ignore[attr-defined]
        self.clear_button.setEnabled(enabled)
        self.ok_button.setEnabled(enabled)

    def _refresh_lock(self) -> None:
        if not self.pin_store.is_set():
            self._set_keypad_enabled(False)
            self.status.setText(
                self.tr("No staff PIN has been set on this kiosk. Set one with: kiosk set-pin")
            )
            return
        remaining = self.pin_store.lock_remaining_s()
        if remaining > 0:
            self._show_locked(remaining)
        else:
            self._set_keypad_enabled(not self._checking)

    def _show_locked(self, remaining_s: float) -> None:
        self._set_keypad_enabled(False)
        minutes = max(1, math.ceil(remaining_s / 60))
        self.status.setText(self.tr("Too many wrong PINs. Try again in %n minute(s).", "", minutes))
        self._unlock_timer.start(int(remaining_s * 1000) + 500)

    def _on_digit(self) -> None:
        if len(self._digits) < MAX_DIGITS:
            self._digits += str(self.sender().property("digit"))
            self._show_digits()

    def _on_clear(self) -> None:
        self._digits = ""
        self._show_digits()

    def _on_cancel(self) -> None:
        self._digits = ""
        self.user_did_choose_screen.emit("home")

    def _on_submit(self) -> None:
        if not self._digits or self._checking:
            return
        pin, self._digits = self._digits, ""
        self._show_digits()
        self._checking = True
        self._set_keypad_enabled(False)
        self.status.setText(self.tr("Checking…"))
        store = self.pin_store  # the worker touches the store, never this widget
        self.ctx.tasks.run(lambda: store.check(pin), self._on_pin_checked, self._on_pin_error)

    def _on_pin_checked(self, check: PinCheck) -> None:
        self._checking = False
        if check.result is PinResult.OK:
            self.status.setText("")
            self._set_keypad_enabled(True)
            self.user_did_choose_screen.emit("staff")
        elif check.result is PinResult.LOCKED:
            self._show_locked(check.retry_after_s)
        elif check.result is PinResult.NOT_SET:
            self._refresh_lock()
        else:
            self._set_keypad_enabled(True)
            self.status.setText(self.tr("Wrong PIN. %n attempt(s) left.", "", check.attempts_left))

    def _on_pin_error(self, exc: BaseException) -> None:
        self._checking = False
        self._set_keypad_enabled(True)
        self.status.setText(self.tr("The PIN could not be checked. Please try again."))
