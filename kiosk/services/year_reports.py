"""The staff screen's yearly report: gather the year's figures from the services that own
each database (class points on the quiz queue, visitor counts on the counts queue, readings
from the store's reader connections), draw the PDF and write it to a USB stick, all off the
GUI thread through the kiosk's one :class:`~kiosk.services.tasks.TaskRunner`.

The drawing (QtGui) is given by ``renderer``: a service uses QtCore only, and the UI hands
it a function returning :func:`kiosk.ui.report.year_pdf.render_year_pdf`, called on the GUI
thread when staff ask for a report (so the PDF code loads then, not at start).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from kiosk.config import Config
from kiosk.content.active import ActiveContent
from kiosk.energy.carbon import EmissionFactor, resolve_factor
from kiosk.energy.store import EnergyStore
from kiosk.fleet.link import kiosk_id
from kiosk.fleet.year_report import (
    SiteFacts,
    build_year_report,
    readings_year,
    report_file_name,
    year_hours,
)
from kiosk.fleet.year_sources import installed_quiz_sets, site_facts, source_types, topic_titles
from kiosk.quiz.points_store import DailyRow
from kiosk.services.content_service import ContentService
from kiosk.services.energy_service import EnergyService
from kiosk.services.engagement import EngagementService
from kiosk.services.quiz_service import QuizService
from kiosk.services.tasks import TaskRunner
from kiosk.util.atomic import atomic_write_bytes

#: What draws the PDF: (report, "zh" | "en" | "both") -> the file's bytes.
Render = Callable[..., bytes]


@dataclass
class _Job:
    folder: Path
    year: int
    lang: str
    site: SiteFacts
    now: datetime
    content: ActiveContent | None  # its quiz topics' titles are read on the worker
    points: Sequence[DailyRow] = ()
    counts: dict[str, int] = field(default_factory=dict)


class YearReports(QObject):
    report_did_save = Signal(int, str)  # the year, the PDF written (on a USB stick)
    #: the year, why ("empty": nothing to report, "failed": not drawn or not written), and
    #: the English detail for support
    report_did_fail = Signal(int, str, str)

    def __init__(
        self,
        config: Config,
        tasks: TaskRunner,
        quiz: QuizService,
        engagement: EngagementService,
        energy: EnergyService | None,
        content: ContentService | None,
        renderer: Callable[[], Render],
        *,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self._tasks = tasks
        self._quiz = quiz
        self._engagement = engagement
        self._energy = energy
        self._content = content
        self._renderer = renderer
        self.clock = clock
        self.tz = ZoneInfo(config.site.timezone)
        self.busy = False

    def this_year(self) -> int:
        return datetime.fromtimestamp(self.clock(), self.tz).year

    def save(self, folder: Path, year: int, lang: str) -> None:
        """Write ``year``'s report in ``lang`` into ``folder``; one of the signals follows."""
        content = self._content.content if self._content is not None else None
        now = datetime.fromtimestamp(self.clock(), self.tz)
        job = _Job(folder, year, lang, site_facts(self.config, content), now, content)
        self.busy = True
        self._quiz.daily_rows(
            date(year, 1, 1),
            date(year, 12, 31),
            partial(self._on_points, job),
            partial(self._on_failed, job),
        )

    def _on_points(self, job: _Job, rows: list[DailyRow]) -> None:
        job.points = rows
        hours = year_hours(job.year, self.tz)
        self._engagement.with_store(
            lambda store: store.totals(*hours),
            partial(self._on_counts, job),
            partial(self._on_failed, job),
        )

    def _on_counts(self, job: _Job, counts: dict[str, int]) -> None:
        job.counts = counts
        energy = self._energy
        store = energy.store if energy is not None else None
        factor = energy.factor if energy is not None else resolve_factor(self.config.site)
        name = report_file_name(kiosk_id(self.config), job.year)
        types, render = source_types(self.config), self._renderer()
        self._tasks.run(
            lambda: _draw_and_write(job, store, factor, types, render, name),
            partial(self._on_written, job),
            partial(self._on_failed, job),
        )

    def _on_written(self, job: _Job, path: str | None) -> None:
        self.busy = False
        if path is None:
            self.report_did_fail.emit(job.year, "empty", f"nothing to report for {job.year}")
        else:
            self.report_did_save.emit(job.year, path)

    def _on_failed(self, job: _Job, exc: BaseException) -> None:
        self.busy = False
        text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.report_did_fail.emit(job.year, "failed", text)


def _draw_and_write(
    job: _Job,
    store: EnergyStore | None,
    factor: EmissionFactor,
    types: Sequence[str],
    render: Render,
    name: str,
) -> str | None:
    """On a pool thread: the readings' figures, the report, the PDF, the file on the stick
    (None, and no file, when the year has nothing to report)."""
    readings = readings_year(store, job.year, factor, types) if store is not None else None
    # the pack's files, not the quiz screen's catalog, which may still be loading
    topics = topic_titles(installed_quiz_sets(job.content))
    report = build_year_report(
        job.year,
        replace(job.site, topic_titles=topics),
        job.now,
        factor,
        readings=readings,
        counts=job.counts,
        points=job.points,
    )
    if report.is_empty:
        return None
    target = job.folder / name
    atomic_write_bytes(target, render(report, job.lang))
    return str(target)
