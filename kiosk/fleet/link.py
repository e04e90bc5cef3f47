"""The kiosk's one connection to head office: publish the heartbeat and the hourly counts.

A thread of its own owns the paho client (nothing else touches it, so no call ever blocks the
GUI thread): it connects with the last will set, publishes the newest heartbeat (retained)
and every sealed hour of counts (QoS 1, marked sent only when the broker acknowledges it),
and after any failure waits with a growing, jittered backoff before the next try. It
subscribes to nothing: the kiosk takes no commands and opens no port.

The GUI side only calls :meth:`FleetLink.publish_status` (keeps the document; returns at
once) and reads :attr:`FleetLink.state`; ``on_state`` is called from the link's thread.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.reasoncodes import ReasonCode

from kiosk.config.model import Config, FleetConfig
from kiosk.fleet.counts import CountStore
from kiosk.fleet.status_doc import encode, identity, offline_doc
from kiosk.fleet.topics import COUNTS, STATUS, kiosk_id_from, kiosk_topic
from kiosk.sources.backoff import Backoff
from kiosk.util.mqtt_connect import (
    CONNECT_TIMEOUT_S,
    BrokerAddress,
    LinkProblem,
    close_leaked_sockets,
    explain_error,
    explain_refusal,
    make_client,
)

log = logging.getLogger(__name__)

LOOP_S = 0.2
#: How often sealed hours are looked for when nothing asks sooner.
COUNTS_CHECK_S = 60.0
GOODBYE_WAIT_S = 2.0
#: A session that ended to set a newer last will (not a problem: reconnect at once).
RENEW_WILL = LinkProblem("renew", "a newer last will")


@dataclass(frozen=True)
class LinkState:
    connected: bool = False
    problem: LinkProblem | None = None
    statuses_sent: int = 0
    hours_sent: int = 0
    last_sent_at: float | None = None  # time the broker last acknowledged a message
    retry_in_s: float = 0.0


def address_from_config(fleet: FleetConfig) -> BrokerAddress:
    """The broker in ``[fleet]`` (the config checks have made sure the URL is one)."""
    return BrokerAddress.from_url(
        fleet.broker,
        ca_file=fleet.ca_bundle,
        username=fleet.username,
        password=fleet.password,
        cert_file=fleet.client_cert,
        key_file=fleet.client_key,
    )


def kiosk_id(config: Config) -> str:
    """``fleet.kiosk``, or an id made from the site's name."""
    return config.fleet.kiosk or kiosk_id_from(config.site.name)


def wait_for_login(
    client: mqtt.Client,
    connack: list[ReasonCode],
    address: BrokerAddress,
    stopping: threading.Event | None = None,
    hint: str = "",
) -> LinkProblem | None:
    """Run ``client``'s loop until the broker answers the login (``connack`` fills in);
    ``hint``: what a refused login should tell the reader to check."""
    deadline = time.monotonic() + CONNECT_TIMEOUT_S
    while not connack:
        if client.loop(LOOP_S) != mqtt.MQTT_ERR_SUCCESS and not connack:
            return LinkProblem("offline", f"{address.where} closed the connection at login")
        if stopping is not None and stopping.is_set():
            return None
        if time.monotonic() > deadline and not connack:
            return LinkProblem("timeout", f"{address.where} did not answer the login")
    return explain_refusal(connack[0], address, hint) if connack[0].is_failure else None


def probe_broker(address: BrokerAddress) -> LinkProblem | None:
    """Log in once and leave (``kiosk doctor``): None if the broker accepts this kiosk.

    It publishes nothing and sets no last will, so a kiosk running beside it is not disturbed.
    """
    client = make_client(address, f"gsk-probe-{uuid.uuid4().hex[:8]}")
    connack: list[ReasonCode] = []
    client.on_connect = lambda _c, _u, _f, reason, _p: connack.append(reason)
    try:
        client.connect(address.host, address.port, 30)
    except Exception as exc:
        close_leaked_sockets(exc)
        return explain_error(exc, address)
    try:
        return wait_for_login(client, connack, address)
    finally:
        client.disconnect()
        client.loop(0.05)


