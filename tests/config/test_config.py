from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.config import Config, ConfigError, load_config
from kiosk.config.example import render_example
from kiosk.config.loader import parse_config
from kiosk.sources.registry import check_sources

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, "utf-8")
    return path


def test_no_file_gives_defaults() -> None:
    config = load_config(None)
    assert config == Config()
    assert config.display.idle_seconds == 90
    assert config.sources[0].type == "simulator"


def test_values_are_read_and_typed(tmp_path: Path) -> None:
    config = load_config(
        write(tmp_path, '[site]\nkind = "school"\npv_kwp = 120\n[display]\nidle_seconds = 30\n')
    )
    assert config.site.kind == "school"
    assert config.site.pv_kwp == 120.0 and isinstance(config.site.pv_kwp, float)
    assert config.display.idle_seconds == 30


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("[display]\nidle_seconds = 2\n", "display.idle_seconds", "at least 10"),
        ('[display]\nidle_seconds = "soon"\n', "display.idle_seconds", "whole number"),
        ('[display]\nlanguage = "fr"\n', "display.language", "one of"),
        ("[site]\nlatitude = 95.0\n", "site.latitude", "at most 90"),
        ('[site]\ncolour = "red"\n', "site.colour", "unknown key"),
        ("[display]\nkiosk = 1\n", "display.kiosk", "true or false"),
        ('[[sources]]\nid = "a"\ntype = "nope"\n', "sources[0].type", "unknown source type"),
        ('[[sources]]\nid = "a"\n[[sources]]\nid = "a"\n', "sources[1].id", "duplicate"),
        ('[site]\ngrid_region = "custom"\n', "site.emission_factor_kg_per_kwh", "required"),
        ("schema_version = 9\n", "schema_version", "at most 1"),
    ],
)
def test_errors_name_file_key_and_problem(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path, check_sources=check_sources)  # as the CLI loads it
    assert info.value.file == str(path)
    assert info.value.key == key
    assert problem in info.value.problem
    assert str(path) in str(info.value) and key in str(info.value)


def test_broken_toml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "[site\n"))
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "absent.toml")


def test_example_config_is_generated_from_schema_and_loads_to_defaults() -> None:
    example = ROOT / "docs" / "kiosk.example.toml"
    assert example.read_text("utf-8") == render_example(), (
        "docs/kiosk.example.toml is out of date: run python -m kiosk.config.example"
    )
    assert load_config(example) == Config()


def test_every_key_has_a_title_and_appears_in_the_example() -> None:
    import dataclasses

    text = (ROOT / "docs" / "kiosk.example.toml").read_text("utf-8")
    raw = tomllib.loads(text)

    def walk(cls: type, table: dict) -> None:
        for f in dataclasses.fields(cls):
            assert f.metadata.get("title"), f"{cls.__name__}.{f.name} has no title"
            hint = f.type
            if f.name in ("options",):
                continue
            value = getattr(cls(), f.name)
            if dataclasses.is_dataclass(value):
                walk(type(value), table[f.name])
            elif value is not None and f.name != "sources":
                assert f.name in table, f"{f.name} missing from the example config"
            del hint

    walk(Config, raw)


def test_grid_regions_are_exactly_the_carbon_factor_table() -> None:
    from kiosk.config.model import GRID_REGIONS
    from kiosk.energy.carbon import FACTOR_TABLE

    assert set(GRID_REGIONS) == set(FACTOR_TABLE) | {"custom"}


def test_parsing_has_no_hidden_state() -> None:
    """Config alone checks what it knows; adapter options are checked by the checker given,
    whatever was loaded before in this process."""
    raw = {"sources": [{"id": "a", "type": "nope"}]}
    assert parse_config(raw).sources[0].type == "nope"
    with pytest.raises(ConfigError, match="unknown source type"):
        parse_config(raw, check_sources=check_sources)
    assert parse_config(raw).sources[0].type == "nope"
