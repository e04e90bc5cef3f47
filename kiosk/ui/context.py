"""What every screen is given: config, paths, language, theme and the background task runner.

Services that other parts of the app add (energy, content, quiz points, sync) are attached by
the composition root (``kiosk/app.py``); a screen reads only what it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.services.tasks import TaskRunner
from kiosk.ui.i18n import Language
from kiosk.ui.theme import Theme


@dataclass
class UiContext:
    config: Config
    paths: AppPaths
    config_file: str
    language: Language
    theme: Theme
    tasks: TaskRunner
    services: dict[str, Any] = field(default_factory=dict)

    def service(self, name: str) -> Any:
        """A service by name, or None when that part of the app is not running."""
        return self.services.get(name)
