"""The heartbeat to head office: every ``fleet.interval_seconds`` a status document from what
the other services know, handed to the link (:mod:`kiosk.fleet.link`), which sends it from
its own thread. Nothing here waits on the network; the staff screen shows
``link_did_change``.

With no ``fleet.broker`` configured the service still exists (``link`` is None), so the staff
screen can say so.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk import __version__
from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.fleet.counts import HOUR_S, CountStore
from kiosk.fleet.link import FleetLink, LinkState, address_from_config, kiosk_id
from kiosk.fleet.status_doc import KioskFacts, build_status
from kiosk.fleet.store_report import build_report, report_name
from kiosk.services.engagement import EngagementService
from kiosk.services.tasks import TaskRunner
from kiosk.util.atomic import atomic_write_bytes

if TYPE_CHECKING:
    from kiosk.services.content_service import ContentService
    from kiosk.services.energy_service import EnergyService
    from kiosk.services.screen_schedule import ScreenState
    from kiosk.services.sync_service import SyncService


def today_hours(now: float, timezone: str) -> tuple[int, int]:
    """The hour buckets of the local day holding ``now``: (first, one past the last)."""
    local = datetime.fromtimestamp(now, ZoneInfo(timezone))
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    start = int(midnight.timestamp() // HOUR_S)
    end = int((midnight + timedelta(days=1)).timestamp() // HOUR_S)
    return start, end


def _gather(
    store: CountStore, data_dir: str, hours: tuple[int, int]
) -> tuple[dict[str, int], tuple[int, int], int | None]:
    """On the counts queue: today's totals, the outbox state and the free disk space."""
    try:
        free: int | None = shutil.disk_usage(data_dir).free
    except OSError:
        free = None
    return store.totals(*hours), store.outbox_state(), free


#: Days of hourly counts in a store report saved to USB.
STORE_REPORT_DAYS = 31


def _write_report(
    store: CountStore, data_dir: str, hours: tuple[int, int], base: KioskFacts, now: float,
    days: int, folder: Path,
) -> str:  # fmt: skip
    """On the counts queue: the status and ``days`` of hourly counts, as one file on the stick."""
    today, (last_seq, waiting), free = _gather(store, data_dir, hours)
    facts = replace(base, counts_today=today, counts_last_seq=last_seq, counts_waiting=waiting,
                    disk_free_bytes=free)  # fmt: skip
    first_hour = hours[0] - (days - 1) * 24
    first = datetime.fromtimestamp(first_hour * HOUR_S, ZoneInfo(base.timezone)).date()
    last = datetime.fromtimestamp(now, ZoneInfo(base.timezone)).date()
    report = build_report(
        build_status(facts, now), store.hourly(first_hour, hours[1]), str(first), str(last)
    )
    target = folder / report_name(base.fleet, base.kiosk, str(first), str(last))
    atomic_write_bytes(target, json.dumps(report, ensure_ascii=False, indent=1).encode())
    return str(target)


