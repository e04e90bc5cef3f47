"""Student mode shows each inverter of an [aggregate] sum with its name in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fakeclock import FakeClock
from test_energy_screen import NOON, EnergyRig, ScriptedSource, card_text, feed_a_morning, make_ctx

from kiosk.energy.metrics import Metric
from kiosk.services.tasks import TaskRunner

NAMES = {"east-roof": {"zh": "东楼屋顶", "en": "East roof"}}


def test_each_inverter_has_its_card_and_name(qtbot: Any, data_dir: Path, tasks: TaskRunner) -> None:
    ctx = make_ctx(data_dir, tasks, {"aggregate": {"names": NAMES}})
    r = EnergyRig(qtbot, ctx, ScriptedSource(), FakeClock(NOON))
    try:
        r.source.set(Metric.PV_POWER_W, 4_200.0, meter="east-roof")
        r.source.set(Metric.PV_POWER_W, 3_100.0, meter="west-roof")
        feed_a_morning(r)
        now_view = r.screen.now_view
        r.screen.set_mode("student")
        qtbot.waitUntil(lambda: "pv:west-roof" in now_view.meter_cards, timeout=5000)
        east = now_view.meter_cards["pv:east-roof"]
        assert card_text(east) == "4.2 kW"
        assert east.title_label.text() == "Solar: East roof"
        assert now_view.meter_cards["pv:west-roof"].title_label.text() == "Solar: west-roof"
        ctx.language.toggle()
        assert east.title_label.text() == "光伏：东楼屋顶"
        r.screen.set_mode("family")
        assert not east.isVisible()
    finally:
        r.close()
        ctx.language.close()
