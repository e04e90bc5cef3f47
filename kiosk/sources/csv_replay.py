"""Replay recorded readings from a CSV file with the columns ``timestamp,metric,value[,meter]``.

``timestamp`` is Unix seconds or ISO 8601 (without an offset it is site-local time); ``metric``
is a metric name such as ``pv_power_w``; ``value`` is a number (``nan`` and ``inf`` are passed
on so the store's checks can be exercised with recorded bad data). The whole file is checked
on the first read; a bad row fails the source with ``file:line: what is wrong``.

By default the recording is shifted to start at the first read and played at ``speed``;
with ``align_to_now = false`` rows keep their own timestamps and come out once they are due.
"""

from __future__ import annotations

import csv
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.config.model import Config
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.sources.base import Source, SourceMisconfigured
from kiosk.sources.options.csv_replay import CsvReplayOptions

COLUMNS = ("timestamp", "metric", "value")


@dataclass(frozen=True)
class Row:
    ts: float
    metric: Metric
    value: float
    meter: str


def parse_csv(path: Path, tz: ZoneInfo) -> list[Row]:
    """All rows of ``path``, oldest first. Raises SourceMisconfigured naming file and line."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            lines = list(csv.reader(fh))
    except FileNotFoundError:
        raise SourceMisconfigured(f"CSV file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceMisconfigured(f"cannot read CSV file {path}: {exc}") from None
    if not lines:
        raise SourceMisconfigured(f"{path}: empty file (expected a header {','.join(COLUMNS)})")
    header = [h.strip().lower() for h in lines[0]]
    if tuple(header[:3]) != COLUMNS or header[3:] not in ([], ["meter"]):
        raise SourceMisconfigured(
            f"{path}:1: header must be timestamp,metric,value[,meter], got {','.join(lines[0])}"
        )
    rows: list[Row] = []
    for line_no, cells in enumerate(lines[1:], start=2):
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise SourceMisconfigured(
                f"{path}:{line_no}: expected {len(header)} columns, got {len(cells)}"
            )
        rows.append(_row(cells, tz, f"{path}:{line_no}"))
    if not rows:
        raise SourceMisconfigured(f"{path}: no readings after the header")
    rows.sort(key=lambda r: r.ts)
    return rows


def _row(cells: list[str], tz: ZoneInfo, where: str) -> Row:
    raw_ts, raw_metric, raw_value = (c.strip() for c in cells[:3])
    try:
        ts = float(raw_ts)
    except ValueError:
        try:
            t = datetime.fromisoformat(raw_ts)
        except ValueError:
            raise SourceMisconfigured(
                f"{where}: timestamp {raw_ts!r} is neither Unix seconds nor ISO 8601"
            ) from None
        ts = (t if t.tzinfo else t.replace(tzinfo=tz)).timestamp()
    if not math.isfinite(ts):
        raise SourceMisconfigured(f"{where}: timestamp {raw_ts!r} is not a finite number")
    try:
        metric = Metric(raw_metric)
    except ValueError:
        raise SourceMisconfigured(f"{where}: unknown metric {raw_metric!r}") from None
    try:
        value = float(raw_value)
    except ValueError:
        raise SourceMisconfigured(f"{where}: value {raw_value!r} is not a number") from None
    return Row(ts, metric, value, cells[3].strip() if len(cells) > 3 else "")


class CsvReplay(Source):
    provenance = Provenance.SIMULATED

    def __init__(self, source_id: str, options: CsvReplayOptions, tz: ZoneInfo) -> None:
        super().__init__(source_id)
        self.options = options
        self.tz = tz
        self._rows: list[Row] | None = None
        self._cursor = 0
        self._cycle = 0
        self._start_now: float | None = None

    def read(self, now: float) -> Sequence[Reading]:
        if not self.options.path:
            raise SourceMisconfigured("csv source needs options.path")
        if self._rows is None:
            self._rows = parse_csv(Path(self.options.path).expanduser(), self.tz)
        rows = self._rows
        if self._start_now is None:
            self._start_now = now
        first, last = rows[0].ts, rows[-1].ts
        cycle_s = (last - first) + max(1.0, (last - first) / max(1, len(rows) - 1))
        opts = self.options
        virtual_now = first + (now - self._start_now) * opts.speed if opts.align_to_now else now
        out: list[Reading] = []
        while True:
            if self._cursor == len(rows):
                if not opts.loop:
                    break
                self._cursor, self._cycle = 0, self._cycle + 1
            row = rows[self._cursor]
            ts = row.ts + self._cycle * cycle_s
            if ts > virtual_now:
                break
            if opts.align_to_now:
                ts = self._start_now + (ts - first) / opts.speed
            out.append(
                Reading(row.metric, row.value, ts, self.source_id, self.provenance, row.meter)
            )
            self._cursor += 1
        return out


def create(
    source_id: str,
    options: CsvReplayOptions,
    config: Config,
    clock: Callable[[], float] = time.time,
) -> Source:
    return CsvReplay(source_id, options, ZoneInfo(config.site.timezone))
