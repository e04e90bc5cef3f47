"""JSON from outside (pack manifests and signatures, channel indexes, state files) read with
limits: no NaN/Infinity, optionally no floats, and a bounded nesting depth — a 4 KB file of
2,000 ``[`` must be refused with a reason, not end in a RecursionError traceback."""

from __future__ import annotations

import json
from typing import Any

#: Far deeper than any file the kiosk writes or reads (they are 3-4 levels deep).
MAX_DEPTH = 32


def loads(data: bytes | str, *, floats: bool = True, max_depth: int = MAX_DEPTH) -> Any:
    """Parse ``data``. Raises ValueError saying what is wrong."""

    def no_constants(name: str) -> Any:
        raise ValueError(f"{name} is not allowed")

    def no_floats(_text: str) -> Any:
        raise ValueError("numbers must be integers")

    text = data.decode("utf-8") if isinstance(data, bytes) else data
    try:
        value = json.loads(
            text, parse_constant=no_constants, parse_float=float if floats else no_floats
        )
    except RecursionError:
        raise ValueError(f"nested deeper than {max_depth} levels") from None
    if _depth(value, max_depth) > max_depth:
        raise ValueError(f"nested deeper than {max_depth} levels")
    return value


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of containers, counted no further than ``limit`` + 1."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            depth += 1
            if depth > limit:
                return depth
            deepest = max(deepest, depth)
            stack.extend((v, depth) for v in (item.values() if isinstance(item, dict) else item))
    return deepest
