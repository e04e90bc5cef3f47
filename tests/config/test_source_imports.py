"""Checking a config loads no protocol library; creating the sources does.

The kiosk validates kiosk.toml before its first frame and creates sources after it, so
pymodbus, paho-mqtt and requests must stay out of the validation path.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config
from kiosk.sources import registry

ROOT = Path(__file__).resolve().parents[2]
PROTOCOL_LIBRARIES = ("pymodbus", "paho", "requests")

CONFIG = """\
[[sources]]
id = "inverter"
type = "modbus"
[sources.options]
host = "127.0.0.1"
port = {port}

[[sources]]
id = "water-meter"
type = "modbus_map"
[sources.options]
host = "127.0.0.1"
port = {port}
[[sources.options.registers]]
address = 100
type = "uint32"
metric = "water_used_l"

[[sources]]
id = "bms"
type = "mqtt"
[sources.options]
host = "127.0.0.1"
port = {port}
[[sources.options.topics]]
topic = "school/energy/pv"
metric = "pv_power_w"

[[sources]]
id = "api"
type = "http"
[sources.options]
url = "http://127.0.0.1:{port}/solar_api/v1/GetPowerFlowRealtimeData.fcgi"
preset = "fronius_powerflow"
"""

# Runs in a fresh interpreter: prints which libraries were loaded after each step as JSON.
PROBE = """
import json, sys
from pathlib import Path
from kiosk.config.loader import load_config

LIBS = {libs!r}
def loaded():
    return sorted(lib for lib in LIBS if lib in sys.modules)

steps = {{"before": loaded()}}
from kiosk.sources.registry import check_sources
config = load_config(Path(sys.argv[1]), check_sources=check_sources)
steps["after_load"] = loaded()
steps["adapters_after_load"] = sorted(
    m for m in sys.modules if m.startswith("kiosk.sources.") and m not in
    ("kiosk.sources.registry", "kiosk.sources.base")
    and not m.startswith("kiosk.sources.options")
)
steps["options_after_load"] = sorted(
    m for m in sys.modules if m.startswith("kiosk.sources.options.")
)
from kiosk.sources.registry import create_source
for src in config.sources:
    source = create_source(src, config)
    steps["after_" + src.id] = loaded()
    steps["class_" + src.id] = type(source).__name__
    source.close()
print(json.dumps(steps))
"""


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_loading_a_config_imports_no_protocol_library_and_creating_sources_does(
    tmp_path: Path,
) -> None:
    toml = tmp_path / "kiosk.toml"
    toml.write_text(CONFIG.format(port=_closed_port()), "utf-8")
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(libs=PROTOCOL_LIBRARIES), str(toml)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    steps = json.loads(result.stdout.splitlines()[-1])
    assert steps["before"] == []
    assert steps["after_load"] == [], "config validation imported a protocol library"
    assert steps["adapters_after_load"] == [], "config validation imported an adapter module"
    # only the options of the types the config names (the simulator and CSV ones are not)
    assert steps["options_after_load"] == [
        "kiosk.sources.options.http_json",
        "kiosk.sources.options.modbus_map",
        "kiosk.sources.options.modbus_sunspec",
        "kiosk.sources.options.mqtt",
        "kiosk.sources.options.value_map",  # the keys HTTP values and MQTT topics share
    ]
    assert steps["after_inverter"] == ["pymodbus"]
    assert steps["after_water-meter"] == ["pymodbus"]
    assert steps["after_bms"] == ["paho", "pymodbus"]
    assert steps["after_api"] == ["paho", "pymodbus", "requests"]
    assert [steps[f"class_{i}"] for i in ("inverter", "water-meter", "bms", "api")] == [
        "SunspecSource",
        "ModbusMapSource",
        "MqttSource",
        "HttpJsonSource",
    ]


@pytest.mark.parametrize("name", sorted(registry.ADAPTERS))
def test_every_adapter_module_has_a_factory_and_shared_options(name: str) -> None:
    kind = registry.ADAPTERS[name]
    assert callable(kind.factory())
    # its options in a light module of its own, named like the adapter's module
    assert kind.options_cls.__module__ == "kiosk.sources.options." + kind.module.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    ("source", "key", "problem"),
    [
        (
            'type = "modbus"\n[sources.options]\nhost = "h"\nport = 70000\n',
            "options.port",
            "at most 65535",
        ),
        (
            'type = "modbus_map"\n[sources.options]\nhost = "h"\n[[sources.options.registers]]\ntype = "int128"\n',
            "options.registers[0].type",
            "one of",
        ),
        ('type = "mqtt"\n[sources.options]\nqos = 3\n', "options.qos", "one of"),
        ('type = "http"\n[sources.options]\npreset = "sma"\n', "options.preset", "one of"),
        ('type = "http"\n[sources.options]\nurl_path = "x"\n', "options.url_path", "unknown key"),
    ],
)
def test_adapter_options_errors_name_file_key_and_problem(
    tmp_path: Path, source: str, key: str, problem: str
) -> None:
    toml = tmp_path / "kiosk.toml"
    toml.write_text('[[sources]]\nid = "a"\n' + source, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(toml, check_sources=registry.check_sources)
    assert info.value.file == str(toml)
    assert info.value.key == f"sources[0].{key}"
    assert problem in info.value.problem
