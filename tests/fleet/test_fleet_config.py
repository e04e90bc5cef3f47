"""``[fleet]`` in kiosk.toml: the broker URL, credentials that need each other, TLS-only keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.config.errors import ConfigError
from kiosk.config.loader import parse_config
from kiosk.fleet.link import address_from_config, kiosk_id


def fleet(**keys: object) -> dict[str, object]:
    return {"sources": [], "fleet": keys}


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({"broker": "http://hq.example.com"}, "fleet.broker: must start with mqtt:// or mqtts://"),
        ({"broker": "mqtt://"}, "fleet.broker: has no host name"),
        ({"broker": "mqtt://u:p@hq"}, "put the user name and password in username / password"),
        ({"broker": "mqtt://hq:99999"}, "fleet.broker: not a broker URL"),
        ({"fleet": "a/b"}, "fleet.fleet: 'a/b': use 1-64 letters"),
        ({"kiosk": "+"}, "fleet.kiosk: '+': use 1-64 letters"),
        ({"password": "x"}, "fleet.password: a password needs fleet.username too"),
        ({"ca_bundle": "/nonexistent/ca.pem"}, "fleet.ca_bundle: file not found"),
        ({"interval_seconds": 5}, "fleet.interval_seconds: must be at least 10"),
    ],
)
def test_bad_fleet_settings_are_named(keys: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_config(fleet(**keys))


def test_tls_files_need_mqtts_and_certificate_needs_its_key(tmp_path: Path) -> None:
    pem = tmp_path / "c.pem"
    pem.write_text("x")
    with pytest.raises(
        ConfigError, match=re.escape("fleet.ca_bundle: only used with a mqtts:// broker")
    ):
        parse_config(fleet(broker="mqtt://hq", ca_bundle=str(pem)))
    with pytest.raises(
        ConfigError, match=re.escape("fleet.client_key: a client certificate needs both")
    ):
        parse_config(fleet(broker="mqtts://hq", client_cert=str(pem)))
    config = parse_config(
        fleet(
            broker="mqtts://hq.example.com",
            ca_bundle=str(pem),
            client_cert=str(pem),
            client_key=str(pem),
            username="s1",
            password="pw",
        )
    )
    address = address_from_config(config.fleet)
    assert (address.host, address.port, address.tls) == ("hq.example.com", 8883, True)
    assert (address.cert_file, address.username) == (str(pem), "s1")


def test_kiosk_id_defaults_to_the_site_name() -> None:
    config = parse_config({"sources": [], "site": {"name": "Store 17 (Wuhan)"}})
    assert kiosk_id(config) == "store-17-wuhan"
    assert address_from_config(parse_config(fleet(broker="mqtt://10.0.0.2")).fleet).port == 1883
