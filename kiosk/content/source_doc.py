"""Pack source files by kind: each kind (pack, quizzes, stories, playlist, theme, equivalents)
has its JSON Schema in ``kiosk/content/schemas``; the loading itself is
:mod:`kiosk.util.documents`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.util.documents import DocumentError, find_line, load_schema_file, read_text
from kiosk.util.documents import parse_document as parse_with_schema

__all__ = ["SCHEMA_DIR", "DocumentError", "find_line", "load_document", "load_schema"]

from kiosk.resources import schema_dir

SCHEMA_DIR = schema_dir()


def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema ``kiosk/content/schemas/<kind>.schema.json``."""
    return load_schema_file(SCHEMA_DIR / f"{kind}.schema.json")


def load_document(path: Path, kind: str, display_name: str | None = None) -> Any:
    """Parse ``path`` as YAML and validate against schema ``kind``. Raises DocumentError."""
    name = display_name or str(path)
    return parse_document(read_text(path, name), kind, name)


def parse_document(text: str, kind: str, name: str) -> Any:
    """Parse YAML ``text`` and validate it against schema ``kind``. Raises DocumentError."""
    return parse_with_schema(text, load_schema(kind), name)
