"""What the UI shows from the active pack: theme, stories, attract loop, equivalents and
quiz files, all resolved to files in the object store. Qt-free; the UI only reads this.

Start sequence (the app's content service runs it off the GUI thread)::

    result = start_content(library)     # falls back to the previous release if needed
    ... show result.content ...
    library.mark_good()                  # after the first screen has shown it
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.content.announcements import Announcement
from kiosk.content.announcements import from_doc as announcements_from_doc
from kiosk.content.errors import LibraryBusy, LibraryError, PackRejected
from kiosk.content.library import InstalledPack, Library
from kiosk.content.media import check_text
from kiosk.content.pack_docs import (
    ANNOUNCEMENTS_FILE,
    ATTRACT_FILE,
    EQUIVALENTS_FILE,
    PACK_FILE,
    THEME_FILE,
    check_pack_document,
    document_kind,
)
from kiosk.content.store import PackRef
from kiosk.schedule.season import Season, season_from_doc
from kiosk.util.failure_kinds import FailureKind, kind_of

#: pack.yaml ``priority`` when a pack names none. Higher shows first and wins a tie.
DEFAULT_PRIORITY = 50

#: Colours of a pack that names none: the app's own palette (kiosk/ui/theme.py), so the
#: built-in look needs no restyle at start. tests/ui/test_theme_defaults.py keeps them equal.
DEFAULT_COLOURS = {
    "primary": "#17784A",
    "accent": "#F2A51A",
    "background": "#F3F7F1",
    "surface": "#FFFFFF",
    "text": "#1C2A22",
}


@dataclass(frozen=True)
class LocalText:
    zh: str
    en: str

    def get(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


@dataclass(frozen=True)
class Theme:
    colours: dict[str, str]
    logo_path: Path | None = None


@dataclass(frozen=True)
class Slide:
    text: LocalText
    image_path: Path | None


@dataclass(frozen=True)
class Story:
    id: str
    title: LocalText
    summary: LocalText | None
    source: LocalText  # a pack's plain string serves both languages
    slides: tuple[Slide, ...]
    season: Season | None = None  # None: always in season


@dataclass(frozen=True)
class AttractItem:
    """One step of the attract loop: a story by id, or an image/video file."""

    kind: str  # story | image | video
    seconds: float | None
    story_id: str | None = None
    path: Path | None = None
    season: Season | None = None


@dataclass(frozen=True)
class PackLayer:
    """One active pack of the content shown, for the staff panel."""

    ref: PackRef
    title: LocalText
    priority: int


@dataclass(frozen=True)
class ActiveContent:
    """One pack's content, or (from :func:`kiosk.content.layers.merge`) every active pack's
    merged; then ``ref`` and ``title`` are the highest-priority pack's and ``layers`` lists
    them all, highest first."""

    ref: PackRef
    title: LocalText
    theme: Theme
    stories: tuple[Story, ...]
    attract: tuple[AttractItem, ...]
    equivalents: Any
    #: quiz files by "<pack id>/quizzes/<name>.yaml"
    quiz_files: dict[str, Path] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    priority: int = 50  # pack.yaml ``priority``; the built-in pack is always below the others
    hides: frozenset[str] = frozenset()  # ids of stories and quiz sets of lower packs to hide
    has_theme: bool = False  # the pack has a theme.yaml
    quiz_ids: dict[str, str] = field(default_factory=dict)  # quiz_files key -> set id
    quiz_seasons: dict[str, Season] = field(default_factory=dict)  # quiz_files key -> season
    #: every pack's announcements (shown by time, not by season: see the announcement service)
    announcements: tuple[Announcement, ...] = ()
    layers: tuple[PackLayer, ...] = ()

    def resolve(self, rel_path: str) -> Path:
        """Object-store file for a pack-relative path (KeyError if the pack has no such file)."""
        return self.files[rel_path]


@dataclass(frozen=True)
class StartResult:
    content: ActiveContent | None
    problem: str = ""  # why the wanted release is not shown (empty when all is well)
    problem_kind: str = ""  # the FailureKind of the first problem ("" when all is well)


def _text(d: dict[str, str]) -> LocalText:
    return LocalText(d["zh"], d["en"])


def _announcements(rel: str, doc: Any, pack_id: str) -> tuple[Announcement, ...]:
    try:
        return announcements_from_doc(doc or {}, f"pack {pack_id}")
    except ValueError as exc:
        raise PackRejected(f"{rel}: {exc}") from None


def _dated(doc: Any) -> list[dict[str, Any]]:
    """The parts of a document that may carry a season (the document, attract items)."""
    if not isinstance(doc, dict):
        return []
    return [doc, *(i for i in doc.get("items", ()) if isinstance(i, dict))]


def _season(rel: str, doc: dict[str, Any]) -> Season | None:
    try:
        return season_from_doc(doc.get("season"))
    except ValueError as exc:
        raise PackRejected(f"{rel}: season: {exc}") from None


def load_content(library: Library, installed: InstalledPack) -> ActiveContent:
    """Parse the release's documents from the store. Raises LibraryError if any is unusable."""
    files = {f.path: library.object_path(f.sha256) for f in installed.manifest.files}
    docs: dict[str, Any] = {}
    announcements: tuple[Announcement, ...] = ()
    for rel, path in files.items():
        if document_kind(rel) is None:
            continue
        try:
            docs[rel] = check_pack_document(rel, check_text(rel, path.read_bytes()))
            for item in _dated(docs[rel]):
                _season(rel, item)  # a season the schema allows but the calendar does not
            if rel == ANNOUNCEMENTS_FILE:
                announcements = _announcements(rel, docs[rel], installed.ref.id)
        except (OSError, PackRejected) as exc:
            raise LibraryError(f"pack {installed.ref.id}: {exc}", kind_of(exc)) from None

    def file(rel: str | None) -> Path | None:
        return files.get(rel) if rel else None

    info = docs[PACK_FILE]
    theme_doc = docs.get(THEME_FILE) or {}
    theme = Theme({**DEFAULT_COLOURS, **theme_doc.get("colours", {})}, file(theme_doc.get("logo")))
    stories = tuple(
        Story(
            id=d["id"],
            title=_text(d["title"]),
            summary=_text(d["summary"]) if "summary" in d else None,
            source=_source_text(d.get("source", "")),
            slides=tuple(Slide(_text(s["text"]), file(s.get("image"))) for s in d["slides"]),
            season=_season(rel, d),
        )
        for rel, d in sorted(docs.items())
        if document_kind(rel) == "story" and d is not None
    )
    attract_doc = docs.get(ATTRACT_FILE) or {"items": []}
    attract = tuple(
        AttractItem(
            kind=next(k for k in ("story", "image", "video") if k in item),
            seconds=item.get("seconds"),
            story_id=item.get("story"),
            path=file(item.get("image") or item.get("video")),
            season=_season(ATTRACT_FILE, item),
        )
        for item in attract_doc["items"]
    )
    pack_id = installed.ref.id
    quiz_rels = [rel for rel in files if document_kind(rel) == "quiz"]
    seasons = {rel: _season(rel, docs.get(rel) or {}) for rel in quiz_rels}
    title = _text(info["title"])
    priority = int(info.get("priority", DEFAULT_PRIORITY))
    return ActiveContent(
        ref=installed.ref,
        title=title,
        theme=theme,
        stories=stories,
        attract=attract,
        equivalents=docs.get(EQUIVALENTS_FILE),
        quiz_files={f"{pack_id}/{rel}": files[rel] for rel in quiz_rels},
        files=files,
        priority=priority,
        hides=frozenset(info.get("hides", ())),
        has_theme=THEME_FILE in docs,
        quiz_ids={f"{pack_id}/{rel}": str((docs[rel] or {}).get("id", rel)) for rel in quiz_rels},
        layers=(PackLayer(installed.ref, title, priority),),
        quiz_seasons={f"{pack_id}/{rel}": s for rel, s in seasons.items() if s is not None},
        announcements=announcements,
    )


