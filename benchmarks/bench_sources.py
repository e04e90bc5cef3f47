"""Benchmark the real-device adapters against the raw protocol libraries, in the same run.

1. Modbus: one poll of the SunSpec chain (inverter + meter models) by ``SunspecSource.read``
   versus a raw pymodbus client reading the same registers; plus the first poll, which walks
   the whole chain.
2. MQTT: a publisher process sends 1,000 messages/s for 10 s (``--quick``: 2 s) over 10 topics
   to a private mosquitto. Latency is publish → readings handed out by ``MqttSource.read``
   (polled every 5 ms, as a fast poller would) versus publish → ``on_message`` in a raw paho
   subscriber; CPU is this process's CPU time over the burst.

Run: ``.venv/bin/python benchmarks/bench_sources.py [--quick]``. Needs mosquitto installed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sources"))

import paho.mqtt.client as mqtt  # noqa: E402
from loopback import ModbusTestServer, Mosquitto, SunspecMap, mosquitto_binary  # noqa: E402
from paho.mqtt.enums import CallbackAPIVersion  # noqa: E402
from pymodbus.client import ModbusTcpClient  # noqa: E402

from kiosk.energy.metrics import Metric  # noqa: E402
from kiosk.sources.modbus_sunspec import SunspecOptions, SunspecSource  # noqa: E402
from kiosk.sources.mqtt import MqttOptions, MqttSource, TopicOptions  # noqa: E402

TOPICS = 10
METRICS = list(Metric)[:TOPICS]

PUBLISHER = """
import json, sys, time
import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
port, rate, seconds, topics = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
c = mqtt.Client(CallbackAPIVersion.VERSION2)
c.connect("127.0.0.1", port)
c.loop_start()
n, start = 0, time.monotonic()
while n < rate * seconds:
    due = start + n / rate
    while time.monotonic() < due:
        time.sleep(max(0.0, min(0.001, due - time.monotonic())))
    c.publish(f"bench/t{n % topics}", json.dumps({"seq": n, "t": time.monotonic()}), qos=0)
    n += 1
