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


#: Test folders whose tests must leave no thread, timer or window behind.
LEAK_CHECKED = ("ui", "services", "sync")
TESTS_DIR = Path(__file__).parent


@pytest.fixture(autouse=True)
def no_leaks(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a UI, services or sync test that leaves behind a thread (Python or Qt pool), an
    active QTimer or a top-level window, or that changes the garbage collector's state.

    Autouse, so it is set up before the test's other function fixtures and checks after
    their teardown (a fixture that stops a service counts as the test cleaning up).
    """
    if request.path.relative_to(TESTS_DIR).parts[0] not in LEAK_CHECKED:
        yield
        return
    from leaks import Snapshot

    request.getfixturevalue("qapp")  # the one QApplication exists before the baseline
    import numpy  # noqa: F401  # its BLAS threads start at its first import and stay for good

    before = Snapshot.take()
    yield
    problems = before.compare_after_test()
    if problems:
        pytest.fail("left behind by the test:\n  " + "\n  ".join(problems), pytrace=False)
