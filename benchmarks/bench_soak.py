"""Soak: the real kiosk through 72 simulated hours of use, watching memory, threads and errors.

The kiosk is the composition root's (:class:`kiosk.app.Kiosk`, as the tests and ``kiosk shot``
build it, offscreen at 1920x1080, in its event loop) with an accelerated wall clock (240x: a
simulated hour passes in 15 s), so the simulator's days and nights go by. Around it, real parts:

- a simulator source (two buildings) and an MQTT source on a real mosquitto broker (one
  more building, published by this script on the simulated clock); the broker is stopped for
  a while and started again every 12 simulated hours;
- a loopback HTTP channel server; the kiosk syncs every minute (its shortest interval) and a
  new release of a full pack (the built-in pack's stories and quizzes under another id) is
  published every 12 simulated hours, so it is installed and shown while the visitors tap;
- 10,000 taps (``--quick``: 600), real mouse events (``QTest``) on visible widgets or at
  random points of the window, with idle periods that let the attract loop run.

Sampled once per simulated hour: PSS (``/proc/self/smaps_rollup``), threads
(``/proc/self/task``), live Qt objects. Printed after a 12 h warm-up (``--quick``: 2 h): the
PSS slope in MiB per simulated day, with taps and, as the baseline of the same run, for a
stretch of 8 simulated hours without taps (the attract loop and the sources only); threads at
the end of warm-up and at the end; tracebacks (``sys.excepthook``, ``threading.excepthook``,
logged errors with a traceback) and Qt warnings, counted from the start. With
``--census``, the Qt object and Python object types that grew most; with
``--tracemalloc``, the lines that allocated most since warm-up. Targets: PSS slope
<= 1 MiB per simulated day, no thread growth, 0 tracebacks. A benchmark: it fails nothing.

Run: ``.venv/bin/python benchmarks/bench_soak.py [--quick] [--days N] [--census] [--tracemalloc]``
(full run about 21 minutes of wall time on the 2-core machine; ``--quick`` about 2 minutes). Needs
mosquitto. Figures: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import random
import shutil
import sys
import tempfile
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "sources"))
sys.path.insert(0, str(ROOT / "tests" / "sync"))

import paho.mqtt.client as mqtt  # noqa: E402
import shiboken6  # noqa: E402
from channel_server import ChannelServer  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from fakeclock import FakeClock  # noqa: E402
from loopback import Mosquitto, mosquitto_binary  # noqa: E402
from paho.mqtt.enums import CallbackAPIVersion  # noqa: E402
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, QtMsgType, qInstallMessageHandler  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget  # noqa: E402

from kiosk.app import Kiosk, LaunchOptions, ensure_qapp  # noqa: E402
from kiosk.config.loader import parse_config  # noqa: E402
from kiosk.config.paths import AppPaths  # noqa: E402
from kiosk.content.builder import build_pack  # noqa: E402
from kiosk.content.keys import public_text  # noqa: E402
from kiosk.services.gui_gc import TRIM_INTERVAL_S  # noqa: E402
from kiosk.sync.publisher import publish_pack  # noqa: E402

SPEED = 240.0  # simulated seconds per real second
HOUR = 3600.0
MAX_STEP_S = 0.25  # real seconds the simulated clock may move on at once
SLOPE_TARGET_MIB_PER_DAY = 1.0
STAFF_SCREENS = ("pin", "staff", "usb")  # behind the 3 s corner hold: no visitor gets there
#: The offscreen platform's one line per window (``kiosk shot`` drops it too).
OFFSCREEN_NOISE = "does not support propagateSizeHints"


@dataclass(frozen=True)
class Plan:
    hours: float  # simulated hours in all
    warmup_h: float
    quiet_h: float  # the baseline stretch without taps, right after warm-up
    taps: int
    idle_every: int  # taps between idle periods
    idle_s: float  # real seconds of each idle period (idle timeout + some attract slides)
    restart_every_h: float  # broker stop/start and a new pack release
    broker_down_s: float  # real seconds the broker stays down

    @classmethod
    def for_run(cls, quick: bool, days: float = 3) -> Plan:
        """The run: ``quick``, or ``days`` simulated days with 10,000 taps every three."""
        if quick:
            return cls(6, 1.5, 1.5, 600, 300, 20, 2, 5)
        return cls(24 * days, 12, 8, round(10_000 * days / 3), 1_000, 30, 12, 12)


# --- what goes wrong ---------------------------------------------------------------------


@dataclass
class Trouble:
    """Tracebacks and Qt warnings seen during the run, with the first few kept for the report."""

    excepthook: int = 0
    thread: int = 0
    logged: int = 0
    qt_warnings: int = 0
    first: list[str] = field(default_factory=list)

    @property
    def tracebacks(self) -> int:
        return self.excepthook + self.thread + self.logged

    def keep(self, text: str) -> None:
        if len(self.first) < 5:
            self.first.append(text.strip()[-1500:])


class _TracebackLog(logging.Handler):
    def __init__(self, trouble: Trouble) -> None:
        super().__init__(logging.ERROR)
        self.trouble = trouble

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or "Traceback" in record.getMessage():
            self.trouble.logged += 1
            self.trouble.keep(self.format(record))


def watch_for_trouble(kiosk: Kiosk, trouble: Trouble) -> None:
    import traceback

    def excepthook(kind: Any, exc: Any, tb: Any) -> None:
        trouble.excepthook += 1
        trouble.keep("".join(traceback.format_exception(kind, exc, tb)))
        kiosk.handle_exception(kind, exc, tb)  # as run_kiosk installs it: back to home

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        trouble.thread += 1
        trouble.keep("".join(traceback.format_exception(args.exc_type, args.exc_value,
                                                        args.exc_traceback)))  # fmt: skip

    def qt_messages(kind: QtMsgType, _context: Any, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or OFFSCREEN_NOISE in message:
            return
        if True:
            trouble.qt_warnings += 1
            if trouble.qt_warnings <= 3:
                print(f"  Qt: {message}", flush=True)

    sys.excepthook = excepthook
    threading.excepthook = thread_hook
    qInstallMessageHandler(qt_messages)
    handler = _TracebackLog(trouble)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)


# --- measuring ---------------------------------------------------------------------------


def pss_parts_mib() -> dict[str, float]:
    """Pss and its anonymous / file-backed parts, MiB, from ``/proc/self/smaps_rollup``."""
    parts = {}
    with open("/proc/self/smaps_rollup") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            if key in ("Pss", "Pss_Anon", "Pss_File", "Pss_Shmem"):
                parts[key] = int(rest.split()[0]) / 1024
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            if key == "RssFile":
                parts[key] = int(rest.split()[0]) / 1024
    # What this process holds whatever its neighbours do: its heap, and every file page it
    # has mapped counted whole (Pss_File is that divided among the processes mapping the same
    # library, so it rises when another Qt process exits).
    parts["own"] = parts["Pss_Anon"] + parts["Pss_Shmem"] + parts["RssFile"]
    return parts


def thread_count() -> int:
    return len(os.listdir("/proc/self/task"))


def qt_census(window: QWidget) -> Counter[str]:
    """Live Qt objects under the window and the top-level widgets, by class."""
    counts: Counter[str] = Counter()
    roots = [w for w in QApplication.topLevelWidgets() if shiboken6.isValid(w)]
    for root in roots:
        counts[type(root).__name__] += 1
        for child in root.findChildren(QObject):
            counts[type(child).__name__] += 1
    counts["(top-level widgets)"] = len(roots)
    return counts


def python_census() -> Counter[str]:
    gc.collect()
    return Counter(type(o).__name__ for o in gc.get_objects())


@dataclass
class Sample:
    sim_h: float
    pss_mib: float
    anon_mib: float  # Pss_Anon: the process's own heap, whatever other processes map
    own_mib: float  # Pss_Anon + Pss_Shmem + RssFile: see pss_parts_mib
    threads: int
    qt_objects: int
    taps: int


def slope_per_day(samples: list[Sample], part: str = "pss_mib") -> float:
    """Least-squares slope of PSS (or its anonymous part) over simulated time, MiB per
    simulated day."""
    if len(samples) < 2:
        return float("nan")
    xs = [s.sim_h / 24 for s in samples]
    ys = [getattr(s, part) for s in samples]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


# --- the world around the kiosk -----------------------------------------------------------


class Channel:
    """A channel folder served on loopback, and the keys of its index and packs."""

    def __init__(self, work: Path) -> None:
        self.root = work / "channel"
        self.root.mkdir()
        self.work = work
        self.index_key = Ed25519PrivateKey.generate()
        self.pack_key = Ed25519PrivateKey.generate()
        self.server = ChannelServer(self.root).__enter__()
        self.version = 0

    def publish_next(self) -> int:
        """The built-in pack's content under the id ``soak-pack``, one release higher."""
        self.version += 1
        src = self.work / f"pack-src-{self.version}"
        shutil.copytree(ROOT / "content", src)
        yaml = (src / "pack.yaml").read_text(encoding="utf-8").splitlines()
        patched = [
            "id: soak-pack" if line.startswith("id:") else
            f"version: {self.version}" if line.startswith("version:") else line
            for line in yaml
        ]  # fmt: skip
        (src / "pack.yaml").write_text("\n".join(patched) + "\n", encoding="utf-8")
        kpack = self.work / f"soak-pack-{self.version}.kpack"
        build_pack(src, self.pack_key, kpack)
        from datetime import UTC, datetime

        publish_pack(kpack, self.root, self.index_key, datetime.now(UTC), 30)
        shutil.rmtree(src)
        kpack.unlink()
        return self.version

    def close(self) -> None:
        self.server.__exit__(None, None, None)


