"""``kiosk source probe``: read each configured source once and print what it gives.

One JSON object per reading on standard output (``source``, ``metric``, ``meter``, ``value``,
``unit``, ``timestamp``, ``provenance``); a value the store would refuse has provenance
``refused`` and a ``problem``. A push source (MQTT) is read until every mapped metric has
arrived or ``--wait`` runs out; the metrics that did not arrive are named on standard error. A
failing source prints its reason on standard error and makes the exit code 1, after the other
sources have been probed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from datetime import UTC, datetime
from typing import Any

from kiosk.cli.common import CliError, add_config_options, load_site_config
from kiosk.config import Config
from kiosk.config.model import SourceConfig
from kiosk.energy.metrics import Reading
from kiosk.energy.quality import RejectReason, SanityLimits
from kiosk.sources.base import SourceError
from kiosk.sources.probe import ProbeResult, probe
from kiosk.sources.registry import create_source


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    source = sub.add_parser("source", help="data sources: probe them")
    source_sub = source.add_subparsers(dest="source_command", metavar="COMMAND")
    probe = source_sub.add_parser(
        "probe", help="read each configured source once, print JSON lines"
    )
    probe.add_argument(
        "ids", nargs="*", metavar="ID", help="only these sources (default: all enabled)"
    )
    add_config_options(probe)
    probe.add_argument(
        "--wait", type=float, default=5.0, metavar="SECONDS",
        help="for push sources (MQTT): how long to wait for every mapped metric (default 5)",
    )  # fmt: skip
    probe.set_defaults(func=cmd_probe)
    source.set_defaults(func=lambda _args: source.print_help() or 2)


def reading_json(r: Reading, refused: RejectReason | None = None) -> dict[str, Any]:
    """A reading as a JSON-safe dict; a non-finite value becomes null with a note; a value the
    store would refuse says so instead of claiming to be live."""
    out: dict[str, Any] = {
        "source": r.source_id,
        "metric": r.metric.value,
        "meter": r.meter,
        "value": r.value if math.isfinite(r.value) else None,
        "unit": r.metric.unit.value,
        "timestamp": datetime.fromtimestamp(r.timestamp, UTC).isoformat().replace("+00:00", "Z")
        if math.isfinite(r.timestamp) else None,
        "provenance": r.provenance.value,
    }  # fmt: skip
    if not math.isfinite(r.value):
        out["problem"] = f"value is {r.value} (not a finite number)"
    if refused is not None:
        out["provenance"] = "refused"
        out.setdefault("problem", f"the readings store would refuse it ({refused.value})")
    return out


def probe_source(src: SourceConfig, config: Config, wait_s: float = 5.0) -> ProbeResult:
    """Build the adapter, read it (push sources: until all mapped metrics came or ``wait_s``),
    close it. Raises SourceError with plain words."""
    source = create_source(src, config)
    try:
        return probe(
            source, wait_s, SanityLimits.for_site(config.site.pv_kwp, config.site.grid_capacity_kw)
        )
    finally:
        source.close()


def cmd_probe(args: argparse.Namespace) -> int:
    config = load_site_config(args)
    known = {s.id: s for s in config.sources}
    unknown = [i for i in args.ids if i not in known]
    if unknown:
        raise CliError(
            f"no source with id {', '.join(map(repr, unknown))} (known: {', '.join(known)})", 2
        )
    chosen = [known[i] for i in args.ids] if args.ids else [s for s in config.sources if s.enabled]
    if not chosen:
        raise CliError("no enabled sources in the config")
    failed = 0
    for src in chosen:
        try:
            result = probe_source(src, config, args.wait)
        except SourceError as exc:
            failed += 1
            print(f"kiosk: source {src.id!r} ({src.type}): {exc}", file=sys.stderr)
            continue
        readings = result.readings
        try:
            for i, r in enumerate(readings):
                line = reading_json(r, result.refused.get(i))
                print(json.dumps(line, ensure_ascii=False, allow_nan=False))
        except BrokenPipeError:  # e.g. piped into `head`: the reader has what it wanted
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - swallow the final flush
            return 0
        if not readings:
            print(f"kiosk: source {src.id!r} ({src.type}): no readings yet", file=sys.stderr)
        if result.missing:
            print(
                f"kiosk: source {src.id!r} ({src.type}): no value for "
                f"{', '.join(result.missing)}" + (f" within {args.wait:g} s" if readings else ""),
                file=sys.stderr,
            )
    sys.stdout.flush()
    if failed:
        raise CliError(f"{failed} of {len(chosen)} sources failed")
    return 0
