"""MQTT adapter: subscribe to a broker, map topics to metrics, hand out what arrived.

paho's network loop runs in its own thread (``loop_start``) and reconnects by itself with a
capped backoff; every (re)connect subscribes again, since a clean session forgets them. Each
message is parsed at once and only the newest value per metric is kept, so memory stays flat
under any message rate; a topic with ``combine = "sum"`` keeps the newest value per matching
topic (at most :data:`MAX_SUM_TOPICS`) and hands out their sum, PARTIAL while some topic has
been silent longer than ``part_stale_seconds``. A ``preset`` (:mod:`kiosk.sources.mqtt_presets`)
fills in the topics and the availability topic for a known device. An availability topic (the device's last will) of ``payload_offline``
makes the source unavailable until the device says ``payload_online`` again.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import paho.mqtt.client as mqtt
from paho.mqtt.reasoncodes import ReasonCode

from kiosk.config.model import Config
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.sources.aggregate import Part, sum_parts
from kiosk.sources.base import Source, SourceMisconfigured, SourceUnavailable
from kiosk.sources.jsonpath import PathError, loads_json
from kiosk.sources.mqtt_presets import MQTT_PRESETS
from kiosk.sources.options.mqtt import MqttOptions, TopicOptions
from kiosk.sources.values import ValueRule, compile_rule
from kiosk.util.mqtt_connect import AUTH_FAILURES, BrokerAddress, make_client

#: Most topics one summed filter keeps (a broker publishing endless new topics stays bounded).
MAX_SUM_TOPICS = 256


@dataclass(frozen=True)
class _Mapping:
    options: TopicOptions
    rule: ValueRule

    @property
    def metric(self) -> Metric:
        return self.rule.metric


class MqttSource(Source):
    """Push source: buffers the newest value per metric; ``read`` hands out what is new."""

    def __init__(
        self, source_id: str, options: MqttOptions, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(source_id)
        if not options.host:
            raise SourceMisconfigured("options.host: the broker's address is required")
        options = _with_preset(options)
        self.options = options
        self._mappings = _compile(options.topics)
        self._parts: dict[int, dict[str, tuple[float, float]]] = {}  # summed: topic -> value, time
        self._filters = sorted({m.options.topic for m in self._mappings})
        self._clock = clock
        self._cond = threading.Condition()
        self._pending: dict[tuple[Metric, str], Reading] = {}
        self._connected = False
        self._refused = ""
        self._last_error = "not connected yet"
        self._available: bool | None = None
        #: Counters and the latest payload problems, for the staff screen.
        self.messages_received = 0
        self.messages_rejected = 0
        self.connects = 0
        self.value_problems: deque[str] = deque(maxlen=10)
        self._client = self._make_client()
        self._client.connect_async(options.host, options.port, options.keepalive_seconds)
        self._client.loop_start()

    def read(self, now: float) -> Sequence[Reading]:
        with self._cond:
            if self._refused:
                raise SourceMisconfigured(
                    f"broker {self._where} refused the login: {self._refused}"
                )
            if not self._connected:
                raise SourceUnavailable(
                    f"not connected to broker {self._where}: {self._last_error}"
                )
            if self._available is False:
                self._pending.clear()
                raise SourceUnavailable(
                    f"device reports offline on {self.options.availability_topic}"
                )
            readings = list(self._pending.values())
            self._pending.clear()
        return readings

    def wait_for_update(self, timeout_seconds: float) -> bool:
        """Block until a value is pending, at most ``timeout_seconds`` (for probes and tests)."""
        deadline = time.monotonic() + timeout_seconds
        with self._cond:
            while not self._pending:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._cond.wait(remaining):
                    return bool(self._pending)
        return True

    def mapped_metrics(self) -> frozenset[tuple[Metric, str]]:
        """Every (metric, meter) the topics map to: what a full set of messages gives."""
        return frozenset((m.metric, m.options.meter) for m in self._mappings)

    def wait_connected(self, timeout_seconds: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._connected, timeout_seconds)

    @property
    def connected(self) -> bool:
        return self._connected

    def close(self) -> None:
        self._client.disconnect()
        self._client.loop_stop()

    @property
    def _where(self) -> str:
        return f"{self.options.host}:{self.options.port}"

    def _make_client(self) -> mqtt.Client:
        opts = self.options
        client_id = opts.client_id or f"kiosk-{self.source_id}-{uuid.uuid4().hex[:8]}"
        address = BrokerAddress(
            opts.host, opts.port, opts.tls, opts.ca_file, opts.username, opts.password
        )
        client = make_client(address, client_id)
        client.reconnect_delay_set(1, opts.reconnect_max_seconds)
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        client.on_connect_fail = self._on_connect_fail
        return client

    def _on_connect(
        self, client: mqtt.Client, _u: object, _f: object, reason: ReasonCode, _p: object
    ) -> None:
        if reason.is_failure:
            with self._cond:
                self._last_error = f"broker refused the connection: {reason}"
                if str(reason) in AUTH_FAILURES:
                    self._refused = str(reason)
            return
        topics = [(f, self.options.qos) for f in self._filters]
        if self.options.availability_topic:
            topics.append((self.options.availability_topic, self.options.qos))
        if topics:
            client.subscribe(topics)
        with self._cond:
            self._connected = True
            self._refused = ""
            self.connects += 1
            self._cond.notify_all()

    def _on_disconnect(
        self, _c: mqtt.Client, _u: object, _f: object, reason: ReasonCode, _p: object
    ) -> None:
        with self._cond:
            self._connected = False
            self._last_error = f"connection lost ({reason})"
            self._cond.notify_all()

    def _on_connect_fail(self, _c: mqtt.Client, _u: object) -> None:
        with self._cond:
            self._connected = False
            self._last_error = "broker not reachable"

    def _on_message(self, _c: mqtt.Client, _u: object, msg: mqtt.MQTTMessage) -> None:
        # Runs on paho's network thread: an exception here would end that thread for good.
        try:
            self._take(msg)
        except Exception as exc:
            self._reject(f"{msg.topic}: cannot be read ({type(exc).__name__})")

    def _take(self, msg: mqtt.MQTTMessage) -> None:
        topic = msg.topic
        payload = msg.payload
        self.messages_received += 1
        if topic == self.options.availability_topic:
            state = payload.decode("utf-8", "replace").strip()
            with self._cond:
                if state == self.options.payload_offline:
                    self._available = False
                elif state == self.options.payload_online:
                    self._available = True
            return
        if len(payload) > self.options.max_payload_bytes:
            self._reject(f"{topic}: payload of {len(payload)} bytes is too large")
            return
        received_at = self._clock()
        for index, mapping in enumerate(self._mappings):
            if not mqtt.topic_matches_sub(mapping.options.topic, topic):
                continue
            try:
                value = _parse(bytes(payload), mapping)
            except PathError as exc:
                self._reject(f"{topic}: {exc}")
                continue
            provenance = Provenance.LIVE
            if mapping.options.combine == "sum":
                summed = self._sum(index, mapping, topic, value, received_at)
                if summed is None:
                    continue
                value, provenance = summed
            reading = Reading(
                mapping.metric, value, received_at, self.source_id, provenance,
                mapping.options.meter,
            )  # fmt: skip
            with self._cond:
                self._pending[(mapping.metric, mapping.options.meter)] = reading
                self._cond.notify_all()

    def _sum(
        self, index: int, mapping: _Mapping, topic: str, value: float, now: float
    ) -> tuple[float, Provenance] | None:
        """Keep ``topic``'s newest value; the sum over the filter's topics and its provenance."""
        parts = self._parts.setdefault(index, {})
        if topic not in parts and len(parts) >= MAX_SUM_TOPICS:
            self._reject(f"{topic}: more than {MAX_SUM_TOPICS} topics to sum")
            return None
        parts[topic] = (value, now)
        stale_after = mapping.options.part_stale_seconds
        return sum_parts(
            mapping.metric,
            [Part(v, now - t <= stale_after, Provenance.LIVE) for v, t in parts.values()],
        )

    def _reject(self, problem: str) -> None:
        self.messages_rejected += 1
        self.value_problems.append(problem)


def _parse(payload: bytes, mapping: _Mapping) -> float:
    if not mapping.options.json_path:
        try:
            text = payload.decode("utf-8").strip()
        except UnicodeDecodeError:
            raise PathError("payload is not UTF-8 text") from None
        return mapping.rule.number_from(text)
    try:
        doc = loads_json(payload)
    except (ValueError, RecursionError):
        raise PathError("payload is not valid JSON") from None
    return mapping.rule.number_from(doc)


def _with_preset(options: MqttOptions) -> MqttOptions:
    """``options`` with the preset's topics and availability filled in where none are given."""
    preset = MQTT_PRESETS.get(options.preset)
    if preset is None:
        return options
    prefix = options.topic_prefix
    if options.topics:
        return options
    options = replace(options, topics=preset.topics_for(prefix))
    if preset.availability_topic and not options.availability_topic:
        options = replace(
            options,
            availability_topic=preset.availability_for(prefix),
            payload_online=preset.payload_online,
            payload_offline=preset.payload_offline,
        )
    return options


