"""The frozen build next to the source tree: size on disk and memory (PSS) at steady state.

    python benchmarks/bench_frozen.py [--quick] [--frozen APP] [--settle SECONDS]

Needs the PyInstaller build (``bash build_scripts/dev.sh freeze``); without one it says so and
measures nothing. Size: the one-folder app's allocated blocks. Memory: ``kiosk run --windowed``
offscreen, started once from source and once frozen, each with a fresh data dir, measured
``--settle`` seconds after its first frame (READY=1 on a notify socket: the lazy screens are
built and the simulated history is loaded by then), as the proportional set size from
``/proc/PID/smaps_rollup`` (Linux), sampled five times a second apart; we print the median.
Start-up to the first frame is in bench_startup.py. Targets (issue 13): size <= 250 MB.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FROZEN_APP = ROOT / "dist" / "green-space-kiosk" / "green-space-kiosk"


def size_on_disk(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_blocks * 512
    return total


def pss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    raise RuntimeError(f"no Pss in /proc/{pid}/smaps_rollup")


def steady_pss_mb(cmd: list[str], settle_s: float, tmp: Path) -> float:
    notify = tmp / f"notify-{time.monotonic_ns()}.sock"
    ready = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    ready.bind(str(notify))
    ready.settimeout(120)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NOTIFY_SOCKET": str(notify)}
    env.pop("KIOSK_BENCH_FIRST_FRAME", None)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if ready.recv(100) != b"READY=1":
            raise RuntimeError(f"{cmd[0]} did not report READY=1")
        time.sleep(settle_s)  # steady state is what is measured here (a benchmark, not a test)
        samples = []
        for _ in range(5):
            samples.append(pss_kb(proc.pid))
            time.sleep(1.0)
        return statistics.median(samples) / 1024
    finally:
        ready.close()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="settle 10 s instead of 30 s")
    parser.add_argument("--frozen", type=Path, default=FROZEN_APP, help="the frozen app")
    parser.add_argument("--settle", type=float, default=None, help="seconds after first frame")
    args = parser.parse_args()
    settle = args.settle if args.settle is not None else (10.0 if args.quick else 30.0)
    if not args.frozen.is_file():
        print(f"no frozen build at {args.frozen}: run bash build_scripts/dev.sh freeze first")
        return 0
    size = size_on_disk(args.frozen.parent)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        source_cmd = [sys.executable, "-m", "kiosk", "run", "--windowed", "--data-dir"]
        frozen_cmd = [str(args.frozen), "run", "--windowed", "--data-dir"]
        source = steady_pss_mb([*source_cmd, str(tmp / "source")], settle, tmp)
        frozen = steady_pss_mb([*frozen_cmd, str(tmp / "frozen")], settle, tmp)
    print(f"frozen build {args.frozen.parent}")
    print(
        f"  one-folder size on disk          : {size / 1e6:7.1f} MB ({size / 2**20:.0f} MiB)   target <= 250 MB"
    )
    print(f"  PSS {settle:.0f} s after first frame, source : {source:7.1f} MB")
    print(
        f"  PSS {settle:.0f} s after first frame, frozen : {frozen:7.1f} MB   {frozen / source:5.2f} x source"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
