from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Config
from kiosk.config.loader import parse_config
from kiosk.config.paths import AppPaths


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_kiosk(qtbot: Any, data_dir: Path, fake_clock: FakeClock) -> Iterator[Callable[..., Any]]:
    """Build the real kiosk window (locked kiosk mode) with a config given as a dict."""
    from kiosk.app import Kiosk, LaunchOptions

    built: list[Any] = []

    def factory(
        raw: dict[str, Any] | None = None, *, windowed: bool = False, size=(1280, 720)
    ) -> Any:
        raw = dict(raw or {})
        raw.setdefault("sources", [])
        config: Config = parse_config(raw)
        kiosk = Kiosk(
            config,
            AppPaths.resolve(data_dir),
            LaunchOptions(windowed=windowed, size=size),
            clock=fake_clock,
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