class FleetLink:
    def __init__(
        self,
        address: BrokerAddress,
        fleet: str,
        kiosk: str,
        *,
        open_counts: Callable[[], CountStore] | None = None,
        on_state: Callable[[LinkState], None] | None = None,
        clock: Callable[[], float] = time.time,
        backoff: Backoff | None = None,
        keepalive_s: int = 30,
    ) -> None:
        self.address = address
        self.fleet = fleet
        self.kiosk = kiosk
        self._open_counts = open_counts
        self._counts: CountStore | None = None  # opened on the link's thread
        self._on_state = on_state
        self._clock = clock
        self._backoff = backoff or Backoff(1.0, 60.0)
        self._keepalive_s = keepalive_s
        self._client_id = f"gsk-{fleet}-{kiosk}-{uuid.uuid4().hex[:6]}"[:64]
        self._lock = threading.Lock()
        self._status: dict[str, Any] | None = None
        self._status_fresh = False
        self._will_identity: tuple[str, ...] = ()
        self._counts_due = True
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._state = LinkState()  # not connected, no problem yet: the first try is on its way
        self._connected_at = 0.0

    @property
    def state(self) -> LinkState:
        with self._lock:
            return self._state

    @property
    def status_topic(self) -> str:
        return kiosk_topic(self.fleet, self.kiosk, STATUS)

    def publish_status(self, doc: dict[str, Any]) -> None:
        """Send ``doc`` as the retained heartbeat as soon as the broker can be reached."""
        with self._lock:
            self._status = doc
            self._status_fresh = True

    def send_counts_now(self) -> None:
        """Seal finished hours and send them at the next turn of the loop (not only each
        :data:`COUNTS_CHECK_S`)."""
        with self._lock:
            self._counts_due = True

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="kiosk-fleet-link", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Say goodbye (a retained "stopped" status) if connected, disconnect, join."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    # --- the link's thread -------------------------------------------------------------------

    def _set_state(self, **changes: Any) -> None:
        with self._lock:
            self._state = state = replace(self._state, **changes)
        if self._on_state is not None:
            self._on_state(state)

    def _run(self) -> None:
        try:
            self._loop()
        finally:
            if self._counts is not None:
                self._counts.close()
                self._counts = None

    def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                problem = self._session()
            except Exception as exc:  # a bug must not end the heartbeat for good
                log.exception("fleet link failed")
                problem = LinkProblem("refused", f"internal error: {type(exc).__name__}")
            if problem is None:
                break
            if problem is RENEW_WILL:
                continue  # at once: nothing went wrong
            delay = self._backoff.next_delay()
            self._set_state(connected=False, problem=problem, retry_in_s=delay)
            log.info("head office broker: %s; retry in %.0f s", problem.words, delay)
            self._stopping.wait(delay)

    def _session(self) -> LinkProblem | None:
        """One connection, from connect to loss; None when it ended because of stop()."""
        address = self.address
        client = make_client(address, self._client_id)
        connected_at = self._connected_at = self._clock()
        with self._lock:
            last = self._status
        self._will_identity = identity(last)
        will = offline_doc(self.fleet, self.kiosk, connected_at, last=last)
        client.will_set(self.status_topic, encode(will), qos=1, retain=True)
        connack: list[ReasonCode] = []
        acked: list[int] = []
        client.on_connect = lambda _c, _u, _f, reason, _p: connack.append(reason)
        client.on_publish = lambda _c, _u, mid, _r, _p: acked.append(mid)
        try:
            client.connect(address.host, address.port, self._keepalive_s)
        except Exception as exc:
            close_leaked_sockets(exc)
            return explain_error(exc, address)
        try:
            return self._connected(client, connack, acked)
        finally:
            client.disconnect()
            client.loop(0.05)

    def _connected(
        self, client: mqtt.Client, connack: list[ReasonCode], acked: list[int]
    ) -> LinkProblem | None:
        problem = wait_for_login(client, connack, self.address, self._stopping)
        if problem is not None or self._stopping.is_set():
            return problem
        self._backoff.reset()
        self._set_state(connected=True, problem=None, retry_in_s=0.0)
        with self._lock:
            self._status_fresh = self._status is not None  # the will may have replaced it
            self._counts_due = True
        inflight: dict[int, int] = {}  # mid -> seq (0 = the heartbeat)
        next_counts_check = time.monotonic() + COUNTS_CHECK_S
        while True:
            if self._stopping.is_set():
                self._goodbye(client, acked)
                return None
            with self._lock:
                doc = self._status if self._status_fresh else None
                if doc is not None and not inflight and identity(doc) != self._will_identity:
                    # new packs or a new version: a clean reconnect makes a will that says so
                    # (the broker drops the old will unsent; the heartbeat goes out after it)
                    return RENEW_WILL
                self._status_fresh = False
                counts_due = self._counts_due or time.monotonic() >= next_counts_check
                self._counts_due = False
            if doc is not None:
                info = client.publish(self.status_topic, encode(doc), qos=1, retain=True)
                inflight[info.mid] = 0
            if counts_due and self._open_counts is not None:
                next_counts_check = time.monotonic() + COUNTS_CHECK_S
                if any(inflight.values()):  # one batch at a time: ask again next turn
                    with self._lock:
                        self._counts_due = True
                else:
                    self._publish_hours(client, inflight)
            if client.loop(LOOP_S) != mqtt.MQTT_ERR_SUCCESS:
                return LinkProblem("offline", f"lost the connection to {self.address.where}")
            self._take_acks(acked, inflight)

    def _publish_hours(self, client: mqtt.Client, inflight: dict[int, int]) -> None:
        if self._counts is None:
            assert self._open_counts is not None
            self._counts = self._open_counts()
        self._counts.seal(self._clock())
        topic = kiosk_topic(self.fleet, self.kiosk, COUNTS)
        for message in self._counts.pending():
            info = client.publish(topic, message.payload(self.fleet, self.kiosk), qos=1)
            inflight[info.mid] = message.seq

    def _take_acks(self, acked: list[int], inflight: dict[int, int]) -> None:
        if not acked:
            return
        now = self._clock()
        statuses = hours = 0
        while acked:
            seq = inflight.pop(acked.pop(), None)
            if seq is None:
                continue
            if seq == 0:
                statuses += 1
            else:
                hours += 1
                if self._counts is not None:
                    self._counts.mark_sent(seq, now)
        state = self.state
        self._set_state(
            statuses_sent=state.statuses_sent + statuses,
            hours_sent=state.hours_sent + hours,
            last_sent_at=now,
        )

    def _goodbye(self, client: mqtt.Client, acked: list[int]) -> None:
        """Replace the heartbeat with "stopped", so head office knows it was on purpose."""
        with self._lock:
            last = self._status
        goodbye = offline_doc(self.fleet, self.kiosk, self._connected_at, self._clock(), last=last)
        info = client.publish(self.status_topic, encode(goodbye), qos=1, retain=True)
        deadline = time.monotonic() + GOODBYE_WAIT_S
        while info.mid not in acked and time.monotonic() < deadline:
            if client.loop(0.05) != mqtt.MQTT_ERR_SUCCESS:
                break
        self._set_state(connected=False, problem=LinkProblem("offline", "stopped"))
