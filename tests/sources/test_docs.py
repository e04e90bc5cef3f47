"""Every TOML example in docs/sources.md loads with the real config loader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.config.loader import load_config
from kiosk.sources import registry

DOC = Path(__file__).resolve().parents[2] / "docs" / "sources.md"
BLOCKS = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_doc_has_examples() -> None:
    assert len(BLOCKS) >= 8


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_example_loads(block: str, tmp_path: Path) -> None:
    text = block
    if block.lstrip().startswith("[failover]") or block.lstrip().startswith("[failover."):
        ids = ("inverter", "solaredge", "demo", "water-meter")
        text = (
            "".join(
                f'[[sources]]\nid = "{i}"\ntype = "modbus"\noptions = {{ host = "h" }}\n'
                for i in ids
            )
            + block
        )
    toml = tmp_path / "kiosk.toml"
    toml.write_text(text, encoding="utf-8")
    config = load_config(toml)
    for src in config.sources:
        registry.parse_options(src)
