"""What every page of the yearly report shares: the report, its language, the sheet it is
drawn on, and the page furniture (footer with page number and date, headings, notes, the
"simulated" banner, honest empty states)."""

from __future__ import annotations

import math

from kiosk.fleet.year_report import YearReport
from kiosk.ui.report.sheet import A4_H_MM, CONTENT_W_MM, MARGIN_MM, Align, Sheet
from kiosk.ui.report.texts import parts, pick, text

CLASS_ROWS_PER_PAGE = 30
BOTTOM_MM = A4_H_MM - 22.0


def page_count(report: YearReport) -> int:
    """Cover, energy, actions and quiz, then the class leaderboard's pages."""
    return 3 + max(1, math.ceil(len(report.classes) / CLASS_ROWS_PER_PAGE))


class ReportPages:
    def __init__(self, report: YearReport, lang: str, sheet: Sheet) -> None:
        self.r = report
        self.lang = lang
        self.s = sheet
        self.site = pick(lang, report.site.name_zh, report.site.name_en)
        self.total = page_count(report)
        self.page = 0

    def t(self, key: str, sep: str = " / ", **values: object) -> str:
        return text(self.lang, key, sep, **values)

    def footer(self) -> None:
        self.page += 1
        s, y = self.s, A4_H_MM - 14.0
        s.line(MARGIN_MM, y - 2, MARGIN_MM + CONTENT_W_MM, y - 2, "background", 0.4)
        when = self.r.generated_at.strftime("%Y-%m-%d %H:%M")
        left = f"{self.site} · {self.t('title', year=self.r.year)}"
        s.text(
            MARGIN_MM,
            y,
            CONTENT_W_MM * 0.6,
            left + "\n" + self.t("generated", when=when),
            7,
            colour="muted",
        )
        s.text(
            MARGIN_MM + CONTENT_W_MM * 0.5,
            y,
            CONTENT_W_MM * 0.5,
            self.t("page", n=self.page, total=self.total),
            8,
            colour="muted",
            align=Align.AlignRight,
        )

    def heading(self, y: float, key: str, **values: object) -> float:
        """A section title (Chinese above English when both); the y below it."""
        s = self.s
        for i, words in enumerate(parts(self.lang, key, **values)):
            y += s.text(
                MARGIN_MM,
                y,
                CONTENT_W_MM,
                words,
                17 if i == 0 else 11,
                bold=i == 0,
                colour="primary" if i == 0 else "muted",
            )
        s.line(MARGIN_MM, y + 1.5, MARGIN_MM + CONTENT_W_MM, y + 1.5, "primary", 0.6)
        return y + 5

    def note(self, y: float, words: str, pt: float = 8.5, colour: str = "muted") -> float:
        return y + self.s.text(MARGIN_MM, y, CONTENT_W_MM, words, pt, colour=colour) + 1.5

    def banner(self, y: float) -> float:
        """The "simulated" warning, when the energy figures are not measured."""
        if not (self.r.simulated and self.r.has_energy):
            return y
        s = self.s
        words = self.t("simulated", sep="\n")
        h = s.text(MARGIN_MM + 4, y, CONTENT_W_MM - 8, words, 9.5, bold=True, draw=False)
        s.box(MARGIN_MM, y, CONTENT_W_MM, h + 5, fill="accent", radius=1.5)
        s.text(MARGIN_MM + 4, y + 2.5, CONTENT_W_MM - 8, words, 9.5, bold=True)
        return y + h + 9

    def empty(self, y: float, key: str) -> float:
        """An honest empty state: a dashed box saying there is nothing for the year."""
        s = self.s
        words = text(self.lang, key, sep="\n", year=self.r.year)
        h = s.text(MARGIN_MM + 5, y, CONTENT_W_MM - 10, words, 10, draw=False)
        s.box(MARGIN_MM, y, CONTENT_W_MM, h + 8, line="muted", dashed=True, radius=1.5)
        s.text(MARGIN_MM + 5, y + 4, CONTENT_W_MM - 10, words, 10, colour="muted")
        return y + h + 12

    # -- pages ---------------------------------------------------------------------------------
