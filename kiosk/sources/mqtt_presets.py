"""Ready-made topic maps for common MQTT devices and gateways.

Each preset lists its topics with ``{prefix}`` standing for the device's own topic prefix
(``topic_prefix``, or the preset's default), the unit each value is sent in, and the
availability topic the device publishes as its last will. ``tests/sources/payloads/`` holds
messages written from each project's documentation, and the tests publish them on a real
broker. ``docs/sources.md`` shows the matching config.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.sources.options.mqtt import TopicOptions


@dataclass(frozen=True)
class MqttPreset:
    title: str
    default_prefix: str
    topics: tuple[TopicOptions, ...]
    availability_topic: str = ""
    payload_online: str = "online"
    payload_offline: str = "offline"

    def topics_for(self, prefix: str) -> tuple[TopicOptions, ...]:
        p = prefix or self.default_prefix
        return tuple(_with_topic(t, t.topic.format(prefix=p)) for t in self.topics)

    def availability_for(self, prefix: str) -> str:
        return self.availability_topic.format(prefix=prefix or self.default_prefix)


def _with_topic(t: TopicOptions, topic: str) -> TopicOptions:
    return replace(t, topic=topic)


_T = TopicOptions

MQTT_PRESETS: dict[str, MqttPreset] = {
    # AhoyDTU (Hoymiles gateway): plain numbers; the totals over all inverters sit under
    # <prefix>/total: P_AC in W, YieldTotal in kWh.
    "ahoydtu": MqttPreset(
        title="AhoyDTU (Hoymiles micro-inverters), totals",
        default_prefix="inverter",
        topics=(
            _T(topic="{prefix}/total/P_AC", metric="pv_power_w", unit="W"),
            _T(topic="{prefix}/total/YieldTotal", metric="pv_energy_wh", unit="kWh"),
        ),
    ),
    # emonhub (OpenEnergyMonitor) publishes one plain number per input under emon/<node>/:
    # an emonTx4 sends P1..P6 in W and E1..E6 in Wh; CT 1 on the building's supply, CT 2 on PV.
    "emonhub": MqttPreset(
        title="emonhub / emonTx4 (OpenEnergyMonitor) inputs",
        default_prefix="emon/emontx4",
        topics=(
            _T(topic="{prefix}/P1", metric="load_power_w", unit="W"),
            _T(topic="{prefix}/E1", metric="load_energy_wh", unit="Wh"),
            _T(topic="{prefix}/P2", metric="pv_power_w", unit="W"),
            _T(topic="{prefix}/E2", metric="pv_energy_wh", unit="Wh"),
        ),
    ),
    # OpenDTU (Hoymiles gateway): totals over all inverters under <prefix>/ac: power in W,
    # yieldtotal in kWh; <prefix>/dtu/status is its last will (online/offline).
    "opendtu": MqttPreset(
        title="OpenDTU (Hoymiles micro-inverters), totals",
        default_prefix="solar",
        topics=(
            _T(topic="{prefix}/ac/power", metric="pv_power_w", unit="W"),
            _T(topic="{prefix}/ac/yieldtotal", metric="pv_energy_wh", unit="kWh"),
        ),
        availability_topic="{prefix}/dtu/status",
    ),
    # Shelly Gen2/Gen3 over MQTT: <device id>/status/switch:0 carries the same JSON as the RPC
    # Switch.GetStatus (apower W, aenergy.total Wh); <device id>/online is true/false.
    "shelly_gen2": MqttPreset(
        title="Shelly Gen2 switch status over MQTT",
        default_prefix="shellyplus1pm",
        topics=(
            _T(topic="{prefix}/status/switch:0", json_path="apower", metric="load_power_w",
               unit="W"),
            _T(topic="{prefix}/status/switch:0", json_path="aenergy.total",
               metric="load_energy_wh", unit="Wh"),
        ),
        availability_topic="{prefix}/online",
        payload_online="true",
        payload_offline="false",
    ),
    # Tasmota energy plugs and meters: tele/<topic>/SENSOR every TelePeriod, ENERGY.Power in W,
    # ENERGY.Total in kWh; tele/<topic>/LWT is Online/Offline.
    "tasmota": MqttPreset(
        title="Tasmota energy monitoring (SENSOR telemetry)",
        default_prefix="tasmota",
        topics=(
            _T(topic="tele/{prefix}/SENSOR", json_path="ENERGY.Power", metric="load_power_w",
               unit="W"),
            _T(topic="tele/{prefix}/SENSOR", json_path="ENERGY.Total", metric="load_energy_wh",
               unit="kWh"),
        ),
        availability_topic="tele/{prefix}/LWT",
        payload_online="Online",
        payload_offline="Offline",
    ),
}  # fmt: skip
