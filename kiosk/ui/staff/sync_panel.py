"""The staff screen's sync panel: channel, last successful sync and how long ago, current and
available versions, bytes to download, the last failure in plain words (with the English
detail for support), and "sync now" with a progress bar (added with
``StaffScreen.add_section``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from kiosk.services.sync_service import SyncService
from kiosk.sync.client import SyncOutcome
from kiosk.sync.status import SyncStatus
from kiosk.ui.context import UiContext
from kiosk.ui.failure_text import details_text, failure_text
from kiosk.ui.widgets.fact_form import FactForm
from kiosk.ui.widgets.touch import button, label
from kiosk.util.failure_kinds import FailureKind

AGE_REFRESH_MS = 60_000


def _megabytes(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


class SyncPanel(QWidget):
    def __init__(
        self,
        ctx: UiContext,
        service: SyncService,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__()
        self.setObjectName("staff-sync")
        self.ctx = ctx
        self.service = service
        self._now = now
        self._busy = False
        self._progress = (0, 0)
        self._message = ""
        self._failure: tuple[str, str] | None = None  # (kind, reason) of the last failed run
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(12))
        self.heading = label("", "heading")
        form = self.facts = FactForm(
            theme, ("channel", "synced", "result", "current", "available"), "sync"
        )
        self.problem = label("", "honest")
        self.problem.setObjectName("sync-problem")
        self.problem_detail = label("", "small")
        self.problem_detail.setObjectName("sync-problem-detail")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("sync-progress")
        self.progress_bar.setVisible(False)
        self.progress_text = label("", "small")
        self.progress_text.setObjectName("sync-progress-text")
        self.progress_text.setVisible(False)
        actions = QHBoxLayout()
        self.sync_button = button("", "primary")
        self.sync_button.setObjectName("sync-now")
        self.sync_button.clicked.connect(self._on_sync_clicked)
        actions.addWidget(self.sync_button)
        actions.addStretch(1)
        for widget in (self.heading,):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.problem_detail)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.progress_text)
        layout.addLayout(actions)
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(AGE_REFRESH_MS)
        self._age_timer.timeout.connect(self.retranslate)
        self._age_timer.start()
        service.sync_did_start.connect(self._on_sync_did_start)
        service.sync_did_progress.connect(self._on_sync_did_progress)
        service.sync_did_finish.connect(self._on_sync_did_finish)
        service.sync_did_fail.connect(self._on_sync_did_fail)
        service.status_did_change.connect(self._on_status_did_change)
        ctx.language.language_did_change.connect(self._on_language_did_change)
        self.retranslate()

    # -- text ------------------------------------------------------------------------------
    def age_text(self, then: datetime | None) -> str:
        if then is None:
            return self.tr("never")
        minutes = int((self._now() - then).total_seconds() // 60)
        if minutes < 1:
            return self.tr("just now")
        if minutes < 60:
            return self.tr("%1 min ago").replace("%1", str(minutes))
        hours = minutes // 60
        if hours < 48:
            return self.tr("%1 h ago").replace("%1", str(hours))
        return self.tr("%1 days ago").replace("%1", str(hours // 24))

    def retranslate(self) -> None:
        status: SyncStatus | None = self.service.status
        self.heading.setText(self.tr("Network sync"))
        names = {
            "channel": self.tr("Channel"),
            "synced": self.tr("Last synced"),
            "result": self.tr("Result"),
            "current": self.tr("Showing"),
            "available": self.tr("Available"),
        }
        self.facts.set_names(names)
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_button.setEnabled(not self._busy and self.service.client is not None)
        self._value("channel").setText(self.service.url or self.tr("off (no channel URL set)"))
        failure = self._failure
        if self.service.setup_error:
            failure = (FailureKind.NOT_CONFIGURED, self.service.setup_error)
        if status is None:
            for key in ("synced", "result", "current", "available"):
                self._value(key).setText("—")
        else:
            state = status.state
            then = state.last_success_time()
            synced = self.age_text(then)
            if then is not None:
                local = then.astimezone().strftime("%Y-%m-%d %H:%M")
                synced = f"{synced}  ({local})"
            self._value("synced").setText(synced)
            results = {
                "updated": self.tr("New content installed"),
                "up_to_date": self.tr("Up to date"),
                "failed": self.tr("Failed (reason below)"),
            }
            self._value("result").setText(results.get(state.last_result, self.tr("not yet")))
            self._value("current").setText(
                f"{status.active_pack} {status.active_version}".strip() or self.tr("nothing")
            )
            self._value("available").setText(self._available_text(status))
            if state.last_error:
                failure = (state.last_error_kind, state.last_error)
        self._show_failure(failure)
        self._show_progress()

    def _show_failure(self, failure: tuple[str, str] | None) -> None:
        """The failure's sentence for staff, and its English reason below it for support."""
        kind, reason = failure or ("", "")
        self.problem.setText(
            self.tr("Last failure: %1").replace("%1", failure_text(kind)) if failure else ""
        )
        self.problem_detail.setText(details_text(reason) if failure else "")
        self.problem.setVisible(failure is not None)
        self.problem_detail.setVisible(failure is not None)

    def _available_text(self, status: SyncStatus) -> str:
        state = status.state
        if not state.available_version:
            return "—"
        text = f"{state.pack_id} {state.available_version}"
        if state.available_version == status.active_version and state.pack_id == (
            status.active_pack
        ):
            return f"{text}  ({self.tr('installed')})"
        if state.bytes_to_download:
            text += "  " + self.tr("(%1 to download)").replace(
                "%1", _megabytes(state.bytes_to_download)
            )
        return text

    def _show_progress(self) -> None:
        self.progress_bar.setVisible(self._busy)
        done, total = self._progress
        if self._busy:
            if total > 0:
                self.progress_bar.setRange(0, 1000)
                self.progress_bar.setValue(int(1000 * min(done / total, 1.0)))
                text = self.tr("Downloading %1 of %2").replace("%1", _megabytes(done))
                text = text.replace("%2", _megabytes(total))
            else:
                self.progress_bar.setRange(0, 0)
                text = self.tr("Checking the channel…")
        else:
            text = self._message
        self.progress_text.setText(text)
        self.progress_text.setVisible(bool(text))

    def _value(self, key: str) -> QLabel:
        return self.facts.value(key)

    def showEvent(self, event: QShowEvent) -> None:
        """The versions may have changed (USB install, rollback) since the last read."""
        super().showEvent(event)
        self.service.refresh_status()

    # -- slots -----------------------------------------------------------------------------
    def _on_sync_clicked(self) -> None:
        self.service.sync_now()

    def _on_sync_did_start(self) -> None:
        self._busy = True
        self._progress = (0, 0)
        self._message = ""
        self.retranslate()

    def _on_sync_did_progress(self, done: int, total: int) -> None:
        self._progress = (done, total)
        self._show_progress()

    def _on_sync_did_finish(self, outcome: SyncOutcome) -> None:
        self._busy = False
        self._failure = None
        if outcome.status == "updated":
            self._message = self.tr("Installed %1").replace(
                "%1", f"{outcome.pack_id} {outcome.display_version}"
            )
        else:
            self._message = self.tr("Already up to date")
        self.retranslate()

    def _on_sync_did_fail(self, kind: str, reason: str) -> None:
        self._busy = False
        self._failure = (kind, reason)  # shown until the stored status says more
        self._message = self.tr("Sync failed; the reason is shown above.")
        self.retranslate()

    def _on_status_did_change(self, _status: SyncStatus) -> None:
        self.retranslate()

    def _on_language_did_change(self, _code: str) -> None:
        self.retranslate()
