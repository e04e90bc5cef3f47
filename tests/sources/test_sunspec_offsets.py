"""The SunSpec tables in kiosk/sources/sunspec_models.py against the official model definitions.

The layouts below are transcribed from the SunSpec Alliance's model definitions in the public
repository github.com/sunspec/models (``json/model_<id>.json``; the commit read is named with
each layout), not from the code under test and not from the loopback server. A point's offset
is not typed here: it is the running sum of the sizes of the points before it, counted from the
first register after the ``ID`` and ``L`` header, exactly as the definition files order them.
Each layout runs from the first point up to the last point the kiosk reads.

The "not implemented" values come from the SunSpec reference implementation,
github.com/sunspec/pysunspec2 ``sunspec2/mb.py`` (commit 1cd853f56e78974516c5c5a3442233537f8f69c7,
the ``SUNS_UNIMPL_*`` constants).
"""

from __future__ import annotations

import struct

import pytest

from kiosk.sources.sunspec_models import (
    COMMON_MODEL_ID,
    DER_MODELS,
    INVERTER_MODELS,
    METER_MODELS,
    Point,
    decode_raw,
    decode_string,
    points_for,
)

# name, type, size in registers, scale-factor point ("" when the definition names none)
Spec = tuple[str, str, int, str]

# sunspec/models json/model_1.json, commit 09dbbca2e4e2ce0eb8236b59b72445582d00d36a
# (the same points at 4df61ae07d72076f37def5be62d91d82b8ef8c92).
COMMON: tuple[Spec, ...] = (
    ("Mn", "string", 16, ""),
    ("Md", "string", 16, ""),
    ("Opt", "string", 8, ""),
    ("Vr", "string", 8, ""),
    ("SN", "string", 16, ""),
    ("DA", "uint16", 1, ""),
    ("Pad", "pad", 1, ""),
)

# sunspec/models json/model_101.json and json/model_102.json at commit
# 2136f073c4779b47d21bae4e89cd8278aec8a681, json/model_103.json at commit
# 241057a11d8cd82ca1c2c7e69a7eb4b210169bb1: the three share these points up to WH_SF.
INVERTER_INT: tuple[Spec, ...] = (
    ("A", "uint16", 1, "A_SF"),
    ("AphA", "uint16", 1, "A_SF"),
    ("AphB", "uint16", 1, "A_SF"),
    ("AphC", "uint16", 1, "A_SF"),
    ("A_SF", "sunssf", 1, ""),
    ("PPVphAB", "uint16", 1, "V_SF"),
    ("PPVphBC", "uint16", 1, "V_SF"),
    ("PPVphCA", "uint16", 1, "V_SF"),
    ("PhVphA", "uint16", 1, "V_SF"),
    ("PhVphB", "uint16", 1, "V_SF"),
    ("PhVphC", "uint16", 1, "V_SF"),
    ("V_SF", "sunssf", 1, ""),
    ("W", "int16", 1, "W_SF"),
    ("W_SF", "sunssf", 1, ""),
    ("Hz", "uint16", 1, "Hz_SF"),
    ("Hz_SF", "sunssf", 1, ""),
    ("VA", "int16", 1, "VA_SF"),
    ("VA_SF", "sunssf", 1, ""),
    ("VAr", "int16", 1, "VAr_SF"),
    ("VAr_SF", "sunssf", 1, ""),
    ("PF", "int16", 1, "PF_SF"),
    ("PF_SF", "sunssf", 1, ""),
    ("WH", "acc32", 2, "WH_SF"),
    ("WH_SF", "sunssf", 1, ""),
)

