"""Each building by its name in both languages, with its solar share and CO2, and a campus
total that adds up (what no building meter covers has its own line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fakeclock import FakeClock
from test_energy_screen import (
    NOON,
    EnergyRig,
    ScriptedSource,
    card_text,
    feed_a_morning,
    make_ctx,
)

from kiosk.energy.metrics import Metric
from kiosk.services.tasks import TaskRunner

NAMES = {"lib": {"zh": "图书馆", "en": "Library"}, "gym": {"zh": "体育馆", "en": "Sports hall"}}


def test_buildings_are_named_and_add_up_to_the_campus(
    qtbot: Any, data_dir: Path, tasks: TaskRunner
) -> None:
    ctx = make_ctx(data_dir, tasks, {"meters": NAMES})
    r = EnergyRig(qtbot, ctx, ScriptedSource(), FakeClock(NOON))
    try:
        r.source.set(Metric.LOAD_POWER_W, 3_000.0, meter="lib")
        r.source.set(Metric.LOAD_POWER_W, 9_000.0, meter="gym")
        feed_a_morning(r)  # site: 40 kWh used today, 62.5 % of it from the roof
        r.screen.set_mode("student")
        now_view = r.screen.now_view
        qtbot.waitUntil(lambda: "gym" in now_view.meter_cards, timeout=5000)
        gym = now_view.meter_cards["gym"]
        assert gym.title_label.text() == "Sports hall"  # its name, not the raw id
        # 9 kW for the 10 minutes between the polls = 1.5 kWh; 37.5 % of it from the grid
        assert gym.note_label.text() == "Today: 1.5 kWh · solar 62.5% · 0.30 kg CO2 from the grid"
        campus = now_view.campus_card
        assert campus.isVisible() and campus.title_label.text() == "All buildings today"
        assert card_text(campus) == "2.0 kWh"
        assert campus.note_label.text() == (
            "Site meter: 40.0 kWh · not metered by building: 38.0 kWh"
        )
        r.screen.show_tab("history")  # History: each building's use, compared like the site's
        history = r.screen.history_view
        qtbot.waitUntil(lambda: history.data is not None and bool(history.data.buildings))
        lines = history.buildings_label.text().splitlines()
        assert "Sports hall: 1.5 kWh · yesterday by 12:10: —" in lines
        assert "Library: 500 Wh · yesterday by 12:10: —" in lines
        r.screen.show_tab("now")
        r.ctx.language.toggle()
        assert gym.title_label.text() == "体育馆"
        assert now_view.meter_cards["lib"].title_label.text() == "图书馆"
        assert campus.title_label.text() == "全部楼宇今日用电"
    finally:
        r.close()
        ctx.language.close()


def test_a_meter_name_without_both_languages_is_refused() -> None:
    import pytest

    from kiosk.config.errors import ConfigError
    from kiosk.config.loader import parse_config

    with pytest.raises(ConfigError, match=r"meters\.lib"):
        parse_config({"meters": {"lib": {"en": "Library"}}, "sources": []}, "kiosk.toml")
