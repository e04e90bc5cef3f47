"""The staff screen's content-pack panel: what is shown, what is kept to go back to, the last
install, a USB shortcut and a two-tap "roll back" (added with ``StaffScreen.add_section``).
Problems read as plain sentences for staff, with the English detail below them for support."""

from __future__ import annotations

import time

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content.store import PackRef
from kiosk.services.content_service import ContentService, ContentStatus, ReleaseInfo
from kiosk.services.usb_watcher import UsbWatcher
from kiosk.ui.context import UiContext
from kiosk.ui.failure_text import details_text, failure_text
from kiosk.ui.widgets.fact_form import FactForm
from kiosk.ui.widgets.touch import button, label


class ContentPanel(QWidget):
    #: Open another screen by name (the USB screen).
    panel_did_request_screen = Signal(str)

    def __init__(
        self, ctx: UiContext, content: ContentService, watcher: UsbWatcher | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("staff-content")
        self.ctx = ctx
        self.content = content
        self.watcher = watcher
        self._confirming = False
        self._rollback_message = ""
        self._rollback_failure: tuple[str, str] | None = None  # (kind, reason)
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(12))
        self.heading = label("", "heading")
        form = self.facts = FactForm(
            theme, ("active", "state", "previous", "install", "usb"), "content"
        )
        self.problem = label("", "honest")
        self.problem.setObjectName("content-problem")
        self.problem_detail = label("", "small")
        self.problem_detail.setObjectName("content-problem-detail")
        actions = QHBoxLayout()
        actions.setSpacing(theme.px(24))
        self.usb_button = button("", "primary")
        self.usb_button.setObjectName("content-open-usb")
        self.usb_button.clicked.connect(self._on_usb_clicked)
        self.rollback_button = button("", "danger")
        self.rollback_button.setObjectName("content-rollback")
        self.rollback_button.clicked.connect(self._on_rollback_clicked)
        actions.addWidget(self.usb_button)
        actions.addStretch(1)
        actions.addWidget(self.rollback_button)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.problem_detail)
        layout.addLayout(actions)
        content.status_did_change.connect(self._on_status_did_change)
        content.rollback_did_finish.connect(self._on_rollback_did_finish)
        content.rollback_did_fail.connect(self._on_rollback_did_fail)
        content.install_did_start.connect(self._on_busy_did_change)
        if watcher is not None:
            watcher.stick_did_appear.connect(self._on_busy_did_change)
            watcher.stick_did_disappear.connect(self._on_busy_did_change)
        ctx.language.language_did_change.connect(self._on_language_did_change)
        self.retranslate()

    def _release_text(self, info: ReleaseInfo | None) -> str:
        if info is None:
            return self.tr("none")
        title = self.ctx.language.pick(info.title_zh, info.title_en)
        ref = info.ref
        return f"{title}  ·  {ref.id} {ref.display_version} ({ref.version})".strip(" ·")

    def retranslate(self) -> None:
        status: ContentStatus = self.content.status
        self.heading.setText(self.tr("Content pack"))
        names = {
            "active": self.tr("Showing"),
            "state": self.tr("State"),
            "previous": self.tr("Kept to go back to"),
            "install": self.tr("Last install"),
            "usb": self.tr("USB stick"),
        }
        self.facts.set_names(names)
        shown = status.layers or ((status.active,) if status.active else ())
        self._value("active").setText(
            "\n".join(self._release_text(info) for info in shown) or self.tr("no content pack")
        )
        if status.active is None:
            state = "—"
        elif status.confirmed:
            state = self.tr("In use and confirmed")
        else:
            state = self.tr("New: confirmed once the kiosk has shown it")
        self._value("state").setText(state)
        self._value("previous").setText(self._release_text(status.previous))
        if status.last_install_ok is False:
            install = self.tr("Not installed (reason below)")
        else:
            install = status.last_install or self.tr("none since the kiosk started")
        if status.last_install_at is not None:
            install = f"{time.strftime('%H:%M', time.localtime(status.last_install_at))}  {install}"
        self._value("install").setText(install)
        self._value("usb").setText(self._usb_text())
        self._show_problems(status)
        self.usb_button.setText(self.tr("Install from USB…"))
        previous = status.previous
        if self._confirming and previous is not None:
            self.rollback_button.setText(
                self.tr("Tap again to go back to %1").replace("%1", self._release_text(previous))
            )
        else:
            self.rollback_button.setText(self.tr("Roll back"))
        self.rollback_button.setVisible(previous is not None)  # nothing kept: nothing to offer
        self.rollback_button.setEnabled(not self.content.busy)

    def _show_problems(self, status: ContentStatus) -> None:
        """Each problem as a sentence for staff; their English reasons below for support."""
        sentences: list[str] = []
        details: list[str] = []
        if status.problem:
            sentences.append(failure_text(status.problem_kind))
            details.append(status.problem)
        if status.last_install_ok is False:
            sentences.append(
                self.tr("Last install: %1").replace("%1", failure_text(status.last_install_kind))
            )
            details.append(status.last_install)
        if self._rollback_failure is not None:
            kind, reason = self._rollback_failure
            sentences.append(self.tr("Roll back failed: %1").replace("%1", failure_text(kind)))
            details.append(reason)
        elif self._rollback_message:
            sentences.append(self._rollback_message)
        self.problem.setText("\n\n".join(sentences))
        self.problem.setVisible(bool(sentences))
        self.problem_detail.setText("\n".join(details_text(d) for d in details))
        self.problem_detail.setVisible(bool(details))

    def _value(self, key: str) -> QLabel:
        return self.facts.value(key)

    def _usb_text(self) -> str:
        sticks = self.watcher.sticks if self.watcher is not None else []
        if not sticks:
            return self.tr("none inserted")
        packs = sum(len(s.packs) for s in sticks)
        return self.tr("inserted, %n content pack(s) found", "", packs)

    def _on_usb_clicked(self) -> None:
        self.panel_did_request_screen.emit("usb")

    def _on_rollback_clicked(self) -> None:
        if not self._confirming:
            self._confirming = True  # a second tap is needed: a stray touch changes nothing
            self.retranslate()
            return
        self._confirming = False
        self._rollback_message = ""
        self._rollback_failure = None
        self.content.roll_back()
        self.retranslate()

    def _on_rollback_did_finish(self, ref: PackRef) -> None:
        self._rollback_message = self.tr("Rolled back to %1").replace(
            "%1", f"{ref.id} {ref.display_version} ({ref.version})"
        )
        self.retranslate()

    def _on_rollback_did_fail(self, kind: str, reason: str) -> None:
        self._rollback_failure = (kind, reason)
        self.retranslate()

    def _on_status_did_change(self, _status: object) -> None:
        self.retranslate()

    def _on_busy_did_change(self, _what: object) -> None:
        self.retranslate()

    def _on_language_did_change(self, _code: str) -> None:
        self.retranslate()

    def hideEvent(self, event: QHideEvent) -> None:
        self._confirming = False  # leaving the staff screen forgets a first "roll back" tap
        self.retranslate()
        super().hideEvent(event)