class FleetService(QObject):
    link_did_change = Signal(object)  # LinkState, on the GUI thread
    report_did_save = Signal(str)  # a store report written to a USB stick: its path
    report_did_fail = Signal(str)  # why it could not be written (English)
    _link_did_report = Signal(object)  # from the link's thread; queued to the GUI thread

    def __init__(
        self,
        config: Config,
        paths: AppPaths,
        tasks: TaskRunner,
        engagement: EngagementService,
        *,
        content: ContentService | None = None,
        sync: SyncService | None = None,
        energy: EnergyService | None = None,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self._paths = paths
        self._tasks = tasks
        self._engagement = engagement
        self._content = content
        self._sync = sync
        self._energy = energy
        self.clock = clock
        self._started = time.monotonic()
        self.kiosk_id = kiosk_id(config)
        #: "on", "off" or "unknown": the opening-hours service sets it (set_screen_on).
        self.screen_state = "unknown"
        self.link: FleetLink | None = None
        self.link_state = LinkState()
        fleet = config.fleet
        if fleet.broker:
            open_counts = partial(CountStore, engagement.store_path, engagement.keep_days)
            self.link = FleetLink(
                address_from_config(fleet),
                fleet.fleet,
                self.kiosk_id,
                open_counts=open_counts,
                on_state=self._link_did_report.emit,
                clock=clock,
            )
            self.link_state = self.link.state
        self._link_did_report.connect(self._on_link_did_report)
        if content is not None:  # a new pack shows in the next heartbeat at once
            content.content_did_change.connect(self._on_content_did_change)
        self._timer = QTimer(self)
        self._timer.setInterval(fleet.interval_seconds * 1000)
        self._timer.timeout.connect(self.heartbeat)

    @property
    def configured(self) -> bool:
        return self.link is not None

    def start(self) -> None:
        if self.link is None:
            return
        self.link.start()
        self._timer.start()
        if self._content is None or self._content.loaded:
            self.heartbeat()  # else the first one goes when the content is loaded

    def stop(self) -> None:
        """Stop the heartbeat; the link says "stopped" and disconnects (at most a few s)."""
        self._timer.stop()
        if self.link is not None:
            self.link.stop()

    def set_screen_on(self, on: bool | None) -> None:
        """The screen is switched on / off by the opening hours (None: not known)."""
        self.screen_state = "unknown" if on is None else ("on" if on else "off")

    def on_screen_state_did_change(self, state: ScreenState) -> None:
        self.set_screen_on(state.on)

    def heartbeat(self) -> None:
        """Build a status document now (off the GUI thread) and hand it to the link."""
        if self.link is None:
            return
        base = self._facts()
        hours = today_hours(self.clock(), self.config.site.timezone)
        data_dir = str(self._paths.data_dir)
        self._engagement.with_store(
            lambda store: _gather(store, data_dir, hours), partial(self._on_gathered, base)
        )

    def save_store_report(self, folder: Path, days: int = STORE_REPORT_DAYS) -> None:
        """Write a store report (this kiosk's status and ``days`` of hourly counts) into
        ``folder`` (a USB stick) for a head office the kiosk cannot reach."""
        base = self._facts(take_counts=False)
        now = self.clock()
        hours = today_hours(now, self.config.site.timezone)
        data_dir = str(self._paths.data_dir)
        self._engagement.with_store(
            lambda store: _write_report(store, data_dir, hours, base, now, days, folder),
            self.report_did_save.emit,
            self._on_report_failed,
        )

    def _on_report_failed(self, exc: BaseException) -> None:
        text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.report_did_fail.emit(f"cannot write the store report: {text}")

    def _on_gathered(
        self, base: KioskFacts, gathered: tuple[dict[str, int], tuple[int, int], int | None]
    ) -> None:
        today, (last_seq, waiting), free = gathered
        facts = replace(
            base,
            counts_today=today,
            counts_last_seq=last_seq,
            counts_waiting=waiting,
            disk_free_bytes=free,
        )
        if self.link is not None:
            self.link.publish_status(build_status(facts, self.clock()))
            self.link.send_counts_now()

    def _facts(self, take_counts: bool = True) -> KioskFacts:
        """What the services hold right now (GUI thread; cheap attribute reads only)."""
        packs: tuple[tuple[str, str], ...] = ()
        content = self._content.content if self._content is not None else None
        if content is not None:
            layers = content.layers or ()
            refs = [layer.ref for layer in layers] or [content.ref]
            packs = tuple((ref.id, ref.display_version) for ref in refs)
        last_sync = result = error_kind = ""
        sync = self._sync
        if sync is not None and sync.url and sync.status is not None:
            state = sync.status.state
            last_sync, result, error_kind = (
                state.last_success, state.last_result, state.last_error_kind
            )  # fmt: skip
        sources: tuple[tuple[str, str], ...] = ()
        if self._energy is not None:
            sources = tuple((h.source_id, h.state) for h in self._energy.health())
        last_error = error_kind or ("source_failing" if any(
            state == "failing" for _id, state in sources) else "")  # fmt: skip
        return KioskFacts(
            fleet=self.config.fleet.fleet,
            kiosk=self.kiosk_id,
            app_version=__version__,
            site_name=self.config.site.name,
            interval_s=self.config.fleet.interval_seconds,
            packs=packs,
            last_sync=last_sync,
            sync_result=result,
            sync_error_kind=error_kind,
            sources=sources,
            last_error_kind=last_error,
            uptime_s=time.monotonic() - self._started,
            screen=self.screen_state,
            counts_since_last=self._engagement.take_since_heartbeat() if take_counts else {},
            timezone=self.config.site.timezone,
        )

    def _on_content_did_change(self, _content: object) -> None:
        self.heartbeat()

    def _on_link_did_report(self, state: LinkState) -> None:
        self.link_state = state
        self.link_did_change.emit(state)
