"""Write the commented example config from the schema, so the two can never disagree."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from kiosk.config.model import Config, SourceConfig
from kiosk.config.schema import fields_of

HEADER = """\
# kiosk.toml — Green Space Kiosk configuration.
# Every key is optional: the kiosk runs with no config file at all. Values shown are the
# defaults. Generated from kiosk/config/model.py by `python -m kiosk.config.example`.
"""


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)


def _describe(f: dataclasses.Field[Any]) -> str:
    meta = f.metadata
    parts = [meta.get("title", "")]
    if meta.get("choices"):
        parts.append("one of: " + ", ".join(str(c) for c in meta["choices"]))
    bounds = [
        f"min {meta['min']}" if meta.get("min") is not None else "",
        f"max {meta['max']}" if meta.get("max") is not None else "",
    ]
    if any(bounds):
        parts.append(", ".join(b for b in bounds if b))
    return "; ".join(p for p in parts if p)


def _section_lines(cls: type, instance: Any) -> list[str]:
    lines = []
    for f, hint in fields_of(cls):
        if dataclasses.is_dataclass(hint) or f.name == "options":
            continue
        value = getattr(instance, f.name)
        lines.append(f"# {_describe(f)}")
        if value is None:
            lines.append(f"# {f.name} = (not set)")
        else:
            lines.append(f"{f.name} = {_toml_value(value)}")
    return lines


BASELINES_EXAMPLE = [
    "",
    "# References the figures are compared with; repeat [[baselines]] for each (docs/energy.md):",
    "# [[baselines]]",
    '# id = "city_average"',
    '# figure = "load_energy"    # load_energy, pv_energy (kWh), co2_avoided (kg), water_harvested (L)',
    '# period = "year"           # the value is for a day, week, month or year',
    "# value = 95.0",
    '# per = "m2"                # site, m2 (needs site.area_m2) or person (site.occupants)',
    '# name = "the city average"',
    '# name_zh = "全市平均"',
    '# source = "Where the value comes from: the report, its year and page"',
]

EXCEPTIONS_EXAMPLE = [
    "# Days with other hours: instead of `exceptions = []` above, one [[schedule.exceptions]]",
    "# table for each (docs/deployment.md), e.g.:",
    "# [[schedule.exceptions]]",
    '# name = "National Day"',
    '# first_day = "10-01"       # MM-DD every year, or YYYY-MM-DD once',
    '# last_day = "10-07"        # inclusive; empty = the first day only',
    '# hours = "closed"          # or spans such as "10:00-16:00"',
]


def render_example() -> str:
    config = Config()
    out = [HEADER]
    out.extend(_section_lines(Config, config)[:2])  # schema_version
    for f, hint in fields_of(Config):
        if f.name == "sources":
            out.append("")
            out.append(f"# {f.metadata['title']}. Repeat [[sources]] for each; see docs/sources.md")
            out.append("[[sources]]")
            out.extend(_section_lines(SourceConfig, config.sources[0]))
            out.append("# Adapter-specific options (see docs/sources.md), e.g. for the simulator:")
            out.append("# [sources.options]")
            out.append("# seed = 1")
            continue
        if f.name == "baselines":
            out.extend(BASELINES_EXAMPLE)
            continue
        if not dataclasses.is_dataclass(hint):
            continue
        out.append("")
        out.append(f"# {f.metadata['title']}")
        out.append(f"[{f.name}]")
        out.extend(_section_lines(typing.cast(type, hint), getattr(config, f.name)))
        if f.name == "schedule":
            out.extend(EXCEPTIONS_EXAMPLE)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    from pathlib import Path

    target = Path(__file__).resolve().parents[2] / "docs" / "kiosk.example.toml"
    target.write_text(render_example(), "utf-8")
    print(f"wrote {target}")
