"""``kiosk report year``: the site's year in one printable PDF (the staff screen's button
writes the same file to a USB stick)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.cli.common import CliError, add_config_options, load_context

LANGS = ("zh", "en", "both")


def register(subparsers: Any) -> None:
    report = subparsers.add_parser("report", help="reports to print or hand in: the yearly report")
    sub = report.add_subparsers(dest="report_command", metavar="ACTION", required=True)
    year = sub.add_parser(
        "year",
        help="the year as an A4 PDF: solar by month, CO2 and water, green actions, quizzes, "
        "class points",
        epilog="exit codes: 0 written, 1 the PDF could not be drawn, 2 usage, config, a year "
        "with no data or an output that cannot be written",
    )
    year.add_argument("--year", type=int, metavar="YYYY", help="the year (default: this year)")
    year.add_argument("--out", type=Path, required=True, metavar="FILE", help="the .pdf to write")
    year.add_argument(
        "--lang", choices=LANGS, help="zh, en or both (default: the kiosk's display.language)"
    )
    add_config_options(year)
    year.set_defaults(func=cmd_year)


def check_out(out: Path) -> None:
    """Refuse an output the PDF cannot be written to before any work is done."""
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise CliError(f"--out {out} is a folder: give a file name such as report.pdf", 2)
    if not folder.is_dir():
        raise CliError(f"cannot write {out}: the folder {folder} does not exist", 2)
    if not os.access(folder, os.W_OK):
        raise CliError(f"cannot write {out}: no permission to write in {folder}", 2)


def cmd_year(args: argparse.Namespace) -> int:
    from kiosk.fleet.year_report import check_year
    from kiosk.fleet.year_sources import gather_year_report

    config, paths = load_context(args)
    now = datetime.now(ZoneInfo(config.site.timezone))
    year = args.year if args.year is not None else now.year
    try:
        check_year(year, now.date())
    except ValueError as exc:
        raise CliError(str(exc), 2) from None
    lang = args.lang or config.display.language
    check_out(args.out)
    report = gather_year_report(year, config, paths, now)
    if report.is_empty:
        raise CliError(
            f"nothing to report for {year}: no readings, staff entries, quiz rounds or class "
            f"points in {paths.data_dir}",
            2,
        )
    data, pages = _render(report, lang, verbose=getattr(args, "verbose", False))
    from kiosk.util.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(args.out, data)
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}", 2) from None
    solar = report.pv_total_kwh
    solar_text = "no solar data" if solar is None else f"solar {solar:,.1f} kWh"
    marks = " (simulated energy figures)" if report.simulated and report.has_energy else ""
    print(f"wrote {args.out}: {year}, {pages} pages, {lang}, {solar_text}{marks}")
    return 0


def _render(report: Any, lang: str, verbose: bool) -> tuple[bytes, int]:
    """Draw the PDF on a headless Qt GUI application with the bundled fonts."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from kiosk.ui.report.year_pdf import page_count, render_year_pdf
    from kiosk.ui.theme import load_fonts

    if not verbose:
        from kiosk.cli.app_cmds import _quiet_qt

        _quiet_qt()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - keeps Qt alive
    families = load_fonts()
    try:
        return render_year_pdf(report, lang, families), page_count(report)
    except RuntimeError as exc:
        raise CliError(f"cannot draw the PDF: {exc}") from None
