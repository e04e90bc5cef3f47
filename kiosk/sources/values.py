"""One value of a JSON payload turned into a metric's number: unit, direction, sign, scale.

Shared by the HTTP JSON and MQTT adapters (and their presets). A value may take its unit from
the payload (``unit_path``, e.g. Home Assistant's ``attributes.unit_of_measurement`` or
SolarEdge's ``unit``) or from the config (``unit``); it is converted to the metric's own unit
(W, Wh, L, %). An unknown unit, or a unit of the wrong kind, refuses the value with a message
naming both; a value whose unit should come from the payload but is missing is refused, never
guessed. A direction (``direction_path`` + ``direction``) says when a magnitude counts for this
metric: a text field (``"export"``) or a list of ``{"from": .., "to": ..}`` connections
(``"LOAD>GRID"``); otherwise the value is 0 (power flows the other way, or not at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.energy.metrics import Metric
from kiosk.sources.jsonpath import (
    PathError,
    Step,
    compile_path,
    format_path,
    pick_number,
    pick_text,
    resolve,
)
from kiosk.sources.options import UNIT_ALIASES, UNIT_FACTORS, apply_scale


def unit_factor(unit: str, metric: Metric) -> float:
    """Factor from ``unit`` to ``metric``'s unit. Raises PathError naming both when impossible."""
    name = UNIT_ALIASES.get(unit.strip(), unit.strip())
    factor = UNIT_FACTORS[metric.unit].get(name)
    if factor is None:
        kind = next((u for u, table in UNIT_FACTORS.items() if name in table), None)
        if kind is None:
            raise PathError(f"unknown unit {unit[:20]!r}")
        raise PathError(f"unit {unit[:20]!r} is not a {metric.unit.value} unit for {metric.value}")
    return factor


def check_unit(unit: str, metric: Metric) -> str:
    """``unit`` if it converts to ``metric``'s unit, else a message (for config checks)."""
    if not unit:
        return ""
    try:
        unit_factor(unit, metric)
    except PathError as exc:
        return str(exc)
    return ""


@dataclass(frozen=True)
class ValueRule:
    """A compiled value map: where the number is, its unit, its direction, sign and scale."""

    metric: Metric
    steps: tuple[Step, ...]
    scale: float = 1.0
    sign: str = "as_is"
    flip_sign: bool = False
    unit: str = ""
    unit_steps: tuple[Step, ...] | None = None
    direction_steps: tuple[Step, ...] | None = None
    direction: tuple[tuple[str, str] | str, ...] = ()
    numeric_strings: bool = False
    null_is_zero: bool = False

    def number_from(self, doc: Any) -> float:
        """The metric's value in ``doc``. Raises PathError saying why there is none."""
        value = pick_number(
            doc, self.steps, numeric_strings=self.numeric_strings, null_is_zero=self.null_is_zero
        )
        if self.unit_steps is not None:
            try:
                unit = pick_text(doc, self.unit_steps)
            except PathError as exc:
                raise PathError(f"{_where(self.steps)} has no unit ({exc})") from None
            value *= _named(unit, self.metric, value)
        elif self.unit:
            value *= unit_factor(self.unit, self.metric)
        if self.flip_sign:
            value = -value
        if self.direction_steps is not None and not self._flows(doc):
            return 0.0
        return apply_scale(value, self.scale, self.sign)

    def _flows(self, doc: Any) -> bool:
        assert self.direction_steps is not None
        node = resolve(doc, self.direction_steps)
        if isinstance(node, str):
            return node.strip().lower() in {d for d in self.direction if isinstance(d, str)}
        if isinstance(node, list):
            pairs = {
                (str(c.get("from", "")).strip().lower(), str(c.get("to", "")).strip().lower())
                for c in node
                if isinstance(c, dict)
            }
            return any(isinstance(d, tuple) and d in pairs for d in self.direction)
        raise PathError(
            f"{_where(self.direction_steps)}: expected a direction text or a list of connections"
        )


def compile_rule(
    *,
    metric: str,
    path: str,
    scale: float = 1.0,
    sign: str = "as_is",
    flip_sign: bool = False,
    unit: str = "",
    unit_path: str = "",
    direction_path: str = "",
    direction: str = "",
    numeric_strings: bool = False,
    null_is_zero: bool = False,
    path_key: str = "path",
) -> ValueRule:
    """Compile one value map. Raises PathError (with the option's name) when it cannot work."""
    m = Metric(metric)
    try:
        steps = compile_path(path) if path else ()
    except PathError as exc:
        raise PathError(f"{path_key}: {exc}") from None
    problem = check_unit(unit, m)
    if problem:
        raise PathError(f"unit: {problem}")
    unit_steps = _compile_relative(unit_path, steps, "unit_path") if unit_path else None
    direction_steps = None
    parsed: tuple[tuple[str, str] | str, ...] = ()
    if direction_path or direction:
        if not (direction_path and direction):
            raise PathError("direction_path and direction: give both or neither")
        direction_steps = _compile_relative(direction_path, steps, "direction_path")
        parsed = tuple(_direction(d) for d in direction.split("|"))
    return ValueRule(
        m, steps, scale, sign, flip_sign, unit, unit_steps, direction_steps, parsed,
        numeric_strings, null_is_zero,
    )  # fmt: skip


def _compile_relative(path: str, value_steps: tuple[Step, ...], name: str) -> tuple[Step, ...]:
    """A path; one starting with '.' is taken from the object that holds the value."""
    try:
        if path.startswith("."):
            return value_steps[:-1] + compile_path(path[1:])
        return compile_path(path)
    except PathError as exc:
        raise PathError(f"{name}: {exc}") from None


def _direction(text: str) -> tuple[str, str] | str:
    text = text.strip().lower()
    if not text:
        raise PathError("direction: empty alternative")
    if ">" in text:
        src, _, dst = text.partition(">")
        return (src.strip(), dst.strip())
    return text


def _named(unit: str, metric: Metric, value: float) -> float:
    try:
        return unit_factor(unit, metric)
    except PathError as exc:
        raise PathError(f"value {value:g}: {exc}") from None


def _where(steps: tuple[Step, ...]) -> str:
    return format_path(steps) or "payload"
