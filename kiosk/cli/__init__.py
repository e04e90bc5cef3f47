"""``kiosk`` command line. Each command group lives in its own module with ``register()``.

Exit codes: 0 success, 1 failure (one-line reason on stderr), 2 usage or config error.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO, cast

from kiosk import __version__
from kiosk.cli.common import CliError
from kiosk.config.errors import ConfigError
from kiosk.util.terminal import TerminalSafeStream

#: Command modules; each defines ``register(subparsers)``. Missing optional ones are skipped.
COMMAND_MODULES = (
    "kiosk.cli.app_cmds",
    "kiosk.cli.source_cmds",
    "kiosk.cli.pack_cmds",
    "kiosk.cli.channel_cmds",
    "kiosk.cli.quiz_cmds",
    "kiosk.cli.energy_cmds",
    "kiosk.cli.fleet_cmds",
    "kiosk.cli.report_cmds",
)
#: Which module registers each top-level command, so that running one command imports only
#: its module (start-up time matters: `kiosk run` must not load the pack builder or a
#: Modbus stack it does not use). Unlisted commands and --help load every module.
COMMAND_HOMES = {
    "run": "kiosk.cli.app_cmds",
    "shot": "kiosk.cli.app_cmds",
    "doctor": "kiosk.cli.app_cmds",
    "set-pin": "kiosk.cli.app_cmds",
    "source": "kiosk.cli.source_cmds",
    "keygen": "kiosk.cli.pack_cmds",
    "pack": "kiosk.cli.pack_cmds",
    "channel": "kiosk.cli.channel_cmds",
    "sync": "kiosk.cli.channel_cmds",
    "quiz": "kiosk.cli.quiz_cmds",
    "energy": "kiosk.cli.energy_cmds",
    "fleet": "kiosk.cli.fleet_cmds",
    "report": "kiosk.cli.report_cmds",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _quiet_libraries(verbose: bool) -> None:
    """Without --verbose, log records of libraries (pymodbus, urllib3 …) never reach the
    terminal: commands print their own one-line results. ``kiosk run`` logs to its files."""
    import logging

    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    else:
        logging.getLogger().addHandler(logging.NullHandler())


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for all commands, or only for ``command`` when its module is known."""
    parser = _Parser(prog="kiosk", description="Green Space Kiosk")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="also show the log lines of the libraries the kiosk uses and Qt's warnings "
        "(may be given anywhere on the command line)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    home = COMMAND_HOMES.get(command or "")
    for name in (home,) if home else COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    _add_exit_codes(parser)
    return parser


#: What every command's exit code means, for the commands that say nothing more precise.
EXIT_CODES = "exit codes: 0 success, 1 failure (the reason on one line), 2 usage or config error"


def _add_exit_codes(parser: argparse.ArgumentParser) -> None:
    """Give every command's --help its exit codes."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                if not child.epilog:
                    child.epilog = EXIT_CODES
                _add_exit_codes(child)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in args_list
    args_list = [a for a in args_list if a != "--verbose"]
    _quiet_libraries(verbose)
    flag = args_list[0] if args_list else ""
    if not args_list or (flag.startswith("-") and flag not in ("-h", "--help", "--version")):
        args_list.insert(0, "run")  # bare `kiosk` (with options) starts the kiosk
    parser = build_parser(args_list[0])
    args = parser.parse_args(args_list)
    args.verbose = verbose
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    with terminal_safe_output():
        return _run_command(func, args)


@contextlib.contextmanager
def terminal_safe_output() -> Iterator[None]:
    """While a command runs, what it prints shows control characters escaped (pack titles,
    device and channel text: :mod:`kiosk.util.terminal`)."""
    saved = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, TerminalSafeStream(sys.stdout))
    sys.stderr = cast(TextIO, TerminalSafeStream(sys.stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _run_command(func: Callable[[argparse.Namespace], int | None], args: argparse.Namespace) -> int:
    try:
        return int(func(args) or 0)
    except ConfigError as exc:
        print(f"kiosk: config error: {exc}", file=sys.stderr)
        return 2
    except CliError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:  # Ctrl+C in a command (``kiosk run`` handles it in its loop)
        print("kiosk: interrupted", file=sys.stderr)
        return 130
