"""Options of ``type = "csv"`` sources (the adapter is :mod:`kiosk.sources.csv_replay`)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config.schema import setting


@dataclass(frozen=True)
class CsvReplayOptions:
    """``type = "csv"``: recorded readings played back."""

    path: str = setting("", "CSV file with timestamp,metric,value[,meter] rows")
    align_to_now: bool = setting(True, "Shift the recording so it starts at the first read")
    speed: float = setting(1.0, "Playback speed (2 = twice as fast)", min=0.001, max=1e6)
    loop: bool = setting(False, "Start again from the top when the recording ends")
