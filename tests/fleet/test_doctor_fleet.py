"""``kiosk doctor``'s head office row against real brokers: accepted, wrong password,
untrusted certificate, nothing listening; it publishes nothing (a running kiosk's status
stays as it was)."""

from __future__ import annotations

from pathlib import Path

from loopback import Mosquitto, free_port
from mqtt_helpers import Watcher, self_signed

from kiosk.cli.doctor_fleet import check_fleet
from kiosk.config.loader import parse_config


def config(url: str, **fleet: str) -> object:
    return parse_config({"sources": [], "fleet": {"broker": url, "kiosk": "k1", **fleet}})


def test_not_configured_is_ok() -> None:
    row = check_fleet(parse_config({"sources": []}))
    assert (row.status, row.detail) == ("OK", "not configured: no heartbeat ([fleet] broker)")


def test_accepted_login_publishes_nothing(broker: Mosquitto) -> None:
    watcher = Watcher(broker.port, "#").start()
    try:
        row = check_fleet(config(f"mqtt://127.0.0.1:{broker.port}"))  # type: ignore[arg-type]
        assert row.status == "OK", row
        assert "broker accepts the login (no login)" in row.detail
        assert "default/k1" in row.detail
        assert watcher.messages == []  # no status, no will
    finally:
        watcher.stop()


def test_wrong_password_and_nothing_listening_fail_in_plain_words(tmp_path: Path) -> None:
    broker = Mosquitto(tmp_path, users={"k1": "right"})
    broker.start()
    try:
        url = f"mqtt://127.0.0.1:{broker.port}"
        row = check_fleet(config(url, username="k1", password="wrong"))  # type: ignore[arg-type]
        assert row.status == "FAIL"
        assert "refused user 'k1': check fleet.username and fleet.password" in row.detail
        ok = check_fleet(config(url, username="k1", password="right"))  # type: ignore[arg-type]
        assert ok.status == "OK" and "user k1" in ok.detail
    finally:
        broker.stop()
    row = check_fleet(config(f"mqtt://127.0.0.1:{free_port()}"))  # type: ignore[arg-type]
    assert row.status == "FAIL" and "nothing accepts connections" in row.detail


def test_untrusted_certificate_fails_trusted_one_passes(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    broker = Mosquitto(tmp_path, listener_conf=f"certfile {cert}\nkeyfile {key}\n")
    broker.start()
    try:
        url = f"mqtts://127.0.0.1:{broker.port}"
        row = check_fleet(config(url))  # type: ignore[arg-type]
        assert row.status == "FAIL"
        assert "certificate" in row.detail and "not trusted" in row.detail
        ok = check_fleet(config(url, ca_bundle=str(cert)))  # type: ignore[arg-type]
        assert ok.status == "OK", ok
    finally:
        broker.stop()
