"""Where the kiosk keeps its data, cache and logs (platformdirs, or one folder from --data-dir)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "green-space-kiosk"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @classmethod
    def resolve(cls, data_dir: Path | None = None) -> AppPaths:
        if data_dir is not None:
            root = Path(data_dir).expanduser().resolve()
            return cls(root, root / "cache", root / "logs")
        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @staticmethod
    def default_config_file() -> Path:
        return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "kiosk.toml"

    @property
    def readings_db(self) -> Path:
        return self.data_dir / "readings.sqlite3"

    @property
    def library_dir(self) -> Path:
        return self.data_dir / "library"

    @property
    def quiz_db(self) -> Path:
        return self.data_dir / "quiz.sqlite3"

    @property
    def counts_db(self) -> Path:
        """Anonymous visitor counts by hour (kiosk.fleet.counts)."""
        return self.data_dir / "counts.sqlite3"

    @property
    def staff_file(self) -> Path:
        return self.data_dir / "staff.json"

    @property
    def staff_overrides_file(self) -> Path:
        """Display choices made on the staff screen (kiosk.staff.overrides)."""
        return self.data_dir / "staff-display.json"

    def ensure(self) -> None:
        for d in (self.data_dir, self.cache_dir, self.log_dir):
            d.mkdir(parents=True, exist_ok=True)
