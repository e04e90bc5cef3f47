"""The display choices staff make on the kiosk (family/student, language after idle), kept in
``staff-display.json`` on top of ``kiosk.toml`` (:mod:`kiosk.staff.overrides`).

Saving runs on the task runner; the new config is announced only after the file is written, so
what the screens show always matches what the next start will show.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.config import Config
from kiosk.services.tasks import TaskRunner
from kiosk.staff.overrides import StaffOverrides, save_overrides

log = logging.getLogger(__name__)


class DisplaySettings(QObject):
    #: (the whole config now in effect, the setting's name, its new value)
    display_did_change = Signal(object, str, str)
    #: a choice could not be saved: nothing changed; the reason in words
    display_did_fail = Signal(str)

    def __init__(
        self,
        file_config: Config,
        overrides: StaffOverrides,
        path: Path,
        tasks: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        #: kiosk.toml as loaded (what "as set in kiosk.toml" refers to).
        self.file_config = file_config
        self.overrides = overrides
        self.path = path
        self._tasks = tasks

    @property
    def config(self) -> Config:
        """kiosk.toml with the staff choices applied."""
        return self.overrides.apply(self.file_config)

    def choose(self, name: str, value: str) -> None:
        """Save ``value`` for ``name``; emits display_did_change or display_did_fail."""
        try:
            chosen = self.overrides.choose(self.file_config, name, value)
        except ValueError as exc:
            self.display_did_fail.emit(str(exc))
            return
        self._tasks.run(
            partial(save_overrides, self.path, chosen),
            partial(self._on_saved, chosen, name, value),
            self._on_save_failed,
        )

    def _on_saved(self, chosen: StaffOverrides, name: str, value: str, _result: object) -> None:
        self.overrides = chosen
        log.info("staff set display.%s = %s", name, value)
        self.display_did_change.emit(self.config, name, value)

    def _on_save_failed(self, exc: BaseException) -> None:
        log.error("cannot save the display choice to %s: %s", self.path, exc)
        self.display_did_fail.emit(str(exc))
