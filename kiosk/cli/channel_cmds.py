"""``kiosk channel publish|refresh`` (head office) and ``kiosk sync --once`` (a kiosk)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.cli.common import CliError, add_config_options, load_context
from kiosk.content.errors import PackRejected
from kiosk.content.keys import KeyFileError, load_private_key
from kiosk.sync.client import SyncFailed
from kiosk.sync.index import format_time
from kiosk.sync.publisher import (
    DEFAULT_EXPIRES_DAYS,
    PublishError,
    publish_pack,
    refresh_channel,
)
from kiosk.sync.setup import SyncSetupError, client_from_config
from kiosk.util.progress import ProgressBar


def register(sub: Any) -> None:
    channel = sub.add_parser("channel", help="publish packs to a static sync channel folder")
    csub = channel.add_subparsers(dest="channel_command", metavar="ACTION", required=True)

    publish = csub.add_parser("publish", help="add a .kpack to a channel folder and re-sign it")
    publish.add_argument("pack_file", type=Path, metavar="FILE.kpack")
    refresh = csub.add_parser("refresh", help="re-sign the channel index with a new expiry")
    for p, func in ((publish, cmd_publish), (refresh, cmd_refresh)):
        p.add_argument("--channel", type=Path, required=True, metavar="DIR")
        p.add_argument("--key", type=Path, required=True, metavar="KEY", help="channel key")
        p.add_argument(
            "--expires-days",
            type=int,
            default=DEFAULT_EXPIRES_DAYS,
            metavar="N",
            help=f"days kiosks accept this index (default {DEFAULT_EXPIRES_DAYS})",
        )
        p.set_defaults(func=func)

    sync = sub.add_parser("sync", help="fetch and install the channel's current content")
    sync.add_argument("--once", action="store_true", required=True, help="run one sync and exit")
    sync.add_argument("--url", metavar="URL", help="channel URL (default: [channel] url)")
    add_config_options(sync)
    sync.set_defaults(func=cmd_sync)


def _key(path: Path) -> Any:
    try:
        return load_private_key(path)
    except KeyFileError as exc:
        raise CliError(str(exc), 2) from None


def cmd_publish(args: argparse.Namespace) -> int:
    key = _key(args.key)
    try:
        result = publish_pack(
            args.pack_file, args.channel, key, datetime.now(UTC), args.expires_days
        )
    except PackRejected as exc:
        raise CliError(f"not published: {exc.reason}") from None
    except (PublishError, OSError) as exc:
        raise CliError(f"not published: {exc}") from None
    entry = result.index.packs[result.pack_id]
    print(
        f"published {result.pack_id} release {entry.version} ({entry.display_version}): "
        f"{result.objects_written} new objects, {result.bytes_written} bytes; channel version "
        f"{result.index.channel_version}, expires {format_time(result.index.expires)}"
    )
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    key = _key(args.key)
    try:
        index = refresh_channel(args.channel, key, datetime.now(UTC), args.expires_days)
    except (PublishError, OSError) as exc:
        raise CliError(f"not refreshed: {exc}") from None
    print(f"channel version {index.channel_version}, expires {format_time(index.expires)}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    config, paths = load_context(args)
    try:
        client = client_from_config(config, paths, url=args.url)
    except SyncSetupError as exc:
        raise CliError(str(exc), 2) from None
    try:
        with ProgressBar("downloading") as bar:
            outcome = client.sync_once(progress=bar)
    except SyncFailed as exc:
        raise CliError(f"sync failed: {exc.reason}") from None
    print(outcome.message)
    return 0
