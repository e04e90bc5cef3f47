"""Head office side: read every kiosk's retained status from the broker, once.

It subscribes to ``green-space-kiosk/v1/<fleet or +>/+/status``; the broker hands out the
retained documents right after the subscription is acknowledged. Reading stops when nothing
new has come for ``quiet_s`` (or at ``timeout_s``). A document that is not valid JSON, or too
large, is kept as "unreadable" so the kiosk still shows up.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.reasoncodes import ReasonCode

from kiosk.fleet.link import wait_for_login
from kiosk.fleet.topics import split_topic, status_filter
from kiosk.util.mqtt_connect import (
    BrokerAddress,
    LinkProblem,
    close_leaked_sockets,
    explain_error,
    make_client,
)

MAX_STATUS_BYTES = 64 * 1024


class ReadFailed(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.words)
        self.problem = problem


def read_statuses(
    address: BrokerAddress,
    fleet: str = "",
    *,
    quiet_s: float = 1.5,
    timeout_s: float = 60.0,
    login_hint: str = "",
    ca_hint: str = "fleet.ca_bundle",
) -> dict[tuple[str, str], dict[str, Any]]:
    """(fleet, kiosk) -> status document, for every retained status under the filter."""
    client = make_client(address, f"gsk-hq-{uuid.uuid4().hex[:8]}")
    docs: dict[tuple[str, str], dict[str, Any]] = {}
    connack: list[ReasonCode] = []
    subscribed = threading.Event()
    last_message = [time.monotonic()]

    def on_message(_c: mqtt.Client, _u: object, msg: mqtt.MQTTMessage) -> None:
        parts = split_topic(msg.topic)
        if parts is None or not msg.payload:  # an empty retained message clears a topic
            return
        last_message[0] = time.monotonic()
        docs[(parts[0], parts[1])] = _parse(bytes(msg.payload), parts[0], parts[1])

    def on_subscribe(*_args: object) -> None:
        last_message[0] = time.monotonic()
        subscribed.set()

    client.on_connect = lambda _c, _u, _f, reason, _p: connack.append(reason)
    client.on_message = on_message
    client.on_subscribe = on_subscribe
    try:
        client.connect(address.host, address.port, 60)
    except Exception as exc:
        close_leaked_sockets(exc)
        raise ReadFailed(explain_error(exc, address, ca_hint)) from None
    try:
        problem = wait_for_login(client, connack, address, hint=login_hint)
        if problem is not None:
            raise ReadFailed(problem)
        client.subscribe(status_filter(fleet), qos=1)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if client.loop(0.1) != mqtt.MQTT_ERR_SUCCESS:
                raise ReadFailed(LinkProblem("offline", f"lost the connection to {address.where}"))
            if subscribed.is_set() and time.monotonic() - last_message[0] >= quiet_s:
                break
    finally:
        client.disconnect()
        client.loop(0.05)
    return docs


def _parse(payload: bytes, fleet: str, kiosk: str) -> dict[str, Any]:
    unreadable = {"schema": 0, "fleet": fleet, "kiosk": kiosk, "online": False,
                  "unreadable": True}  # fmt: skip
    if len(payload) > MAX_STATUS_BYTES:
        return unreadable
    try:
        doc = json.loads(payload)
    except (ValueError, RecursionError):
        return unreadable
    if not isinstance(doc, dict):
        return unreadable
    doc["fleet"], doc["kiosk"] = fleet, kiosk  # the topic says who it is
    return doc
