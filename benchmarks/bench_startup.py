"""Process start to the first painted frame of the home screen, next to a bare PySide6 window.

    python benchmarks/bench_startup.py [--runs N] [--quick]

Both are measured in the same run, interleaved, offscreen; we print medians and their ratio.
Targets (issue 2): ratio <= 2.0 and kiosk median < 1.5 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def first_frame_seconds(cmd: list[str], env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("FIRST_FRAME "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no first frame from {cmd[:3]}: {out.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="5 runs")
    args = parser.parse_args()
    runs = 5 if args.quick else max(5, args.runs)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        kiosk_cmd = [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir", str(data)]
        kiosk_env = {**env, "KIOSK_BENCH_FIRST_FRAME": "1"}
        first_frame_seconds(kiosk_cmd, kiosk_env)  # first start installs the built-in pack
        first_frame_seconds([sys.executable, "-c", BARE], env)  # warm the page cache
        bare, kiosk = [], []
        for _ in range(runs):
            bare.append(first_frame_seconds([sys.executable, "-c", BARE], env))
            kiosk.append(first_frame_seconds(kiosk_cmd, kiosk_env))
    b, k = statistics.median(bare), statistics.median(kiosk)
    print(f"startup to first frame, median of {runs} runs (offscreen)")
    print(f"  bare PySide6 window : {b * 1000:7.0f} ms")
    print(f"  kiosk home screen   : {k * 1000:7.0f} ms")
    print(f"  ratio kiosk / bare  : {k / b:7.2f}   (target <= 2.0, and kiosk < 1500 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
