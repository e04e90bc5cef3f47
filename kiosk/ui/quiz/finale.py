"""The end of a round on the quiz screen: the score, then class points (school) or the
certificate (store), and after a kids' round in a school the choice of who gets the points.

Who gets a round's points (:attr:`RoundFinale.team`) lives here: chosen before a family or
student round (the class picker), after a kids' round (the team chooser), or never.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.quiz.certificate import make_certificate
from kiosk.quiz.models import Difficulty
from kiosk.quiz.periods import Period
from kiosk.quiz.points_store import Leaderboard
from kiosk.quiz.scoring import RoundScore
from kiosk.services.quiz_service import QuizService
from kiosk.ui.context import UiContext
from kiosk.ui.quiz.result_page import ResultPage, stars_for


class RoundFinale(QObject):
    def __init__(
        self,
        ctx: UiContext,
        page: ResultPage,
        service: QuizService | None,
        topic: Callable[[], str | None],
    ) -> None:
        super().__init__(page)
        self.ctx = ctx
        self.page = page
        self.service = service
        self._topic = topic
        self.team: str | None = None
        self._boards: dict[Period, Leaderboard] = {}
        self._points_problem = False
        self._score: RoundScore | None = None
        self._level = Difficulty.FAMILY
        self._waiting_for_team = False
        self._chosen = ""  # the team this round's points went to (a class or the school)
        page.team_chooser.team_was_chosen.connect(self._on_team_was_chosen)
        if service is not None:
            service.leaderboards_did_update.connect(self._on_leaderboards_did_update)
            service.points_did_fail.connect(self._on_points_did_fail)

    @property
    def is_school(self) -> bool:
        return self.ctx.config.site.kind == "school"

    @property
    def school_team(self) -> str:
        """The name the whole school's points are kept under ("our school")."""
        return self.ctx.config.site.name

    def forget(self) -> None:
        """A new visitor: nobody's class is known."""
        self.team = None
        self.round_did_start()

    def round_did_start(self) -> None:
        self.page.celebration.stop()
        self._points_problem = False
        self._score = None
        self._waiting_for_team = False
        self._chosen = ""

    def round_did_finish(self, score: RoundScore, level: Difficulty) -> None:
        """Give the points now if the class is known, or ask for it (kids, school)."""
        self._score, self._level = score, level
        if not self.is_school or score.points <= 0:
            return
        if self.team:
            self._chosen = self.team
            self._award(self.team)
        elif level is Difficulty.KIDS and self.ctx.config.quiz.classes:
            self._waiting_for_team = True

    def _award(self, team: str) -> None:
        assert self._score is not None
        if self.service is not None:
            self.service.award(team, self._score.points)

    def _on_team_was_chosen(self, team: str) -> None:
        if not self._waiting_for_team:
            return
        self._waiting_for_team = False
        # the whole school is no class: the next round asks again
        self.team = team if team != self.school_team else None
        self._chosen = team
        self._award(team)
        self.render(animate=False)

    # --- showing -------------------------------------------------------------------------

    def render(self, animate: bool) -> None:
        score = self._score
        if score is None:
            return
        page = self.page
        page.stars.set_earned(stars_for(score), animate)
        if animate:  # the round just ended (not a language switch)
            page.celebration.celebrate(score.correct, seed=score.points)
        page.headline.setText(
            self.tr("You got %1 of %2 right!")
            .replace("%1", str(score.correct))
            .replace("%2", str(score.asked))
        )
        page.points.setText(
            self.tr("+%1 carbon points").replace("%1", str(score.points))
            if score.points > 0
            else self.tr("Every right answer earns carbon points. Try again!")
        )
        page.show_mode(self.is_school, waiting_for_team=self._waiting_for_team)
        if self.is_school:
            self._render_school()
        elif self.service is not None:
            self._render_store(score)

    def _names(self) -> dict[str, str]:
        site = self.ctx.config.site
        return {self.school_team: self.ctx.language.pick(site.name_zh, site.name)}

    def _render_school(self) -> None:
        page = self.page
        names = self._names()
        team = self._chosen or self.team
        if self._waiting_for_team:
            page.team_chooser.heading.setText(self.tr("Who gets your points?"))
            classes = [(c, c) for c in self.ctx.config.quiz.classes]
            page.team_chooser.set_teams([*classes, (self.school_team, self.tr("Our school"))])
            page.note.setText("")
        else:
            page.note.setText(self._school_note(team, names))
        page.board.set_boards(self._boards, team or "", names)

    def _school_note(self, team: str | None, names: dict[str, str]) -> str:
        assert self._score is not None
        if self._points_problem:
            return self.tr("Your points could not be saved just now. Sorry!")
        if self._score.points <= 0:
            return ""
        if team:
            return self.tr("Points added for %1.").replace("%1", names.get(team, team))
        return self.tr("Ask staff to add your classes so points can be collected.")

    def _render_store(self, score: RoundScore) -> None:
        assert self.service is not None
        page = self.page
        page.note.setText(self.tr("Thank you for learning how to save carbon!"))
        link = self.service.result_link(self._topic())
        certificate = make_certificate(score, self.service.local_today(), link)
        link_text = link.label.get(self.ctx.language.code) if link else ""
        site = self.ctx.config.site
        page.certificate.show_certificate(
            certificate,
            link_text,
            self.ctx.language.pick(site.name_zh, site.name),
            self.service.catalog.logo,
        )
        page.certificate.setVisible(score.correct > 0)

    def _on_leaderboards_did_update(self, boards: dict[Period, Leaderboard]) -> None:
        self._boards = boards
        if self._score is not None and self.is_school:
            self._render_school()
        else:
            self.page.board.set_boards(boards, self.team or "", self._names())

    def _on_points_did_fail(self, _message: str) -> None:
        self._points_problem = True
        if self._score is not None and self.is_school:
            self.page.note.setText(self._school_note(self._chosen or self.team, self._names()))