def _compile(topics: Sequence[TopicOptions]) -> tuple[_Mapping, ...]:
    if not topics:
        raise SourceMisconfigured("options.topics: no topics configured")
    out = []
    for i, t in enumerate(topics):
        if (
            not t.topic
            or "#" in t.topic[:-1]
            or any("+" in level and level != "+" for level in t.topic.split("/"))
        ):
            raise SourceMisconfigured(f"options.topics[{i}].topic: not a valid filter: {t.topic!r}")
        try:
            rule = compile_rule(
                metric=t.metric, path=t.json_path, scale=t.scale, sign=t.sign,
                flip_sign=t.flip_sign, unit=t.unit, unit_path=t.unit_path,
                direction_path=t.direction_path, direction=t.direction,
                numeric_strings=t.numeric_strings or not t.json_path, path_key="json_path",
            )  # fmt: skip
        except PathError as exc:
            raise SourceMisconfigured(f"options.topics[{i}].{exc}") from None
        if not t.json_path and (t.unit_path or t.direction_path):
            raise SourceMisconfigured(
                f"options.topics[{i}]: unit_path and direction_path need a JSON payload (json_path)"
            )
        out.append(_Mapping(t, rule))
    return tuple(out)


def create(
    source_id: str, options: MqttOptions, config: Config, clock: Callable[[], float] = time.time
) -> MqttSource:
    return MqttSource(source_id, options, clock)
