"""``kiosk energy now`` and ``kiosk energy history``: the energy screens' figures from the store.

The same core functions as the screens (:func:`kiosk.energy.summary.summarize`,
:func:`kiosk.energy.periods.compare`, :func:`kiosk.energy.history.history_figures`), read from
the kiosk's readings database (safe while the kiosk runs: SQLite WAL, read only here).
``--json`` prints one JSON object per figure and line, with stable ids; without it, a table.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import time
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.cli.common import CliError, add_config_options, load_context
from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.energy.baselines import SiteReferences, baselines_from
from kiosk.energy.carbon import resolve_factor
from kiosk.energy.history import history_figures
from kiosk.energy.metrics import Metric
from kiosk.energy.periods import Period, compare, period_window
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import EnergySummary, Figure, summarize


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    energy = sub.add_parser("energy", help="energy figures from the store, as on the screens")
    energy_sub = energy.add_subparsers(dest="energy_command", metavar="COMMAND")
    now = energy_sub.add_parser("now", help="the Now screen's figures")
    history = energy_sub.add_parser("history", help="the History screen's figures and comparisons")
    history.add_argument(
        "--period", choices=[p.value for p in Period], default="day",
        help="day, week (from Monday), month or year holding --at (default: day)",
    )  # fmt: skip
    for parser, func in ((now, cmd_now), (history, cmd_history)):
        add_config_options(parser)
        parser.add_argument("--json", action="store_true", help="one JSON object per line")
        parser.add_argument(
            "--at", metavar="TIME",
            help="as of this time: ISO 8601 (site time if no offset) or Unix seconds; default now",
        )  # fmt: skip
        parser.set_defaults(func=func)
    energy.set_defaults(func=lambda _args: energy.print_help() or 2)


def parse_at(text: str | None, tz: ZoneInfo) -> float:
    """--at as Unix seconds; a naive ISO time is the site's local time."""
    if text is None:
        return time.time()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise CliError(f"--at must be ISO 8601 or Unix seconds, got {text!r}", 2) from None
    return (when if when.tzinfo else when.replace(tzinfo=tz)).timestamp()


def open_store(config: Config, paths: AppPaths) -> EnergyStore:
    path = paths.readings_db
    if not path.is_file():
        raise CliError(f"no readings database at {path} (has the kiosk run with this data dir?)")
    site = config.site
    return EnergyStore(path, raw_retention_days=config.storage.raw_retention_days, tz=site.timezone)


def _number(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def summary_rows(summary: EnergySummary, now: float) -> list[dict[str, Any]]:
    """One row per figure of the summary, in screen order."""
    rows = []
    for field in dataclasses.fields(summary):
        figure = getattr(summary, field.name)
        if not isinstance(figure, Figure):
            continue
        age = figure.age_s(now)
        rows.append(
            {
                "figure": field.name,
                "value": _number(figure.value),
                "unit": figure.unit.value,
                "provenance": figure.provenance.value if figure.provenance else "no data",
                "age_s": round(age, 1) if age is not None else None,
            }
        )
    for total in summary.manual:
        m = total.metric
        rows.append(
            {
                "figure": f"manual.{m.id}_year",
                "value": total.year_total,
                "unit": m.unit_en or "count",
                "provenance": f"entered by {total.origin} on {total.last_day.isoformat()}",
                "age_s": None,
            }
        )
    for result in summary.baselines:
        b = result.baseline
        change = result.change_pct
        rows.append(
            {
                "figure": f"baseline.{b.id}",
                "value": round(change, 1) if change is not None else None,
                "unit": "%",
                "provenance": f"compared with {b.name_en} ({b.source})",
                "age_s": None,
                "compared": b.figure,
                "period": b.period.value,
                "per": b.per,
                "actual": _number(result.actual),
                "expected": _number(result.expected),
            }
        )
    return rows


def _local_iso(ts: float, tz: ZoneInfo) -> str:
    return datetime.fromtimestamp(ts, tz).isoformat(timespec="seconds")


def history_rows(
    store: EnergyStore, config: Config, period: Period, at: float, now: float
) -> list[dict[str, Any]]:
    tz = store.days.tz
    comparison = compare(store.days, period_window(store.days, period, at), now)
    cur, old = comparison.current, comparison.earlier
    factor = resolve_factor(config.site)
    figures = [(f.figure, f) for f in history_figures(store, comparison, factor)]
    for meter in store.meters(Metric.LOAD_ENERGY_WH):  # each building or area's use
        if meter:
            for f in history_figures(store, comparison, factor, meter):
                if f.figure == "load_energy_wh":
                    figures.append((f"building.{meter}.load_energy_wh", f))
    rows = []
    for figure_id, f in figures:
        change = f.change_pct()
        rows.append(
            {
                "figure": figure_id,
                "period": period.value,
                "value": _number(f.value),
                "unit": f.unit.value,
                "start": _local_iso(cur.start_ts, tz),
                "end": _local_iso(cur.end_ts, tz),
                "so_far": cur.so_far,
                "compare_value": _number(f.compare_value),
                "compare_start": _local_iso(old.start_ts, tz),
                "compare_end": _local_iso(old.end_ts, tz),
                "change_pct": round(change, 1) if change is not None else None,
            }
        )
    return rows


def _cell(value: object) -> str:
    if value is None:
        return "—"
    return f"{value:,.2f}" if isinstance(value, float) else str(value)


def _print(rows: list[dict[str, Any]], as_json: bool, columns: tuple[str, ...]) -> None:
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    table = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(columns)]
    print("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for r in table:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())


def cmd_now(args: argparse.Namespace) -> int:
    from kiosk.sources.failover import FailoverPolicy

    config, paths = load_context(args)
    now = parse_at(args.at, ZoneInfo(config.site.timezone))
    live_for = FailoverPolicy.from_config(config).live_for_seconds
    store = open_store(config, paths)
    try:
        site = config.site
        references = SiteReferences(
            baselines_from(config.baselines or ()), site.area_m2, site.occupants
        )
        factor = resolve_factor(site)
        summary = summarize(store, now, factor, lambda s: live_for.get(s, 60.0), references)
    finally:
        store.close()
    _print(
        summary_rows(summary, now), args.json, ("figure", "value", "unit", "provenance", "age_s")
    )
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    config, paths = load_context(args)
    tz = ZoneInfo(config.site.timezone)
    at = parse_at(args.at, tz)  # the period holding it, compared as of then
    store = open_store(config, paths)
    try:
        rows = history_rows(store, config, Period(args.period), at, at)
    finally:
        store.close()
    columns = ("figure", "value", "unit", "start", "end", "compare_value", "compare_end",
               "change_pct")  # fmt: skip
    _print(rows, args.json, columns)
    return 0
