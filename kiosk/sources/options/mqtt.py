"""Options of ``type = "mqtt"`` sources (the adapter is :mod:`kiosk.sources.mqtt`)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config.schema import setting
from kiosk.sources.options import METRIC_NAMES, SIGNS


@dataclass(frozen=True)
class TopicOptions:
    """One topic-to-metric mapping of an ``mqtt`` source."""

    topic: str = setting("", "Topic filter; + and # wildcards allowed")
    metric: str = setting("pv_power_w", "Metric the value feeds", choices=METRIC_NAMES)
    json_path: str = setting("", "Path to the value in a JSON payload (empty = plain number)")
    scale: float = setting(1.0, "Factor to the metric's unit (1000 for kW → W)", min=-1e9, max=1e9)
    sign: str = setting("as_is", "Use all of the value or one side of zero", choices=SIGNS)
    numeric_strings: bool = setting(False, "Accept numbers sent as text inside JSON")
    meter: str = setting("", "Sub-meter id (empty = whole site)")


@dataclass(frozen=True)
class MqttOptions:
    """``type = "mqtt"``: values pushed through an MQTT broker."""

    host: str = setting("", "Broker host name or IP address")
    port: int = setting(1883, "Broker port (8883 is usual for TLS)", min=1, max=65535)
    tls: bool = setting(False, "Connect with TLS")
    ca_file: str = setting("", "CA certificate file for TLS (empty = system default)")
    username: str = setting("", "User name (empty = anonymous)")
    password: str = setting("", "Password", secret=True)
    client_id: str = setting("", "Client id (empty = a unique one per start)")
    keepalive_seconds: int = setting(30, "Keep-alive interval", min=5, max=3600)
    reconnect_max_seconds: int = setting(
        30, "Longest wait between reconnect attempts", min=1, max=3600
    )
    qos: int = setting(1, "Subscription QoS", choices=(0, 1, 2))
    availability_topic: str = setting("", "Topic carrying the device's online/offline state (LWT)")
    payload_online: str = setting("online", "Availability payload meaning online")
    payload_offline: str = setting("offline", "Availability payload meaning offline")
    max_payload_bytes: int = setting(
        65536, "Largest payload accepted", min=16, max=16 * 1024 * 1024
    )
    topics: tuple[TopicOptions, ...] = setting((), "Topic to metric mappings")
