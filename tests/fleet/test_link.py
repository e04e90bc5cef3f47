"""The heartbeat link against a real mosquitto on loopback: retained status, exactly-once
hourly counts across a broker outage, wrong credentials and TLS failures in plain words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback import Mosquitto, wait_until
from mqtt_helpers import Watcher, self_signed

from kiosk.fleet.counts import HOUR_S, CountStore, hour_of
from kiosk.fleet.link import FleetLink
from kiosk.fleet.status_doc import KioskFacts, build_status
from kiosk.fleet.topics import status_filter
from kiosk.sources.backoff import Backoff
from kiosk.util.mqtt_connect import BrokerAddress

T0 = 1_798_700_000.0  # 2026-12-31, some hour


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


def make_link(port: int, **kw: object) -> FleetLink:
    address = kw.pop("address", None) or BrokerAddress("127.0.0.1", port)
    return FleetLink(
        address,  # type: ignore[arg-type]
        "chain",
        "store-0001",
        backoff=Backoff(0.2, 0.5),
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def link(broker: Mosquitto) -> Iterator[FleetLink]:
    lk = make_link(broker.port)
    lk.start()
    yield lk
    lk.stop()


def test_status_is_retained_for_a_subscriber_that_comes_later(
    broker: Mosquitto, link: FleetLink
) -> None:
    doc = build_status(KioskFacts("chain", "store-0001", "1.2.3", packs=(("eco", "2026.1"),)), T0)
    link.publish_status(doc)
    assert wait_until(lambda: link.state.statuses_sent == 1, 10)
    late = Watcher(broker.port, status_filter("chain")).start()  # connects after the publish
    try:
        got = late.wait_for(lambda d: d["online"])
        assert got["packs"] == [{"id": "eco", "version": "2026.1"}]
        assert late.messages[0][2], "the heartbeat must be retained"
    finally:
        late.stop()


def test_clean_stop_leaves_a_stopped_status(broker: Mosquitto) -> None:
    link = make_link(broker.port)
    link.start()
    link.publish_status(build_status(KioskFacts("chain", "store-0001", "1"), T0))
    assert wait_until(lambda: link.state.statuses_sent == 1, 10)
    link.stop()
    late = Watcher(broker.port, status_filter()).start()
    try:
        got = late.wait_for(lambda d: True)
        assert (got["online"], got["reason"]) == (False, "stopped")
    finally:
        late.stop()


def test_counts_buffered_while_the_broker_is_down_arrive_exactly_once(tmp_path: Path) -> None:
    broker = Mosquitto(tmp_path, persistence=True)
    broker.start()
    # head office's collector: a persistent session, so nothing is lost while it is away
    collector = Watcher(broker.port, "green-space-kiosk/v1/+/+/counts", session="hq").start()
    clock = Clock()
    store = CountStore(tmp_path / "counts.sqlite3")
    link = make_link(
        broker.port, open_counts=lambda: CountStore(tmp_path / "counts.sqlite3"), clock=clock
    )
    link.start()
    try:
        assert wait_until(lambda: link.state.connected, 10)
        hour0 = hour_of(T0)
        store.add({hour0: {"sessions": 3}}, T0)
        broker.stop()  # the broker goes down (SIGTERM: it saves its sessions)
        assert wait_until(lambda: not link.state.connected, 10)
        # three more hours of visitors while it is down
        for i in range(1, 4):
            store.add({hour0 + i: {"sessions": 10 + i, "quiz.right": i}}, T0 + i * HOUR_S)
        clock.now = T0 + 4 * HOUR_S + 600
        link.send_counts_now()
        assert store.outbox_state()[1] == 0  # nothing sealed yet: the link is offline
        broker.start()
        assert wait_until(lambda: store.outbox_state() == (4, 0), 20), store.outbox_state()
        # the collector reconnects by itself; its session kept what came while it was away
        assert wait_until(lambda: len(collector.messages) >= 4, 10)
        link.send_counts_now()  # asking again sends nothing twice
        wait_until(lambda: len(collector.messages) > 4, 1.5)
        docs = [d for _t, d, _r in collector.messages]
        assert [d["seq"] for d in docs] == [1, 2, 3, 4]
        assert [d["counts"]["sessions"] for d in docs] == [3, 11, 12, 13]
        assert docs[3]["counts"] == {"quiz.right": 3, "sessions": 13}
        assert docs[0]["hour"].endswith(":00Z") and docs[0]["kiosk"] == "store-0001"
    finally:
        link.stop()
        collector.stop()
        broker.stop()
        store.close()


def test_wrong_password_is_reported_in_plain_words(tmp_path: Path) -> None:
    broker = Mosquitto(tmp_path, users={"store-0001": "right"})
    broker.start()
    address = BrokerAddress("127.0.0.1", broker.port, username="store-0001", password="wrong")
    link = make_link(broker.port, address=address)
    link.start()
    try:
        assert wait_until(lambda: link.state.problem is not None and
                          link.state.problem.kind == "credentials", 10)  # fmt: skip
        problem = link.state.problem
        assert problem is not None
        assert "refused user 'store-0001'" in problem.words
        assert "fleet.password" in problem.words
        assert not link.state.connected
    finally:
        link.stop()
        broker.stop()


def test_untrusted_certificate_and_plain_port_are_tls_failures(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    broker = Mosquitto(tmp_path, listener_conf=f"certfile {cert}\nkeyfile {key}\n")
    broker.start()
    try:
        # the system CAs do not trust a self-signed broker
        untrusted = make_link(0, address=BrokerAddress("127.0.0.1", broker.port, tls=True))
        untrusted.start()
        assert wait_until(lambda: (untrusted.state.problem or _none()).kind == "tls", 10)
        words = (untrusted.state.problem or _none()).words
        untrusted.stop()
        assert "certificate" in words and "not trusted" in words and "fleet.ca_bundle" in words
        # with the broker's CA it connects
        trusted = make_link(
            0, address=BrokerAddress("127.0.0.1", broker.port, tls=True, ca_file=str(cert))
        )
        trusted.start()
        assert wait_until(lambda: trusted.state.connected, 10), trusted.state
        trusted.stop()
    finally:
        broker.stop()
    plain = Mosquitto(tmp_path / "plain") if (tmp_path / "plain").mkdir() is None else None
    assert plain is not None
    plain.start()
    try:
        wrong_port = make_link(0, address=BrokerAddress("127.0.0.1", plain.port, tls=True))
        wrong_port.start()
        assert wait_until(lambda: (wrong_port.state.problem or _none()).kind == "tls", 10)
        assert "TLS port" in (wrong_port.state.problem or _none()).words
        wrong_port.stop()
    finally:
        plain.stop()


def test_broker_down_is_offline_in_plain_words(tmp_path: Path) -> None:
    from loopback import free_port

    link = make_link(free_port())
    link.start()
    try:
        assert wait_until(lambda: (link.state.problem or _none()).words.startswith(
            "nothing accepts connections"), 10)  # fmt: skip
    finally:
        link.stop()


def _none():  # type: ignore[no-untyped-def]
    from kiosk.util.mqtt_connect import LinkProblem

    return LinkProblem("", "")
