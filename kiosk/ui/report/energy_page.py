"""The yearly report's energy page: solar energy by month as a bar chart, the monthly table
(solar, CO2 avoided, rain water, days with readings) and the CO2 factor with its year and
source."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.energy.periods import Period
from kiosk.ui.energy.bar_ticks import bar_label
from kiosk.ui.report.layout import ReportPages
from kiosk.ui.report.month_chart import draw_month_bars
from kiosk.ui.report.sheet import CONTENT_W_MM, MARGIN_MM
from kiosk.ui.report.texts import number, pick, text


class EnergyPage(ReportPages):
    def energy(self) -> None:
        s, r, lang = self.s, self.r, self.lang
        y = self.heading(MARGIN_MM, "energy")
        y = self.banner(y)
        if not r.has_energy:
            y = self.empty(y, "no_energy")
        y += s.text(MARGIN_MM, y, CONTENT_W_MM, self.t("chart_title"), 11, bold=True) + 1
        tz = ZoneInfo(r.site.timezone)
        labels = []
        for m in range(1, 13):
            ts = datetime(r.year, m, 1, tzinfo=tz).timestamp()
            codes = ("zh", "en") if lang == "both" else (lang,)
            labels.append("\n".join(bar_label(Period.YEAR, ts, tz, c) for c in codes))
        chart_h = 70.0 if r.has_energy else 55.0
        empty = [self.t(self.missing(m.month), sep="\n") for m in r.months]
        draw_month_bars(
            s,
            MARGIN_MM,
            y,
            CONTENT_W_MM,
            chart_h,
            [m.pv_kwh for m in r.months],
            labels,
            self.t("axis_kwh"),
            empty,
        )
        y += chart_h + 4

        def value(v: float | None, month: int, decimals: int = 1) -> str:
            return number(v, lang, decimals) if v is not None else self.t(self.missing(month))

        rows = [
            [
                labels[m.month - 1].replace("\n", " "),
                value(m.pv_kwh, m.month),
                value(m.co2_kg, m.month),
                value(m.water_l, m.month, 0),
                str(m.pv_days) if m.pv_days else "—",
            ]
            for m in r.months
        ]
        rows.append(
            [
                self.t("year_total"),
                number(r.pv_total_kwh, lang),
                number(r.co2_total_kg, lang),
                number(r.water_total_l, lang, 0),
                str(sum(m.pv_days for m in r.months)),
            ]
        )
        header = [
            text(lang, k, sep="\n") for k in ("month", "col_pv", "col_co2", "col_water", "col_days")
        ]
        y += s.table(MARGIN_MM, y, (34, 36, 36, 36, 32), header, rows, pt=8.5, bold_last=True) + 3
        y = self.note(y, self.t("no_data_note", sep="\n"))
        y = self.note(y, "\n".join(self.factor_lines()), 9, "text")
        for source_line in self.factor_sources():
            y = self.note(y, source_line)
        self.note(y, self.t("water_note", sep="\n"))

    def missing(self, month: int) -> str:
        """Why a month has no figure: it has not begun yet, or nothing was stored."""
        at = self.r.generated_at
        future = (self.r.year, month) > (at.year, at.month)
        return "not_yet" if future else "no_data"

    def factor_lines(self) -> list[str]:
        """CO2 = solar × the factor, with the grid's name and data year, in each language."""
        f = self.r.factor
        year = f.year if f.year is not None else "—"
        codes = ("zh", "en") if self.lang == "both" else (self.lang,)
        return [
            text(
                c,
                "factor",
                value=f"{f.kg_per_kwh:.4f}",
                year=year,
                name=pick(c, f.name_zh, f.name_en),
            )
            for c in codes
        ]

    def factor_sources(self) -> list[str]:
        """ "Source: …" in the report's languages (a site's own source text only once)."""
        f = self.r.factor
        if self.lang != "both":
            return [self.t("factor_source", source=f.source_in(self.lang))]
        zh, en = f.source_in("zh"), f.source
        if zh == en:
            return [self.t("factor_source", source=en)]
        return [text("zh", "factor_source", source=zh), text("en", "factor_source", source=en)]
