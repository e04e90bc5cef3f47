"""Where the yearly report's figures come from on a kiosk: its config, its installed packs and
its three databases (readings, class points, visitor counts), opened here for
``kiosk report year``. The kiosk's own button reads the same stores through the services
that own them (:mod:`kiosk.services.year_reports`); both end in
:func:`kiosk.fleet.year_report.build_year_report`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.content.active import ActiveContent
from kiosk.energy.carbon import resolve_factor
from kiosk.energy.store import EnergyStore
from kiosk.fleet.counts import CountStore
from kiosk.fleet.year_report import (
    SiteFacts,
    YearReport,
    build_year_report,
    readings_year,
    year_hours,
)
from kiosk.quiz.models import QuizSet, theme_titles
from kiosk.quiz.periods import LeaderboardCalendar
from kiosk.quiz.points_store import PointsStore


def site_facts(
    config: Config, content: ActiveContent | None, quiz_sets: Sequence[QuizSet] = ()
) -> SiteFacts:
    """The site's names (config) with the logo and title of its active pack and the titles of
    its quiz topics (``quiz_sets``: the pack's, as the quiz screen has them)."""
    site = config.site
    return SiteFacts(
        site.name,
        site.name_zh,
        site.kind,
        site.timezone,
        content.theme.logo_path if content is not None else None,
        content.title.en if content is not None else "",
        content.title.zh if content is not None else "",
        topic_titles(quiz_sets),
    )


def topic_titles(quiz_sets: Sequence[QuizSet]) -> tuple[tuple[str, str, str], ...]:
    """(theme, zh, en) of each quiz topic, as :class:`SiteFacts` holds them."""
    return tuple((theme, t.zh, t.en) for theme, t in theme_titles(list(quiz_sets)).items())


def installed_quiz_sets(content: ActiveContent | None) -> list[QuizSet]:
    """The quiz sets of ``content`` that parse (blocking; a bad file only loses its titles)."""
    from kiosk.content.source_doc import DocumentError
    from kiosk.quiz.loader import load_quiz_file

    sets = []
    for path in content.quiz_files.values() if content is not None else ():
        try:
            sets.append(load_quiz_file(path, None))
        except (DocumentError, OSError):
            continue
    return sets


def installed_content(config: Config, paths: AppPaths) -> ActiveContent | None:
    """The active packs merged, read only (no start bookkeeping); None if none can be read."""
    from kiosk.content.active import load_content
    from kiosk.content.errors import LibraryError
    from kiosk.content.layers import merge
    from kiosk.content.library import Library
    from kiosk.content.rules import Limits

    if not paths.library_dir.is_dir():
        return None
    library = Library(paths.library_dir, Limits.from_max_pack_mb(config.content.max_pack_mb))
    try:
        layers = [load_content(library, library.load(ref)) for ref in library.pointer().refs()]
    except (LibraryError, OSError):
        return None
    return merge(layers) if layers else None


def source_types(config: Config) -> tuple[str, ...]:
    return tuple(s.type for s in config.sources if s.enabled)


def gather_year_report(year: int, config: Config, paths: AppPaths, now: datetime) -> YearReport:
    """Every figure of ``year`` from the kiosk's files (a database not there adds nothing)."""
    tz = ZoneInfo(config.site.timezone)
    factor = resolve_factor(config.site)
    readings = None
    if paths.readings_db.is_file():
        store = EnergyStore(
            paths.readings_db, raw_retention_days=config.storage.raw_retention_days, tz=tz
        )
        try:
            readings = readings_year(store, year, factor, source_types(config))
        finally:
            store.close()
    counts: dict[str, int] = {}
    if paths.counts_db.is_file():
        count_store = CountStore(paths.counts_db, config.fleet.counts_keep_days)
        try:
            counts = count_store.totals(*year_hours(year, tz))
        finally:
            count_store.close()
    points = []
    if paths.quiz_db.is_file():
        calendar = LeaderboardCalendar.from_config(config)
        points_store = PointsStore(paths.quiz_db, calendar, config.quiz.awards_keep_days)
        try:
            points = points_store.daily_rows(date(year, 1, 1), date(year, 12, 31))
        finally:
            points_store.close()
    content = installed_content(config, paths)
    return build_year_report(
        year,
        site_facts(config, content, installed_quiz_sets(content)),
        now.astimezone(tz),
        factor,
        readings=readings,
        counts=counts,
        points=points,
    )
