"""A tiny, safe path syntax for picking one value out of a JSON document.

``Body.Data.Site.P_PV``, ``items[0].value``, ``sensors["temp.out"].v``: keys separated by dots,
list indices in brackets, keys with dots or brackets quoted in brackets, and
``production[type="eim"]``: the first object of a list whose field has that text (so a value is
found by what it is, not by where a device happens to list it). Nothing is evaluated; a path
compiles to a tuple of steps once, when the config is read.

Numbers are read with bounds, here and nowhere else: a JSON integer of more than
:data:`MAX_INT_DIGITS` digits, text longer than :data:`MAX_NUMBER_TEXT`, and any magnitude above
:data:`MAX_ABS_VALUE` are refused as that one value (never an exception that stops a reader).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

#: Largest magnitude any device value may have before scaling (1e15 Wh is 1,000 TWh).
MAX_ABS_VALUE = 1e15
#: Longest number sent as text that is read at all.
MAX_NUMBER_TEXT = 40
#: JSON integers with more digits than this are read as floats (and refused by the bound).
MAX_INT_DIGITS = 30


@dataclass(frozen=True)
class Match:
    """A path step: the first object of a list whose ``key`` is the text ``value``."""

    key: str
    value: str


Step = str | int | Match

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<key>[^.\[\]"\s]+)          # bare key
      | \[\s*(?P<index>-?\d+)\s*\]     # [3]
      | \[\s*"(?P<quoted>[^"]*)"\s*\]  # ["key.with.dots"]
      | \[\s*(?P<mkey>[^=\[\]"\s]+)\s*=\s*"(?P<mvalue>[^"]*)"\s*\]  # [type="eim"]
      | (?P<dot>\.)
    )""",
    re.VERBOSE,
)


class PathError(ValueError):
    """A path cannot be compiled, or does not lead to a value in a document."""


def compile_path(path: str) -> tuple[Step, ...]:
    """Turn ``a.b[0]["c.d"]`` into ``("a", "b", 0, "c.d")``. Raises PathError."""
    steps: list[Step] = []
    pos = 0
    expect_step = True
    text = path.strip()
    if not text:
        raise PathError("empty path")
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise PathError(f"cannot read path {path!r} at character {pos + 1}")
        pos = m.end()
        if m.group("dot"):
            if expect_step:
                raise PathError(f"misplaced '.' in path {path!r} at character {pos}")
            expect_step = True
            continue
        if m.group("key") is not None:
            if not expect_step:
                raise PathError(f"missing '.' before {m.group('key')!r} in path {path!r}")
            steps.append(m.group("key"))
        elif m.group("index") is not None:
            steps.append(int(m.group("index")))
        elif m.group("mkey") is not None:
            steps.append(Match(m.group("mkey"), m.group("mvalue")))
        else:
            steps.append(m.group("quoted"))
        expect_step = False
    if expect_step:
        raise PathError(f"path {path!r} ends with '.'")
    return tuple(steps)


def resolve(doc: Any, steps: tuple[Step, ...]) -> Any:
    """Follow ``steps`` into ``doc``. Raises PathError naming the first step that is missing."""
    node = doc
    for depth, step in enumerate(steps):
        where = format_path(steps[: depth + 1])
        if isinstance(step, Match):
            if not isinstance(node, list):
                raise PathError(f"{where}: expected a list, found {_kind(node)}")
            found = [n for n in node if isinstance(n, dict) and n.get(step.key) == step.value]
            if not found:
                raise PathError(f"{where}: no item with {step.key} = {step.value!r}")
            node = found[0]
        elif isinstance(step, int):
            if not isinstance(node, list):
                raise PathError(f"{where}: expected a list, found {_kind(node)}")
            if not -len(node) <= step < len(node):
                raise PathError(f"{where}: index out of range (list has {len(node)} items)")
            node = node[step]
        else:
            if not isinstance(node, dict):
                raise PathError(f"{where}: expected an object, found {_kind(node)}")
            if step not in node:
                raise PathError(f"{where}: missing")
            node = node[step]
    return node


def format_path(steps: tuple[Step, ...]) -> str:
    out = ""
    for step in steps:
        if isinstance(step, Match):
            out += f'[{step.key}="{step.value}"]'
        elif isinstance(step, int):
            out += f"[{step}]"
        elif re.fullmatch(r"[^.\[\]\"\s]+", step):
            out += f".{step}" if out else step
        else:
            out += f'["{step}"]'
    return out


def _kind(node: Any) -> str:
    if node is None:
        return "null"
    if isinstance(node, dict):
        return "an object"
    if isinstance(node, list):
        return "a list"
    if isinstance(node, str):
        return "text"
    return type(node).__name__


class NonFiniteConstant:
    """Stands in for ``NaN``/``Infinity`` found in a document, so only that value is rejected."""

    def __init__(self, name: str) -> None:
        self.name = name


def loads_json(body: bytes | str) -> Any:
    """Parse JSON; ``NaN``/``Infinity`` become :class:`NonFiniteConstant`. Raises ValueError.

    Integers too long to be a reading become floats (``inf`` when huge), so one hostile number
    neither overflows nor hits Python's digit limit for the whole document.
    """
    try:
        return json.loads(body, parse_constant=NonFiniteConstant, parse_int=_bounded_int)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _bounded_int(text: str) -> int | float:
    return int(text) if len(text) <= MAX_INT_DIGITS else float(text)


def pick_number(
    doc: Any, steps: tuple[Step, ...], *, numeric_strings: bool = False, null_is_zero: bool = False
) -> float:
    """The finite number at ``steps``. Raises PathError saying why there is none."""
    value = resolve(doc, steps) if steps else doc
    where = format_path(steps) or "payload"
    if value is None:
        if null_is_zero:
            return 0.0
        raise PathError(f"{where}: null")
    if isinstance(value, NonFiniteConstant):
        raise PathError(f"{where}: {value.name} is not a number")
    if isinstance(value, bool):
        raise PathError(f"{where}: expected a number, found true/false")
    if isinstance(value, str):
        if not numeric_strings:
            raise PathError(f"{where}: expected a number, found text {value[:40]!r}")
        if len(value) > MAX_NUMBER_TEXT:
            raise PathError(f"{where}: text of {len(value)} characters is not a reading")
        try:
            value = float(value.strip())
        except ValueError:
            raise PathError(f"{where}: text {value[:40]!r} is not a number") from None
    if not isinstance(value, int | float):
        raise PathError(f"{where}: expected a number, found {_kind(value)}")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise PathError(f"{where}: {_short(value)} is not a finite number")
    if abs(number) > MAX_ABS_VALUE:
        raise PathError(f"{where}: {number:.3g} is beyond any device reading")
    return number


def pick_text(doc: Any, steps: tuple[Step, ...]) -> str:
    """The text at ``steps`` (a unit, a direction). Raises PathError if it is not text."""
    value = resolve(doc, steps)
    if not isinstance(value, str):
        raise PathError(f"{format_path(steps)}: expected text, found {_kind(value)}")
    return value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:20]}…({len(text)} characters)"
