"""MQTT adapter against a real mosquitto broker started by the test on a free port."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest
from loopback import Mosquitto, free_port, mosquitto_binary, wait_until
from paho.mqtt.enums import CallbackAPIVersion

from kiosk.energy.metrics import Metric, Provenance
from kiosk.sources.base import SourceMisconfigured, SourceUnavailable
from kiosk.sources.mqtt import MqttSource
from kiosk.sources.options.mqtt import MqttOptions, TopicOptions

NOW = 1_760_000_000.0
TOPICS = (
    TopicOptions(topic="site/water/total", metric="water_used_l"),
    TopicOptions(topic="site/+/pv", metric="pv_power_w", json_path="power.kw", scale=1000),
    TopicOptions(
        topic="site/grid/#", metric="grid_import_power_w", json_path="w", sign="positive_part"
    ),
)


class Publisher:
    def __init__(self, port: int, client_id: str = "", will: str = "") -> None:
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id)
        if will:
            self.client.will_set(will, "offline", qos=1, retain=True)
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()

    def send(self, topic: str, payload: str | bytes, retain: bool = False) -> None:
        self.client.publish(topic, payload, qos=1, retain=retain).wait_for_publish(5)

    def stop(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


@pytest.fixture
def pub(broker: Mosquitto) -> Iterator[Publisher]:
    p = Publisher(broker.port)
    yield p
    p.stop()


def make_source(port: int, **kw: object) -> MqttSource:
    opts = MqttOptions(host="127.0.0.1", port=port, reconnect_max_seconds=1, topics=TOPICS, **kw)  # type: ignore[arg-type]
    return MqttSource("bms", opts, clock=lambda: NOW)


def deliver(src: MqttSource, pub: Publisher, topic: str, payload: str) -> dict[Metric, float]:
    """Publish until the source has it (the subscription may still be on its way)."""
    for _ in range(50):
        pub.send(topic, payload)
        if src.wait_for_update(0.2):
            return {r.metric: r.value for r in src.read(NOW)}
    raise AssertionError(f"{topic} never arrived")


@pytest.fixture
def source(broker: Mosquitto) -> Iterator[MqttSource]:
    src = make_source(broker.port)
    assert src.wait_connected(10)
    yield src
    src.close()


def test_plain_and_json_payloads_with_wildcards_and_scaling(
    source: MqttSource, pub: Publisher
) -> None:
    assert deliver(source, pub, "site/water/total", "1834.5") == {Metric.WATER_USED_L: 1834.5}
    assert deliver(source, pub, "site/roof/pv", '{"power": {"kw": 4.2}}') == {
        Metric.PV_POWER_W: 4200.0
    }
    assert deliver(source, pub, "site/grid/main", '{"w": -300}') == {
        Metric.GRID_IMPORT_POWER_W: 0.0
    }
    assert source.read(NOW) == []  # nothing new since the last read
    pub.send("site/water/total", "1")
    pub.send("site/water/total", "2")
    pub.send("site/water/total", "3")
    assert wait_until(lambda: source.messages_received >= 6)
    readings = source.read(NOW)
    assert [(r.metric, r.value) for r in readings] == [(Metric.WATER_USED_L, 3.0)]  # newest only
    assert readings[0].provenance is Provenance.LIVE and readings[0].source_id == "bms"


@pytest.mark.parametrize(
    ("topic", "payload", "problem"),
    [
        ("site/roof/pv", '{"power": {"kw": NaN}}', "power.kw: NaN is not a number"),
        ("site/roof/pv", '{"power": {"kw": "4.2"}}', "expected a number, found text"),
        ("site/roof/pv", '{"power": {}}', "power.kw: missing"),
        ("site/roof/pv", "{not json", "payload is not valid JSON"),
        ("site/water/total", "n/a", "text 'n/a' is not a number"),
        ("site/water/total", "x" * 70_000, "is too large"),
        # Hostile numbers: before, a 400-digit JSON number raised OverflowError on paho's
        # network thread, and the source stayed "connected" with nothing arriving ever again.
        ("site/roof/pv", '{"power": {"kw": ' + "9" * 400 + "}}", "not a finite number"),
        ("site/roof/pv", '{"power": {"kw": ' + "9" * 5000 + "}}", "not a finite number"),
        ("site/water/total", "9" * 400, "is not a reading"),
        ("site/water/total", "1e300", "beyond any device reading"),
    ],
)
def test_malformed_payloads_are_dropped_and_the_source_keeps_working(
    source: MqttSource, pub: Publisher, topic: str, payload: str, problem: str
) -> None:
    deliver(source, pub, "site/water/total", "10")
    pub.send(topic, payload)
    assert wait_until(lambda: source.messages_rejected >= 1, 5)
    assert problem in source.value_problems[-1]
    assert source.read(NOW) == []
    assert deliver(source, pub, "site/water/total", "11") == {Metric.WATER_USED_L: 11.0}


def test_unit_from_the_payload_and_hostile_number_next_to_good_ones(broker: Mosquitto) -> None:
    topics = (
        TopicOptions(topic="dev/+/state", metric="pv_power_w", json_path="v", unit_path=".u"),
    )
    src = MqttSource(
        "dev", MqttOptions(host="127.0.0.1", port=broker.port, topics=topics), clock=lambda: NOW
    )
    pub = Publisher(broker.port)
    try:
        assert src.wait_connected(10)
        assert deliver(src, pub, "dev/a/state", '{"v": 1.5, "u": "kW"}') == {
            Metric.PV_POWER_W: 1500.0
        }
        pub.send("dev/a/state", '{"v": ' + "1" * 400 + ', "u": "kW"}')
        pub.send("dev/a/state", '{"v": 2, "u": "furlongs"}')
        assert wait_until(lambda: src.messages_rejected >= 2, 5)
        assert "unknown unit 'furlongs'" in src.value_problems[-1]
        assert deliver(src, pub, "dev/a/state", '{"v": 700, "u": "W"}') == {
            Metric.PV_POWER_W: 700.0
        }
    finally:
        pub.stop()
        src.close()


def test_broker_down_at_start_then_up(tmp_path: object) -> None:
    if mosquitto_binary() is None:
        pytest.skip("mosquitto binary not found (apt-get install -y mosquitto)")
    port = free_port()
    src = make_source(port)
    try:
        with pytest.raises(SourceUnavailable, match=f"not connected to broker 127.0.0.1:{port}"):
            src.read(NOW)
        broker = Mosquitto(tmp_path, port)  # type: ignore[arg-type]
        broker.start()
        try:
            assert src.wait_connected(10)
            pub = Publisher(port)
            assert deliver(src, pub, "site/water/total", "5") == {Metric.WATER_USED_L: 5.0}
            pub.stop()
        finally:
            broker.stop()
    finally:
        src.close()


def test_broker_restart_resubscribes_within_seconds(broker: Mosquitto, source: MqttSource) -> None:
    pub = Publisher(broker.port)
    deliver(source, pub, "site/water/total", "1")
    pub.stop()
    broker.stop()
    assert wait_until(lambda: not source.connected, 5)
    with pytest.raises(SourceUnavailable, match="not connected"):
        source.read(NOW)
    broker.start()  # fresh broker: no memory of the old subscriptions
    started = time.monotonic()
    assert source.wait_connected(10)
    pub = Publisher(broker.port)
    assert deliver(source, pub, "site/water/total", "2") == {Metric.WATER_USED_L: 2.0}
    assert time.monotonic() - started < 5
    assert source.connects == 2
    pub.stop()


def test_device_last_will_makes_the_source_unavailable(broker: Mosquitto) -> None:
    src = make_source(broker.port, availability_topic="site/status")
    device = Publisher(broker.port, client_id="meter-1", will="site/status")
    try:
        assert src.wait_connected(10)
        device.send("site/status", "online", retain=True)
        assert deliver(src, device, "site/water/total", "7") == {Metric.WATER_USED_L: 7.0}
        # The device drops off the network without saying goodbye: the broker sends its will.
        sock = device.client.socket()
        assert sock is not None
        device.client.loop_stop()
        sock.close()
        assert wait_until(lambda: _raises_unavailable(src), 10)
        with pytest.raises(SourceUnavailable, match="device reports offline on site/status"):
            src.read(NOW)
        back = Publisher(broker.port, client_id="meter-1")
        back.send("site/status", "online", retain=True)
        assert wait_until(lambda: not _raises_unavailable(src), 10)
        assert deliver(src, back, "site/water/total", "8") == {Metric.WATER_USED_L: 8.0}
        back.stop()
    finally:
        src.close()


def test_wrong_password_is_misconfigured_right_one_works(tmp_path: Path) -> None:
    if mosquitto_binary() is None:
        pytest.skip("mosquitto binary not found (apt-get install -y mosquitto)")
    broker = Mosquitto(tmp_path, users={"kiosk": "s3cret"})
    broker.start()
    bad = make_source(broker.port, username="kiosk", password="wrong")
    good = make_source(broker.port, username="kiosk", password="s3cret")
    try:
        assert wait_until(lambda: _raises(bad, SourceMisconfigured), 10)
        with pytest.raises(SourceMisconfigured, match="refused the login") as err:
            bad.read(NOW)
        assert "wrong" not in str(err.value)
        assert good.wait_connected(10)
        assert good.read(NOW) == []
    finally:
        bad.close()
        good.close()
        broker.stop()


def _raises(src: MqttSource, kind: type[Exception]) -> bool:
    try:
        src.read(NOW)
    except kind:
        return True
    except Exception:
        return False
    return False


def _raises_unavailable(src: MqttSource) -> bool:
    try:
        src.read(NOW)
    except SourceUnavailable:
        return True
    return False


@pytest.mark.parametrize(
    ("topics", "message"),
    [
        ((), r"options\.topics: no topics configured"),
        ((TopicOptions(topic="a/#/b"),), "not a valid filter"),
        ((TopicOptions(topic="a/b+"),), "not a valid filter"),
        ((TopicOptions(topic="a", json_path="x["),), r"options\.topics\[0\]\.json_path"),
    ],
)
def test_misconfiguration_is_named(topics: tuple[TopicOptions, ...], message: str) -> None:
    with pytest.raises(SourceMisconfigured, match=message):
        MqttSource("bms", MqttOptions(host="127.0.0.1", topics=topics))


def test_a_source_from_config_stamps_readings_with_the_kiosks_clock(
    broker: Mosquitto, pub: Publisher
) -> None:
    """The energy service's clock (fake or accelerated) reaches the pushed readings: stamped
    with the wall clock, they would look hours old to an accelerated kiosk."""
    from kiosk.config.loader import parse_config
    from kiosk.sources.registry import create_source

    raw = {"sources": [{"id": "bms", "type": "mqtt", "options": {
        "host": "127.0.0.1", "port": broker.port,
        "topics": [{"topic": "site/water/total", "metric": "water_used_l"}],
    }}]}  # fmt: skip
    config = parse_config(raw)
    src = create_source(config.sources[0], config, clock=lambda: NOW + 3600)
    assert isinstance(src, MqttSource)
    try:
        assert src.wait_connected(10)
        for _ in range(50):
            pub.send("site/water/total", "42")
            if src.wait_for_update(0.2):
                break
        assert [r.timestamp for r in src.read(NOW + 3600)] == [NOW + 3600]
    finally:
        src.close()
