"""The yearly report as a printable A4 PDF, drawn with QPdfWriter and QPainter.

Pages: the cover (site name and logo, the year at a glance), solar energy and rain water (a
bar chart by month, the monthly table, the CO2 factor with its year and source), green
actions and quiz participation, then the class leaderboard (as many pages as it needs).
Every page has its number and the date the report was made. Text uses the bundled Kiosk
Sans SC (Chinese without tofu); register it first (:func:`kiosk.ui.theme.load_fonts`, done by
the app at start and by ``kiosk report year``).

:func:`render_year_pdf` returns the file's bytes; it needs a QGuiApplication and may run on
a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from kiosk.fleet.year_report import YearReport
from kiosk.ui.report.activity_pages import ActivityPages
from kiosk.ui.report.cover_page import CoverPage
from kiosk.ui.report.energy_page import EnergyPage
from kiosk.ui.report.layout import CLASS_ROWS_PER_PAGE, page_count
from kiosk.ui.report.sheet import Sheet
from kiosk.ui.report.texts import LANGUAGES, pick, text
from kiosk.ui.theme import FONT_FILES, Palette

DPI = 300
__all__ = ["page_count", "render_year_pdf"]


def render_year_pdf(
    report: YearReport,
    lang: str,
    families: Sequence[str] | None = None,
    palette: Palette | None = None,
) -> bytes:
    """The report in ``lang`` ("zh", "en" or "both") as the bytes of a PDF file."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    site = pick(lang, report.site.name_zh, report.site.name_en)
    writer.setTitle(f"{site} · {text(lang, 'title', year=report.year)}")
    writer.setCreator("Green Space Kiosk")
    painter = QPainter(writer)
    if not painter.isActive():
        raise RuntimeError("cannot paint the PDF (no Qt GUI application?)")
    try:
        fonts = list(families or [family for family, _files in FONT_FILES])
        _Report(
            report, lang, Sheet(painter, DPI / 25.4, fonts, palette or Palette()), writer
        ).draw()
    finally:
        painter.end()
    data = bytes(buffer.data().data())
    buffer.close()
    return data


class _Report(CoverPage, EnergyPage, ActivityPages):
    def __init__(self, report: YearReport, lang: str, sheet: Sheet, writer: QPdfWriter) -> None:
        super().__init__(report, lang, sheet)
        self.writer = writer

    def draw(self) -> None:
        self.cover()
        self.next_page()
        self.energy()
        self.next_page()
        self.actions_and_quiz()
        rows = self.r.classes
        for start in range(0, max(1, len(rows)), CLASS_ROWS_PER_PAGE):
            self.next_page()
            self.classes(start)
        self.footer()

    def next_page(self) -> None:
        self.footer()
        self.writer.newPage()
