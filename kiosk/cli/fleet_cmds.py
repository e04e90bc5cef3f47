"""``kiosk fleet``: head office reads every kiosk's status from the broker (and merges store
reports brought in on USB sticks)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import CliError

if TYPE_CHECKING:
    from kiosk.fleet.view import FleetView

PASSWORD_ENV = "KIOSK_FLEET_PASSWORD"


def register(subparsers: Any) -> None:
    fleet = subparsers.add_parser("fleet", help="head office: status of every kiosk, store reports")
    sub = fleet.add_subparsers(dest="fleet_command", metavar="ACTION", required=True)
    status = sub.add_parser(
        "status",
        help="read every kiosk's retained status from the broker: problems first, today's counts",
        epilog="exit codes: 0 read, 1 the broker cannot be used (the reason on one line), 2 usage",
    )
    status.add_argument(
        "--broker", required=True, metavar="URL", help="mqtt://host or mqtts://host"
    )
    status.add_argument("--fleet", default="", metavar="F", help="only this fleet (default: all)")
    status.add_argument("--username", default="", help="user name on the broker")
    status.add_argument(
        "--password-env",
        default=PASSWORD_ENV,
        metavar="VAR",
        help=f"environment variable holding the password (default: {PASSWORD_ENV})",
    )
    status.add_argument("--ca-file", default="", metavar="FILE", help="CA bundle for mqtts://")
    status.add_argument("--cert", default="", metavar="FILE", help="client certificate (PEM)")
    status.add_argument("--key", default="", metavar="FILE", help="client certificate's key")
    status.add_argument(
        "--quiet-seconds",
        type=float,
        default=1.5,
        help="stop reading after this long without a new status (default: 1.5)",
    )
    _add_outputs(status)
    status.set_defaults(func=cmd_status)
    imp = sub.add_parser(
        "import",
        help="merge store reports (written by the staff screen to USB) into one fleet view",
        epilog="exit codes: 0 merged, 1 a file is not a store report (named), 2 usage",
    )
    imp.add_argument("reports", nargs="+", type=Path, metavar="REPORT", help="store-report-*.json")
    _add_outputs(imp)
    imp.set_defaults(func=cmd_import)


def _add_outputs(parser: argparse.ArgumentParser) -> None:
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON instead of a table")
    out.add_argument("--csv", type=Path, metavar="FILE", help="write a CSV (UTF-8 with BOM)")
    out.add_argument("--html", type=Path, metavar="FILE", help="write one self-contained page")


def cmd_status(args: argparse.Namespace) -> int:
    from kiosk.fleet.collect import ReadFailed, read_statuses
    from kiosk.fleet.view import fleet_view
    from kiosk.util.mqtt_connect import BrokerAddress

    try:
        address = BrokerAddress.from_url(
            args.broker,
            ca_file=args.ca_file,
            username=args.username,
            password=os.environ.get(args.password_env, ""),
            cert_file=args.cert,
            key_file=args.key,
        )
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    try:
        docs = read_statuses(
            address,
            args.fleet,
            quiet_s=args.quiet_seconds,
            login_hint=f"check --username and the password in ${args.password_env}",
            ca_hint="--ca-file",
        )
    except ReadFailed as exc:
        raise CliError(str(exc)) from None
    return _emit(fleet_view(docs.values(), datetime.now(UTC)), args)


def cmd_import(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from kiosk.fleet.store_report import ReportError, merge, read_report
    from kiosk.fleet.view import fleet_view

    try:
        reports = [read_report(path) for path in args.reports]
    except ReportError as exc:
        raise CliError(str(exc)) from None
    merged = merge(reports)
    view = fleet_view(merged.statuses.values(), datetime.now(UTC))
    # the counts of the reports' whole ranges, each hour once (not only "today")
    return _emit(replace(view, totals=merged.totals()), args)


def _emit(view: FleetView, args: argparse.Namespace) -> int:
    from kiosk.fleet.view import to_csv, to_json, to_table

    if args.csv is not None:
        _write(args.csv, to_csv(view))
    elif args.html is not None:
        from kiosk.fleet.html_report import to_html

        _write(args.html, to_html(view).encode("utf-8"))
    elif args.json:
        print(to_json(view))
        return 0
    else:
        print(to_table(view))
        return 0
    print(f"{len(view.rows)} kiosks ({view.with_problems} with problems)", file=sys.stderr)
    return 0


def _write(path: Path, data: bytes) -> None:
    from kiosk.util.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None