time.sleep(0.5)
c.disconnect()
c.loop_stop()
print(n)
"""


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def row(name: str, ms: list[float], base: list[float] | None = None) -> str:
    text = f"  {name:<34} p50 {pct(ms, 0.5):7.3f} ms  p95 {pct(ms, 0.95):7.3f} ms"
    if base:
        text += f"  ratio(p50) {pct(ms, 0.5) / pct(base, 0.5):5.2f}x"
    return text


def bench_modbus(polls: int) -> None:
    regs = SunspecMap()
    server = ModbusTestServer(regs.regs)
    server.start()
    try:
        inv, meter = regs.point("inverter.W") - 12, regs.point("meter.W") - 16
        raw = ModbusTcpClient("127.0.0.1", port=server.port, timeout=2, retries=0)
        raw.connect()

        def raw_poll() -> None:
            a = raw.read_holding_registers(inv, count=50, device_id=1)
            b = raw.read_holding_registers(meter, count=105, device_id=1)
            assert not a.isError() and not b.isError()

        src = SunspecSource("bench", SunspecOptions(host="127.0.0.1", port=server.port))
        first = timed(lambda: src.read(time.time()), 1)
        timed(raw_poll, 10)
        base = timed(raw_poll, polls)
        ours = timed(lambda: src.read(time.time()), polls)
        walks = []
        for _ in range(max(5, polls // 10)):
            src.layout = None
            walks.append(timed(lambda: src.read(time.time()), 1)[0])
        print(f"Modbus SunSpec poll ({polls} polls, loopback pymodbus server):")
        print(row("baseline raw pymodbus (2 reads)", base))
        print(row("SunspecSource.read (steady)", ours, base))
        print(row("SunspecSource.read (walk chain)", walks, base))
        print(f"  first poll incl. connect + chain walk: {first[0]:.2f} ms")
        src.close()
        raw.close()
    finally:
        server.stop()


def run_publisher(port: int, rate: int, seconds: float) -> None:
    subprocess.run(
        [sys.executable, "-c", PUBLISHER, str(port), str(rate), str(seconds), str(TOPICS)],
        check=True,
        capture_output=True,
    )


def burst(
    port: int, seconds: float, receiver: Callable[[], list[float]]
) -> tuple[list[float], float, float]:
    cpu0, wall0 = time.process_time(), time.monotonic()
    latencies = receiver_run(port, seconds, receiver)
    cpu = time.process_time() - cpu0
    wall = time.monotonic() - wall0
    return latencies, cpu, wall


def receiver_run(port: int, seconds: float, receiver: Callable[[], list[float]]) -> list[float]:
    pub = threading.Thread(target=run_publisher, args=(port, 1000, seconds))
    pub.start()
    out = receiver()
    pub.join()
    return out


def bench_mqtt(seconds: float) -> None:
    if mosquitto_binary() is None:
        print("MQTT burst: skipped, mosquitto is not installed")
        return
    with tempfile.TemporaryDirectory() as tmp:
        broker = Mosquitto(Path(tmp))
        broker.start()
        try:
            sent = int(1000 * seconds)
            # Baseline: raw paho subscriber, latency at on_message.
            base_lat: list[float] = []
            done = threading.Event()

            def on_message(_c: object, _u: object, msg: mqtt.MQTTMessage) -> None:
                now = time.monotonic()
                base_lat.append((now - json.loads(msg.payload)["t"]) * 1000)
                if len(base_lat) >= sent:
                    done.set()

            raw = mqtt.Client(CallbackAPIVersion.VERSION2)
            raw.on_message = on_message
            raw.connect("127.0.0.1", broker.port)
            raw.subscribe("bench/#")
            raw.loop_start()
            time.sleep(0.3)

            def raw_receiver() -> list[float]:
                done.wait(seconds + 10)
                return base_lat

            base, base_cpu, base_wall = burst(broker.port, seconds, raw_receiver)
            raw.disconnect()
            raw.loop_stop()

            print(
                f"MQTT burst: 1000 msg/s for {seconds:g} s over {TOPICS} topics ({sent} messages):"
            )
            print(
                row("baseline raw paho on_message", base)
                + f"  CPU {base_cpu / base_wall * 100:5.1f}%  got {len(base)}"
            )
            for mode in ("event", "poll"):
                run_adapter(broker.port, seconds, sent, mode, base, base_cpu / base_wall)
            print(
                "  (newest value per metric is handed out; older ones since the last read are superseded)"
            )
        finally:
            broker.stop()


def run_adapter(
    port: int, seconds: float, sent: int, mode: str, base: list[float], base_cpu_share: float
) -> None:
    """``event``: read as soon as wait_for_update wakes; ``poll``: read every 5 ms."""
    topics = tuple(
        TopicOptions(topic=f"bench/t{i}", metric=m.value, json_path="t")
        for i, m in enumerate(METRICS)
    )
    src = MqttSource("bench", MqttOptions(host="127.0.0.1", port=port, qos=0, topics=topics))
    src.wait_connected(10)
    time.sleep(0.3)
    lat: list[float] = []

    def receiver() -> list[float]:
        deadline = time.monotonic() + seconds + 3
        while time.monotonic() < deadline and src.messages_received < sent:
            if mode == "event":
                src.wait_for_update(0.1)
            else:
                time.sleep(0.005)
            for r in src.read(time.time()):
                lat.append((time.monotonic() - r.value) * 1000)
        for r in src.read(time.time()):
            lat.append((time.monotonic() - r.value) * 1000)
        return lat

    ours, cpu, wall = burst(port, seconds, receiver)
    received = src.messages_received
    src.close()
    label = "MqttSource read on wake-up" if mode == "event" else "MqttSource read every 5 ms"
    print(
        row(label, ours, base)
        + f"  CPU {cpu / wall * 100:5.1f}% ({cpu / wall / max(base_cpu_share, 1e-9):.2f}x)"
        + f"  got {received}, handed out {len(ours)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short run (< 60 s)")
    args = parser.parse_args()
    started = time.monotonic()
    bench_modbus(200 if args.quick else 1000)
    bench_mqtt(2.0 if args.quick else 10.0)
    print(f"total {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
