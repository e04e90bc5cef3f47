"""MQTT presets, sums over a wildcard, probing until every metric came, on a real mosquitto.

Messages are written from each project's documentation of its topics (OpenDTU, AhoyDTU,
Shelly Gen2, Tasmota, emonhub).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakeclock import FakeClock
from loopback import PAYLOADS, Mosquitto, wait_until
from test_mqtt import Publisher

from kiosk.energy.metrics import Metric, Provenance
from kiosk.energy.store import EnergyStore
from kiosk.sources.mqtt import MqttSource
from kiosk.sources.mqtt_presets import MQTT_PRESETS
from kiosk.sources.options import MQTT_PRESET_NAMES
from kiosk.sources.options.mqtt import MqttOptions, TopicOptions

NOW = 1_760_000_000.0


@pytest.fixture
def pub(broker: Mosquitto) -> Iterator[Publisher]:
    p = Publisher(broker.port)
    yield p
    p.stop()


def source(broker: Mosquitto, clock: FakeClock | None = None, **kw: object) -> MqttSource:
    opts = MqttOptions(host="127.0.0.1", port=broker.port, **kw)  # type: ignore[arg-type]
    src = MqttSource("dev", opts, clock=clock or (lambda: NOW))
    assert src.wait_connected(10)
    return src


def collect(src: MqttSource, pub: Publisher, messages: list[tuple[str, str]]) -> dict:  # type: ignore[type-arg]
    """Publish (retained, so a late subscription still gets them) until every metric came."""
    for topic, payload in messages:
        pub.send(topic, payload, retain=True)
    got: dict[tuple[Metric, str], float] = {}
    want = src.mapped_metrics()
    assert wait_until(
        lambda: want <= got.keys() or (bool(_take(src, got)) and want <= got.keys()), 10
    )
    return {m: v for (m, _), v in got.items()}


def _take(src: MqttSource, got: dict[tuple[Metric, str], float]) -> None:
    src.wait_for_update(0.1)
    for r in src.read(NOW):
        got[(r.metric, r.meter)] = r.value


def test_preset_names_are_the_presets() -> None:
    assert tuple(MQTT_PRESETS) == MQTT_PRESET_NAMES


@pytest.mark.parametrize(
    ("preset", "prefix", "messages", "expected"),
    [
        ("opendtu", "", [("solar/ac/power", "2871.4"), ("solar/ac/yieldtotal", "1834.521")],
         {Metric.PV_POWER_W: 2871.4, Metric.PV_ENERGY_WH: 1_834_521.0}),
        ("ahoydtu", "", [("inverter/total/P_AC", "1204.0"), ("inverter/total/YieldTotal", "912.25")],
         {Metric.PV_POWER_W: 1204.0, Metric.PV_ENERGY_WH: 912_250.0}),
        ("shelly_gen2", "shellyplus1pm-a8032ab12345",
         [("shellyplus1pm-a8032ab12345/status/switch:0",
           (PAYLOADS / "shelly_mqtt_switch.json").read_text())],
         {Metric.LOAD_POWER_W: 1032.4, Metric.LOAD_ENERGY_WH: 82731.21}),
        ("tasmota", "plug_lobby",
         [("tele/plug_lobby/SENSOR", (PAYLOADS / "tasmota_sensor.json").read_text())],
         {Metric.LOAD_POWER_W: 412.0, Metric.LOAD_ENERGY_WH: 1_234_567.0}),
        ("emonhub", "", [("emon/emontx4/P1", "1830.5"), ("emon/emontx4/E1", "6128734"),
                         ("emon/emontx4/P2", "2410"), ("emon/emontx4/E2", "9912003")],
         {Metric.LOAD_POWER_W: 1830.5, Metric.LOAD_ENERGY_WH: 6_128_734.0,
          Metric.PV_POWER_W: 2410.0, Metric.PV_ENERGY_WH: 9_912_003.0}),
    ],
)  # fmt: skip
def test_presets_read_their_devices(
    broker: Mosquitto,
    pub: Publisher,
    preset: str,
    prefix: str,
    messages: list[tuple[str, str]],
    expected: dict[Metric, float],
) -> None:
    src = source(broker, preset=preset, topic_prefix=prefix)
    try:
        got = collect(src, pub, messages)
        assert {m: pytest.approx(v) for m, v in got.items()} == expected
    finally:
        src.close()


def test_tasmota_last_will_makes_the_source_offline(broker: Mosquitto, pub: Publisher) -> None:
    src = source(broker, preset="tasmota", topic_prefix="plug_lobby")
    try:
        assert src.options.availability_topic == "tele/plug_lobby/LWT"
        pub.send("tele/plug_lobby/LWT", "Offline", retain=True)
        assert wait_until(lambda: src._available is False, 5)
    finally:
        src.close()


def test_wildcard_sum_per_topic_goes_partial_when_one_inverter_is_silent(
    broker: Mosquitto, pub: Publisher
) -> None:
    clock = FakeClock(NOW)
    topics = (
        TopicOptions(topic="solar/+/0/power", metric="pv_power_w", combine="sum",
                     part_stale_seconds=60),
    )  # fmt: skip
    src = source(broker, clock, topics=topics)
    seen: list[tuple[float, Provenance]] = []

    def newest() -> tuple[float, Provenance] | None:
        src.wait_for_update(0.1)
        seen.extend((r.value, r.provenance) for r in src.read(NOW))
        return seen[-1] if seen else None

    try:
        for serial, watts in (("1161a0000001", "400"), ("1161a0000002", "350.5")):
            pub.send(f"solar/{serial}/0/power", watts, retain=True)
        assert wait_until(lambda: newest() == (750.5, Provenance.LIVE), 10)
        clock.advance(120)  # inverter 2 silent for two minutes
        pub.send("solar/1161a0000001/0/power", "410", retain=True)
        assert wait_until(lambda: newest() == (410.0, Provenance.PARTIAL), 10)
    finally:
        src.close()


def test_ahoydtu_total_reading_zero_is_bridged_in_the_store(
    broker: Mosquitto, pub: Publisher, data_dir: Path
) -> None:
    clock = FakeClock(NOW)
    src = source(broker, clock, preset="ahoydtu")
    store = EnergyStore(data_dir / "r.sqlite3")
    try:
        report_glitches = 0
        for kwh in ("912.250", "0", "0", "912.450"):
            clock.advance(60)
            pub.send("inverter/total/YieldTotal", kwh)
            assert wait_until(lambda: src.wait_for_update(0.1), 10)
            readings = [r for r in src.read(clock.now) if r.metric is Metric.PV_ENERGY_WH]
            report_glitches += store.ingest(readings, now=clock.now + 1).glitches
        assert report_glitches == 1
        assert store.energy_wh(Metric.PV_ENERGY_WH, NOW - 86400, clock.now + 1) == pytest.approx(
            200
        )
    finally:
        src.close()
        store.close()


def mqtt_config(tmp_path: Path, broker: Mosquitto, options: str, site: str = "") -> str:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(
        f'{site}[[sources]]\nid = "dev"\ntype = "mqtt"\n[sources.options]\n'
        f'host = "127.0.0.1"\nport = {broker.port}\n{options}',
        "utf-8",
    )
    return str(cfg)


def test_probe_waits_for_every_metric_and_names_the_missing(
    broker: Mosquitto, pub: Publisher, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main

    cfg = mqtt_config(tmp_path, broker, 'preset = "opendtu"\n')
    pub.send("solar/ac/power", "2871.4", retain=True)
    assert main(["source", "probe", "--config", cfg, "--wait", "0.3"]) == 0
    out = capsys.readouterr()
    assert [json.loads(line)["metric"] for line in out.out.splitlines()] == ["pv_power_w"]
    assert "no value for pv_energy_wh within 0.3 s" in out.err
    pub.send("solar/ac/yieldtotal", "1834.521", retain=True)
    assert main(["source", "probe", "--config", cfg, "--wait", "10"]) == 0
    out = capsys.readouterr()
    assert sorted(json.loads(line)["metric"] for line in out.out.splitlines()) == [
        "pv_energy_wh", "pv_power_w",
    ]  # fmt: skip
    assert out.err == ""


def test_probe_marks_values_the_store_would_refuse(
    broker: Mosquitto, pub: Publisher, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.cli import main

    cfg = mqtt_config(
        tmp_path, broker,
        '[[sources.options.topics]]\ntopic = "x/pv"\nmetric = "pv_power_w"\n'
        '[[sources.options.topics]]\ntopic = "x/soc"\nmetric = "battery_soc_pct"\n',
        site="[site]\npv_kwp = 50\n",
    )  # fmt: skip
    pub.send("x/pv", "3.3e14", retain=True)
    pub.send("x/soc", "101", retain=True)
    assert main(["source", "probe", "--config", cfg, "--wait", "10"]) == 0
    lines = {d["metric"]: d for d in map(json.loads, capsys.readouterr().out.splitlines())}
    assert lines["pv_power_w"]["provenance"] == "refused"
    assert "spike" in lines["pv_power_w"]["problem"]
    assert lines["battery_soc_pct"]["provenance"] == "refused"
    assert "out_of_range" in lines["battery_soc_pct"]["problem"]
