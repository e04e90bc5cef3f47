"""The staff screen's head office and reports panel: whether the heartbeat reaches the
broker (and, when not, why in plain words with the English detail for support), what was
sent and what waits, a store report for a head office without network, and the yearly
report (PDF) of this year or the last, both saved to a USB stick (added with
``StaffScreen.add_section``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.fleet.link import LinkState
from kiosk.services.fleet_service import FleetService
from kiosk.services.usb_watcher import UsbWatcher
from kiosk.services.year_reports import YearReports
from kiosk.ui.context import UiContext
from kiosk.ui.failure_text import details_text
from kiosk.ui.widgets.fact_form import FactForm
from kiosk.ui.widgets.touch import button, label


class ReportsPanel(QWidget):
    def __init__(
        self,
        ctx: UiContext,
        fleet: FleetService,
        usb: UsbWatcher | None = None,
        now: Callable[[], float] | None = None,
        year_reports: YearReports | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("staff-reports")
        self.ctx = ctx
        self.fleet = fleet
        self.usb = usb
        self._saved = ""  # what the last store report did, for staff
        self._now = now or fleet.clock
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(12))
        self.heading = label("", "heading")
        self.facts = FactForm(theme, ("broker", "kiosk", "link", "sent"), "fleet")
        self.problem = label("", "honest")
        self.problem.setObjectName("fleet-problem")
        self.problem_detail = label("", "small")
        self.problem_detail.setObjectName("fleet-problem-detail")
        layout.addWidget(self.heading)
        layout.addLayout(self.facts)
        layout.addWidget(self.problem)
        layout.addWidget(self.problem_detail)
        self.report_button = button("", "")
        self.report_button.setObjectName("fleet-store-report")
        self.report_button.clicked.connect(self._on_report_clicked)
        self.report_message = label("", "small")
        self.report_message.setObjectName("fleet-store-report-message")
        layout.addWidget(self.report_button)
        layout.addWidget(self.report_message)
        self.year_reports = year_reports
        self._year_saved = ""  # what the last yearly report did
        self._year_problem = ""
        self.year_heading = label("", "body")
        self.year_buttons: list[QPushButton] = []
        for i in range(2):  # this year, the year before
            year_button = button("", "primary" if i == 0 else "")
            year_button.setObjectName(f"year-report-{i}")
            year_button.setProperty("years_ago", i)
            year_button.clicked.connect(self._on_year_clicked)
            self.year_buttons.append(year_button)
        self.year_message = label("", "small")
        self.year_message.setObjectName("year-report-message")
        self.year_problem = label("", "small")
        self.year_problem.setObjectName("year-report-problem")
        for widget in (self.year_heading, *self.year_buttons, self.year_message,
                       self.year_problem):  # fmt: skip
            widget.setVisible(year_reports is not None)
            layout.addWidget(widget)
        if year_reports is not None:
            year_reports.report_did_save.connect(self._on_year_report_did_save)
            year_reports.report_did_fail.connect(self._on_year_report_did_fail)
        fleet.link_did_change.connect(self._on_link_did_change)
        fleet.report_did_save.connect(self._on_report_did_save)
        fleet.report_did_fail.connect(self._on_report_did_fail)
        if usb is not None:
            usb.stick_did_appear.connect(self._on_usb_did_change)
            usb.stick_did_disappear.connect(self._on_usb_did_change)
        ctx.language.language_did_change.connect(self._on_language_did_change)
        self.retranslate()

    def problem_text(self, kind: str) -> str:
        texts = {
            "credentials": self.tr("The broker refused this kiosk's user name or password."),
            "tls": self.tr("The secure connection failed: certificate, CA bundle or TLS port."),
            "offline": self.tr("Cannot reach the head office broker."),
            "timeout": self.tr("The head office broker does not answer."),
            "refused": self.tr("The head office broker refused the connection."),
        }
        return texts.get(kind, self.tr("The heartbeat does not reach head office."))

    def retranslate(self) -> None:
        fleet = self.fleet
        state: LinkState = fleet.link_state
        self.heading.setText(self.tr("Reports"))
        self.facts.set_names(
            {
                "broker": self.tr("Broker"),
                "kiosk": self.tr("Kiosk id"),
                "link": self.tr("Heartbeat"),
                "sent": self.tr("Last sent"),
            }
        )
        link = fleet.link
        self.facts.value("broker").setText(
            link.address.url if link is not None else self.tr("off (no fleet.broker set)")
        )
        self.facts.value("kiosk").setText(f"{fleet.config.fleet.fleet} / {fleet.kiosk_id}")
        if link is None:
            status = "—"
        elif state.connected:
            status = self.tr("connected")
        elif state.problem is None:
            status = self.tr("connecting…")
        else:
            status = self.tr("not connected; next try in %1 s").replace(
                "%1", f"{state.retry_in_s:.0f}"
            )
        self.facts.value("link").setText(status)
        sent = "—"
        if state.last_sent_at is not None:
            sent = datetime.fromtimestamp(state.last_sent_at).strftime("%Y-%m-%d %H:%M")
        self.facts.value("sent").setText(sent)
        problem = state.problem if link is not None and not state.connected else None
        self.problem.setText(self.problem_text(problem.kind) if problem else "")
        self.problem_detail.setText(details_text(problem.words) if problem else "")
        self.problem.setVisible(problem is not None)
        self.problem_detail.setVisible(problem is not None)
        sticks = self.usb.sticks if self.usb is not None else []
        self.report_button.setText(
            self.tr("Save a store report to USB (status and 31 days of counts)")
        )
        self.report_button.setEnabled(bool(sticks))
        hint = "" if sticks else self.tr("Insert a USB stick to save a store report.")
        self.report_message.setText(self._saved or hint)
        self.report_message.setVisible(bool(self._saved or hint))
        self._retranslate_year(bool(sticks))

    def _retranslate_year(self, stick: bool) -> None:
        reports = self.year_reports
        if reports is None:
            return
        self.year_heading.setText(self.tr("Yearly report, a PDF to print or hand in"))
        this_year = reports.this_year()
        for year_button in self.year_buttons:
            year = this_year - int(year_button.property("years_ago"))
            year_button.setText(
                self.tr("Save the %1 yearly report to USB").replace("%1", str(year))
            )
            year_button.setEnabled(stick and not reports.busy)
        hint = "" if stick else self.tr("Insert a USB stick to save the yearly report.")
        self.year_message.setText(self._year_saved or hint)
        self.year_message.setVisible(bool(self._year_saved or hint))
        self.year_problem.setText(details_text(self._year_problem) if self._year_problem else "")
        self.year_problem.setVisible(bool(self._year_problem))

    def _on_report_clicked(self) -> None:
        sticks = self.usb.sticks if self.usb is not None else []
        if sticks:
            self._saved = self.tr("Saving…")
            self.fleet.save_store_report(Path(sticks[0].mount))
            self.retranslate()

    def _on_report_did_save(self, path: str) -> None:
        self._saved = self.tr("Saved %1: hand it to head office.").replace("%1", Path(path).name)
        self.retranslate()

    def _on_report_did_fail(self, reason: str) -> None:
        self._saved = self.tr("The store report was not saved: %1").replace("%1", reason)
        self.retranslate()

    def _on_year_clicked(self) -> None:
        sticks = self.usb.sticks if self.usb is not None else []
        reports = self.year_reports
        if not sticks or reports is None or reports.busy:
            return
        year = reports.this_year() - int(self.sender().property("years_ago"))
        self._year_saved = self.tr("Saving the %1 yearly report…").replace("%1", str(year))
        self._year_problem = ""
        reports.save(Path(sticks[0].mount), year, self.ctx.language.code)
        self.retranslate()

    def _on_year_report_did_save(self, _year: int, path: str) -> None:
        self._year_saved = self.tr("Saved %1: print it or hand it in.").replace(
            "%1", Path(path).name
        )
        self.retranslate()

    def _on_year_report_did_fail(self, year: int, kind: str, detail: str) -> None:
        if kind == "empty":
            text = self.tr("Nothing to report for %1: no readings, staff entries, quiz rounds "
                           "or class points.")  # fmt: skip
            self._year_saved, self._year_problem = text.replace("%1", str(year)), ""
        else:
            self._year_saved = self.tr("The yearly report was not saved (reason below).")
            self._year_problem = detail
        self.retranslate()

    def _on_usb_did_change(self, _stick: object) -> None:
        self.retranslate()

    def _on_link_did_change(self, _state: LinkState) -> None:
        self.retranslate()

    def _on_language_did_change(self, _code: str) -> None:
        self.retranslate()
