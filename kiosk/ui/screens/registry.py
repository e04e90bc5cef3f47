"""Every screen of the kiosk, in the order ``kiosk shot`` renders them.

Adding a screen is one line here plus its module: the eager ones are built before the first
frame and get their services in ``wire``; the lazy ones are imported and built right after it
(pyqtgraph among their imports), each by its ``from_services`` and then ``wire``.
"""

from __future__ import annotations

import importlib

from kiosk.ui.screens.base import Screen
from kiosk.ui.screens.closed import ClosedScreen
from kiosk.ui.screens.home import HomeScreen

#: Built before the first frame: the first screen a visitor sees, and the closed screen (a
#: restart during closed hours goes dark before any lazy screen is built).
EAGER_SCREENS: tuple[type[Screen], ...] = (HomeScreen, ClosedScreen)

#: Built right after the first frame. name -> "module:Class". The attract loop is idle's
#: target, at least ``display.idle_seconds`` (10 s) after it; its module and its live scene
#: were a tenth of the time to the first frame.
LAZY_SCREENS: dict[str, str] = {
    "attract": "kiosk.ui.screens.attract:AttractScreen",
    "energy": "kiosk.ui.screens.energy:EnergyScreen",
    "quiz": "kiosk.ui.screens.quiz:QuizScreen",
    "stories": "kiosk.ui.screens.stories:StoriesScreen",
    "pin": "kiosk.ui.staff.pin:PinScreen",
    "staff": "kiosk.ui.staff.screen:StaffScreen",
    "usb": "kiosk.ui.staff.usb:UsbScreen",
}


def lazy_screen_class(name: str) -> type[Screen]:
    """Import the class registered as ``name``."""
    module_name, _, class_name = LAZY_SCREENS[name].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    if not (isinstance(cls, type) and issubclass(cls, Screen)) or cls.name != name:
        raise TypeError(f"{LAZY_SCREENS[name]} is not the screen {name!r}")
    return cls
