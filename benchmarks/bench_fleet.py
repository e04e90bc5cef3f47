"""Scale: 1,300 simulated kiosks' retained statuses on one loopback mosquitto, read by
``kiosk fleet status`` (a real subprocess): wall time and peak memory (max RSS) of the read,
next to a baseline of a bare paho subscriber reading the same retained messages.

Each simulated kiosk is a real MQTT client with its own last will (they connect in batches),
so the broker holds 1,300 sessions as it would for a chain of stores; a tenth are then killed
without a goodbye so their last wills mark them offline.

Run: ``.venv/bin/python benchmarks/bench_fleet.py [--quick]``. Needs mosquitto installed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sources"))

import paho.mqtt.client as mqtt  # noqa: E402
from loopback import Mosquitto, mosquitto_binary  # noqa: E402
from paho.mqtt.enums import CallbackAPIVersion  # noqa: E402

from kiosk.fleet.status_doc import KioskFacts, build_status, encode, offline_doc  # noqa: E402
from kiosk.fleet.topics import STATUS, kiosk_topic  # noqa: E402

BASELINE = """
import sys, time, paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
n, last = [0], [time.monotonic()]
c = mqtt.Client(CallbackAPIVersion.VERSION2)
c.on_message = lambda *a: (n.__setitem__(0, n[0] + 1), last.__setitem__(0, time.monotonic()))
c.connect("127.0.0.1", int(sys.argv[1])); c.subscribe("green-space-kiosk/v1/+/+/status", 1)
while n[0] < int(sys.argv[2]) or time.monotonic() - last[0] < 1.5: c.loop(0.1)
print(n[0])
"""


def simulate(port: int, count: int) -> list[mqtt.Client]:
    """``count`` kiosks, each its own connection with a last will, each with a heartbeat."""
    clients = []
    now = time.time()
    for i in range(count):
        fleet, kiosk = f"region-{i % 13:02d}", f"store-{i:04d}"
        topic = kiosk_topic(fleet, kiosk, STATUS)
        c = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"sim-{i}")
        c.will_set(topic, encode(offline_doc(fleet, kiosk, now)), qos=1, retain=True)
        c.connect("127.0.0.1", port, 600)
        facts = KioskFacts(
            fleet, kiosk, "1.4.0", site_name=f"门店 {i}", packs=(("chain-eco", "2026.3"),),
            last_sync="2026-12-04T00:00:00Z", sync_result="up_to_date",
            sources=(("inverter", "live"),), disk_free_bytes=20_000_000_000, screen="on",
            counts_today={"sessions": i % 40, "quiz.answers": i % 25, "quiz.right": i % 17},
        )  # fmt: skip
        c.publish(topic, encode(build_status(facts, now)), qos=1, retain=True)
        c.loop(0.01)
        clients.append(c)
        if i % 100 == 99:
            for other in clients[-100:]:
                other.loop(0.01)
    for c in clients:
        c.loop(0.01)
    return clients


def timed_run(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, this child's own peak RSS in MB (wait4), stdout."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd[:4]} exited {proc.returncode}")
        out.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read().decode()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--kiosks", type=int, default=1300)
    args = parser.parse_args()
    count = 200 if args.quick else args.kiosks
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = count * 2 + 200  # a socket per simulated kiosk here and in mosquitto
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    if mosquitto_binary() is None:
        print("mosquitto not installed: skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        broker = Mosquitto(Path(tmp))
        broker.start()
        try:
            t0 = time.perf_counter()
            clients = simulate(broker.port, count)
            killed = clients[::10]
            for c in killed:  # vanish without a goodbye: the broker sends their wills
                c.socket().close() if c.socket() else None
            time.sleep(2)
            print(f"{count} simulated kiosks connected in {time.perf_counter() - t0:.1f} s; "
                  f"{len(killed)} then vanished")  # fmt: skip
            # the baseline first: a bare subscriber in its own process
            b_wall, b_rss, b_out = timed_run([sys.executable, "-c", BASELINE, str(broker.port),
                                               str(count)])  # fmt: skip
            kiosk = [sys.executable, "-m", "kiosk", "fleet", "status",
                     "--broker", f"mqtt://127.0.0.1:{broker.port}", "--json"]  # fmt: skip
            wall, rss, out = timed_run(kiosk)
            doc = json.loads(out)
            assert doc["kiosks"] == count, doc["kiosks"]
            offline = count - doc["online"]
            print(
                f"kiosk fleet status: {doc['kiosks']} kiosks read, {offline} offline, "
                f"{doc['with_problems']} with problems; sessions today {doc['totals_today'].get('sessions')}"
            )
            print(
                f"  wall {wall:.2f} s (includes 1.5 s of quiet at the end), peak RSS {rss:.1f} MB"
            )
            print(f"  baseline bare paho subscriber: {int(b_out)} read, wall {b_wall:.2f} s, "
                  f"peak RSS {b_rss:.1f} MB")  # fmt: skip
            for c in clients:
                c.disconnect()
        finally:
            broker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