# sunspec/models json/model_111.json and json/model_113.json at commit
# 2136f073c4779b47d21bae4e89cd8278aec8a681, json/model_112.json at commit
# 1aac359f0058d37d76aec6972e6161853471768e (no "size" there; float32 is two registers).
INVERTER_FLOAT: tuple[Spec, ...] = (
    ("A", "float32", 2, ""),
    ("AphA", "float32", 2, ""),
    ("AphB", "float32", 2, ""),
    ("AphC", "float32", 2, ""),
    ("PPVphAB", "float32", 2, ""),
    ("PPVphBC", "float32", 2, ""),
    ("PPVphCA", "float32", 2, ""),
    ("PhVphA", "float32", 2, ""),
    ("PhVphB", "float32", 2, ""),
    ("PhVphC", "float32", 2, ""),
    ("W", "float32", 2, ""),
    ("Hz", "float32", 2, ""),
    ("VA", "float32", 2, ""),
    ("VAr", "float32", 2, ""),
    ("PF", "float32", 2, ""),
    ("WH", "float32", 2, ""),
)

# sunspec/models json/model_201.json at commit 0d6e5022c6d6fa6c098b0c5a4840f893510d4bb8,
# json/model_202.json, json/model_203.json and json/model_204.json at commit
# 2136f073c4779b47d21bae4e89cd8278aec8a681 (202-204 spell the line-to-line voltages
# PhVphAB/PhVphBC/PhVphCA; same types and places).
METER_INT: tuple[Spec, ...] = (
    ("A", "int16", 1, "A_SF"),
    ("AphA", "int16", 1, "A_SF"),
    ("AphB", "int16", 1, "A_SF"),
    ("AphC", "int16", 1, "A_SF"),
    ("A_SF", "sunssf", 1, ""),
    ("PhV", "int16", 1, "V_SF"),
    ("PhVphA", "int16", 1, "V_SF"),
    ("PhVphB", "int16", 1, "V_SF"),
    ("PhVphC", "int16", 1, "V_SF"),
    ("PPV", "int16", 1, "V_SF"),
    ("PPVphAB", "int16", 1, "V_SF"),
    ("PPVphBC", "int16", 1, "V_SF"),
    ("PPVphCA", "int16", 1, "V_SF"),
    ("V_SF", "sunssf", 1, ""),
    ("Hz", "int16", 1, "Hz_SF"),
    ("Hz_SF", "sunssf", 1, ""),
    ("W", "int16", 1, "W_SF"),
    ("WphA", "int16", 1, "W_SF"),
    ("WphB", "int16", 1, "W_SF"),
    ("WphC", "int16", 1, "W_SF"),
    ("W_SF", "sunssf", 1, ""),
    ("VA", "int16", 1, "VA_SF"),
    ("VAphA", "int16", 1, "VA_SF"),
    ("VAphB", "int16", 1, "VA_SF"),
    ("VAphC", "int16", 1, "VA_SF"),
    ("VA_SF", "sunssf", 1, ""),
    ("VAR", "int16", 1, "VAR_SF"),
    ("VARphA", "int16", 1, "VAR_SF"),
    ("VARphB", "int16", 1, "VAR_SF"),
    ("VARphC", "int16", 1, "VAR_SF"),
    ("VAR_SF", "sunssf", 1, ""),
    ("PF", "int16", 1, "PF_SF"),
    ("PFphA", "int16", 1, "PF_SF"),
    ("PFphB", "int16", 1, "PF_SF"),
    ("PFphC", "int16", 1, "PF_SF"),
    ("PF_SF", "sunssf", 1, ""),
    ("TotWhExp", "acc32", 2, "TotWh_SF"),
    ("TotWhExpPhA", "acc32", 2, "TotWh_SF"),
    ("TotWhExpPhB", "acc32", 2, "TotWh_SF"),
    ("TotWhExpPhC", "acc32", 2, "TotWh_SF"),
    ("TotWhImp", "acc32", 2, "TotWh_SF"),
    ("TotWhImpPhA", "acc32", 2, "TotWh_SF"),
    ("TotWhImpPhB", "acc32", 2, "TotWh_SF"),
    ("TotWhImpPhC", "acc32", 2, "TotWh_SF"),
    ("TotWh_SF", "sunssf", 1, ""),
)

