"""A content pack's equivalents table: the YAML document, checked, as an energy table."""

from __future__ import annotations

from pathlib import Path

from kiosk.content.source_doc import load_document
from kiosk.energy.equivalents import EquivalentsTable, parse_equivalents

SCHEMA_KIND = "equivalents"


def load_equivalents(path: Path) -> EquivalentsTable:
    """Read and schema-check a YAML table. Raises DocumentError or EquivalentsError."""
    return parse_equivalents(load_document(path, SCHEMA_KIND), str(path))