class AnnexMeter:
    """The third building, published over MQTT on the simulated clock (power and counter)."""

    def __init__(self, port: int, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id="soak-annex")
        self.client.reconnect_delay_set(1, 2)
        self.client.connect_async("127.0.0.1", port)
        self.client.loop_start()
        self.energy_wh = 5_000_000.0
        self._last = clock()

    def publish(self) -> None:
        now = self.clock()
        hour = (now % 86_400) / HOUR
        power_w = 3_000.0 + (6_000.0 if 7 <= hour < 18 else 0.0) + random.uniform(-200, 200)
        self.energy_wh += power_w * max(now - self._last, 0.0) / HOUR
        self._last = now
        if self.client.is_connected():
            self.client.publish("soak/annex/power", f"{power_w:.1f}", qos=0)
            self.client.publish("soak/annex/energy", f"{self.energy_wh:.1f}", qos=0)

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


def kiosk_config(channel: Channel, broker_port: int) -> dict[str, Any]:
    return {
        "display": {"language": "zh", "idle_seconds": 10},
        "sources": [
            {"id": "simulator", "type": "simulator", "interval_seconds": 1.0,
             "options": {"meters": ["Teaching block", "Library"]}},
            {"id": "bms", "type": "mqtt", "interval_seconds": 1.0, "options": {
                "host": "127.0.0.1", "port": broker_port, "reconnect_max_seconds": 2,
                "topics": [
                    {"topic": "soak/annex/power", "metric": "load_power_w", "meter": "Annex"},
                    {"topic": "soak/annex/energy", "metric": "load_energy_wh", "meter": "Annex"},
                ]}},
        ],
        # A poll is 240 simulated seconds apart: a reading stays live for 1,000 of them.
        "failover": {"live_for_intervals": 1000},
        "content": {"trusted_keys": [public_text(channel.pack_key.public_key())]},
        "channel": {"url": channel.server.url, "interval_minutes": 1,
                    "trusted_keys": [public_text(channel.index_key.public_key())]},
    }  # fmt: skip


