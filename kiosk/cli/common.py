"""Helpers shared by the command modules: common options and loading config + paths."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.config import Config, load_config
from kiosk.config.paths import AppPaths


class CliError(Exception):
    """A command failed; the message is printed as one line. ``code`` 1 = failure, 2 = usage."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def ask(question: str, answers: tuple[str, ...]) -> str:
    """Ask on the terminal until one of ``answers`` is typed; Ctrl+D or Ctrl+C cancels."""
    while True:
        try:
            reply = input(f"{question}? [{'/'.join(answers)}] ").strip().lower()
        except (EOFError, KeyboardInterrupt):
            print(file=sys.stderr)
            raise CliError("cancelled", 1) from None
        if reply in answers:
            return reply
        print(f"please type one of: {', '.join(answers)}", file=sys.stderr)


def add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, metavar="FILE", help="kiosk.toml to use")
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR", help="folder for data, cache and logs"
    )


def config_path(args: argparse.Namespace) -> Path | None:
    """--config, else the default config file if it exists, else None (built-in defaults)."""
    if getattr(args, "config", None) is not None:
        return Path(args.config)
    default = AppPaths.default_config_file()
    return default if default.is_file() else None


def load_site_config(args: argparse.Namespace) -> Config:
    """kiosk.toml, checked completely (each source's options too) before anything starts."""
    from kiosk.sources.registry import check_sources

    return load_config(config_path(args), check_sources=check_sources)


def load_context(args: argparse.Namespace) -> tuple[Config, AppPaths]:
    config = load_site_config(args)
    paths = AppPaths.resolve(getattr(args, "data_dir", None))
    return config, paths
