"""Memory of the kiosk after every screen has been shown once (issue #20 item 3).

A child process builds the real kiosk (:class:`kiosk.app.Kiosk`, windowed 1920x1080 offscreen,
the built-in pack and the simulator, a fresh data folder), waits for the first figures, then
shows every screen and each of its states (those ``kiosk shot`` renders) in both languages,
goes back home, lets the kiosk settle for a few seconds and reads its PSS
(``/proc/self/smaps_rollup``). The baseline in the same run: ``minimal_dashboard.py`` (four
figures and a live chart at 1 Hz) after the same settling time. Target: the kiosk ≤ 180 MiB.

Run: ``.venv/bin/python benchmarks/bench_memory.py [--quick]`` (``--quick``: one language).
A benchmark: it fails nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_MIB = 180.0
SETTLE_S = 5.0


def pss_parts(pid: int | str = "self") -> dict[str, float]:
    """PSS and its parts in MiB from ``/proc/PID/smaps_rollup``."""
    parts = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Pss", "Pss_Anon", "Pss_File", "Pss_Shmem") and rest.strip().endswith("kB"):
            parts[name] = int(rest.split()[0]) / 1024
    return parts


def tour(data_dir: str, languages: list[str]) -> None:
    """In the child: every screen and state once, then PSS (printed as ``PSS <MiB> ...``)."""
    from kiosk.app import (
        Kiosk,
        LaunchOptions,
        ensure_qapp,
        settle,
        visit_screen_states,
        wait_for_figures,
    )
    from kiosk.cli.common import load_context
    from kiosk.services.gui_gc import heap_trimmer

    ensure_qapp()
    config, paths = load_context(argparse.Namespace(config=None, data_dir=data_dir))
    paths.ensure()
    kiosk = Kiosk(config, paths, LaunchOptions(windowed=True, size=(1920, 1080)))
    kiosk.window.show()
    kiosk.start_features()

    wait_for_figures(kiosk, timeout_s=15)
    settle(kiosk, SETTLE_S)
    start = pss_parts()
    shown = sum(1 for _, name, _ in visit_screen_states(kiosk, languages) if name)
    kiosk.window.router.go("home")
    settle(kiosk, SETTLE_S)
    parts = pss_parts()
    # what the kiosk's own heap trim (every 5 minutes, kiosk/services/gui_gc.py) gives back
    trim = heap_trimmer()
    if trim is not None:
        trim()
    trimmed = pss_parts()
    print(f"PSS {parts['Pss']:.1f} anon {parts.get('Pss_Anon', 0):.1f} "
          f"file {parts.get('Pss_File', 0):.1f} states {shown} "
          f"trimmed {trimmed['Pss']:.1f} anon {trimmed.get('Pss_Anon', 0):.1f} "
          f"start {start['Pss']:.1f}", flush=True)  # fmt: skip
    kiosk.window.allow_close()
    kiosk.shutdown()


def minimal_pss() -> float:
    """The minimal dashboard's PSS after the same settling time (plus its warm-up)."""
    child = subprocess.Popen([sys.executable, str(HERE / "minimal_dashboard.py")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        time.sleep(SETTLE_S + 5)
        return pss_parts(child.pid)["Pss"]
    finally:
        child.terminate()
        child.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one language")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--lang", action="append", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.child:
        tour(args.child, args.lang or ["zh", "en"])
        return 0
    languages = ["zh"] if args.quick else ["zh", "en"]
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as data_dir:
        command = [sys.executable, __file__, "--child", data_dir]
        command += [f"--lang={lang}" for lang in languages]
        out = subprocess.run(command, capture_output=True, text=True, timeout=600)
    line = next((x for x in out.stdout.splitlines() if x.startswith("PSS ")), None)
    if line is None:
        print(f"memory: the kiosk did not report (exit {out.returncode}): {out.stderr[-500:]}")
        return 1
    words = line.split()
    kiosk_pss, trimmed = float(words[1]), float(words[9])
    at_start = float(words[13])
    baseline = minimal_pss()
    verdict = "met" if trimmed <= TARGET_MIB else "NOT MET"
    print(f"memory after every screen and state shown once ({words[7]} states, "
          f"{' and '.join(languages)}), then {SETTLE_S:.0f} s on home:")  # fmt: skip
    print(f"  kiosk PSS {kiosk_pss:.1f} MiB (anon {words[3]}, file {words[5]}); after the "
          f"kiosk's heap trim {trimmed:.1f} MiB (anon {words[11]}); target <= "
          f"{TARGET_MIB:.0f} MiB: {verdict}")  # fmt: skip
    print(f"  the same kiosk on home before the tour: {at_start:.1f} MiB")
    print(f"  baseline: minimal Qt + pyqtgraph dashboard {baseline:.1f} MiB "
          f"(kiosk {kiosk_pss / baseline:.2f}x)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
