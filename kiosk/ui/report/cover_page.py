"""The yearly report's cover: the site's logo and names, the year, the year at a glance."""

from __future__ import annotations

from datetime import date

from kiosk.ui.report.layout import ReportPages
from kiosk.ui.report.sheet import CONTENT_W_MM, MARGIN_MM, Align
from kiosk.ui.report.texts import mass_kg, number, parts, pick


class CoverPage(ReportPages):
    def cover(self) -> None:
        s, r, lang = self.s, self.r, self.lang
        s.box(0, 0, 210, 12, fill="primary")
        s.logo(105 - 22, 34, 44, r.site.logo_path)
        y = 88.0
        names = parts(lang, "title", year=r.year)
        site_names = [r.site.name_zh, r.site.name_en] if lang == "both" else [self.site]
        for i, name in enumerate(dict.fromkeys(n for n in site_names if n)):
            y += (
                s.text(
                    MARGIN_MM,
                    y,
                    CONTENT_W_MM,
                    name,
                    26 if i == 0 else 16,
                    bold=i == 0,
                    align=Align.AlignHCenter,
                )
                + 1
            )
        y += 4
        for i, title in enumerate(names):
            y += (
                s.text(
                    MARGIN_MM,
                    y,
                    CONTENT_W_MM,
                    title,
                    20 if i == 0 else 14,
                    bold=True,
                    colour="primary",
                    align=Align.AlignHCenter,
                )
                + 1
            )
        y += 3
        last = min(date(r.year, 12, 31), r.generated_at.date())
        details = [
            self.t("subtitle", sep="\n"),
            self.t(r.site.kind),
            self.t("period", first=date(r.year, 1, 1).isoformat(), last=last.isoformat()),
        ]
        pack = pick(lang, r.site.pack_title_zh, r.site.pack_title_en)
        if pack:
            details.append(self.t("pack", title=pack))
        y += (
            s.text(
                MARGIN_MM + 10,
                y,
                CONTENT_W_MM - 20,
                "\n".join(details),
                10,
                colour="muted",
                align=Align.AlignHCenter,
            )
            + 10
        )
        y = self.heading(y, "highlights")
        y = self.highlights(y + 2)
        self.banner(y + 4)

    def highlights(self, y: float) -> float:
        s, r, lang = self.s, self.r, self.lang
        water = r.water_total_l
        cards = (
            ("solar_total", number(r.pv_total_kwh, lang) + (" kWh" if r.pv_total_kwh else "")),
            ("co2_total", mass_kg(r.co2_total_kg, lang)),
            (
                "water_total",
                number(None if water is None else water / 1000, lang)
                + (" m³" if water is not None else ""),
            ),
            ("rounds_total", f"{r.quiz.finished:,}"),
        )
        w, h, gap = (CONTENT_W_MM - 6) / 2, 30.0, 6.0
        for i, (key, value) in enumerate(cards):
            x = MARGIN_MM + (i % 2) * (w + gap)
            cy = y + (i // 2) * (h + gap)
            s.box(x, cy, w, h, fill="background", radius=2)
            s.text(x + 5, cy + 4, w - 10, value, 19, bold=True, colour="primary")
            s.text(x + 5, cy + 17, w - 10, self.t(key), 9, colour="text")
        return y + 2 * h + gap
