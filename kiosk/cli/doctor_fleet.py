"""``kiosk doctor``'s head office check: log in to the ``[fleet]`` broker once, publish nothing."""

from __future__ import annotations

from kiosk.cli.doctor_site import Check
from kiosk.config import Config


def check_fleet(config: Config) -> Check:
    from kiosk.fleet.link import address_from_config, kiosk_id, probe_broker

    fleet = config.fleet
    if not fleet.broker:
        return Check("head office", "OK", "not configured: no heartbeat ([fleet] broker)")
    address = address_from_config(fleet)
    problem = probe_broker(address)
    where = f"{address.url} as {fleet.fleet}/{kiosk_id(config)}"
    if problem is not None:
        return Check("head office", "FAIL", f"{where}: {problem.words}")
    login = f"user {fleet.username}" if fleet.username else "no login"
    if fleet.client_cert:
        login += ", client certificate"
    return Check("head office", "OK", f"{where}: broker accepts the login ({login})")
