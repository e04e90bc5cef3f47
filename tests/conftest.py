"""Shared fixtures. Qt runs offscreen; every test gets its own data dir."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fakeclock import FakeClock

if TYPE_CHECKING:
    from kiosk.services.tasks import TaskRunner

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def tasks(qapp: Any) -> Iterator[TaskRunner]:
    """A task runner for services built without a kiosk; shut down (threads joined) after."""
    from kiosk.services.tasks import TaskRunner

    runner = TaskRunner()
    yield runner
    assert runner.shutdown(), "background tasks were still running at the end of the test"
