"""SunSpec register tables: where each point we use sits in its model, and what "missing" is.

Offsets count from the first register after a model's ``ID`` and ``L`` header, as in the SunSpec
information model definitions. Integer models pair a value with a scale-factor point
(``value × 10^sf``); float models (111–113, 211–214) carry IEEE floats. "Not implemented" is
0x8000 (int16, sunssf), 0xFFFF (uint16), 0x80000000 (int32), 0xFFFFFFFF (uint32), 0 (acc32),
2^63 (int64), 2^64 − 1 (uint64), 0 (acc64) and NaN (float32; an infinity is refused too); any
of them makes the point missing, never a number. An all-NUL string reads as empty. A scaled
value beyond any device reading (above 10^15) is missing too: an acc32 of 0xFFFFFFFF with a
scale factor of 10 is a broken register, not 4 × 10^19 Wh.

The IEEE 1547 DER models (7xx): 701 (DER AC measurement) gives power and lifetime energy
injected, read when the device has no 1xx inverter model; 713 (DER storage capacity) gives the
battery's state of charge.

Checked against the SunSpec Alliance's definitions in github.com/sunspec/models,
``json/model_<id>.json`` for every model id below: 1 at commit 09dbbca2e4e2; 101, 102, 111,
113, 202–204, 211, 212 and 214 at 2136f073c477; 103 at 241057a11d8c; 112 and 213 at
1aac359f0058; 201 at 0d6e5022c6d6; 701 at 06d869e9cb09; 713 at 0b4bf05d7500. The "not implemented" values are the ``SUNS_UNIMPL_*``
constants of github.com/sunspec/pysunspec2 ``sunspec2/mb.py`` (commit 1cd853f56e78).
tests/sources/test_sunspec_offsets.py holds the official layouts and checks these tables.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass

SUNSPEC_MARKER = (0x5375, 0x6E53)  # "SunS"
BASE_ADDRESSES = (40000, 0, 50000)
END_MODEL_ID = 0xFFFF
COMMON_MODEL_ID = 1
INVERTER_INT_MODELS = frozenset({101, 102, 103})
INVERTER_FLOAT_MODELS = frozenset({111, 112, 113})
METER_INT_MODELS = frozenset({201, 202, 203, 204})
METER_FLOAT_MODELS = frozenset({211, 212, 213, 214})
INVERTER_MODELS = INVERTER_INT_MODELS | INVERTER_FLOAT_MODELS
METER_MODELS = METER_INT_MODELS | METER_FLOAT_MODELS
DER_AC_MODEL = 701  # DERMeasureAC
DER_STORAGE_MODEL = 713  # DERStorageCapacity
DER_MODELS = frozenset({DER_AC_MODEL, DER_STORAGE_MODEL})
#: Largest scaled magnitude taken as a reading (the same bound as JSON values).
MAX_ABS_VALUE = 1e15
#: Registers each numeric point type spans.
WIDTHS = {"int16": 1, "uint16": 1, "sunssf": 1, "acc32": 2, "int32": 2, "uint32": 2,
          "float32": 2, "int64": 4, "uint64": 4, "acc64": 4}  # fmt: skip


@dataclass(frozen=True)
class Point:
    offset: int
    type: str  # int16 uint16 sunssf acc32 uint32 int32 float32 int64 uint64 acc64 string
    sf: str = ""  # name of the scale-factor point, for integer models
    size: int = 0  # registers, for strings


COMMON_POINTS = {
    "Mn": Point(0, "string", size=16),
    "Md": Point(16, "string", size=16),
    "Opt": Point(32, "string", size=8),
    "Vr": Point(40, "string", size=8),
    "SN": Point(48, "string", size=16),
}

INVERTER_INT_POINTS = {
    "W": Point(12, "int16", "W_SF"),
    "W_SF": Point(13, "sunssf"),
    "WH": Point(22, "acc32", "WH_SF"),
    "WH_SF": Point(24, "sunssf"),
}
INVERTER_FLOAT_POINTS = {"W": Point(20, "float32"), "WH": Point(30, "float32")}

METER_INT_POINTS = {
    "W": Point(16, "int16", "W_SF"),
    "W_SF": Point(20, "sunssf"),
    "TotWhExp": Point(36, "acc32", "TotWh_SF"),
    "TotWhImp": Point(44, "acc32", "TotWh_SF"),
    "TotWh_SF": Point(52, "sunssf"),
}
METER_FLOAT_POINTS = {
    "W": Point(26, "float32"),
    "TotWhExp": Point(58, "float32"),
    "TotWhImp": Point(66, "float32"),
}


DER_AC_POINTS = {
    "W": Point(8, "int16", "W_SF"),
    "TotWhInj": Point(17, "uint64", "TotWh_SF"),
    "TotWhAbs": Point(21, "uint64", "TotWh_SF"),
    "W_SF": Point(114, "sunssf"),
    "TotWh_SF": Point(118, "sunssf"),
}
DER_STORAGE_POINTS = {"SoC": Point(2, "uint16")}


def points_for(model_id: int) -> dict[str, Point]:
    if model_id in INVERTER_INT_MODELS:
        return INVERTER_INT_POINTS
    if model_id in INVERTER_FLOAT_MODELS:
        return INVERTER_FLOAT_POINTS
    if model_id in METER_INT_MODELS:
        return METER_INT_POINTS
    if model_id in METER_FLOAT_MODELS:
        return METER_FLOAT_POINTS
    if model_id == COMMON_MODEL_ID:
        return COMMON_POINTS
    if model_id == DER_AC_MODEL:
        return DER_AC_POINTS
    if model_id == DER_STORAGE_MODEL:
        return DER_STORAGE_POINTS
    return {}


def decode_raw(regs: Sequence[int], point: Point) -> int | float | None:
    """The raw value of ``point`` in a model's registers, or None when "not implemented"."""
    o = point.offset
    if point.type in ("int16", "sunssf"):
        raw = regs[o]
        return None if raw == 0x8000 else raw - 0x10000 if raw & 0x8000 else raw
    if point.type == "uint16":
        return None if regs[o] == 0xFFFF else regs[o]
    if WIDTHS.get(point.type) == 4:
        quad = (regs[o] << 48) | (regs[o + 1] << 32) | (regs[o + 2] << 16) | regs[o + 3]
        if point.type == "acc64":
            return None if quad == 0 else quad
        if point.type == "uint64":
            return None if quad == 0xFFFF_FFFF_FFFF_FFFF else quad
        return None if quad == 1 << 63 else quad - (1 << 64) if quad >> 63 else quad
    pair = (regs[o] << 16) | regs[o + 1]
    if point.type == "acc32":
        return None if pair == 0 else pair
    if point.type == "uint32":
        return None if pair == 0xFFFFFFFF else pair
    if point.type == "int32":
        return None if pair == 0x80000000 else pair - (1 << 32) if pair & 0x80000000 else pair
    if point.type == "float32":
        value = struct.unpack(">f", struct.pack(">I", pair))[0]
        return None if not math.isfinite(value) else value
    raise ValueError(f"unknown SunSpec point type {point.type!r}")


def decode_string(regs: Sequence[int], point: Point) -> str:
    data = b"".join(r.to_bytes(2, "big") for r in regs[point.offset : point.offset + point.size])
    return data.split(b"\0", 1)[0].decode("utf-8", "replace").strip()


def scaled(regs: Sequence[int], points: dict[str, Point], name: str) -> float | None:
    """``name`` with its scale factor applied; None if the value or its factor is missing."""
    point = points[name]
    raw = decode_raw(regs, point)
    if raw is None:
        return None
    value = float(raw)
    if point.sf:
        sf = decode_raw(regs, points[point.sf])
        if sf is None or not -10 <= int(sf) <= 10:
            return None
        value *= 10.0 ** int(sf)
    return value if abs(value) <= MAX_ABS_VALUE else None
