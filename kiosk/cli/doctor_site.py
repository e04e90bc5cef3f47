"""``kiosk doctor``'s checks of what makes a kiosk usable on site: the staff PIN, the installed
packs, the trusted keys, the sync channel (reachable, fresh, signed by a trusted key, clock),
and data sources that mix a simulator with real devices. Each row says what to do."""

from __future__ import annotations

import email.utils
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.content.keys import (
    CONFIG_LIST,
    KeyFileError,
    KeyPurpose,
    TrustStore,
    public_key_purpose,
    trusted_key,
)

#: A kiosk clock further than this from the channel's breaks index expiry checks.
CLOCK_TOLERANCE = timedelta(minutes=10)
#: The channel index a kiosk fetches; at most this many bytes are read.
INDEX_NAME = "index.json"
MAX_INDEX_BYTES = 1 << 20


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # OK, WARN or FAIL
    detail: str  # what was found and, unless OK, what to do


def check_pin(config: Config, paths: AppPaths) -> Check:
    from kiosk.staff.pin import PinStore

    store = PinStore(paths.staff_file, max_attempts=config.staff.max_pin_attempts)
    try:
        if store.is_set():
            return Check("staff PIN", "OK", f"set ({paths.staff_file})")
    except (OSError, ValueError) as exc:
        return Check(
            "staff PIN", "FAIL", f"{paths.staff_file} unreadable ({exc}): run kiosk set-pin"
        )
    return Check(
        "staff PIN", "FAIL", "no staff PIN: nobody can open the staff screen; run kiosk set-pin"
    )


def check_packs(config: Config, paths: AppPaths) -> Check:
    from kiosk.content.errors import LibraryError
    from kiosk.content.library import Library
    from kiosk.content.rules import Limits

    library = Library(paths.library_dir, Limits.from_max_pack_mb(config.content.max_pack_mb))
    try:
        ptr = library.pointer()
        refs = ptr.refs()
        for ref in refs:
            library.load(ref)
    except LibraryError as exc:
        return Check(
            "content packs", "FAIL", f"{exc}: run kiosk pack list, then kiosk pack rollback PACK_ID"
        )
    if not refs:
        return Check(
            "content packs",
            "FAIL",
            f"no pack installed in {library.root}: start the kiosk once (it installs the "
            "built-in pack) or run kiosk pack install FILE.kpack",
        )
    shown = ", ".join(f"{r.id} {r.display_version} ({r.version})" for r in refs)
    return Check("content packs", "OK", shown)


def check_keys(config: Config) -> Check:
    """Every trusted key readable, and each list holding keys made for its purpose."""
    lists = (
        (KeyPurpose.PACK, config.content.trusted_keys),
        (KeyPurpose.CHANNEL, config.channel.trusted_keys),
    )
    found: list[str] = []
    for purpose, specs in lists:
        where = CONFIG_LIST[purpose]
        for spec in specs:
            try:
                key = trusted_key(spec, where)
            except KeyFileError as exc:
                return Check("trusted keys", "FAIL", f"{where}: {exc}; fix the path or the text")
            made_for = public_key_purpose(Path(spec)) if key.origin == spec else None
            if made_for is not None and made_for is not purpose:
                return Check(
                    "trusted keys",
                    "FAIL",
                    f"{spec} (key {key.key_id}) is a {made_for} key but is listed in {where}; "
                    f"move it to {CONFIG_LIST[made_for]}",
                )
            found.append(f"{key.key_id} ({purpose})")
    if not found:
        return Check("trusted keys", "OK", "none configured: only the built-in pack is trusted")
    return Check("trusted keys", "OK", ", ".join(found))


def check_channel(config: Config, now: datetime | None = None) -> list[Check]:
    """Fetch the channel index once: reachable, trusted, not expired, and the clock right."""
    from kiosk.content.errors import PackRejected
    from kiosk.sync.index import read_index

    url = config.channel.url
    if not url:
        return [Check("channel", "OK", "not configured: content comes by USB only")]
    index_url = url.rstrip("/") + "/" + INDEX_NAME
    try:
        data, date = _fetch(index_url, config.channel.connect_timeout_s)
    except OSError as exc:
        return [Check("channel", "FAIL", _unreachable(index_url, exc))]
    trust = TrustStore()
    try:
        for spec in config.channel.trusted_keys:
            trust.add(trusted_key(spec, CONFIG_LIST[KeyPurpose.CHANNEL]))
    except KeyFileError as exc:
        return [Check("channel", "FAIL", f"{exc}: fix [channel] trusted_keys")]
    if not len(trust):
        return [
            Check("channel", "FAIL", "no channel key: set [channel] trusted_keys to channel.pub")
        ]
    rows: list[Check] = []
    now = now or datetime.now(UTC)
    if date is not None and abs(now - date) > CLOCK_TOLERANCE:
        rows.append(
            Check(
                "clock",
                "FAIL",
                f"this kiosk says {now:%Y-%m-%d %H:%M} UTC, the channel server "
                f"{date:%Y-%m-%d %H:%M} UTC: set the time (timedatectl set-ntp true)",
            )
        )
    elif date is not None:
        rows.append(Check("clock", "OK", "within 10 minutes of the channel server"))
    try:
        index = read_index(data, trust)
    except PackRejected as exc:
        rows.append(
            Check("channel", "FAIL", f"{index_url}: {exc.reason}; check [channel] trusted_keys")
        )
        return rows
    if index.is_expired(now):
        rows.append(
            Check(
                "channel",
                "FAIL",
                f"index expired on {index.expires:%Y-%m-%d %H:%M} UTC: head office must run "
                "kiosk channel refresh (its daily job has stopped)",
            )
        )
        return rows
    left = (index.expires - now).days
    rows.append(
        Check("channel", "OK", f"{url}: version {index.channel_version}, expires in {left} days")
    )
    return rows


def _fetch(url: str, timeout_s: float) -> tuple[bytes, datetime | None]:
    request = urllib.request.Request(url, headers={"User-Agent": "green-space-kiosk doctor"})
    with urllib.request.urlopen(request, timeout=timeout_s) as response:
        data = response.read(MAX_INDEX_BYTES + 1)
        header = response.headers.get("Date")
    date = email.utils.parsedate_to_datetime(header) if header else None
    return data, date.astimezone(UTC) if date is not None else None


def _unreachable(url: str, exc: OSError) -> str:
    parts = urlsplit(url)
    where = f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(exc, urllib.error.HTTPError):
        return f"{url}: the server answered {exc.code} {exc.reason}: is [channel] url right?"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot reach {where}: connection refused — is the channel server running?"
    if isinstance(reason, socket.gaierror):
        return f"cannot reach {where}: no such host — check [channel] url and the network"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"cannot reach {where}: no answer in time — check the network and firewall"
    return (
        f"cannot reach {where}: {getattr(reason, 'strerror', None) or reason} — check the network"
    )


def check_simulator(config: Config) -> Check | None:
    """WARN when a simulator runs beside real sources: visitors could see made-up figures."""
    enabled = [s for s in config.sources if s.enabled]
    simulated = [s.id for s in enabled if s.type == "simulator"]
    real = [s.id for s in enabled if s.type != "simulator"]
    if not (simulated and real):
        return None
    return Check(
        "simulator",
        "WARN",
        f"simulator {', '.join(simulated)} runs beside real sources {', '.join(real)}: visitors "
        "may see made-up figures; set enabled = false for it in kiosk.toml",
    )
