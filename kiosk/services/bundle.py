"""Every service the kiosk runs after its first frame, as one typed object.

The composition root (:mod:`kiosk.app`) builds one :class:`Services` in
``Kiosk.start_features``; each screen takes what it needs from it in its constructor (lazy
screens) or in ``wire`` (the screens built before the first frame). Adding a service means a
field here and one line where the root builds it; nothing looks a service up by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from kiosk.services.announcement_service import AnnouncementService
from kiosk.services.content_service import ContentService
from kiosk.services.display_settings import DisplaySettings
from kiosk.services.energy_service import EnergyService
from kiosk.services.engagement import EngagementService
from kiosk.services.fleet_service import FleetService
from kiosk.services.quiz_service import QuizService
from kiosk.services.screen_schedule import ScreenSchedule
from kiosk.services.sync_service import SyncService
from kiosk.services.usb_watcher import UsbWatcher
from kiosk.staff.pin import PinStore


class Lifecycle(QObject):
    """Staff requests that end or restart the whole kiosk; the composition root carries
    them out."""

    staff_did_request_exit = Signal()
    staff_did_request_restart = Signal()


@dataclass(frozen=True)
class Services:
    lifecycle: Lifecycle
    pin_store: PinStore
    display: DisplaySettings
    content: ContentService
    usb_watcher: UsbWatcher
    #: None when the readings database cannot be opened (the energy screens say so).
    energy: EnergyService | None
    quiz: QuizService
    sync: SyncService
    #: opening hours: the screen off while closed (its ``state`` for the heartbeat)
    screen: ScreenSchedule
    #: announcements shown now, from packs and staff
    announcements: AnnouncementService
    #: Anonymous visitor counts by hour, and the heartbeat to head office.
    engagement: EngagementService
    fleet: FleetService

    def start(self) -> None:
        """Start every service's timers and workers (content first: the rest shows it)."""
        if self.energy is not None:
            self.energy.start()
        self.content.start()
        self.usb_watcher.start()
        self.sync.start()
        self.screen.start()
        self.announcements.start()
        self.engagement.start()
        self.fleet.start()

    def stop(self) -> None:
        """Stop every timer and worker; safe to call more than once."""
        for service in (
            self.fleet,
            self.engagement,
            self.announcements,
            self.screen,
            self.sync,
            self.usb_watcher,
            self.content,
            self.quiz,
            self.energy,
        ):
            if service is not None:
                service.stop()
