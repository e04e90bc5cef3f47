from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fakeclock import FakeClock

from kiosk.config import Config
from kiosk.config.loader import parse_config
from kiosk.config.paths import AppPaths


@pytest.fixture
def make_kiosk(qtbot: Any, data_dir: Path, fake_clock: FakeClock) -> Iterator[Callable[..., Any]]:
    """Build the real kiosk window (locked kiosk mode) with a config given as a dict."""
    from kiosk.app import Kiosk, LaunchOptions

    built: list[Any] = []

    def factory(
        raw: dict[str, Any] | None = None,
        *,
        windowed: bool = False,
        size=(1280, 720),
        wall_clock: Callable[[], float] | None = None,
        start_screen: str | None = None,
    ) -> Any:
        """``wall_clock``: the fake clock for what runs on the time of day (opening hours,
        seasons, announcements, readings); the real one by default. ``start_screen``: as
        ``kiosk run --start``."""
        raw = dict(raw or {})
        raw.setdefault("sources", [])
        config: Config = parse_config(raw)
        kiosk = Kiosk(
            config,
            AppPaths.resolve(data_dir),
            LaunchOptions(windowed=windowed, size=size, start_screen=start_screen),
            clock=fake_clock,
            wall_clock=wall_clock or time.time,
        )
        built.append(kiosk)
        kiosk.show()
        qtbot.waitExposed(kiosk.window)
        kiosk.start_features()  # what the first painted frame triggers in the app
        return kiosk

    yield factory
    for kiosk in built:
        kiosk.window.allow_close()
        kiosk.shutdown()
        kiosk.window.close()
        kiosk.window.deleteLater()
