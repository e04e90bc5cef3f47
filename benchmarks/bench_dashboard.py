"""The live screens as a user runs them: whole-process CPU and PSS next to a minimal dashboard.

1. Processes. For each platform (``offscreen`` at 1920x1080, and ``xcb`` on its own Xvfb
   server at 1920x1080x24 as a kiosk PC's X server would run it) and each phase, a real
   ``kiosk run --start …`` process (full screen, the simulator read every second, a copy of one
   prepared data folder) and, at the same time on its own display, the minimal Qt + pyqtgraph
   dashboard of ``minimal_dashboard.py`` (four figures and a live chart at 1 Hz). After a warm-up
   (10 s; ``--quick`` 5 s) each process's CPU (user + system, all threads, from
   ``/proc/PID/stat``) is measured for 45 s (``--quick`` 15 s), with its PSS
   (``/proc/PID/smaps_rollup``) at both ends and the load average. Phases: ``now``
   (``--start energy``), ``today`` (``--start energy/today``), ``home`` (``--start home``) and
   ``attract`` (``--start home`` with ``idle_seconds = 10``: the attract loop runs from 10 s on,
   and the warm-up starts then). The warm-up starts when both programs say they are ready
   (the kiosk with ``KIOSK_BENCH_READY=1``: once its features started and its screens exist). The X server's own CPU is printed as information.
   Targets: Now ≤ 1.0 × the minimal dashboard's CPU; home and attract ≤ 0.5 % of a core.
2. Memory (in process, offscreen): RSS after 2,000 warm-up updates vs after 100,000 more
   (``--quick``: 10,000) live summaries pushed straight into the energy screen with the Today
   chart shown. Target: growth ≤ 5 MB.

The machine is shared: compare each figure with the baseline measured beside it, never
across runs. Run: ``.venv/bin/python benchmarks/bench_dashboard.py [--quick]
[--platform offscreen|xcb] [--phase now|today|home|attract]``.
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WIDTH, HEIGHT = 1920, 1080
TICKS = os.sysconf("SC_CLK_TCK")
NOW_RATIO_TARGET = 1.0
IDLE_TARGET_PCT = 0.5
RSS_TARGET_MB = 5.0
METERS = ("Teaching block", "Library", "Sports hall")
IDLE_S = 10  # the attract phase's idle_seconds (the schema's minimum)
#: phase -> (kiosk run --start value, idle_seconds)
PHASES: dict[str, tuple[str, int]] = {
    "now": ("energy", 3600),
    "today": ("energy/today", 3600),
    "home": ("home", 3600),
    "attract": ("home", IDLE_S),
}
PLATFORMS = ("offscreen", "xcb")


# -- measuring a process ---------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User + system CPU of every thread of ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def pss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no Pss in /proc/{pid}/smaps_rollup")


@dataclass
class Sample:
    cpu_pct: float
    pss_start: float
    pss_end: float


class Measured:
    """CPU and PSS of several processes over the same seconds."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.t0 = time.monotonic()
        self.cpu0 = {k: cpu_seconds(p) for k, p in pids.items()}
        self.pss0 = {k: pss_mib(p) for k, p in pids.items()}
        self.load0 = os.getloadavg()[0]

    def finish(self) -> tuple[dict[str, Sample], tuple[float, float]]:
        elapsed = time.monotonic() - self.t0
        samples = {
            k: Sample((cpu_seconds(p) - self.cpu0[k]) / elapsed * 100, self.pss0[k], pss_mib(p))
            for k, p in self.pids.items()
        }
        return samples, (self.load0, os.getloadavg()[0])


# -- the programs ----------------------------------------------------------------------------


