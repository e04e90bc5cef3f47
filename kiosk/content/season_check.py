"""Seasons in a pack source folder, for ``kiosk pack build`` and ``kiosk pack check``: a
season the calendar cannot read is a problem (the pack is not built); an item that will never
be in season from today on is a warning (it is built, and never shown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kiosk.content.pack_docs import ATTRACT_FILE, document_kind
from kiosk.schedule.season import season_from_doc
from kiosk.util.documents import DocumentError, find_line


@dataclass(frozen=True)
class SeasonWarning:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def _dated_parts(rel: str, doc: Any) -> list[tuple[list[Any], dict[str, Any], str]]:
    """(JSON path of the season, the item, what it is) for every item that has one."""
    if not isinstance(doc, dict):
        return []
    kind = document_kind(rel)
    if rel == ATTRACT_FILE:
        return [
            (["items", i, "season"], item, f"attract item {i + 1}")
            for i, item in enumerate(doc.get("items") or ())
            if isinstance(item, dict) and item.get("season")
        ]
    if kind in ("story", "quiz") and doc.get("season"):
        what = "story" if kind == "story" else "quiz set"
        return [(["season"], doc, f"{what} {doc.get('id', rel)!r}")]
    return []


def check_seasons(
    root: Path, rels: list[str], today: date
) -> tuple[list[DocumentError], list[SeasonWarning]]:
    """Read every season in the folder's stories, attract list and quiz sets."""
    problems: list[DocumentError] = []
    warnings: list[SeasonWarning] = []
    for rel in rels:
        if document_kind(rel) not in ("story", "quiz", "attract"):
            continue
        path = root / rel
        try:
            text = path.read_text("utf-8")
            doc = yaml.safe_load(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue  # the document checks report these
        for json_path, item, what in _dated_parts(rel, doc):
            line = find_line(text, json_path)
            try:
                season = season_from_doc(item["season"])
            except (ValueError, TypeError) as exc:
                problems.append(DocumentError(str(path), line, f"season: {exc}"))
                continue
            reason = season.never_reason(today) if season is not None else ""
            if reason:
                message = f"{what} is never in season: {reason}"
                warnings.append(SeasonWarning(str(path), line, message))
    return problems, warnings
