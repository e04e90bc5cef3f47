"""Checks of single config values that bounds and choices cannot express.

Each takes the parsed value and returns the problem in words ("" when the value is fine), for
``setting(check=...)``; the schema adds the file and the key.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
#: The screens a kiosk can start on and return to after idle, each with the parts it can be
#: opened at ("energy/today": the energy screen on its Today tab). A test keeps these in step
#: with the screens in kiosk/ui/screens.
START_SCREENS: dict[str, tuple[str, ...]] = {
    "home": (),
    "energy": ("now", "today", "history", "explain"),
    "quiz": (),
    "stories": (),
}
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def time_zone(value: Any) -> str:
    """An IANA time zone name that this machine knows (e.g. Asia/Shanghai)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return f"unknown time zone {str(value)[:60]!r} (use an IANA name such as 'Asia/Shanghai')"
    return ""


def web_url(value: Any) -> str:
    """Empty, or an http:// or https:// URL with a host."""
    text = str(value)
    if not text:
        return ""
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        return f"not a URL: {exc}"
    if parts.scheme not in ("http", "https"):
        return f"must start with http:// or https:// (got {parts.scheme or 'no'} scheme)"
    if not parts.hostname:
        return "has no host name"
    return ""


def required_host(value: Any) -> str:
    """A host name or address: a device source cannot run without one."""
    return "" if str(value).strip() else "required: the device's IP address or host name"


def at_least_one_date(value: Any) -> str:
    return "" if value else "needs at least one date (MM-DD)"


def month_day(value: Any) -> str:
    """A date as MM-DD that exists in some year (02-29 allowed)."""
    match = _MONTH_DAY.fullmatch(str(value))
    month, day = (int(match[1]), int(match[2])) if match else (0, 0)
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
        return f"{str(value)[:20]!r} is not a date as MM-DD, e.g. 09-01"
    return ""


def public_keys(value: Any) -> str:
    """Each entry an Ed25519 public key: base64 text, or a readable key file."""
    if not value:
        return ""
    from kiosk.content.keys import KeyFileError, load_public_key  # only when keys are listed

    for i, spec in enumerate(value):
        try:
            load_public_key(str(spec))
        except KeyFileError as exc:
            return f"entry {i + 1}: {exc}"
    return ""


def time_spans(value: Any) -> str:
    """Opening hours of a day: 'closed' or spans such as 08:00-12:00, 14:00-21:00."""
    from kiosk.schedule.times import parse_spans

    try:
        parse_spans(str(value))
    except ValueError as exc:
        return str(exc)
    return ""


def day(value: Any) -> str:
    """Empty, a date as YYYY-MM-DD, or MM-DD for every year."""
    from kiosk.schedule.times import parse_day

    if not str(value):
        return ""
    try:
        parse_day(str(value))
    except ValueError as exc:
        return str(exc)
    return ""


def mqtt_url(value: Any) -> str:
    """Empty, or an mqtt:// or mqtts:// URL with a host (and optionally a port)."""
    text = str(value)
    if not text:
        return ""
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        return f"not a broker URL: {exc}"
    if parts.scheme not in ("mqtt", "mqtts"):
        return f"must start with mqtt:// or mqtts:// (got {parts.scheme or 'no'} scheme)"
    if not parts.hostname:
        return "has no host name"
    if parts.username or parts.password:
        return "put the user name and password in username / password, not in the URL"
    if port == 0:
        return "port must be 1-65535"
    return ""


def topic_id(value: Any) -> str:
    """Empty, or a name that is one MQTT topic level: letters, digits, '-', '_' and '.'."""
    text = str(value)
    if text and not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", text):
        return f"{text[:70]!r}: use 1-64 letters, digits, '-', '_' or '.' (it is a topic level)"
    return ""


def readable_file(value: Any) -> str:
    """Empty, or a file that exists (a CA bundle, a client certificate or key)."""
    from pathlib import Path

    text = str(value)
    if text and not Path(text).expanduser().is_file():
        return f"file not found: {text[:200]}"
    return ""


def start_screen(value: Any) -> str:
    """A screen of :data:`START_SCREENS`, optionally with one of its parts: 'energy/today'."""
    text = str(value)
    name, slash, part = text.partition("/")
    names = ", ".join(repr(n) for n in START_SCREENS)
    if name not in START_SCREENS:
        return f"must be one of {names} (or 'energy/today' and the like), got {text[:60]!r}"
    parts = START_SCREENS[name]
    if slash and part not in parts:
        if not parts:
            return f"the {name} screen has no parts to open at, got {text[:60]!r}"
        return f"the {name} screen opens at {', '.join(repr(p) for p in parts)}, got {part[:60]!r}"
    return ""