# sunspec/models json/model_211.json, json/model_212.json and json/model_214.json at commit
# 2136f073c4779b47d21bae4e89cd8278aec8a681, json/model_213.json at commit
# 1aac359f0058d37d76aec6972e6161853471768e (no "size" there; float32 is two registers).
METER_FLOAT: tuple[Spec, ...] = (
    ("A", "float32", 2, ""),
    ("AphA", "float32", 2, ""),
    ("AphB", "float32", 2, ""),
    ("AphC", "float32", 2, ""),
    ("PhV", "float32", 2, ""),
    ("PhVphA", "float32", 2, ""),
    ("PhVphB", "float32", 2, ""),
    ("PhVphC", "float32", 2, ""),
    ("PPV", "float32", 2, ""),
    ("PPVphAB", "float32", 2, ""),
    ("PPVphBC", "float32", 2, ""),
    ("PPVphCA", "float32", 2, ""),
    ("Hz", "float32", 2, ""),
    ("W", "float32", 2, ""),
    ("WphA", "float32", 2, ""),
    ("WphB", "float32", 2, ""),
    ("WphC", "float32", 2, ""),
    ("VA", "float32", 2, ""),
    ("VAphA", "float32", 2, ""),
    ("VAphB", "float32", 2, ""),
    ("VAphC", "float32", 2, ""),
    ("VAR", "float32", 2, ""),
    ("VARphA", "float32", 2, ""),
    ("VARphB", "float32", 2, ""),
    ("VARphC", "float32", 2, ""),
    ("PF", "float32", 2, ""),
    ("PFphA", "float32", 2, ""),
    ("PFphB", "float32", 2, ""),
    ("PFphC", "float32", 2, ""),
    ("TotWhExp", "float32", 2, ""),
    ("TotWhExpPhA", "float32", 2, ""),
    ("TotWhExpPhB", "float32", 2, ""),
    ("TotWhExpPhC", "float32", 2, ""),
    ("TotWhImp", "float32", 2, ""),
)

# sunspec/models json/model_701.json at commit 06d869e9cb0944197fb718aeaf2ee29050a12546
# (DERMeasureAC): every point up to the scale factors, in order.
_PHASE = tuple(
    spec
    for ph, vv in (("L1", "VL1L2"), ("L2", "VL2L3"), ("L3", "VL3L1"))
    for spec in (
        (f"W{ph}", "int16", 1, "W_SF"), (f"VA{ph}", "int16", 1, "VA_SF"),
        (f"Var{ph}", "int16", 1, "Var_SF"), (f"PF{ph}", "uint16", 1, "PF_SF"),
        (f"A{ph}", "int16", 1, "A_SF"), (vv, "int16", 1, "V_SF"), (f"V{ph}", "int16", 1, "V_SF"),
        (f"TotWhInj{ph}", "uint64", 4, "TotWh_SF"), (f"TotWhAbs{ph}", "uint64", 4, "TotWh_SF"),
        (f"TotVarhInj{ph}", "uint64", 4, "TotVarh_SF"),
        (f"TotVarhAbs{ph}", "uint64", 4, "TotVarh_SF"),
    )
)  # fmt: skip
DER_AC: tuple[Spec, ...] = (
    ("ACType", "enum16", 1, ""),
    ("St", "enum16", 1, ""),
    ("InvSt", "enum16", 1, ""),
    ("ConnSt", "enum16", 1, ""),
    ("Alrm", "bitfield32", 2, ""),
    ("DERMode", "bitfield32", 2, ""),
    ("W", "int16", 1, "W_SF"),
    ("VA", "int16", 1, "VA_SF"),
    ("Var", "int16", 1, "Var_SF"),
    ("PF", "uint16", 1, "PF_SF"),
    ("A", "int16", 1, "A_SF"),
    ("LLV", "int16", 1, "V_SF"),
    ("LNV", "int16", 1, "V_SF"),
    ("Hz", "uint32", 2, "Hz_SF"),
    ("TotWhInj", "uint64", 4, "TotWh_SF"),
    ("TotWhAbs", "uint64", 4, "TotWh_SF"),
    ("TotVarhInj", "uint64", 4, "TotVarh_SF"),
    ("TotVarhAbs", "uint64", 4, "TotVarh_SF"),
    ("TmpAmb", "int16", 1, "Tmp_SF"),
    ("TmpCab", "int16", 1, "Tmp_SF"),
    ("TmpSnk", "int16", 1, "Tmp_SF"),
    ("TmpTrns", "int16", 1, "Tmp_SF"),
    ("TmpSw", "int16", 1, "Tmp_SF"),
    ("TmpOt", "int16", 1, "Tmp_SF"),
    *_PHASE,
    ("ThrotPct", "uint16", 1, ""),
    ("ThrotSrc", "bitfield32", 2, ""),
    ("A_SF", "sunssf", 1, ""),
    ("V_SF", "sunssf", 1, ""),
    ("Hz_SF", "sunssf", 1, ""),
    ("W_SF", "sunssf", 1, ""),
    ("PF_SF", "sunssf", 1, ""),
    ("VA_SF", "sunssf", 1, ""),
    ("Var_SF", "sunssf", 1, ""),
    ("TotWh_SF", "sunssf", 1, ""),
    ("TotVarh_SF", "sunssf", 1, ""),
    ("Tmp_SF", "sunssf", 1, ""),
)

