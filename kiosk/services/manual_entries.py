"""Staff entries of figures with no meter, stored off the GUI thread in the readings database.

A bad entry is refused at once, with the reason, before anything is written; a good one is
stored on a worker, then the energy summary is recomputed so the Now screen shows it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal

from kiosk.energy.manual import EntryRefused, ManualEntry, add_entry, check_entry
from kiosk.services.energy_service import EnergyService
from kiosk.services.tasks import TaskRunner


class ManualEntries(QObject):
    entry_did_save = Signal(object)  # ManualEntry
    entry_was_refused = Signal(str, str)  # kind (EntryRefused.kind, or "store"), plain words

    def __init__(
        self, energy: EnergyService, tasks: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.energy = energy
        self.tasks = tasks

    def today(self) -> date:
        return self.energy.store.days.local_date(self.energy.clock())

    def add(self, metric_id: str, amount: float, day: date) -> None:
        """Check, then store off the GUI thread; one of the two signals follows."""
        try:
            check_entry(metric_id, amount, day, self.today())
        except EntryRefused as exc:
            self.entry_was_refused.emit(exc.kind, str(exc))
            return
        store, now = self.energy.store, self.energy.clock()
        self.tasks.run(
            lambda: add_entry(store, metric_id, amount, day, now), self._on_saved, self._on_failed
        )

    def _on_saved(self, entry: ManualEntry) -> None:
        self.entry_did_save.emit(entry)
        self.energy.refresh_summary()

    def _on_failed(self, exc: BaseException) -> None:
        kind = exc.kind if isinstance(exc, EntryRefused) else "store"
        self.entry_was_refused.emit(kind, str(exc))