# --- the visitors -------------------------------------------------------------------------


class Visitor:
    """Taps what a visitor can see: a button, or any point of the window."""

    def __init__(self, kiosk: Kiosk, rng: random.Random) -> None:
        self.kiosk = kiosk
        self.rng = rng
        self.window = kiosk.window

    def tap(self) -> None:
        router = self.window.router
        current = router.current
        if current is not None and current.name in STAFF_SCREENS:
            self.window.go_home()
            return
        if self.rng.random() < 0.7:
            buttons = [
                b for b in self.window.findChildren(QAbstractButton)
                if b.isVisible() and b.isEnabled() and b.window() is self.window
            ]  # fmt: skip
            if buttons:
                target = self.rng.choice(buttons)
                QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.rect().center())
                return
        point = QPoint(self.rng.randrange(self.window.width()),
                       self.rng.randrange(self.window.height()))  # fmt: skip
        target = self.window.childAt(point) or self.window
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(self.window, point))


def drive(steps: Iterator[float]) -> None:
    """Run ``steps`` inside the application's event loop (as the kiosk runs: deferred deletes
    happen only there): each yielded number is the real seconds to wait before the next."""
    app = ensure_qapp()

    def step() -> None:
        try:
            wait_s = next(steps)
        except StopIteration:
            app.quit()
            return
        QTimer.singleShot(max(0, round(wait_s * 1000)), step)

    QTimer.singleShot(0, step)
    app.exec()