# sunspec/models json/model_713.json at commit 0b4bf05d75000940a1037cb92999c2f9183b3054
# (DERStorageCapacity; SoC has no scale factor there).
DER_STORAGE: tuple[Spec, ...] = (
    ("WHRtg", "uint16", 1, ""),
    ("WHAvail", "uint16", 1, ""),
    ("SoC", "uint16", 1, ""),
    ("SoH", "uint16", 1, ""),
    ("Sta", "enum16", 1, ""),
    ("WH_SF", "sunssf", 1, ""),
)

OFFICIAL: dict[int, tuple[Spec, ...]] = {
    1: COMMON,
    **dict.fromkeys((101, 102, 103), INVERTER_INT),
    **dict.fromkeys((111, 112, 113), INVERTER_FLOAT),
    **dict.fromkeys((201, 202, 203, 204), METER_INT),
    **dict.fromkeys((211, 212, 213, 214), METER_FLOAT),
    701: DER_AC,
    713: DER_STORAGE,
}

# Registers a value of each type occupies when the kiosk decodes it (sunspec_models.decode_raw).
WIDTH = {"int16": 1, "uint16": 1, "sunssf": 1, "acc32": 2, "int32": 2, "uint32": 2, "float32": 2,
         "int64": 4, "uint64": 4, "acc64": 4}  # fmt: skip


def official_layout(specs: tuple[Spec, ...]) -> dict[str, tuple[int, str, int, str]]:
    """name -> (offset, type, size, scale-factor point), offsets summed from the sizes."""
    layout: dict[str, tuple[int, str, int, str]] = {}
    offset = 0
    for name, type_, size, sf in specs:
        layout[name] = (offset, type_, size, sf)
        offset += size
    return layout


def kiosk_view(point: Point) -> tuple[int, str, int, str]:
    size = point.size if point.type == "string" else WIDTH[point.type]
    return (point.offset, point.type, size, point.sf)


def test_official_layout_sums_sizes() -> None:
    layout = official_layout(INVERTER_INT)
    assert layout["W"] == (12, "int16", 1, "W_SF")
    assert layout["WH"] == (22, "acc32", 2, "WH_SF")
    assert layout["WH_SF"][0] == 24


def test_every_model_the_kiosk_reads_is_checked() -> None:
    assert set(OFFICIAL) == {COMMON_MODEL_ID} | INVERTER_MODELS | METER_MODELS | DER_MODELS


def test_der_layout_length_matches_the_model() -> None:
    # model_701.json: the points above plus MnAlrmInfo (a 32-register string) make L = 153.
    layout = official_layout(DER_AC)
    assert layout["Tmp_SF"][0] + 1 + 32 == 153
    assert official_layout(DER_STORAGE)["WH_SF"][0] + 1 == 6  # model_713.json L = 6


@pytest.mark.parametrize("model_id", sorted(OFFICIAL))
def test_points_match_the_official_definition(model_id: int) -> None:
    official = official_layout(OFFICIAL[model_id])
    table = points_for(model_id)
    assert table, f"model {model_id}: the kiosk has no table for it"
    for name, point in table.items():
        assert name in official, f"model {model_id}: {name} is not a point of the model"
        assert kiosk_view(point) == official[name], f"model {model_id} point {name}"
        if point.sf:
            assert table[point.sf].type == "sunssf", f"model {model_id}: {point.sf}"


