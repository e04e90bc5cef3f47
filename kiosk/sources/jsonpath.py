"""A tiny, safe path syntax for picking one value out of a JSON document.

``Body.Data.Site.P_PV``, ``items[0].value``, ``sensors["temp.out"].v``: keys separated by dots,
list indices in brackets, keys with dots or brackets quoted in brackets. Nothing is evaluated;
a path compiles to a tuple of keys and indices once, when the config is read.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

Step = str | int

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<key>[^.\[\]"\s]+)          # bare key
      | \[\s*(?P<index>-?\d+)\s*\]     # [3]
      | \[\s*"(?P<quoted>[^"]*)"\s*\]  # ["key.with.dots"]
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
        if isinstance(step, int):
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
        if isinstance(step, int):
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
    """Parse JSON; ``NaN``/``Infinity`` become :class:`NonFiniteConstant`. Raises ValueError."""
    return json.loads(body, parse_constant=NonFiniteConstant)


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
        try:
            value = float(value.strip())
        except ValueError:
            raise PathError(f"{where}: text {value[:40]!r} is not a number") from None
    if not isinstance(value, int | float):
        raise PathError(f"{where}: expected a number, found {_kind(value)}")
    number = float(value)
    if not math.isfinite(number):
        raise PathError(f"{where}: {value!r} is not a finite number")
    return number
