"""Now: live solar power with its power flow, and today's, this year's and all-time figures.

``family`` mode shows fewer, bigger figures with everyday equivalents; ``student`` mode shows
every figure, grid import and export, and the consumption of each building.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.energy.buildings import CampusToday, campus_today, meter_name
from kiosk.energy.equivalents import Basis, EquivalentsTable, pick_equivalent
from kiosk.energy.metrics import Unit
from kiosk.energy.queries import MeterRow
from kiosk.energy.summary import EnergySummary, Figure
from kiosk.sources.solar import next_sunrise
from kiosk.ui.context import UiContext
from kiosk.ui.energy.figure_card import FigureCard
from kiosk.ui.energy.formatting import (
    BadgeState,
    format_count,
    format_figure,
    format_number,
    scaled,
)
from kiosk.ui.energy.power_flow import PowerFlowWidget
from kiosk.ui.energy.reference_cards import ReferenceCards
from kiosk.ui.widgets.touch import PlainLabel, scrolling_body, set_role

FAMILY, STUDENT = "family", "student"
#: Card columns by (mode, portrait).
GRID_COLUMNS = {(FAMILY, False): 3, (FAMILY, True): 2, (STUDENT, False): 4, (STUDENT, True): 3}


@dataclass(frozen=True)
class CardSpec:
    key: str  # also the EnergySummary attribute it shows
    unit: Unit
    in_family: bool
    equivalent: Basis | None = None  # family and student: an everyday comparison under it


CARDS = (
    CardSpec("pv_energy_today_wh", Unit.WH, True, Basis.ENERGY_KWH),
    CardSpec("self_sufficiency_today_pct", Unit.PERCENT, True),
    CardSpec("self_consumption_today_pct", Unit.PERCENT, False),
    CardSpec("co2_avoided_today_kg", Unit.KG_CO2, True, Basis.CO2_KG),
    CardSpec("co2_avoided_month_kg", Unit.KG_CO2, False),
    CardSpec("co2_avoided_year_kg", Unit.KG_CO2, False),
    CardSpec("co2_avoided_total_kg", Unit.KG_CO2, True, Basis.CO2_KG),
    CardSpec("pv_energy_lifetime_wh", Unit.WH, False),
    CardSpec("water_harvested_today_l", Unit.L, True, Basis.WATER_L),
    CardSpec("water_saved_year_l", Unit.L, True),
    CardSpec("load_energy_today_wh", Unit.WH, False),
    CardSpec("grid_import_power_w", Unit.W, False),
    CardSpec("grid_export_power_w", Unit.W, False),
)


def sunrise_today(now: float, latitude: float, longitude: float, tz: ZoneInfo) -> str | None:
    """ "05:42" when the sun is down now and rises later this local day, else None."""
    rise = next_sunrise(now, latitude, longitude)
    if rise is None:
        return None
    local, at = datetime.fromtimestamp(now, tz), datetime.fromtimestamp(rise, tz)
    return at.strftime("%H:%M") if at.date() == local.date() else None


class NowView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        theme = ctx.theme
        self.mode = FAMILY
        self.summary: EnergySummary | None = None
        self.now = 0.0
        self.equivalents: EquivalentsTable | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(theme.px(12))
        #: one line for the page instead of a "simulated" chip on every card
        self.simulated_banner = PlainLabel()
        self.simulated_banner.setObjectName("energy-now-simulated")
        self.simulated_banner.setWordWrap(True)
        set_role(self.simulated_banner, "simulated-banner")
        self.simulated_banner.hide()
        outer.addWidget(self.simulated_banner)
        body = scrolling_body(outer)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(24))

        self.hero_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.hero_row.setSpacing(theme.px(24))
        self.hero = FigureCard(theme, Unit.W, "large")
        self.hero.setObjectName("energy-now-pv-power")
        self.flow = PowerFlowWidget(theme, ctx.config.site.pv_kwp * 1000.0)
        flow_card = QFrame()
        set_role(flow_card, "card")
        flow_layout = QVBoxLayout(flow_card)
        flow_layout.addWidget(self.flow)
        self.hero_row.addWidget(self.hero, 2)
        self.hero_row.addWidget(flow_card, 3)
        layout.addLayout(self.hero_row)

        self.cards: dict[str, FigureCard] = {}
        self.grid = QGridLayout()
        self.grid.setSpacing(theme.px(24))
        for spec in CARDS:
            card = FigureCard(theme, spec.unit, "medium")
            card.setParent(self)  # a child even while out of the grid, never a window
            card.hide()
            card.setObjectName(f"energy-now-{spec.key}")
            self.cards[spec.key] = card
        layout.addLayout(self.grid)
        self.references = ReferenceCards(ctx)
        layout.addWidget(self.references)

        self.meters_title = PlainLabel()
        set_role(self.meters_title, "heading")
        self.meters_box = QVBoxLayout()
        self.meters_box.setSpacing(theme.px(12))
        self.meter_cards: dict[str, FigureCard] = {}
        self.meter_rows: list[MeterRow] = []
        self._campus = CampusToday((), 0.0, None, None)
        self.campus_card = FigureCard(theme, Unit.WH, "small")
        self.campus_card.setObjectName("energy-now-campus")
        self.campus_card.hide()
        layout.addWidget(self.meters_title)
        layout.addLayout(self.meters_box)
        layout.addWidget(self.campus_card)
        layout.addStretch(1)
        self._portrait = False
        self.set_mode(ctx.config.display.mode)
        self.retranslate()

    # -- mode and layout ---------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        self.mode = mode if mode in (FAMILY, STUDENT) else FAMILY
        size = "medium" if self.mode == FAMILY else "small"
        for card in self.cards.values():
            set_role(card.value_label, f"figure-{size}")
            set_role(card.unit_label, f"figure-unit-{size}")
        student = self.mode == STUDENT
        self.meters_title.setVisible(student and bool(self.meter_cards))
        for card in self.meter_cards.values():
            card.setVisible(student)
        self.campus_card.setVisible(student and bool(self._campus.buildings))
        self._arrange()
        self._refresh_notes()

    def visible_cards(self) -> list[str]:
        return [s.key for s in CARDS if s.in_family or self.mode == STUDENT]

    def _arrange(self) -> None:
        for card in self.cards.values():
            self.grid.removeWidget(card)
            card.hide()
        cols = GRID_COLUMNS[(self.mode, self._portrait)]
        for i, key in enumerate(self.visible_cards()):
            self.grid.addWidget(self.cards[key], i // cols, i % cols)
            self.cards[key].show()
        for col in range(4):
            self.grid.setColumnStretch(col, 1 if col < cols else 0)
        direction = (
            QBoxLayout.Direction.TopToBottom if self._portrait else QBoxLayout.Direction.LeftToRight
        )
        self.hero_row.setDirection(direction)
        self.flow.setMinimumHeight(self.ctx.theme.px(360 if self._portrait else 220))

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        if portrait != self._portrait:
            self._portrait = portrait
            self._arrange()
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self.align_rows)

    def align_rows(self) -> None:
        """Figures of one row at one height: each title takes as many lines as the row's
        longest (a title that wrapped pushed its own value down)."""
        cols = GRID_COLUMNS[(self.mode, self._portrait)]
        keys = self.visible_cards()
        for first in range(0, len(keys), cols):
            titles = [self.cards[k].title_label for k in keys[first : first + cols]]
            for title in titles:
                title.setMinimumHeight(0)
            tallest = max(t.heightForWidth(max(1, t.width())) for t in titles)
            for title in titles:
                title.setMinimumHeight(tallest)

    # -- data --------------------------------------------------------------------------------

    def set_equivalents(self, table: EquivalentsTable | None) -> None:
        """The comparisons, the site's region's own first (``site.equivalents_region``)."""
        region = self.ctx.config.site.equivalents_region
        self.equivalents = table.preferring(region) if table is not None else None
        self._refresh_notes()

    def show_summary(self, summary: EnergySummary | None, now: float) -> None:
        self.summary, self.now = summary, now
        self.hero.show_figure(summary.pv_power_w if summary else None, now)
        for key, card in self.cards.items():
            card.show_figure(getattr(summary, key) if summary else None, now)
        if summary is not None:
            self.flow.show_summary(summary)
        self.references.show_summary(summary, now)
        self._refresh_notes()
        self._show_simulated()

    def _figure_cards(self) -> list[FigureCard]:
        return [self.hero, *self.cards.values(), *self.meter_cards.values(), self.campus_card]

    def _show_simulated(self) -> None:
        """Any simulated figure: one banner for the page, no chip on each card."""
        cards = self._figure_cards()
        simulated = any(c.badge.badge.state is BadgeState.SIMULATED for c in cards)
        self.simulated_banner.setVisible(simulated)
        for card in cards:
            card.badge.set_page_says_simulated(simulated)

    def show_meters(self, rows: list[MeterRow], now: float) -> None:
        """The per-building breakdown (student mode). Cards are made once per meter."""
        theme = self.ctx.theme
        self.meter_rows = rows
        if self.summary is not None:
            self._campus = campus_today(rows, self.summary)
        for row in rows:
            key = _card_key(row)
            card = self.meter_cards.get(key)
            if card is None:
                card = FigureCard(theme, Unit.W, "small")
                kind = "meter" if row.kind == "load" else row.kind
                card.setObjectName(f"energy-now-{kind}-{row.meter}")
                self.meter_cards[key] = card
                self.meters_box.addWidget(card)
                card.setVisible(self.mode == STUDENT)
            card.set_title(self._meter_title(row))
            card.show_figure(row.power_w, now)
            card.set_note(self._meter_note(row))
        self.meters_title.setVisible(self.mode == STUDENT and bool(self.meter_cards))
        self._show_campus(now)
        self._show_simulated()

    def _meter_title(self, row: MeterRow) -> str:
        """A building's or area's name from ``[meters]``, an inverter's from
        ``[aggregate.names]``, in the language shown; the meter id only when it has none."""
        aggregate = (self.ctx.config.aggregate or {}).get("names", {})
        names = {
            **(aggregate if isinstance(aggregate, dict) else {}),
            **(self.ctx.config.meters or {}),
        }
        name = meter_name(names, row.meter, self.ctx.language.code)
        if row.kind == "pv":
            return self.tr("Solar: %1").replace("%1", name)
        return name

    def _meter_note(self, row: MeterRow) -> str:
        value, unit = format_figure(row.energy_today_wh, Unit.WH)
        note = self.tr("Today: %1 %2").replace("%1", value).replace("%2", unit)
        building = next((b for b in self._campus.buildings if b.meter == row.meter), None)
        if row.kind != "load" or building is None or building.co2_kg is None:
            return note
        share = format_number(building.solar_share_pct or 0.0)
        co2 = " ".join(scaled(building.co2_kg, Unit.KG_CO2))
        return (
            self.tr("%1 · solar %2% · %3 from the grid")
            .replace("%1", note)
            .replace("%2", share)
            .replace("%3", co2)
        )

    def _show_campus(self, now: float) -> None:
        """The campus total: the buildings' sum, and what no building meter covers."""
        campus = self._campus
        card = self.campus_card
        card.setVisible(self.mode == STUDENT and bool(campus.buildings))
        card.set_title(self.tr("All buildings today"))
        basis = self.summary.load_energy_today_wh if self.summary is not None else None
        total = None
        if campus.buildings and basis is not None:
            total = Figure(campus.buildings_wh, Unit.WH, basis.provenance, basis.updated_at)
        card.show_figure(total, now)
        if campus.site_wh is None or campus.unmetered_wh is None:
            card.set_note("")
            return
        site = " ".join(scaled(campus.site_wh, Unit.WH))
        rest = " ".join(scaled(campus.unmetered_wh, Unit.WH))
        card.set_note(
            self.tr("Site meter: %1 · not metered by building: %2")
            .replace("%1", site)
            .replace("%2", rest)
        )

    def _calm_notes(self, summary: EnergySummary) -> dict[str, str]:
        """What a zero or a share of nothing means, so night and dry days read calm."""
        site = self.ctx.config.site
        rise = sunrise_today(self.now, site.latitude, site.longitude, ZoneInfo(site.timezone))
        notes: dict[str, str] = {}
        if rise is not None and not (summary.pv_power_w.value or 0.0) > 0:
            notes["pv_power_w"] = self.tr("The sun rises at %1").replace("%1", rise)
            if summary.pv_energy_today_wh.value == 0:
                notes["pv_energy_today_wh"] = self.tr("So far today — the sun rises at %1").replace(
                    "%1", rise
                )
        if summary.self_consumption_today_pct.not_applicable:
            notes["self_consumption_today_pct"] = self.tr("No solar energy yet today")
        if summary.self_sufficiency_today_pct.not_applicable:
            notes["self_sufficiency_today_pct"] = self.tr("No electricity used yet today")
        if summary.water_harvested_today_l.value == 0:
            notes["water_harvested_today_l"] = self.tr("No rain so far today")
        return notes

    def _show_lifetime(self, summary: EnergySummary | None) -> str:
        """Titles saying what "in total" covers; the note of the lifetime energy card."""
        device = summary is not None and summary.lifetime_from_device
        if device:
            self.cards["co2_avoided_total_kg"].set_title(
                self.tr("CO2 avoided since the panels were installed")
            )
            self.cards["pv_energy_lifetime_wh"].set_title(
                self.tr("Solar energy since the panels were installed")
            )
            return self.tr("From the inverter's own lifetime counter")
        self.cards["co2_avoided_total_kg"].set_title(self.tr("CO2 avoided since we started"))
        self.cards["pv_energy_lifetime_wh"].set_title(self.tr("Solar energy since we started"))
        if summary is None or summary.recording_since is None:
            return ""
        site = self.ctx.config.site
        day = datetime.fromtimestamp(summary.recording_since, ZoneInfo(site.timezone)).date()
        return self.tr("Since this kiosk started recording on %1").replace("%1", day.isoformat())

    def _refresh_notes(self) -> None:
        summary = self.summary
        calm = self._calm_notes(summary) if summary is not None else {}
        calm["pv_energy_lifetime_wh"] = self._show_lifetime(summary)
        self.hero.set_note(calm.get("pv_power_w", ""))
        used: set[str] = set()
        for spec in CARDS:
            note = calm.get(spec.key, "")
            if spec.equivalent is not None and summary is not None:
                figure: Figure = getattr(summary, spec.key)
                skip = next(iter(used), "")
                chosen = pick_equivalent(self.equivalents, spec.equivalent, figure.value, skip)
                if chosen is not None and self.equivalents is not None:
                    factor = self.equivalents.get(chosen[0])
                    assert factor is not None
                    used.add(factor.id)
                    note = factor.sentence(self.ctx.language.code, format_count(chosen[1]))
            self.cards[spec.key].set_note(note)

    def retranslate(self) -> None:
        self.simulated_banner.setText(
            self.tr("Simulated figures, for demonstration: not from this building's meters")
        )
        QTimer.singleShot(0, self, self.align_rows)
        self.hero.set_title(self.tr("Solar power now"))
        titles = {
            "pv_energy_today_wh": self.tr("Solar energy today"),
            "self_sufficiency_today_pct": self.tr("Self-sufficiency today"),
            "self_consumption_today_pct": self.tr("Solar used on site today"),
            "co2_avoided_today_kg": self.tr("CO2 avoided today"),
            "co2_avoided_month_kg": self.tr("CO2 avoided this month"),
            "co2_avoided_year_kg": self.tr("CO2 avoided this year"),
            "water_harvested_today_l": self.tr("Rainwater collected today"),
            "water_saved_year_l": self.tr("Tap water saved this year"),
            "load_energy_today_wh": self.tr("Electricity used today"),
            "grid_import_power_w": self.tr("Buying from the grid now"),
            "grid_export_power_w": self.tr("Selling to the grid now"),
        }
        for key, title in titles.items():
            self.cards[key].set_title(title)
        for card in (self.hero, *self.cards.values(), *self.meter_cards.values()):
            card.retranslate()
        self.references.retranslate()
        self.flow.set_labels(self.tr("Sun"), self.tr("Our building"), self.tr("Power grid"))
        self.meters_title.setText(self.tr("Each building now"))
        for row in self.meter_rows:
            card = self.meter_cards[_card_key(row)]
            card.set_title(self._meter_title(row))
            card.set_note(self._meter_note(row))
        self._show_campus(self.now)
        self.campus_card.retranslate()
        self._refresh_notes()


def _card_key(row: MeterRow) -> str:
    """Buildings by their meter id; inverters as ``pv:<id>`` (a roof may share a building's id)."""
    return row.meter if row.kind == "load" else f"{row.kind}:{row.meter}"