@pytest.mark.parametrize(
    ("model_id", "name", "offset"),
    [
        # The figures on the lobby screen, as offsets after ID and L, spelled out.
        (1, "Mn", 0),
        (1, "Md", 16),
        (1, "SN", 48),
        (103, "W", 12),
        (103, "W_SF", 13),
        (103, "WH", 22),
        (103, "WH_SF", 24),
        (113, "W", 20),
        (113, "WH", 30),
        (203, "W", 16),
        (203, "W_SF", 20),
        (203, "TotWhExp", 36),
        (203, "TotWhImp", 44),
        (203, "TotWh_SF", 52),
        (213, "W", 26),
        (213, "TotWhExp", 58),
        (213, "TotWhImp", 66),
        (701, "W", 8),
        (701, "TotWhInj", 17),
        (701, "W_SF", 114),
        (701, "TotWh_SF", 118),
        (713, "SoC", 2),
    ],
)
def test_offsets_of_the_figures_shown(model_id: int, name: str, offset: int) -> None:
    assert points_for(model_id)[name].offset == offset


def f32(value: float) -> list[int]:
    (bits,) = struct.unpack(">I", struct.pack(">f", value))
    return [bits >> 16, bits & 0xFFFF]


@pytest.mark.parametrize(
    ("type_", "regs"),
    [
        ("int16", [0x8000]),  # SUNS_UNIMPL_INT16 = -32768
        ("sunssf", [0x8000]),  # SUNS_UNIMPL_SUNSSF = -32768
        ("uint16", [0xFFFF]),  # SUNS_UNIMPL_UINT16
        ("acc32", [0x0000, 0x0000]),  # SUNS_UNIMPL_ACC32 = 0
        ("int32", [0x8000, 0x0000]),  # SUNS_UNIMPL_INT32 = -2147483648
        ("uint32", [0xFFFF, 0xFFFF]),  # SUNS_UNIMPL_UINT32
        ("float32", [0x7FC0, 0x0000]),  # SUNS_UNIMPL_FLOAT32 = 0x7fc00000 (NaN)
        ("float32", f32(float("inf"))),  # not a figure either
        ("int64", [0x8000, 0, 0, 0]),  # SUNS_UNIMPL_INT64 = -9223372036854775808
        ("uint64", [0xFFFF] * 4),  # SUNS_UNIMPL_UINT64 = 0xffffffffffffffff
        ("acc64", [0, 0, 0, 0]),  # SUNS_UNIMPL_ACC64 = 0
    ],
)
def test_not_implemented_values_are_missing(type_: str, regs: list[int]) -> None:
    assert decode_raw(regs, Point(0, type_)) is None


@pytest.mark.parametrize(
    ("type_", "regs", "value"),
    [
        ("int16", [0x8001], -32767),
        ("int16", [0x7FFF], 32767),
        ("sunssf", [0xFFFE], -2),
        ("uint16", [0xFFFE], 65534),
        ("acc32", [0x0000, 0x0001], 1),
        ("acc32", [0x0001, 0x0000], 65536),
        ("int32", [0xFFFF, 0xFFFF], -1),
        ("int32", [0x8000, 0x0001], -2147483647),
        ("uint32", [0xFFFF, 0xFFFE], 4294967294),
        ("float32", f32(-1832.5), -1832.5),
        ("int64", [0xFFFF] * 4, -1),
        ("int64", [0x8000, 0, 0, 1], -(2**63) + 1),
        ("uint64", [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFE], 2**64 - 2),
        ("acc64", [0, 1, 0, 0], 2**32),
    ],
)
def test_values_next_to_the_sentinels_are_figures(
    type_: str, regs: list[int], value: float
) -> None:
    assert decode_raw(regs, Point(0, type_)) == value


def test_unimplemented_string_is_empty() -> None:
    # SUNS_UNIMPL_STRING: all NUL bytes.
    assert decode_string([0] * 16, Point(0, "string", size=16)) == ""
