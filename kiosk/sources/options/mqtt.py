"""Options of ``type = "mqtt"`` sources (the adapter is :mod:`kiosk.sources.mqtt`)."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config.schema import setting
from kiosk.sources.options import COMBINE, MQTT_PRESET_NAMES
from kiosk.sources.options.value_map import ValueMapOptions


@dataclass(frozen=True)
class TopicOptions(ValueMapOptions):
    """One topic-to-metric mapping of an ``mqtt`` source."""

    topic: str = setting("", "Topic filter; + and # wildcards allowed")
    json_path: str = setting("", "Path to the value in a JSON payload (empty = plain number)")
    combine: str = setting(
        "newest", "Several topics matching a wildcard: the newest message, or the sum per topic",
        choices=COMBINE,
    )  # fmt: skip
    part_stale_seconds: float = setting(
        300.0, "A summed topic silent this long makes the sum partial", min=1, max=86400
    )


@dataclass(frozen=True)
class MqttOptions:
    """``type = "mqtt"``: values pushed through an MQTT broker."""

    host: str = setting("", "Broker host name or IP address")
    preset: str = setting(
        "", "Ready-made topic map for a device (used when topics is empty)",
        choices=("", *MQTT_PRESET_NAMES),
    )  # fmt: skip
    topic_prefix: str = setting(
        "", "The device's topic prefix for the preset (empty = the preset's default)"
    )
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
