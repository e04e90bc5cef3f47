"""What of the content is shown now: stories, attract items and quiz sets in season.

The content service calls :func:`shown_now` with the site's local time whenever it looks at
the clock, so screens only ever get the current lists. Something is always shown: when
nothing dated is in season, the undated items are; when there are none either, stories and
quiz sets show all of theirs (an empty stories screen helps nobody), and the attract loop is
left empty, so it shows the site's name and the invitation to touch, as it does with no pack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TypeVar

from kiosk.content.active import ActiveContent, AttractItem
from kiosk.schedule.season import Season, in_season

T = TypeVar("T")


def _pick(items: Sequence[T], season_of: Callable[[T], Season | None], local: datetime,
          *, all_if_none: bool) -> tuple[T, ...]:  # fmt: skip
    now = tuple(i for i in items if in_season(season_of(i), local))
    if now:
        return now
    undated = tuple(i for i in items if season_of(i) is None)
    if undated or not all_if_none:
        return undated
    return tuple(items)


def shown_now(content: ActiveContent, local: datetime) -> ActiveContent:
    """``content`` with only what is in season at ``local`` (the site's local time)."""
    stories = _pick(content.stories, lambda s: s.season, local, all_if_none=True)
    shown_ids = {s.id for s in stories}
    seasons = {s.id: s.season for s in content.stories}

    def attract_season(item: AttractItem) -> Season | None:
        """An item's own season, else its story's (a story out of season is not played)."""
        return item.season or seasons.get(item.story_id or "")

    attract = _pick(
        [i for i in content.attract if i.story_id is None or i.story_id in shown_ids],
        attract_season,
        local,
        all_if_none=False,
    )
    quiz_keys = _pick(list(content.quiz_files), content.quiz_seasons.get, local, all_if_none=True)
    return replace(
        content,
        stories=stories,
        attract=attract,
        quiz_files={k: content.quiz_files[k] for k in quiz_keys},
        quiz_ids={k: v for k, v in content.quiz_ids.items() if k in quiz_keys},
    )


def season_key(content: ActiveContent | None) -> tuple[object, ...]:
    """What :func:`shown_now` chose, to tell whether a new look changed anything."""
    if content is None:
        return ()
    return (
        tuple(s.id for s in content.stories),
        tuple((i.kind, i.story_id, i.path) for i in content.attract),
        tuple(content.quiz_files),
    )


def never_in_season(season: Season | None, today: date) -> str:
    """Why an item will never be shown from ``today`` on ("" if it will be, or has no season)."""
    return season.never_reason(today) if season is not None else ""
