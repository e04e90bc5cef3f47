"""Which file in a pack is which kind of document, and checking one against its schema."""

from __future__ import annotations

from pathlib import PurePosixPath

from kiosk.content.errors import PackRejected
from kiosk.content.source_doc import SCHEMA_DIR, DocumentError, parse_document

PACK_FILE = "pack.yaml"
THEME_FILE = "theme.yaml"
ATTRACT_FILE = "attract.yaml"
EQUIVALENTS_FILE = "equivalents.yaml"
ANNOUNCEMENTS_FILE = "announcements.yaml"
STORIES_DIR = "stories"
QUIZZES_DIR = "quizzes"


def document_kind(path: str) -> str | None:
    """Schema kind for a pack-relative path, or None for files that are not documents."""
    p = PurePosixPath(path)
    if p.suffix not in (".yaml", ".yml"):
        return None
    top = {PACK_FILE: "pack", THEME_FILE: "theme", ATTRACT_FILE: "attract"}
    top[EQUIVALENTS_FILE] = "equivalents"
    top[ANNOUNCEMENTS_FILE] = "announcements"
    if len(p.parts) == 1:
        return top.get(p.name)
    if len(p.parts) == 2 and p.parts[0] == STORIES_DIR:
        return "story"
    if len(p.parts) == 2 and p.parts[0] == QUIZZES_DIR:
        return "quiz"
    return None


def has_schema(kind: str) -> bool:
    """Schemas owned by other parts of the app (quiz, equivalents) may not exist yet."""
    return (SCHEMA_DIR / f"{kind}.schema.json").is_file()


def check_pack_document(path: str, text: str) -> object:
    """Validate a document by its kind; returns the parsed data (None if not a document)."""
    kind = document_kind(path)
    if kind is None or not has_schema(kind):
        return None
    try:
        return parse_document(text, kind, path)
    except DocumentError as exc:
        raise PackRejected(str(exc)) from None