def start_content(library: Library) -> StartResult:
    """Load every active pack and merge them (:mod:`kiosk.content.layers`). A pack that
    cannot be loaded falls back to its previous release, or is left out: the others show.

    The caller marks the shown releases good with :meth:`Library.mark_good`.
    """
    from kiosk.content.layers import merge

    problems: list[str] = []
    kinds: list[FailureKind] = []

    def note(problem: str, kind: FailureKind) -> None:
        problems.append(problem)
        kinds.append(kind)

    def result(content: ActiveContent | None) -> StartResult:
        return StartResult(content, "; ".join(problems), kinds[0] if kinds else "")

    layers: list[ActiveContent] = []
    try:
        try:
            refs = library.start()
        except (LibraryBusy, OSError) as exc:
            # an installer holds the lock, or the disk is read-only: show what is active now
            note(f"start bookkeeping skipped: {exc}", kind_of(exc))
            refs = library.pointer().refs()
        failed = library.pointer().last_failed
        if failed is not None:
            note(f"release {failed.version} of {failed.id} failed to start", FailureKind.INTERNAL)
        for first in refs:
            ref: PackRef | None = first
            for _ in range(2):
                if ref is None:
                    break
                try:
                    layers.append(load_content(library, library.load(ref)))
                    break
                except LibraryError as exc:
                    note(str(exc), exc.kind)
                    ref = library.fall_back(ref.id)
    except (LibraryError, LibraryBusy, OSError) as exc:
        note(str(exc), kind_of(exc))
    if layers:
        return result(merge(layers))
    note("no content pack installed", FailureKind.NO_PACK)
    return result(None)


def _source_text(source: str | dict[str, str]) -> LocalText:
    return _text(source) if isinstance(source, dict) else LocalText(source, source)
