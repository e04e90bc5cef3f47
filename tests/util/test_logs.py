"""The kiosk's log file rotates by size and keeps a fixed number of old files, like the
standard library's RotatingFileHandler (whose import the kiosk avoids at start-up)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.util.logs import RotatingFile, setup_logging


@pytest.fixture
def logger(tmp_path: Path) -> Iterator[tuple[logging.Logger, RotatingFile]]:
    handler = RotatingFile(tmp_path / "kiosk.log", max_bytes=1000, backups=2)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("test-rotation")
    log.propagate = False
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    yield log, handler
    log.removeHandler(handler)
    handler.close()


def test_rolls_over_before_passing_the_size_and_keeps_two_backups(
    tmp_path: Path, logger: tuple[logging.Logger, RotatingFile]
) -> None:
    log, _handler = logger
    lines = [f"line {i:03d} " + "x" * 90 for i in range(40)]  # 100 bytes each with newline
    for line in lines:
        log.info(line)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]  # the oldest are dropped
    for name in files:
        assert (tmp_path / name).stat().st_size <= 1000
    current = (tmp_path / "kiosk.log").read_text("utf-8").splitlines()
    first = (tmp_path / "kiosk.log.1").read_text("utf-8").splitlines()
    second = (tmp_path / "kiosk.log.2").read_text("utf-8").splitlines()
    assert current[-1] == lines[-1]  # nothing lost from the newest 30 lines, in order
    assert second + first + current == lines[-len(second + first + current) :]
    assert len(second + first + current) == 30


def test_a_record_larger_than_the_limit_is_still_written(
    tmp_path: Path, logger: tuple[logging.Logger, RotatingFile]
) -> None:
    log, _handler = logger
    log.info("short")
    log.info("y" * 5000)
    assert (tmp_path / "kiosk.log").read_text("utf-8") == "y" * 5000 + "\n"
    assert (tmp_path / "kiosk.log.1").read_text("utf-8") == "short\n"


def test_setup_logging_replaces_its_own_handlers(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = setup_logging(tmp_path / "logs", "INFO", max_bytes=500, backups=1)
        setup_logging(tmp_path / "logs", "INFO", max_bytes=500, backups=1)
        ours = [h for h in root.handlers if getattr(h, "_kiosk", False)]
        assert len(ours) == 2  # one file, one console: not doubled by a second call
        logging.getLogger("kiosk.test").info("hello")
        assert path.read_text("utf-8").rstrip().endswith("kiosk.test: hello")
    finally:
        for handler in list(root.handlers):
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
