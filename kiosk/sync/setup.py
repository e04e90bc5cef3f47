"""Build a :class:`SyncClient` from the kiosk config; shared by ``kiosk sync`` and the app."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.content.builtin import builtin_trusted_key
from kiosk.content.keys import KeyFileError, TrustedKey, TrustStore, trusted_key
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.rules import Limits
from kiosk.sync.client import SyncClient, SyncSettings
from kiosk.sync.fetch import FetchOptions
from kiosk.sync.state import StateFile

SYNC_DIR_NAME = "sync"


class SyncSetupError(Exception):
    """The config does not allow syncing (no URL, unreadable key); a config problem."""


def sync_dir(paths: AppPaths) -> Path:
    return paths.data_dir / SYNC_DIR_NAME


def _keys(specs: tuple[str, ...], where: str) -> list[TrustedKey]:
    try:
        return [trusted_key(spec, where) for spec in specs]
    except KeyFileError as exc:
        raise SyncSetupError(f"{where}: {exc}") from None


def settings_from_config(
    config: Config, url: str | None = None, fetch: FetchOptions | None = None
) -> SyncSettings:
    channel = config.channel
    url = url if url is not None else channel.url
    if not url:
        raise SyncSetupError("no channel URL: set [channel] url in the config or pass --url")
    if not url.startswith(("http://", "https://")):
        raise SyncSetupError(f"channel URL must start with http:// or https://, got {url!r}")
    index_keys = _keys(channel.trusted_keys, "channel.trusted_keys")
    if not index_keys:
        raise SyncSetupError("no channel key: set [channel] trusted_keys to the channel's .pub")
    pack_keys = _keys(config.content.trusted_keys, "content.trusted_keys")
    builtin = builtin_trusted_key()
    if builtin is not None:
        pack_keys.append(builtin)
    options = fetch or FetchOptions(
        connect_timeout_s=channel.connect_timeout_s,
        read_timeout_s=channel.read_timeout_s,
        min_rate_bytes_per_s=channel.slowest_rate_kb_per_s * 1000,
    )
    options = replace(options, ca_bundle=channel.ca_bundle, proxy=channel.proxy)
    return SyncSettings(
        url=url,
        index_trust=TrustStore(index_keys),
        pack_trust=TrustStore(pack_keys),
        policy=InstallPolicy(site_kind=config.site.kind),
        fetch=options,
    )


def client_from_config(
    config: Config, paths: AppPaths, url: str | None = None, fetch: FetchOptions | None = None
) -> SyncClient:
    library = Library(paths.library_dir, Limits.from_max_pack_mb(config.content.max_pack_mb))
    return SyncClient(library, StateFile(sync_dir(paths)), settings_from_config(config, url, fetch))
