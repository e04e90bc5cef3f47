"""``[channel]`` timeouts reach the fetcher; a value out of bounds names the key."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.config.errors import ConfigError
from kiosk.config.loader import parse_config
from kiosk.content.keys import public_text
from kiosk.sync.setup import settings_from_config


def channel(**keys: object) -> dict[str, object]:
    pub = public_text(Ed25519PrivateKey.generate().public_key())
    return {"sources": [], "channel": {"url": "http://127.0.0.1:9", "trusted_keys": [pub], **keys}}


def test_channel_timeouts_reach_the_fetcher() -> None:
    config = parse_config(channel(connect_timeout_s=3, read_timeout_s=7.5, slowest_rate_kb_per_s=2))
    options = settings_from_config(config).fetch
    assert (options.connect_timeout_s, options.read_timeout_s) == (3.0, 7.5)
    assert options.deadline_s(1_000_000) == 60 + 500  # 1 MB at 2 kB/s


def test_default_timeouts() -> None:
    options = settings_from_config(parse_config(channel())).fetch
    assert (options.connect_timeout_s, options.read_timeout_s) == (10.0, 30.0)
    assert options.min_rate_bytes_per_s == 20_000


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("connect_timeout_s", 0, "must be at least 1"),
        ("read_timeout_s", 601, "must be at most 600"),
        ("slowest_rate_kb_per_s", "fast", "must be a number"),
    ],
)
def test_bad_timeout_names_the_key(key: str, value: object, problem: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(channel(**{key: value}))
    assert info.value.key == f"channel.{key}" and problem in info.value.problem
