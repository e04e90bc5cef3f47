"""One way to reach an MQTT broker: address, credentials, TLS, and failures in plain words.

Used by the MQTT data source (:mod:`kiosk.sources.mqtt`), the heartbeat to head office
(:mod:`kiosk.fleet.link`), ``kiosk fleet status`` and ``kiosk doctor``, so a wrong password or
an untrusted certificate reads the same everywhere.
"""

from __future__ import annotations

import socket
import ssl
import traceback
from dataclasses import dataclass
from urllib.parse import urlsplit

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion
from paho.mqtt.reasoncodes import ReasonCode

#: What a broker says (MQTT 3.1.1 CONNACK codes as paho names them) when the login is wrong.
AUTH_FAILURES = ("Bad user name or password", "Not authorized")
#: Seconds to wait for the TCP (and TLS) connection to a broker.
CONNECT_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class BrokerAddress:
    """Where a broker is and how to log in to it."""

    host: str
    port: int = 1883
    tls: bool = False
    ca_file: str = ""
    username: str = ""
    password: str = ""
    cert_file: str = ""
    key_file: str = ""

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        ca_file: str = "",
        username: str = "",
        password: str = "",
        cert_file: str = "",
        key_file: str = "",
    ) -> BrokerAddress:
        """``mqtt://host[:port]`` or ``mqtts://host[:port]``; raises ValueError in words."""
        parts = urlsplit(url)
        if parts.scheme not in ("mqtt", "mqtts") or not parts.hostname:
            raise ValueError(f"{url!r} is not a broker URL (mqtt://host or mqtts://host)")
        tls = parts.scheme == "mqtts"
        return cls(
            host=parts.hostname,
            port=parts.port or (8883 if tls else 1883),
            tls=tls,
            ca_file=ca_file,
            username=username,
            password=password,
            cert_file=cert_file,
            key_file=key_file,
        )

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{'mqtts' if self.tls else 'mqtt'}://{self.where}"


def make_client(address: BrokerAddress, client_id: str) -> mqtt.Client:
    """A paho client (MQTT 3.1.1, callbacks API 2) with the address's login and TLS set."""
    client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv311)
    if address.username:
        client.username_pw_set(address.username, address.password or None)
    if address.tls:
        client.tls_set(
            ca_certs=address.ca_file or None,
            certfile=address.cert_file or None,
            keyfile=address.key_file or None,
        )
    client.connect_timeout = CONNECT_TIMEOUT_S
    client.suppress_exceptions = True  # a callback bug is logged, the network loop goes on
    return client


@dataclass(frozen=True)
class LinkProblem:
    """Why a broker cannot be used. ``kind``: offline, timeout, tls, credentials or refused."""

    kind: str
    words: str


def close_leaked_sockets(exc: BaseException) -> None:
    """Close the sockets a failed ``connect`` left open: when the TLS handshake fails, paho
    drops the wrapped socket without closing it (an fd per retry, and a ResourceWarning)."""
    for frame, _line in traceback.walk_tb(exc.__traceback__):
        for value in list(frame.f_locals.values()):
            if isinstance(value, socket.socket):
                value.close()


def explain_error(
    exc: BaseException, address: BrokerAddress, ca_hint: str = "fleet.ca_bundle"
) -> LinkProblem:
    """A failed connect attempt (an exception from paho's ``connect``) in plain words;
    ``ca_hint`` names where the CA bundle is set (the kiosk's config key unless given)."""
    where = address.where
    if isinstance(exc, ssl.SSLCertVerificationError):
        why = exc.verify_message or exc.reason or "not trusted"
        return LinkProblem(
            "tls",
            f"the broker's certificate at {where} is not trusted ({why}); "
            f"check {ca_hint} and the host name in the URL",
        )
    if isinstance(exc, ssl.SSLError):
        why = exc.reason or str(exc)
        return LinkProblem(
            "tls",
            f"the secure connection to {where} failed ({why}); "
            "is this the broker's TLS port, and is the client certificate right?",
        )
    if address.tls and isinstance(exc, ConnectionResetError | ConnectionAbortedError):
        return LinkProblem(
            "tls",
            f"{where} hung up during the TLS handshake: is this the broker's TLS port "
            "(usually 8883), and does the broker accept this client certificate?",
        )
    if isinstance(exc, socket.gaierror):
        return LinkProblem("offline", f"cannot find the host {address.host} (check the name)")
    if isinstance(exc, ConnectionRefusedError):
        return LinkProblem("offline", f"nothing accepts connections at {where}: broker down?")
    if isinstance(exc, TimeoutError | socket.timeout):
        return LinkProblem("timeout", f"{where} did not answer within {CONNECT_TIMEOUT_S:.0f} s")
    if isinstance(exc, OSError):
        return LinkProblem("offline", f"cannot reach {where}: {exc.strerror or exc}")
    return LinkProblem("refused", f"cannot connect to {where}: {type(exc).__name__}: {exc}")


def explain_refusal(
    reason: ReasonCode | str, address: BrokerAddress, hint: str = ""
) -> LinkProblem:
    """The broker answered the login with a failure code; ``hint`` says what to check (the
    kiosk's config keys unless given)."""
    text = str(reason)
    if text in AUTH_FAILURES:
        who = f"user {address.username!r}" if address.username else "an anonymous login"
        hint = hint or "check fleet.username and fleet.password"
        return LinkProblem("credentials", f"the broker at {address.where} refused {who}: {hint}")
    return LinkProblem("refused", f"the broker at {address.where} refused the connection: {text}")
