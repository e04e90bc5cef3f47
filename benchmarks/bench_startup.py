"""Process start to the first painted frame of the home screen, next to a bare PySide6 window.

    python benchmarks/bench_startup.py [--runs N] [--quick] [--frozen APP] [--platform P]

Three starts (four with a frozen build) are measured in the same run, interleaved, for each
platform: ``offscreen`` and ``xcb`` on a private Xvfb server (1920x1080x24, as a kiosk PC's X
server runs it; ``bench_dashboard.Display`` starts it). The starts: a bare PySide6 window, the
kiosk with no config (the simulator), and the kiosk with a ``--config`` naming a SunSpec Modbus
inverter, an MQTT broker and an HTTP JSON API on 127.0.0.1 ports where nothing listens (the
sources fail after the first frame, which is fine: the case shows what configured protocol
adapters cost before it). We print medians and their ratio to the bare window. When the PyInstaller build
``dist/green-space-kiosk/`` exists (``bash build_scripts/dev.sh freeze``; or ``--frozen APP``),
the frozen kiosk's start is measured too, with its own data dir, next to the source one.
Targets (issue 2): ratio <= 2.0 and kiosk median < 1.5 s on a 2-core machine; (issue 13) frozen
<= 1.2 x source.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_dashboard import PLATFORMS, Display

FROZEN_APP = (
    Path(__file__).resolve().parents[1] / "dist" / "green-space-kiosk" / "green-space-kiosk"
)

BARE = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QWidget
class W(QWidget):
    done = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.done:
            self.done = True
            print(f"FIRST_FRAME {time.time():.6f}", flush=True)
            QApplication.instance().quit()
app = QApplication(sys.argv[:1])
w = W(); w.resize(1920, 1080); w.show()
app.exec()
"""

SOURCES_TOML = """\
[[sources]]
id = "inverter"
type = "modbus"
[sources.options]
host = "127.0.0.1"
port = {modbus_port}
timeout_seconds = 0.5

[[sources]]
id = "bms"
type = "mqtt"
[sources.options]
host = "127.0.0.1"
port = {mqtt_port}
[[sources.options.topics]]
topic = "school/energy/pv"
metric = "pv_power_w"

[[sources]]
id = "api"
type = "http"
[sources.options]
url = "http://127.0.0.1:{http_port}/solar_api/v1/GetPowerFlowRealtimeData.fcgi"
preset = "fronius_powerflow"
connect_timeout_seconds = 0.5
"""


def closed_ports(count: int) -> list[int]:
    """Loopback ports the system just handed out and nobody listens on now."""
    socks = [socket.socket() for _ in range(count)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def first_frame_seconds(cmd: list[str], env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("FIRST_FRAME "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no first frame from {cmd[:3]}: {out.stderr[-2000:]}")


def measure(platform: str, tmp: Path, runs: int, frozen_app: Path) -> None:
    """Every start of one platform, interleaved; prints the medians and ratios."""
    display = Display(platform, tmp)
    try:
        env = display.env
        data = tmp / f"data-{platform}"
        config = tmp / "kiosk.toml"
        modbus_port, mqtt_port, http_port = closed_ports(3)
        config.write_text(
            SOURCES_TOML.format(modbus_port=modbus_port, mqtt_port=mqtt_port, http_port=http_port),
            encoding="utf-8",
        )
        kiosk_cmd = [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(data)]
        sources_cmd = [*kiosk_cmd, "--config", str(config)]
        frozen_cmd = [
            str(frozen_app),
            "run",
            "--windowed",
            "--data-dir",
            str(tmp / f"fz-{platform}"),
        ]
        kiosk_env = {**env, "KIOSK_BENCH_FIRST_FRAME": "1"}
        with_frozen = frozen_app.is_file()
        first_frame_seconds(kiosk_cmd, kiosk_env)  # first start installs the built-in pack
        if with_frozen:
            first_frame_seconds(frozen_cmd, kiosk_env)
        first_frame_seconds(sources_cmd, kiosk_env)  # warm the protocol libraries' files
        first_frame_seconds([sys.executable, "-c", BARE], env)  # warm the page cache
        bare, kiosk, sources, frozen = [], [], [], []
        for _ in range(runs):
            bare.append(first_frame_seconds([sys.executable, "-c", BARE], env))
            kiosk.append(first_frame_seconds(kiosk_cmd, kiosk_env))
            sources.append(first_frame_seconds(sources_cmd, kiosk_env))
            if with_frozen:
                frozen.append(first_frame_seconds(frozen_cmd, kiosk_env))
    finally:
        display.close()
    b, k, s = statistics.median(bare), statistics.median(kiosk), statistics.median(sources)
    load = os.getloadavg()[0]
    print(f"startup to first frame, median of {runs} runs ({platform}, load {load:.2f})")
    print(f"  bare PySide6 window           : {b * 1000:7.0f} ms")
    print(f"  kiosk home screen (simulator) : {k * 1000:7.0f} ms   ratio {k / b:5.2f}")
    print(f"  kiosk with Modbus, MQTT, HTTP : {s * 1000:7.0f} ms   ratio {s / b:5.2f}")
    if frozen:
        f = statistics.median(frozen)
        print(f"  frozen build home screen      : {f * 1000:7.0f} ms   {f / k:5.2f} x source")
    else:
        print(f"  frozen build: none at {frozen_app} (bash build_scripts/dev.sh freeze)")
    print("  target: ratio <= 2.0, and kiosk < 1500 ms; frozen <= 1.2 x source", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="5 runs")
    parser.add_argument("--frozen", type=Path, default=FROZEN_APP, help="the frozen app")
    parser.add_argument("--platform", choices=PLATFORMS, action="append",
                        help="only this platform (repeatable; default: both)")  # fmt: skip
    args = parser.parse_args()
    runs = 5 if args.quick else max(5, args.runs)
    for platform in args.platform or PLATFORMS:
        with tempfile.TemporaryDirectory() as tmp:
            measure(platform, Path(tmp), runs, args.frozen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
