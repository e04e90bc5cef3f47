"""A head-office-side subscriber and a throwaway TLS certificate for the fleet tests."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import threading
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from paho.mqtt.enums import CallbackAPIVersion


class Watcher:
    """Subscribes to ``topic`` and keeps every message (QoS 1; ``session`` keeps a persistent
    session under that client id, so messages wait for it while it is away)."""

    def __init__(self, port: int, topic: str, session: str = "") -> None:
        self.messages: list[tuple[str, dict[str, Any], bool]] = []
        self._cond = threading.Condition()
        self._topic = topic
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2,
            client_id=session,
            clean_session=not session,
            protocol=mqtt.MQTTv311,
        )
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.subscribed = threading.Event()
        self.client.on_subscribe = lambda *_a: self.subscribed.set()
        self.port = port

    def start(self) -> Watcher:
        self.client.connect("127.0.0.1", self.port)
        self.client.loop_start()
        assert self.subscribed.wait(5), "subscription not acknowledged"
        return self

    def stop(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()

    def _on_connect(self, client: mqtt.Client, *_a: Any) -> None:
        client.subscribe(self._topic, qos=1)

    def _on_message(self, _c: mqtt.Client, _u: Any, msg: mqtt.MQTTMessage) -> None:
        with self._cond:
            self.messages.append((msg.topic, json.loads(msg.payload), bool(msg.retain)))
            self._cond.notify_all()

    def find(self, test: Any) -> dict[str, Any] | None:
        """The first document so far for which ``test(doc)`` holds (for qtbot.waitUntil)."""
        with self._cond:
            return next((d for _t, d, _r in self.messages if test(d)), None)

    def wait_for(self, test: Any, timeout: float = 10.0) -> dict[str, Any]:
        """Blocking (so never on a GUI thread that must deliver signals meanwhile)."""
        with self._cond:
            found: list[dict[str, Any]] = []

            def check() -> bool:
                found[:] = [d for _t, d, _r in self.messages if test(d)][:1]
                return bool(found)

            assert self._cond.wait_for(check, timeout), f"no matching message: {self.messages}"
            return found[0]


def self_signed(workdir: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """A certificate (also its own CA) and key for ``host``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test broker")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = workdir / "broker.crt", workdir / "broker.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file
