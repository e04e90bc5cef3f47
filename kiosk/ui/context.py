"""What every screen is given: config, paths, language, theme and the background task runner.

The services a screen shows (energy, content, quiz points, sync …) come typed, in its
constructor or ``wire`` (see :mod:`kiosk.ui.screens.base`), never from here.
"""

from __future__ import annotations

from dataclasses import dataclass

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
