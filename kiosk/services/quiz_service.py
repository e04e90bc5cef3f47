"""Quiz sets from the active content pack, class points and leaderboards, for the quiz screen.

QtCore only. Parsing quiz files runs on the task runner, every SQLite call on its serial
queue "quiz-points" (through :class:`_PointsDb`, plain Python, never the QObject); results
come back by signal on the GUI thread. Making a :class:`QuizSession` is cheap and pure, so the
screen asks for one directly.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.config import Config
from kiosk.config.paths import AppPaths
from kiosk.quiz.live import LiveValueProvider
from kiosk.quiz.models import (
    Difficulty,
    LocalText,
    Question,
    QuizSet,
    ResultLink,
    question_pool,
)
from kiosk.quiz.periods import LeaderboardCalendar, Period
from kiosk.quiz.points_store import KEEP_DAYS, DailyRow, Leaderboard, PointsStore
from kiosk.quiz.recent import AskedHistory
from kiosk.quiz.session import QuizSession, SessionState
from kiosk.services.tasks import TaskRunner

if TYPE_CHECKING:
    from kiosk.content.active import ActiveContent

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QuizCatalog:
    """The quiz sets of one content release and where their pictures are on disk."""

    sets: tuple[QuizSet, ...] = ()
    pictures: dict[str, Path] = field(default_factory=dict)
    errors: tuple[str, ...] = ()  # "file:line: message" for each quiz file that was skipped
    logo: Path | None = None  # the pack's logo, for the certificate

    def picture_path(self, rel_path: str) -> Path | None:
        return self.pictures.get(rel_path) if rel_path else None

    def topic_picture(self, theme: str) -> Path | None:
        """A topic's picture: the first one its questions show (kids' questions all have one)."""
        for quiz_set in self.sets:
            if quiz_set.theme == theme:
                for question in quiz_set.questions:
                    path = self.picture_path(question.picture)
                    if path is not None:
                        return path
        return None


def load_catalog(content: ActiveContent | None) -> QuizCatalog:
    """Parse the quiz files of ``content``; a bad file is reported and skipped (blocking).

    The YAML and schema machinery is imported here, on the worker, to keep start-up fast.
    """
    from kiosk.content.source_doc import DocumentError
    from kiosk.quiz.loader import load_quiz_file

    if content is None:
        return QuizCatalog()
    sets: list[QuizSet] = []
    errors: list[str] = []
    for rel in sorted(content.quiz_files):
        try:
            sets.append(load_quiz_file(content.quiz_files[rel], None))
        except DocumentError as exc:
            errors.append(f"{rel}: {exc}")
        except OSError as exc:
            errors.append(f"{rel}: cannot read: {exc}")
    pictures: dict[str, Path] = {}
    for quiz_set in sets:
        for q in quiz_set.questions:
            for rel in (q.picture, *(c.picture for c in q.choices)):
                if rel in content.files:
                    pictures[rel] = content.files[rel]
    for message in errors:
        log.warning("quiz file skipped: %s", message)
    return QuizCatalog(tuple(sets), pictures, tuple(errors), content.theme.logo_path)


class _PointsDb:
    """The points database, opened on first use. Used only on the "quiz-points" queue."""

    def __init__(
        self,
        path: Path,
        calendar: LeaderboardCalendar,
        classes: tuple[str, ...],
        keep_days: int = KEEP_DAYS,
    ) -> None:
        self._path = path
        self._keep_days = keep_days
        self._calendar = calendar
        self._classes = classes
        self._store: PointsStore | None = None

    def award(
        self, team: str, points: int, now: datetime, right_answers: int = 0
    ) -> dict[Period, Leaderboard]:
        self._open().award(team, points, now, right_answers)
        return self.boards(now)

    def export(self, first: date, last: date, target: Path) -> int:
        """Write the class points CSV (flushed to the stick before it returns); its rows."""
        from kiosk.quiz.export import points_csv
        from kiosk.util.atomic import atomic_write_bytes

        rows = self.daily_rows(first, last)
        atomic_write_bytes(target, points_csv(rows))
        return len(rows)

    def daily_rows(self, first: date, last: date) -> list[DailyRow]:
        return self._open().daily_rows(first, last)

    def reset_team(self, team: str, now: datetime) -> dict[Period, Leaderboard]:
        self._open().reset_team(team, now)
        return self.boards(now)

    def boards(self, now: datetime) -> dict[Period, Leaderboard]:
        store = self._open()
        return {p: store.leaderboard(p, now, self._classes) for p in Period}

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _open(self) -> PointsStore:
        if self._store is None:
            self._store = PointsStore(self._path, self._calendar, self._keep_days)
        return self._store


class QuizService(QObject):
    """Holds the quiz catalog, the live value provider and the class points store."""

    catalog_did_change = Signal(object)  # QuizCatalog
    leaderboards_did_update = Signal(object)  # dict[Period, Leaderboard]
    points_did_fail = Signal(str)  # a one-line reason; the round itself is unaffected
    #: A round began / reached its result: level, topic ("" = every topic); for the visitor
    #: counts. Finished also says how many questions were answered and how many were right.
    round_did_start = Signal(str, str)
    round_did_finish = Signal(str, str, int, int)
    points_did_export = Signal(str, int)  # the CSV written (a USB stick), its rows

    def __init__(
        self,
        config: Config,
        paths: AppPaths,
        tasks: TaskRunner,
        live_provider: LiveValueProvider | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._config = config
        self._paths = paths
        self._tasks = tasks
        # one queue for the points database: awards and board reads run in order
        self._db_queue = tasks.serial("quiz-points")
        self._live_provider = live_provider
        self._catalog = QuizCatalog()
        self._generation = 0
        self._calendar = LeaderboardCalendar.from_config(config)
        self._db = _PointsDb(
            paths.quiz_db, self._calendar, config.quiz.classes, config.quiz.awards_keep_days
        )
        self._last_right = 0  # right answers of the last finished round, for its award
        #: What this kiosk asked lately (rounds draw the rest first); read and saved in turn
        #: with the points, on their queue.
        self.history = AskedHistory(paths.quiz_db.with_name("quiz-asked.json"))
        self._db_queue.run(self.history.load, None, self._on_history_error)
        #: Clocks, replaceable in tests: monotonic seconds (timers) and aware UTC (points).
        self.monotonic: Callable[[], float] = time.monotonic
        self.utc_now: Callable[[], datetime] = _utc_now
        self.rng: random.Random = random.Random()

    # --- content ---------------------------------------------------------------------------

    @property
    def catalog(self) -> QuizCatalog:
        return self._catalog

    def set_content(self, content: ActiveContent | None) -> None:
        """Load the quiz sets of the active content off the GUI thread, then emit the catalog."""
        self._generation += 1
        generation = self._generation
        self._tasks.run(
            lambda: load_catalog(content),
            lambda catalog: self._on_catalog_loaded(generation, catalog),
            lambda exc: self._on_catalog_loaded(generation, QuizCatalog(errors=(str(exc),))),
        )

    def _on_catalog_loaded(self, generation: int, catalog: QuizCatalog) -> None:
        if generation != self._generation:
            return  # a newer release arrived while this one was parsed
        self._catalog = catalog
        self.catalog_did_change.emit(catalog)

    def set_live_provider(self, provider: LiveValueProvider | None) -> None:
        """Where live-data questions get their figure; None skips those questions."""
        self._live_provider = provider

    def askable(self, question: Question) -> bool:
        return question.live is None or self._live_provider is not None

    def playable_levels(self, theme: str | None) -> list[Difficulty]:
        """Levels with at least one question that can be asked now, easiest first."""
        pool = question_pool(self._catalog.sets, theme=theme)
        return [d for d in Difficulty if any(q.difficulty is d and self.askable(q) for q in pool)]

    def new_session(self, level: Difficulty, theme: str | None) -> QuizSession | None:
        """A fresh round for one level (and theme, None = every theme); None if nothing to ask."""
        pool = [
            q
            for q in question_pool(self._catalog.sets, level=level, theme=theme)
            if self.askable(q)
        ]
        if not pool:
            return None
        quiz = self._config.quiz
        # what the last rounds asked is kept before this one starts
        self._db_queue.run(self.history.save, None, self._on_history_error)
        session = QuizSession(
            pool,
            questions_per_round=quiz.questions_per_round,
            timer_seconds=quiz.question_timer_seconds,
            live_provider=self._live_provider,
            rng=self.rng,
            on_result=partial(self._on_round_result, level.value, theme or ""),
            history=self.history,
        )
        self.round_did_start.emit(level.value, theme or "")
        return session

    def _on_round_result(self, level: str, topic: str, state: SessionState) -> None:
        right = sum(1 for a in state.answers if a.correct)
        self._last_right = right
        self.round_did_finish.emit(level, topic, len(state.answers), right)

    def result_link(self, theme: str | None) -> ResultLink | None:
        """The link for the store certificate's QR code: the theme's set first, then any set,
        then the site's own page (``site.link``); None when there is none."""
        sets = self._catalog.sets
        ordered = [s for s in sets if s.theme == theme] + [s for s in sets if s.theme != theme]
        link = next((s.result_link for s in ordered if s.result_link is not None), None)
        site = self._config.site
        if link is None and site.link:
            link = ResultLink(site.link, LocalText(site.name_zh, site.name))
        return link

    def local_today(self) -> date:
        return self.utc_now().astimezone(self._calendar.timezone).date()

    # --- points ----------------------------------------------------------------------------

    def award(self, team: str, points: int, right_answers: int | None = None) -> None:
        """Add a finished round's points to a class, then emit fresh leaderboards.

        ``right_answers`` defaults to those of the round that finished last (the export
        lists them per class and day)."""
        now, db = self.utc_now(), self._db
        right = self._last_right if right_answers is None else right_answers
        self._db_queue.run(
            lambda: db.award(team, points, now, right), self._on_boards, self._on_points_error
        )

    def reset_team(self, team: str) -> None:
        """Staff start a new term for ``team``: its leaderboards count from now (its awards
        stay for the export and the yearly report)."""
        now, db = self.utc_now(), self._db
        self._db_queue.run(lambda: db.reset_team(team, now), self._on_boards, self._on_points_error)

    def export_term_points(self, folder: Path) -> None:
        """Save this term's class points, one row per class per day, into ``folder``."""
        from kiosk.quiz.export import export_name

        now, db = self.utc_now(), self._db
        first = self._calendar.bounds(Period.TERM, now)[0].date()
        last = now.astimezone(self._calendar.timezone).date()
        target = folder / export_name(first.isoformat(), last.isoformat())
        self._db_queue.run(
            lambda: db.export(first, last, target),
            partial(self._on_exported, str(target)),
            self._on_points_error,
        )

    def daily_rows(
        self,
        first: date,
        last: date,
        on_done: Callable[[list[DailyRow]], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Class points per class per day from ``first`` to ``last`` (the yearly report),
        read on the points queue; ``on_done`` or ``on_error`` on the GUI thread."""
        db = self._db
        self._db_queue.run(lambda: db.daily_rows(first, last), on_done, on_error)

    def _on_exported(self, target: str, rows: int) -> None:
        self.points_did_export.emit(target, rows)

    def refresh_leaderboards(self) -> None:
        now, db = self.utc_now(), self._db
        self._db_queue.run(lambda: db.boards(now), self._on_boards, self._on_points_error)

    def _on_boards(self, boards: dict[Period, Leaderboard]) -> None:
        self.leaderboards_did_update.emit(boards)

    def _on_points_error(self, exc: BaseException) -> None:
        self.points_did_fail.emit(f"{self._paths.quiz_db}: {exc}")

    def _on_history_error(self, exc: BaseException) -> None:
        # rounds still play; they may repeat questions sooner
        log.warning("recently asked questions: %s: %s", self.history.path, exc)

    def stop(self) -> None:
        """Finish pending writes and close the database (called at shutdown)."""
        self._db_queue.run(self.history.save, None, self._on_history_error)
        self._db_queue.run(self._db.close)
        self._db_queue.wait(10_000)


def _utc_now() -> datetime:
    return datetime.now(UTC)