# --- the run ------------------------------------------------------------------------------


def run(work: Path, plan: Plan, census: bool, trace: bool) -> Iterator[float]:
    t_start = time.monotonic()
    rng = random.Random(19)
    broker = Mosquitto(work)
    broker.start()
    channel = Channel(work)
    channel.publish_next()
    clock = FakeClock(time.time())
    sim0 = clock()
    real_last = time.monotonic()

    def sim_h() -> float:
        """Move the simulated clock on by SPEED x the real time since the last call (at most
        MAX_STEP_S of it: a slow stretch, e.g. under tracemalloc, is not skipped over)."""
        nonlocal real_last
        real_now = time.monotonic()
        clock.advance(min(real_now - real_last, MAX_STEP_S) * SPEED)
        real_last = real_now
        return (clock() - sim0) / HOUR

    annex = AnnexMeter(broker.port, clock)
    config = parse_config(kiosk_config(channel, broker.port))
    kiosk = Kiosk(config, AppPaths.resolve(work / "data"), LaunchOptions(windowed=True,
                  size=(1920, 1080)), wall_clock=clock)  # fmt: skip
    # the kiosk's day goes SPEED times faster: trim its heap as often per simulated day as a
    # real kiosk does per day (every 5 simulated minutes), not 240 times less often
    kiosk.gc.trim_interval_s = TRIM_INTERVAL_S / SPEED
    trouble = Trouble()
    watch_for_trouble(kiosk, trouble)
    kiosk.show()
    yield 0.5
    kiosk.start_features()
    yield 2.0
    visitor = Visitor(kiosk, rng)

    samples: list[Sample] = []
    taps = 0
    next_sample_h = 0.0
    next_event_h = plan.restart_every_h
    next_idle_at = plan.idle_every
    broker_up_at: float | None = None
    idle_until = 0.0
    warm_census: tuple[Counter[str], Counter[str]] | None = None
    warm_threads = 0
    warm_parts: dict[str, float] = {}
    restarts = releases = 0
    quiet_end_h = plan.warmup_h + plan.quiet_h
    tap_budget = plan.taps
    tap_hours = plan.hours - plan.quiet_h
    print(f"soak: {plan.hours:.0f} simulated hours at {SPEED:.0f}x, {plan.taps:,} taps, "
          f"broker restart and new release every {plan.restart_every_h:.0f} h", flush=True)  # fmt: skip
    while True:
        h = sim_h()
        if h >= next_sample_h:
            parts = pss_parts_mib()
            s = Sample(h, parts["Pss"], parts["Pss_Anon"], parts["own"], thread_count(),
                       sum(qt_census(kiosk.window).values()), taps)  # fmt: skip
            samples.append(s)
            next_sample_h += 1.0
            if round(h) % (6 if plan.hours > 12 else 1) == 0:
                print(f"  {h:5.1f} h  PSS {s.pss_mib:6.1f} MiB (anon {s.anon_mib:6.1f}, own {s.own_mib:6.1f})  threads {s.threads:3d}  "
                      f"Qt objects {s.qt_objects:6d}  taps {taps:6,d}  "
                      f"screen {kiosk.window.router.current.name}", flush=True)  # fmt: skip
        if warm_census is None and h >= plan.warmup_h:
            warm_threads = thread_count()
            warm_parts = pss_parts_mib()
            warm_census = (qt_census(kiosk.window), python_census() if census else Counter())
            if trace:
                tracemalloc.start(10)
                warm_snapshot = tracemalloc.take_snapshot()
        if h >= next_event_h:
            next_event_h += plan.restart_every_h
            broker.stop()
            broker_up_at = time.monotonic() + plan.broker_down_s
            restarts += 1
            channel.publish_next()
            releases += 1
        if broker_up_at is not None and time.monotonic() >= broker_up_at:
            broker.start()
            broker_up_at = None
        annex.publish()
        if taps >= tap_budget and h >= plan.hours:
            break
        in_quiet = plan.warmup_h <= h < quiet_end_h
        # taps spread over the simulated hours outside the quiet stretch
        due = tap_budget * min((h if h < plan.warmup_h else max(h - plan.quiet_h, plan.warmup_h))
                               / tap_hours, 1.0)  # fmt: skip
        if in_quiet or taps >= due or time.monotonic() < idle_until:
            yield 0.05
            continue
        if taps >= next_idle_at:
            next_idle_at += plan.idle_every
            idle_until = time.monotonic() + plan.idle_s  # nobody there: the attract loop runs
            continue
        visitor.tap()
        taps += 1
        yield rng.uniform(0.01, 0.06)
    if broker_up_at is not None:
        broker.start()

    end_threads = thread_count()
    end_census = qt_census(kiosk.window)
    end_py = python_census() if census else Counter()
    real_min = (time.monotonic() - t_start) / 60
    tap_samples = [s for s in samples if s.sim_h >= quiet_end_h]
    quiet_samples = [s for s in samples if plan.warmup_h <= s.sim_h <= quiet_end_h]
    slope_taps = slope_per_day(tap_samples)
    slope_quiet = slope_per_day(quiet_samples)
    warm = next((s for s in samples if s.sim_h >= plan.warmup_h), samples[0])
    print(f"ran {samples[-1].sim_h:.1f} simulated hours in {real_min:.1f} min of wall time; "
          f"{taps:,} taps, {restarts} broker restarts, {releases} new releases published, "
          f"installed: {kiosk.services.content.status.active}")  # fmt: skip
    print(f"PSS: start {samples[0].pss_mib:.1f} MiB, after warm-up ({plan.warmup_h:.0f} h) "
          f"{warm.pss_mib:.1f} MiB, end {samples[-1].pss_mib:.1f} MiB, "
          f"max {max(s.pss_mib for s in samples):.1f} MiB")  # fmt: skip
    verdict = "OK" if slope_taps <= SLOPE_TARGET_MIB_PER_DAY else "OVER TARGET"
    start_parts, end_parts = warm_parts or pss_parts_mib(), pss_parts_mib()
    print("  since warm-up: " + ", ".join(
        f"{k} {end_parts[k] - start_parts.get(k, 0):+.1f}" for k in end_parts))  # fmt: skip
    print(f"  slope with taps ({tap_samples[0].sim_h:.0f}-{tap_samples[-1].sim_h:.0f} h): "
          f"{slope_taps:+.2f} MiB per simulated day "
          f"(target <= {SLOPE_TARGET_MIB_PER_DAY}: {verdict})")  # fmt: skip
    print(f"    of which anonymous (Pss_Anon): {slope_per_day(tap_samples, 'anon_mib'):+.2f} MiB "
          f"per simulated day; baseline {slope_per_day(quiet_samples, 'anon_mib'):+.2f}")  # fmt: skip
    print(f"    this process's own (Pss_Anon + Pss_Shmem + RssFile, whatever its neighbours map): "
          f"{slope_per_day(tap_samples, 'own_mib'):+.2f} MiB per simulated day; baseline "
          f"{slope_per_day(quiet_samples, 'own_mib'):+.2f}")  # fmt: skip
    print(f"  baseline, no taps ({plan.warmup_h:.0f}-{quiet_end_h:.0f} h, attract and sources): "
          f"{slope_quiet:+.2f} MiB per simulated day")  # fmt: skip
    # A heap whose caches fill and stop (glyphs, pixmaps, SQLite pages) rises, then flattens:
    # the later half of the taps tells that from a leak, which keeps its slope.
    later = tap_samples[len(tap_samples) // 2 :]
    if len(later) >= 2:
        print(f"  later half of the taps ({later[0].sim_h:.0f}-{later[-1].sim_h:.0f} h): "
              f"{slope_per_day(later):+.2f} MiB per simulated day, anonymous "
              f"{slope_per_day(later, 'anon_mib'):+.2f}")  # fmt: skip
    # idle pool threads end after 30 s and are made again when work comes: compare the most
    # threads seen during warm-up with the most seen after it
    warm_max = max(s.threads for s in samples if s.sim_h < plan.warmup_h)
    late_max = max(s.threads for s in samples if s.sim_h >= plan.warmup_h)
    verdict = "OK" if late_max <= warm_max else "GREW"
    print(f"threads: at the end of warm-up {warm_threads}, at the end {end_threads}; most during "
          f"warm-up {warm_max}, after it {late_max} (target no growth: {verdict})")  # fmt: skip
    qt_warm = sum(warm_census[0].values()) if warm_census else 0
    print(f"Qt objects: after warm-up {qt_warm}, end {sum(end_census.values())}")
    verdict = "OK" if trouble.tracebacks == 0 else "NOT ZERO"
    print(f"tracebacks: {trouble.tracebacks} (excepthook {trouble.excepthook}, threads "
          f"{trouble.thread}, logged {trouble.logged}; target 0: {verdict}); "
          f"Qt warnings {trouble.qt_warnings}")  # fmt: skip
    for text in trouble.first:
        print("  ---\n  " + text.replace("\n", "\n  "))
    if warm_census is not None and census:
        for title, before, after in (("Qt", warm_census[0], end_census),
                                     ("Python", warm_census[1], end_py)):  # fmt: skip
            grown = (after - before).most_common(12)
            print(f"{title} types grown since warm-up: " +
                  (", ".join(f"{n} +{c}" for n, c in grown) or "none"))  # fmt: skip
    if trace and tracemalloc.is_tracing():
        top = tracemalloc.take_snapshot().compare_to(warm_snapshot, "lineno")[:12]
        print("tracemalloc, most grown since warm-up:")
        for stat in top:
            print(f"  {stat}")
    kiosk.window.allow_close()
    kiosk.shutdown()
    kiosk.window.close()
    annex.close()
    channel.close()
    broker.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="6 simulated hours, 600 taps")
    parser.add_argument("--census", action="store_true", help="print the types that grew")
    parser.add_argument("--tracemalloc", action="store_true", help="trace Python allocations")
    parser.add_argument("--days", type=float, default=3.0, help="simulated days (default 3)")
    args = parser.parse_args()
    if mosquitto_binary() is None:
        print("soak: skipped, mosquitto is not installed (apt-get install -y mosquitto)")
        return 0
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    work = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    try:
        drive(run(work, Plan.for_run(args.quick, args.days), args.census, args.tracemalloc))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
