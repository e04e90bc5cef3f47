"""How several active packs are shown together (layered packs).

The packs are ordered by priority: the built-in pack is always lowest; the others by
``priority`` in their pack.yaml (1-99, default 50; a tie goes to the higher pack id). Then:

- **stories** and **quiz sets**: every pack's, highest priority first; an item whose id a
  higher pack also has is replaced by the higher one; ``hides: [id, ...]`` in a pack.yaml
  removes stories and quiz sets with those ids from the packs *below* it (e.g. a school hides a
  built-in story it does not want);
- **attract loop**: every pack's items, highest priority first, each pack's in its own order;
  an item showing a story that is hidden or replaced is left out;
- **theme** (colours and logo) and **equivalents table**: from the highest-priority pack that
  has one;
- **files** (pictures a quiz names by path): a higher pack's file replaces a lower pack's
  file of the same path.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.content.active import DEFAULT_COLOURS, ActiveContent, AttractItem, Story, Theme
from kiosk.content.announcements import Announcement

BUILTIN_ID = "builtin"


def order_key(layer: ActiveContent) -> tuple[int, int, str]:
    """Lowest first: the built-in pack, then by priority, then by pack id."""
    return (0 if layer.ref.id == BUILTIN_ID else 1, layer.priority, layer.ref.id)


def merge(layers: list[ActiveContent]) -> ActiveContent:
    """One content from every active pack (see the module docstring for the rule)."""
    top_first = sorted(layers, key=order_key, reverse=True)
    stories: dict[str, Story] = {}
    quiz_files: dict[str, Path] = {}
    quiz_ids: dict[str, str] = {}
    quiz_seasons = {}
    taken_sets: set[str] = set()
    attract: list[AttractItem] = []
    hidden: set[str] = set()
    for layer in top_first:
        own = {s.id for s in layer.stories if s.id not in hidden and s.id not in stories}
        for story in layer.stories:
            if story.id in own:
                stories[story.id] = story
        attract.extend(
            item for item in layer.attract if item.story_id is None or item.story_id in own
        )
        for key, path in layer.quiz_files.items():
            set_id = layer.quiz_ids.get(key, key)
            if set_id not in hidden and set_id not in taken_sets:
                taken_sets.add(set_id)
                quiz_files[key], quiz_ids[key] = path, set_id
                if key in layer.quiz_seasons:
                    quiz_seasons[key] = layer.quiz_seasons[key]
        hidden |= layer.hides
    files: dict[str, Path] = {}
    for layer in reversed(top_first):
        files.update(layer.files)
    announcements: dict[str, Announcement] = {}
    for layer in top_first:  # a higher pack's announcement of the same id wins
        for announcement in layer.announcements:
            announcements.setdefault(announcement.id, announcement)
    themed = next((layer for layer in top_first if layer.has_theme), None)
    equivalents = next((x.equivalents for x in top_first if x.equivalents is not None), None)
    top = top_first[0]
    return replace(
        top,
        theme=themed.theme if themed else Theme(dict(DEFAULT_COLOURS)),
        stories=tuple(stories.values()),
        attract=tuple(attract),
        equivalents=equivalents,
        quiz_files=quiz_files,
        quiz_ids=quiz_ids,
        quiz_seasons=quiz_seasons,
        announcements=tuple(announcements.values()),
        files=files,
        hides=frozenset(hidden),
        has_theme=themed is not None,
        layers=tuple(layer.layers[0] for layer in top_first),
    )
