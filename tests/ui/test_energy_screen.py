"""The energy screen fed by the real energy service, store and pollers (fake wall clock).

A scripted source stands in for a meter: it is a real :class:`Source` whose values the test
sets, polled on the service's own thread and ingested into a real SQLite store.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fakeclock import FakeClock

from kiosk.app import ensure_qapp
from kiosk.config.loader import parse_config
from kiosk.config.paths import AppPaths
from kiosk.energy.carbon import factor_for
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.energy.store import EnergyStore
from kiosk.services.energy_service import EnergyService, SourceSpec
from kiosk.services.tasks import TaskRunner
from kiosk.sources.base import Source
from kiosk.ui.context import UiContext
from kiosk.ui.i18n import Language
from kiosk.ui.screens.energy import EnergyScreen
from kiosk.ui.theme import Palette, Theme, apply_theme, load_fonts, scale_for

TZ = ZoneInfo("Asia/Shanghai")
NOON = datetime(2026, 6, 15, 12, 0, tzinfo=TZ).timestamp()
FACTOR = factor_for("national", 2023)  # 0.5306 kg CO2 per kWh


class ScriptedSource(Source):
    """A meter whose current values the test sets; each read reports them at ``now``."""

    def __init__(self, source_id: str = "meter", provenance: Provenance = Provenance.LIVE) -> None:
        super().__init__(source_id)
        self.provenance = provenance
        self._values: dict[tuple[Metric, str], float] = {}
        self._lock = threading.Lock()
        self.reads = 0

    def set(self, metric: Metric, value: float, meter: str = "") -> None:
        with self._lock:
            self._values[(metric, meter)] = value

    def read(self, now: float) -> list[Reading]:
        with self._lock:
            self.reads += 1
            return [
                Reading(metric, value, now, self.source_id, self.provenance, meter)
                for (metric, meter), value in self._values.items()
            ]


class EnergyRig:
    """An energy screen (1920x1080 theme) fed by a real service polling ``source``."""

    def __init__(
        self, qtbot: Any, ctx: UiContext, source: ScriptedSource, clock: FakeClock
    ) -> None:
        self.qtbot = qtbot
        self.ctx = ctx
        self.source = source
        self.clock = clock
        self.store = EnergyStore(Path(ctx.paths.data_dir) / "rig.sqlite3", tz=TZ)
        self.service = EnergyService(
            self.store,
            FACTOR,
            [SourceSpec(source, 0.05)],
            tasks=ctx.tasks,
            clock=clock,
            stale_check_ms=20,
        )
        self.screen = EnergyScreen(ctx)
        qtbot.addWidget(self.screen)
        self.screen.attach(self.service)
        self.screen.load_builtin_equivalents()  # as kiosk/app.py does
        self.screen.resize(1920, 980)
        self.screen.show()
        qtbot.waitExposed(self.screen)
        self.screen.on_enter()

    def poll_at(self, seconds_later: float) -> None:
        """Move the clock; wait until the screen shows a summary with the readings made then."""
        self.clock.advance(seconds_later)
        target = self.clock.now

        def shown() -> bool:
            summary = self.screen.summary
            return summary is not None and (summary.pv_power_w.updated_at or 0) >= target

        self.qtbot.waitUntil(shown, timeout=5000)

    def close(self) -> None:
        self.service.stop()
        self.store.close()


def make_ctx(data_dir: Path, tasks: TaskRunner, raw: dict[str, Any] | None = None) -> UiContext:
    """What the kiosk gives a screen: config, paths, language, a 1080p theme and tasks."""
    app = ensure_qapp()
    theme = Theme(Palette(), scale_for(1920, 1080))
    apply_theme(app, theme, load_fonts())
    raw = {"display": {"language": "en"}, "sources": [], **(raw or {})}
    return UiContext(
        config=parse_config(raw),
        paths=AppPaths.resolve(data_dir),
        config_file="",
        language=Language(raw["display"]["language"], app),
        theme=theme,
        tasks=tasks,
    )


@pytest.fixture
def rig(qtbot: Any, data_dir: Path, tasks: TaskRunner) -> Iterator[Any]:
    rigs: list[EnergyRig] = []

    def build(provenance: Provenance = Provenance.LIVE) -> EnergyRig:
        ctx = make_ctx(data_dir, tasks)
        r = EnergyRig(qtbot, ctx, ScriptedSource(provenance=provenance), FakeClock(NOON))
        rigs.append(r)
        return r

    yield build
    for r in rigs:
        r.close()
        r.ctx.language.close()


def card_text(card: Any) -> str:
    return f"{card.value_label.text()} {card.unit_label.text()}"


def feed_a_morning(r: EnergyRig) -> None:
    """PV 12,340 W now; counters give 25 kWh PV, 40 kWh load, 15 kWh import today."""
    s = r.source
    s.set(Metric.PV_POWER_W, 12_340.0)
    s.set(Metric.LOAD_POWER_W, 20_000.0)
    s.set(Metric.GRID_IMPORT_POWER_W, 7_660.0)
    s.set(Metric.GRID_EXPORT_POWER_W, 0.0)
    s.set(Metric.PV_ENERGY_WH, 1_000_000.0)
    s.set(Metric.LOAD_ENERGY_WH, 5_000_000.0)
    s.set(Metric.GRID_IMPORT_ENERGY_WH, 3_000_000.0)
    s.set(Metric.GRID_EXPORT_ENERGY_WH, 200_000.0)
    s.set(Metric.WATER_HARVESTED_L, 10_000.0)
    r.service.start()
    r.poll_at(0)
    s.set(Metric.PV_ENERGY_WH, 1_025_000.0)
    s.set(Metric.LOAD_ENERGY_WH, 5_040_000.0)
    s.set(Metric.GRID_IMPORT_ENERGY_WH, 3_015_000.0)
    s.set(Metric.WATER_HARVESTED_L, 10_350.0)
    r.poll_at(600)


def test_dashboard_shows_the_numbers_in_the_store(qtbot: Any, rig: Any) -> None:
    r = rig()
    feed_a_morning(r)
    now_view = r.screen.now_view
    assert card_text(now_view.hero) == "12.3 kW"
    assert now_view.hero.badge.text() == "live"
    cards = now_view.cards
    assert card_text(cards["pv_energy_today_wh"]) == "25.0 kWh"
    # 25 kWh x 0.5306 kg/kWh = 13.265 kg
    assert card_text(cards["co2_avoided_today_kg"]) == "13.3 kg CO2"
    # since the panels were installed: the meter's own 1,025 kWh × 0.5306
    assert card_text(cards["co2_avoided_total_kg"]) == "544 kg CO2"
    total = cards["co2_avoided_total_kg"].title_label.text()
    assert total == "CO2 avoided since the panels were installed"
    # (40 - 15) / 40 = 62.5 % of the load came from our own panels
    assert card_text(cards["self_sufficiency_today_pct"]) == "62.5 %"
    assert card_text(cards["water_harvested_today_l"]) == "350 L"
    # The power flow draws the same numbers, buying from the grid.
    assert now_view.flow.pv_w == 12_340.0
    assert now_view.flow.grid_w == 7_660.0
    solar_speed, grid_speed = now_view.flow.speeds()
    assert solar_speed > 0 and grid_speed < 0  # grid -> building
    # An equivalent of the CO2, from the built-in table, under the figure.
    note = cards["co2_avoided_today_kg"].note_label
    qtbot.waitUntil(lambda: "as much as a petrol car gives off in" in note.text())


def test_stopped_source_goes_stale_and_keeps_its_last_values(qtbot: Any, rig: Any) -> None:
    r = rig()
    feed_a_morning(r)
    hero = r.screen.now_view.hero
    assert hero.badge.text() == "live"
    r.service.stop_source("meter")
    r.clock.advance(7 * 60)  # the live window is 3 intervals (0.15 s): long gone
    qtbot.waitUntil(lambda: hero.badge.text() == "updated 7 min ago", timeout=5000)
    assert hero.badge.property("state") == "stale"
    assert card_text(hero) == "12.3 kW"
    assert card_text(r.screen.now_view.cards["pv_energy_today_wh"]) == "25.0 kWh"
    # Later the age keeps counting, even with no new summary from the service.
    r.clock.advance(5 * 60)
    r.screen._on_age_timer()
    assert hero.badge.text() == "updated 12 min ago"


def test_simulated_source_says_so_once_for_the_page(qtbot: Any, rig: Any) -> None:
    r = rig(Provenance.SIMULATED)
    feed_a_morning(r)
    now_view = r.screen.now_view
    assert now_view.simulated_banner.isVisible()
    assert "Simulated figures" in now_view.simulated_banner.text()
    for card in (now_view.hero, *now_view.cards.values()):
        if card.isVisible() and card.value_label.text() != "—":
            assert card.badge.text() == "simulated", card.objectName()  # still known ...
            assert not card.badge.isVisible(), card.objectName()  # ... but said once


def test_a_live_page_has_no_simulated_banner_and_keeps_its_badges(qtbot: Any, rig: Any) -> None:
    r = rig()
    feed_a_morning(r)
    now_view = r.screen.now_view
    assert not now_view.simulated_banner.isVisible()
    assert now_view.hero.badge.isVisible() and now_view.hero.badge.text() == "live"


def test_missing_figures_show_a_dash_never_zero(qtbot: Any, rig: Any) -> None:
    r = rig()
    r.source.set(Metric.PV_POWER_W, 0.0)  # a measured zero at night is a real 0
    r.service.start()
    r.poll_at(0)
    now_view = r.screen.now_view
    assert card_text(now_view.hero) == "0 W"
    for key in ("pv_energy_today_wh", "co2_avoided_today_kg", "water_harvested_today_l",
                "self_sufficiency_today_pct"):  # fmt: skip
        card = now_view.cards[key]
        assert card.value_label.text() == "—", key
        assert card.badge.text() == "no data"
        assert card.note_label.text() == ""


def test_empty_store_says_it_is_waiting(qtbot: Any, rig: Any) -> None:
    r = rig()
    r.service.start()
    qtbot.waitUntil(lambda: r.screen.summary is not None, timeout=5000)
    assert r.screen.status_label.isVisible()
    assert "Waiting for the first readings" in r.screen.status_label.text()
    assert r.screen.now_view.hero.value_label.text() == "—"


def test_language_and_mode_switch(qtbot: Any, rig: Any) -> None:
    r = rig()
    r.source.set(Metric.LOAD_POWER_W, 3_000.0, meter="Library")
    r.source.set(Metric.LOAD_POWER_W, 9_000.0, meter="Sports hall")
    feed_a_morning(r)
    now_view = r.screen.now_view
    assert not now_view.cards["self_consumption_today_pct"].isVisible()
    assert not now_view.cards["grid_import_power_w"].isVisible()
    r.screen.set_mode("student")
    assert now_view.cards["self_consumption_today_pct"].isVisible()
    assert card_text(now_view.cards["grid_import_power_w"]) == "7.7 kW"
    qtbot.waitUntil(lambda: "Sports hall" in now_view.meter_cards, timeout=5000)
    assert card_text(now_view.meter_cards["Sports hall"]) == "9.0 kW"
    assert now_view.meter_cards["Library"].isVisible()
    r.screen.set_mode("family")
    assert not now_view.cards["self_consumption_today_pct"].isVisible()
    assert not now_view.meter_cards["Library"].isVisible()

    note = now_view.cards["co2_avoided_today_kg"].note_label
    qtbot.waitUntil(lambda: "a petrol car gives off in" in note.text())
    r.ctx.language.toggle()
    assert r.ctx.language.code == "zh"
    assert "公里" in note.text()  # the pack's Chinese label
    explain = r.screen.explain_view
    assert "0.5306" in explain.section_text("factor")
    assert "全国平均" in explain.section_text("factor")
    # sources and comparisons in Chinese too, as sentences (no "1 = 0.249 kg CO2. US EPA ...")
    assert "来源：生态环境部、国家统计局" in explain.section_text("factor")
    comparisons = explain.section_text("equivalents")
    assert "汽油车每行驶 1 公里约排放 0.249 千克二氧化碳。" in comparisons
    assert "来源：美国环境保护署" in comparisons and "US EPA" not in comparisons


def test_explain_shows_formula_factor_year_and_source(qtbot: Any, rig: Any) -> None:
    r = rig()
    feed_a_morning(r)
    r.screen.show_tab("explain")
    explain = r.screen.explain_view
    assert "25.0 kWh × 0.5306 kg CO2/kWh = 13.3 kg CO2" in explain.section_text("co2")
    factor = explain.section_text("factor")
    assert "China national average" in factor and "2023" in factor
    assert "MEE & NBS" in factor
    qtbot.waitUntil(lambda: "EPA" in explain.section_text("equivalents"))


def test_kiosk_wires_its_energy_service_to_the_screen(qtbot: Any, make_kiosk: Any) -> None:
    """The real composition: a simulator source configured, the screen shows its figures."""
    kiosk = make_kiosk(
        {
            "display": {"language": "en"},
            "sources": [{"id": "sim", "type": "simulator", "interval_seconds": 0.2}],
        }
    )
    service = kiosk.services.energy
    assert service is not None
    kiosk.window.router.go("energy")
    screen = kiosk.window.router.current
    hero = screen.now_view.hero
    qtbot.waitUntil(lambda: hero.badge.text() == "simulated", timeout=10_000)
    assert hero.value_label.text() != "—"


def test_half_past_midnight_on_a_dry_night_reads_calm_not_broken(qtbot: Any, rig: Any) -> None:
    """00:30 local, no sun, no rain: zeros with their badge, the sunrise, no "no data"."""
    r = rig()
    r.clock.now = datetime(2026, 6, 15, 0, 30, tzinfo=TZ).timestamp()
    s = r.source
    for metric, value in ((Metric.PV_POWER_W, 0.0), (Metric.LOAD_POWER_W, 4_000.0),
                          (Metric.GRID_IMPORT_POWER_W, 4_000.0), (Metric.GRID_EXPORT_POWER_W, 0.0),
                          (Metric.WATER_HARVESTED_L, 52_000.0)):  # fmt: skip
        s.set(metric, value)
    r.service.start()
    r.poll_at(0)
    r.poll_at(60)
    now_view = r.screen.now_view
    cards = now_view.cards
    qtbot.waitUntil(lambda: card_text(cards["pv_energy_today_wh"]) == "0 Wh", timeout=5000)
    assert card_text(now_view.hero) == "0 W"
    assert now_view.hero.note_label.text() == "The sun rises at 05:24"
    assert cards["pv_energy_today_wh"].note_label.text() == "So far today — the sun rises at 05:24"
    assert card_text(cards["co2_avoided_today_kg"]) == "0 kg CO2"
    assert card_text(cards["water_harvested_today_l"]) == "0 L"
    assert cards["water_harvested_today_l"].note_label.text() == "No rain so far today"
    assert card_text(cards["self_sufficiency_today_pct"]) == "0 %"
    r.screen.set_mode("student")
    assert cards["self_consumption_today_pct"].note_label.text() == "No solar energy yet today"
    lifetime = cards["pv_energy_lifetime_wh"]  # no PV counter: what this kiosk recorded
    assert lifetime.title_label.text() == "Solar energy since we started"
    assert lifetime.note_label.text() == "Since this kiosk started recording on 2026-06-15"
    for card in (now_view.hero, *cards.values()):
        if card.isVisible():
            assert card.badge.text() == "live", card.objectName()
            assert "≈ 0.0" not in card.note_label.text()
    assert not r.screen.status_label.isVisible()


def test_a_baseline_card_says_how_far_below_the_city_average(qtbot: Any, rig: Any) -> None:
    from kiosk.energy.baselines import Baseline, SiteReferences
    from kiosk.energy.periods import Period

    r = rig()
    city = Baseline("city", "load_energy_wh", Period.DAY, 50.0, "m2", "the city average",
                    "全市平均", "City energy report 2024 (test)")  # fmt: skip
    r.service.references = SiteReferences((city,), 2000.0, None)  # 100 kWh a day for the site
    # the load counter has been recorded since midnight (so the whole day so far compares)
    midnight = Reading(Metric.LOAD_ENERGY_WH, 5_000_000.0, NOON - 12 * 3600, "meter",
                       Provenance.LIVE)  # fmt: skip
    r.store.ingest([midnight], now=NOON)
    feed_a_morning(r)  # 40 kWh used by 12:10: the share of 100 kWh by then is 50.7 kWh
    card = r.screen.now_view.references.cards["city"]
    assert card.isVisible()
    assert card.title_label.text() == "Compared with the city average"
    assert card_text(card) == "21.1 % below"
    assert card.note_label.text() == "Electricity used so far today, per m²"
    assert card.badge.text() == "live"
    r.screen.show_tab("explain")
    text = r.screen.explain_view.section_text("baselines")
    assert "the city average: 50.0 Wh a day, per m². Source: City energy report 2024" in text
    r.ctx.language.toggle()
    assert card.title_label.text() == "与全市平均相比"
    assert "全市平均" in r.screen.explain_view.section_text("baselines")


def test_a_hidden_energy_screen_keeps_the_newest_summary_and_shows_it_when_it_opens(
    qtbot: Any, rig: Any
) -> None:
    r = rig()
    feed_a_morning(r)
    hero = r.screen.now_view.hero
    assert card_text(hero) == "12.3 kW"
    r.screen.hide()  # another screen is shown: its views are not refreshed every second
    r.source.set(Metric.PV_POWER_W, 15_000.0)
    r.poll_at(1)
    assert r.screen.summary is not None and r.screen.summary.pv_power_w.value == 15_000.0
    assert card_text(hero) == "12.3 kW"
    r.screen.show()  # opened: the newest figures before the first frame
    assert card_text(hero) == "15.0 kW"


def test_a_hidden_energy_screen_shows_its_newest_figures_when_asked(qtbot: Any, rig: Any) -> None:
    """What reads the Now screen's figures while it is hidden asks for the newest first."""
    r = rig()
    feed_a_morning(r)
    r.screen.hide()
    r.source.set(Metric.PV_POWER_W, 15_000.0)
    r.poll_at(1)
    r.screen.apply_pending_summary()
    assert card_text(r.screen.now_view.hero) == "15.0 kW"
