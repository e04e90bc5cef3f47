"""``kiosk channel publish|refresh`` (head office) and ``kiosk sync --once`` (a kiosk)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.cli.common import CliError, add_config_options, load_context
from kiosk.config import load_config
from kiosk.content.errors import PackRejected
from kiosk.content.keys import KeyFileError, KeyPurpose, key_id, load_public_key, load_signing_key
from kiosk.sync.client import SyncFailed
from kiosk.sync.index import INDEX_NAME, format_time
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

    publish = csub.add_parser(
        "publish", help="add a .kpack to a channel folder and re-sign it", epilog=_KEY_EXITS
    )
    publish.add_argument("pack_file", type=Path, metavar="FILE.kpack", help="the pack to publish")
    refresh = csub.add_parser(
        "refresh", help="re-sign the channel index with a new expiry", epilog=_KEY_EXITS
    )
    for p, func in ((publish, cmd_publish), (refresh, cmd_refresh)):
        p.add_argument(
            "--channel", type=Path, required=True, metavar="DIR", help="the channel folder"
        )
        p.add_argument(
            "--key",
            type=Path,
            required=True,
            metavar="KEY",
            help="the private channel key (channel.key from kiosk keygen --for channel)",
        )
        p.add_argument(
            "--expect",
            action="append",
            default=[],
            metavar="KEY_ID",
            help="refuse unless the key has this id (repeatable: any of them)",
        )
        p.add_argument(
            "--config",
            type=Path,
            metavar="FILE",
            help="a kiosk's kiosk.toml: refuse a key its [channel] trusted_keys does not list",
        )
        p.add_argument(
            "--new-key",
            action="store_true",
            help="allow a key other than the one that signed the channel's current index "
            "(key rotation: list the new .pub on every kiosk first)",
        )
        p.add_argument(
            "--expires-days",
            type=int,
            default=DEFAULT_EXPIRES_DAYS,
            metavar="N",
            help=f"days kiosks accept this index (default {DEFAULT_EXPIRES_DAYS})",
        )
        p.set_defaults(func=func)

    sync = sub.add_parser(
        "sync",
        help="fetch and install the channel's current content once, now",
        epilog="exit codes: 0 installed or up to date, 1 sync failed (the reason is printed), "
        "2 no channel configured or a key cannot be read",
    )
    sync.add_argument(
        "--once",
        action="store_true",
        help="run one sync and exit: what kiosk sync always does (the running kiosk app syncs "
        "on its own schedule, so there is no background mode here)",
    )
    sync.add_argument("--url", metavar="URL", help="channel URL (default: [channel] url)")
    add_config_options(sync)
    sync.set_defaults(func=cmd_sync)


_KEY_EXITS = (
    "exit codes: 0 done, 1 not done (the reason is printed), 2 wrong or unreadable key "
    "(a pack key, a key kiosks do not trust, or one other than the channel's)"
)


def _key(args: argparse.Namespace) -> Ed25519PrivateKey:
    """The channel key, refused if it is a pack key, not expected, or not the channel's."""
    try:
        key = load_signing_key(args.key, KeyPurpose.CHANNEL)
        key.require_trusted(args.expect, "--expect")
        if args.config is not None:
            config = load_config(args.config)
            ids = [key_id(load_public_key(spec)) for spec in config.channel.trusted_keys]
            key.require_trusted(ids, f"[channel] trusted_keys in {args.config}")
        current = _index_signer(args.channel)
        if current is not None and current != key.key_id and not args.new_key:
            raise KeyFileError(
                f"{args.key} is key {key.key_id}, but the channel's index is signed by key "
                f"{current}; kiosks trust that one. Use its key file, or pass --new-key once "
                "every kiosk lists the new channel.pub in [channel] trusted_keys"
            )
    except KeyFileError as exc:
        raise CliError(str(exc), 2) from None
    return key.private_key


def _index_signer(channel: Path) -> str | None:
    """The key id that signed the channel's current index (None: no index or unreadable)."""
    try:
        doc = json.loads((Path(channel) / INDEX_NAME).read_bytes())
        signer = doc["signature"]["key_id"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return signer if isinstance(signer, str) else None


def cmd_publish(args: argparse.Namespace) -> int:
    key = _key(args)
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
    key = _key(args)
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
    if sys.stderr.isatty():  # a line while it connects (a server that is down takes a while)
        print(f"kiosk: syncing from {client.settings.url} …", file=sys.stderr)
    try:
        with ProgressBar("downloading") as bar:
            outcome = client.sync_once(progress=bar)
    except SyncFailed as exc:
        raise CliError(f"sync failed: {exc.reason}") from None
    print(outcome.message)
    return 0