class Display:
    """``QT_QPA_PLATFORM`` and, for xcb, a private Xvfb server, for one program."""

    def __init__(self, platform: str, tmp: Path) -> None:
        self.platform = platform
        self.xvfb: subprocess.Popen[bytes] | None = None
        self.env = {**os.environ, "QT_QPA_PLATFORM": platform}
        self.env.pop("DISPLAY", None)
        if platform == "offscreen":
            config = tmp / "offscreen.json"
            config.write_text(
                '{"screens": [{"name": "bench", "x": 0, "y": 0, '
                f'"width": {WIDTH}, "height": {HEIGHT}, "logicalDpi": 96, '
                '"logicalBaseDpi": 96, "dpr": 1}]}'
            )
            self.env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
            return
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise SystemExit("Xvfb is missing: bash build_scripts/dev.sh bench installs it")
        read_fd, write_fd = os.pipe()
        self.xvfb = subprocess.Popen(
            [xvfb, "-displayfd", str(write_fd), "-screen", "0", f"{WIDTH}x{HEIGHT}x24",
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_fd,), stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise SystemExit("Xvfb did not start")
        self.env["DISPLAY"] = f":{number}"

    def close(self) -> None:
        if self.xvfb is not None:
            self.xvfb.terminate()
            self.xvfb.wait(10)


def write_config(path: Path, idle_seconds: int) -> None:
    meters = ", ".join(f'"{m}"' for m in METERS)
    path.write_text(
        f'[display]\nlanguage = "zh"\nidle_seconds = {idle_seconds}\n\n'
        '[[sources]]\nid = "sim"\ntype = "simulator"\ninterval_seconds = 1.0\n'
        f"[sources.options]\nmeters = [{meters}]\n",
        "utf-8",
    )


def kiosk_command(config: Path, data_dir: Path, start: str) -> list[str]:
    return [sys.executable, "-m", "kiosk", "run", "--config", str(config),
            "--data-dir", str(data_dir), "--start", start]  # fmt: skip


def prepare_data_dir(tmp: Path) -> Path:
    """One data folder every phase copies: the built-in pack installed, the store filled with
    the simulator's 48 h of history, so no phase measures first-start work."""
    data = tmp / "prepared"
    config = tmp / "prepare.toml"
    write_config(config, 3600)
    display = Display("offscreen", tmp)
    proc = subprocess.Popen(kiosk_command(config, data, "energy"), env=display.env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(1.0)
        if (data / "readings.sqlite3").exists() and any(data.glob("library/*")):
            time.sleep(5.0)  # the history written, the first summaries made
            break
    stop(proc)
    display.close()
    return data


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_ready(name: str, proc: subprocess.Popen[bytes], timeout_s: float = 180) -> None:
    """Until the program prints READY (the kiosk: its features started, every screen built)."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not select.select([proc.stdout], [], [], 1.0)[0]:
            continue
        line = proc.stdout.readline()
        if not line:
            raise SystemExit(f"{name} exited with {proc.wait()} before it was ready")
        if line.strip() == b"READY":
            return
    raise SystemExit(f"{name} was not ready after {timeout_s:.0f} s")


def warnings_in_log(data_dir: Path) -> list[str]:
    lines = []
    for log in data_dir.glob("logs/*.log"):
        lines += [ln for ln in log.read_text("utf-8", "replace").splitlines()
                  if " WARNING " in ln or " ERROR " in ln or " CRITICAL " in ln]  # fmt: skip
    return lines


@dataclass
class PhaseResult:
    kiosk: Sample
    minimal: Sample
    x_kiosk_pct: float | None
    load: tuple[float, float]


def run_phase(
    platform: str, phase: str, prepared: Path, tmp: Path, warm_s: float, measure_s: float
) -> PhaseResult:
    start, idle_seconds = PHASES[phase]
    work = Path(tempfile.mkdtemp(prefix=f"{platform}-{phase}-", dir=tmp))
    data = work / "data"
    shutil.copytree(prepared, data)
    config = work / "kiosk.toml"
    write_config(config, idle_seconds)
    kiosk_display, minimal_display = Display(platform, work), Display(platform, work)
    kiosk = subprocess.Popen(kiosk_command(config, data, start),
                             env={**kiosk_display.env, "KIOSK_BENCH_READY": "1"},
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)  # fmt: skip
    minimal = subprocess.Popen([sys.executable, str(HERE / "minimal_dashboard.py")],
                               env=minimal_display.env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for name, proc in (("kiosk", kiosk), ("minimal dashboard", minimal)):
            wait_ready(name, proc)
        # the warm-up starts once both run (the attract loop: once it shows)
        time.sleep(warm_s + (IDLE_S if phase == "attract" else 0))
        for name, proc in (("kiosk", kiosk), ("minimal dashboard", minimal)):
            if proc.poll() is not None:
                raise SystemExit(f"{name} exited with {proc.returncode} during the warm-up")
        pids = {"kiosk": kiosk.pid, "minimal": minimal.pid}
        if kiosk_display.xvfb is not None:
            pids["x"] = kiosk_display.xvfb.pid
        measured = Measured(pids)
        time.sleep(measure_s)
        samples, load = measured.finish()
    finally:
        stop(kiosk)
        stop(minimal)
        kiosk_display.close()
        minimal_display.close()
    for line in warnings_in_log(data)[:5]:
        print(f"    kiosk log: {line[:160]}")
    x = samples.get("x")
    return PhaseResult(samples["kiosk"], samples["minimal"], x.cpu_pct if x else None, load)


def print_result(platform: str, phase: str, r: PhaseResult) -> None:
    ratio = r.kiosk.cpu_pct / r.minimal.cpu_pct if r.minimal.cpu_pct > 0 else float("inf")
    if phase in ("now", "today"):
        target = NOW_RATIO_TARGET if phase == "now" else None
        verdict = "" if target is None else (
            f"  (target ≤ {target:.1f}×: {'OK' if ratio <= target else 'OVER TARGET'})")  # fmt: skip
    else:
        ok = r.kiosk.cpu_pct <= IDLE_TARGET_PCT
        verdict = f"  (target ≤ {IDLE_TARGET_PCT} %: {'OK' if ok else 'OVER TARGET'})"
    x = f"   X server {r.x_kiosk_pct:4.2f} %" if r.x_kiosk_pct is not None else ""
    print(
        f"  {platform:9s} {phase:8s} kiosk {r.kiosk.cpu_pct:5.2f} %  "
        f"PSS {r.kiosk.pss_start:5.1f} → {r.kiosk.pss_end:5.1f} MiB   |  minimal "
        f"{r.minimal.cpu_pct:5.2f} %  PSS {r.minimal.pss_start:5.1f} → {r.minimal.pss_end:5.1f}"
        f" MiB   |  CPU {ratio:4.2f}×  PSS {r.kiosk.pss_end / r.minimal.pss_end:4.2f}×"
        f"{verdict}{x}   load {r.load[0]:.2f}/{r.load[1]:.2f}",
        flush=True,
    )


# -- memory, in process ----------------------------------------------------------------------


def memory_growth(updates: int) -> None:
    """RSS over many live summaries pushed into the energy screen (Today chart shown)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import dataclasses

    import psutil
    from PySide6.QtCore import QCoreApplication

    from kiosk.app import ensure_qapp
    from kiosk.config.loader import parse_config
    from kiosk.config.paths import AppPaths
    from kiosk.energy.carbon import resolve_factor
    from kiosk.energy.metrics import Provenance
    from kiosk.energy.store import EnergyStore
    from kiosk.energy.summary import EnergySummary, Figure, summarize
    from kiosk.services.tasks import TaskRunner
    from kiosk.sources.simulator import Simulator, SimulatorOptions
    from kiosk.ui.context import UiContext
    from kiosk.ui.i18n import Language
    from kiosk.ui.screens.energy import EnergyScreen
    from kiosk.ui.theme import Palette, Theme, apply_theme, load_fonts, scale_for

    def next_summary(base: EnergySummary, i: int) -> EnergySummary:
        at = base.at + i

        def fig(f: Figure, value: float) -> Figure:
            return Figure(value, f.unit, Provenance.LIVE, at)

        wave = (i % 600) / 600.0
        return dataclasses.replace(
            base, at=at,
            pv_power_w=fig(base.pv_power_w, 20_000.0 * wave),
            load_power_w=fig(base.load_power_w, 15_000.0 + 5_000.0 * wave),
            grid_import_power_w=fig(base.grid_import_power_w, 3_000.0 * (1 - wave)),
            grid_export_power_w=fig(base.grid_export_power_w, 2_000.0 * wave),
            pv_energy_today_wh=fig(base.pv_energy_today_wh, 100_000.0 + i),
            co2_avoided_today_kg=fig(base.co2_avoided_today_kg, 53.0 + i * 0.0005),
        )  # fmt: skip

    tmp = Path(tempfile.mkdtemp(prefix="bench-dashboard-memory-"))
    app = ensure_qapp()
    theme = Theme(Palette(), scale_for(WIDTH, HEIGHT))
    apply_theme(app, theme, load_fonts())
    config = parse_config({"display": {"language": "zh"}, "sources": []})
    ctx = UiContext(config, AppPaths.resolve(tmp), "", Language("zh", app), theme, TaskRunner())
    now = time.time()
    store = EnergyStore(tmp / "readings.sqlite3", tz=config.site.timezone)
    sim = Simulator("sim", config.site, SimulatorOptions(meters=METERS))
    batch = [r for ts in range(int(now - 2 * 86_400), int(now - 60), 60) for r in sim.read(ts)]
    store.ingest(batch, now=now)
    screen = EnergyScreen(ctx)
    screen.resize(WIDTH, HEIGHT - 80)
    screen.show()
    screen.on_enter()
    screen.show_tab("today")
    base = summarize(store, time.time(), resolve_factor(config.site))
    qapp = QCoreApplication.instance()
    assert qapp is not None
    proc = psutil.Process()

    def push(first: int, last: int) -> None:
        for i in range(first, last):
            screen.show_summary(next_summary(base, i))
            if i % 50 == 0:
                qapp.processEvents()
        ctx.tasks.wait()
        qapp.processEvents()

    push(0, 2_000)
    rss0 = proc.memory_info().rss
    t0 = time.perf_counter()
    push(2_000, 2_000 + updates)
    elapsed = time.perf_counter() - t0
    rss1 = proc.memory_info().rss
    growth = (rss1 - rss0) / 1e6
    verdict = "OK" if growth <= RSS_TARGET_MB else "OVER TARGET"
    print(f"dashboard memory over {updates:,} live updates (in process, Today chart shown)")
    print(f"  RSS after warm-up {rss0 / 1e6:7.1f} MB   after {updates:,} updates "
          f"{rss1 / 1e6:7.1f} MB   growth {growth:+.2f} MB (target ≤ {RSS_TARGET_MB} MB: "
          f"{verdict})")  # fmt: skip
    print(f"  {elapsed / updates * 1e3:.3f} ms per update (all views refreshed, chart setData)")
    screen.close()
    ctx.tasks.shutdown(5_000)
    ctx.language.close()
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="5 s warm-up, 15 s per phase, 10,000 updates")  # fmt: skip
    parser.add_argument("--platform", choices=PLATFORMS, action="append",
                        help="only this platform (repeatable; default: both)")  # fmt: skip
    parser.add_argument("--phase", choices=tuple(PHASES), action="append",
                        help="only this phase (repeatable; default: all)")  # fmt: skip
    parser.add_argument("--no-memory", action="store_true", help="skip the in-process part")
    args = parser.parse_args()
    warm_s, measure_s = (5.0, 15.0) if args.quick else (10.0, 45.0)
    tmp = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    try:
        prepared = prepare_data_dir(tmp)
        print(f"live screens at 1920x1080, simulator at 1 Hz: {warm_s:.0f} s warm-up, "
              f"{measure_s:.0f} s measured; CPU in % of one core (user + system, all threads), "
              "kiosk and minimal dashboard measured at the same time; load = 1-min load "
              f"average at start/end ({os.cpu_count()} cores)", flush=True)  # fmt: skip
        for platform in args.platform or PLATFORMS:
            for phase in args.phase or PHASES:
                result = run_phase(platform, phase, prepared, tmp, warm_s, measure_s)
                print_result(platform, phase, result)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not args.no_memory:
        memory_growth(10_000 if args.quick else 100_000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
