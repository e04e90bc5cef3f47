"""Rotating log files in the log folder, plus warnings on stderr.

The rotation is :class:`logging.handlers.RotatingFileHandler`'s rule (roll over before a record
would pass ``max_bytes``; keep ``backups`` old files as ``kiosk.log.1`` …) on a plain
:class:`logging.FileHandler`: importing :mod:`logging.handlers` pulls in pickle and queue,
about 3 ms of a start-up budget measured to the first frame (benchmarks/bench_startup.py).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RotatingFile(logging.FileHandler):
    """Append to ``path``; before a record would make it exceed ``max_bytes``, move it to
    ``path.1`` (and ``path.1`` to ``path.2`` …, dropping the oldest past ``backups``)."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, mode="a", encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_overflow(record):
                self._roll_over()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def _would_overflow(self, record: logging.LogRecord) -> bool:
        if self.max_bytes <= 0:
            return False
        if self.stream is None:
            self.stream = self._open()
        size = len((self.format(record) + self.terminator).encode("utf-8"))
        return self.stream.tell() > 0 and self.stream.tell() + size > self.max_bytes

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        if self.backups > 0:
            for i in range(self.backups - 1, 0, -1):
                if os.path.exists(f"{base}.{i}"):
                    os.replace(f"{base}.{i}", f"{base}.{i + 1}")
            os.replace(base, f"{base}.1")
        else:
            os.remove(base)
        self.stream = self._open()


def setup_logging(
    log_dir: Path, level: str = "INFO", max_bytes: int = 2_000_000, backups: int = 5
) -> Path:
    """Log to ``log_dir/kiosk.log`` (rotated); returns the file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kiosk.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = RotatingFile(path, max_bytes, backups)
    file_handler.setFormatter(logging.Formatter(FORMAT))
    file_handler._kiosk = True  # type: ignore[attr-defined]
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.setFormatter(logging.Formatter(FORMAT))
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    root.addHandler(console)
    root.setLevel(level)
    return path
