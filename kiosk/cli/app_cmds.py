"""``kiosk run``, ``kiosk shot``, ``kiosk doctor`` and ``kiosk set-pin``."""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from pathlib import Path

from kiosk.cli.common import CliError, add_config_options, config_path, load_context
from kiosk.config.paths import AppPaths

DEFAULT_SHOT_SIZES = ["1920x1080", "1080x1920"]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    run = sub.add_parser("run", help="start the kiosk (the default command)")
    add_config_options(run)
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.add_argument("--lang", choices=("zh", "en"), help="language at start")
    run.add_argument(
        "--screen",
        metavar="NAME",
        help="display to open on, by name, e.g. HDMI-1 (an unknown name lists them all)",
    )
    run.add_argument(
        "--start",
        type=_start_screen,
        metavar="SCREEN",
        help="screen shown at start and after idle: home, energy, quiz or stories, or "
        "energy/today (overrides display.start_screen)",
    )
    run.set_defaults(func=cmd_run)

    shot = sub.add_parser("shot", help="render every screen to PNG files")
    shot.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the PNGs")
    add_config_options(shot)
    shot.add_argument(
        "--size",
        action="append",
        metavar="WxH",
        help="window size, repeatable (default: 1920x1080 and 1080x1920)",
    )
    shot.add_argument("--lang", choices=("zh", "en"), help="only this language (default: both)")
    shot.set_defaults(func=cmd_shot)

    doctor = sub.add_parser(
        "doctor",
        help="check everything a kiosk needs: config, data folder and disk, fonts, Qt, staff "
        "PIN, content packs, trusted keys, sync channel and clock, data sources",
        epilog="exit codes: 0 no FAIL (WARN rows may remain), 1 a check failed, 2 config error. "
        "Every row that is not OK says what to do.",
    )
    doctor.add_argument(
        "--for-install",
        action="store_true",
        help="skip what a kiosk being installed cannot have yet (staff PIN, content packs, "
        "channel and clock); install.sh uses it before switching to a new build",
    )
    add_config_options(doctor)
    doctor.set_defaults(func=cmd_doctor)

    set_pin = sub.add_parser("set-pin", help="store the staff PIN (read from standard input)")
    set_pin.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="folder for data, cache and logs"
    )
    set_pin.add_argument("--config", type=Path, metavar="FILE", help="kiosk.toml to use")
    set_pin.set_defaults(func=cmd_set_pin)


def _start_screen(text: str) -> str:
    from kiosk.config.checks import start_screen

    problem = start_screen(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text


def _prepare(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kiosk.util.logs import setup_logging

    config, paths = load_context(args)
    try:
        paths.ensure()
    except OSError as exc:
        raise CliError(f"cannot create data folder {paths.data_dir}: {exc.strerror}") from None
    setup_logging(
        paths.log_dir, config.logging.level, config.logging.max_bytes, config.logging.backups
    )
    return config, paths


def cmd_run(args: argparse.Namespace) -> int:
    config, paths = _prepare(args)
    from kiosk.app import LaunchOptions, run_kiosk

    options = LaunchOptions(
        windowed=args.windowed,
        language=args.lang,
        screen=args.screen,
        start_screen=args.start,
        config_file=str(config_path(args) or ""),
    )
    try:
        return run_kiosk(config, paths, options)
    except ValueError as exc:  # e.g. an unknown --screen
        raise CliError(str(exc), 2) from None


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})x(\d{3,5})", text)
    if not match:
        raise CliError(f"--size must look like 1920x1080, got {text!r}", 2)
    return int(match.group(1)), int(match.group(2))


def cmd_shot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes = [parse_size(s) for s in (args.size or DEFAULT_SHOT_SIZES)]
    config, paths = _prepare(args)
    from kiosk.app import render_screens

    languages = [args.lang] if args.lang else ["zh", "en"]
    if not getattr(args, "verbose", False):
        _quiet_qt()
    files = render_screens(config, paths, args.out, sizes, languages, str(config_path(args) or ""))
    for path in files:
        print(path)
    return 0


def _quiet_qt() -> None:
    """Qt's own warnings (the offscreen plugin's "does not support propagateSizeHints()", once
    per window) say nothing to whoever renders screenshots; --verbose shows them."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            print(f"Qt: {message}", file=sys.stderr)

    qInstallMessageHandler(handler)


def cmd_doctor(args: argparse.Namespace) -> int:
    import logging

    from kiosk.cli.doctor import run_checks

    # Library log lines (pymodbus, urllib3 …) would garble the table; each row says what failed.
    logging.getLogger().addHandler(logging.NullHandler())

    rows = run_checks(args)
    width = max(len(r.name) for r in rows)
    print(f"{'CHECK'.ljust(width)}  STATUS  DETAIL")
    for row in rows:
        print(f"{row.name.ljust(width)}  {row.status.ljust(6)}  {row.detail}")
    failed = [r for r in rows if r.status == "FAIL"]
    if failed:
        print(f"kiosk: {len(failed)} check(s) failed", file=sys.stderr)
        config_failed = any(r.name == "config" for r in failed)
        return 2 if config_failed else 1  # a config error is a usage error, as for every command
    return 0


def cmd_set_pin(args: argparse.Namespace) -> int:
    from kiosk.staff.pin import PinError, PinStore

    config, _ = load_context(args)
    paths = AppPaths.resolve(args.data_dir)
    try:
        if sys.stdin.isatty():
            pin = getpass.getpass("New staff PIN: ")
            if getpass.getpass("Repeat the PIN: ") != pin:
                raise CliError("the two PINs differ; nothing was changed")
        else:
            pin = sys.stdin.readline().strip()
    except EOFError:  # Ctrl+D at the prompt
        print(file=sys.stderr)
        raise CliError("no PIN given (input ended); nothing was changed") from None
    store = PinStore(
        paths.staff_file,
        max_attempts=config.staff.max_pin_attempts,
        lockout_seconds=config.staff.lockout_seconds,
    )
    try:
        store.set_pin(pin)
    except PinError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {paths.staff_file}: {exc.strerror}") from None
    print(f"staff PIN stored (salted scrypt hash) in {paths.staff_file}")
    return 0
