"""The mosquitto ACL in docs/fleet.md, on a real mosquitto: a kiosk writes its own status (and
its last will lands), cannot write another kiosk's, and reads nothing; head office reads all."""

from __future__ import annotations

import re
import time
from pathlib import Path

from loopback import Mosquitto, wait_until
from mqtt_helpers import Watcher

from kiosk.fleet.link import FleetLink
from kiosk.fleet.status_doc import KioskFacts, build_status
from kiosk.sources.backoff import Backoff
from kiosk.util.mqtt_connect import BrokerAddress

DOC = Path(__file__).parents[2] / "docs" / "fleet.md"


def documented_acl() -> str:
    text = DOC.read_text("utf-8")
    block = re.search(r"mosquitto \(`acl_file`.*?```text\n(.*?)```", text, re.S)
    assert block, "docs/fleet.md has no mosquitto ACL block"
    return block[1]


def test_each_kiosk_writes_only_its_own_topics(tmp_path: Path) -> None:
    acl = tmp_path / "acl"
    acl.write_text(documented_acl())
    users = {"store-0001": "pw1", "store-0002": "pw2", "hq": "hqpw"}
    broker = Mosquitto(tmp_path, users=users, listener_conf=f"acl_file {acl}\n")
    broker.start()
    links: list[FleetLink] = []
    hq = None
    try:
        hq = Watcher(broker.port, "green-space-kiosk/v1/#")
        hq.client.username_pw_set("hq", "hqpw")
        hq.start()

        def kiosk(user: str, password: str, as_kiosk: str) -> FleetLink:
            address = BrokerAddress("127.0.0.1", broker.port, username=user, password=password)
            link = FleetLink(address, "east-region", as_kiosk, backoff=Backoff(0.2, 0.5))
            link.start()
            links.append(link)
            link.publish_status(build_status(KioskFacts("east-region", as_kiosk, "1"), time.time()))
            assert wait_until(lambda: link.state.statuses_sent == 1, 10)
            return link

        kiosk("store-0001", "pw1", "store-0001")  # its own topic
        kiosk("store-0002", "pw2", "store-0001")  # pretends to be store-0001: dropped
        own = hq.wait_for(lambda d: d["kiosk"] == "store-0001")
        assert own["online"] is True
        time.sleep(1.0)
        assert len(hq.messages) == 1, hq.messages  # the forged status never arrived
        # a kiosk reads nothing, not even its own fleet
        spy = Watcher(broker.port, "green-space-kiosk/v1/#")
        spy.client.username_pw_set("store-0002", "pw2")
        spy.start()
        time.sleep(1.0)
        assert spy.messages == []
        spy.stop()
        # the last will is a write to the kiosk's own topic: allowed
        links[0].stop()
        assert hq.wait_for(lambda d: d["online"] is False)["reason"] == "stopped"
    finally:
        for link in links:
            link.stop()
        if hq is not None:
            hq.stop()
        broker.stop()
