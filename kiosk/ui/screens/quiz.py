"""The quiz area: pick a topic and level (and in a school the class), play a round by taps,
see the result with class points or a certificate. An honest notice while no quiz is installed.

The round lives in a :class:`QuizSession`; everything on screen is rendered from its state in
the current language, so switching language mid-round keeps the progress.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.quiz.models import Difficulty, theme_titles
from kiosk.quiz.session import Phase, QuizSession
from kiosk.quiz.views import render_question
from kiosk.resources import asset
from kiosk.services.quiz_service import QuizCatalog, QuizService
from kiosk.ui.context import UiContext
from kiosk.ui.quiz.answers import ANSWER_WIDGETS
from kiosk.ui.quiz.finale import RoundFinale
from kiosk.ui.quiz.level_picker import ClassPicker, LevelPicker
from kiosk.ui.quiz.question_page import QuestionPage
from kiosk.ui.quiz.result_page import ResultPage
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.notice import Notice

if TYPE_CHECKING:
    from kiosk.services.bundle import Services

TIMER_TICK_MS = 250


class QuizScreen(Screen):
    name = "quiz"

    def __init__(self, ctx: UiContext, service: QuizService | None = None) -> None:
        super().__init__(ctx)
        self.service = service
        self.catalog = QuizCatalog()
        self.session: QuizSession | None = None
        self.level = Difficulty.KIDS
        self.topic: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self.notice = Notice(ctx.theme, str(asset("icons", "quiz.svg")))
        self.picker = LevelPicker(ctx.theme)
        self.picker.level_was_chosen.connect(self._on_level_was_chosen)
        self.picker.topic_did_change.connect(self._on_topic_did_change)
        self.class_picker = ClassPicker(ctx.theme)
        self.class_picker.class_was_chosen.connect(self._on_class_was_chosen)
        self.class_picker.back_button.clicked.connect(self._show_picker)
        self.question_page = QuestionPage(ctx.theme)
        self.question_page.answer_was_chosen.connect(self._on_answer_was_chosen)
        self.question_page.next_was_tapped.connect(self._on_next_was_tapped)
        self.result_page = ResultPage(ctx.theme)
        self.result_page.play_again_was_tapped.connect(self._start_round)
        self.result_page.home_was_tapped.connect(self._on_home_was_tapped)
        self.result_page.show_mode(self.is_school)
        self.finale = RoundFinale(ctx, self.result_page, service, lambda: self.topic)
        for page in (
            self.notice,
            self.picker,
            self.class_picker,
            self.question_page,
            self.result_page,
        ):
            self.pages.addWidget(page)
        self.timer = QTimer(self)
        self.timer.setInterval(TIMER_TICK_MS)
        self.timer.timeout.connect(self._on_timer)
        if self.service is not None:
            self.service.catalog_did_change.connect(self._on_catalog_did_change)
            self.catalog = self.service.catalog
        self._show_picker()
        self.retranslate()

    def _show(self, page: QWidget) -> None:
        if self.pages.currentWidget() is not page:
            self.pages.setCurrentWidget(page)

    @property
    def team(self) -> str | None:
        """The class or team this visitor's points go to (None: not chosen yet)."""
        return self.finale.team

    @property
    def is_school(self) -> bool:
        return self.ctx.config.site.kind == "school"

    def _now(self) -> float:
        return self.service.monotonic() if self.service is not None else 0.0

    # --- screen protocol -------------------------------------------------------------------

    @classmethod
    def from_services(cls, ctx: UiContext, services: Services) -> QuizScreen:
        return cls(ctx, services.quiz)

    def title(self) -> str:
        return self.tr("Low-carbon quiz")

    def on_enter(self) -> None:
        if self.is_school and self.service is not None:
            self.service.refresh_leaderboards()

    def open_at(self, part: str) -> None:
        """``"kids"`` (the home screen's kids entry): straight into a kids' round of every
        topic, no picker and no class picker on the way."""
        if part == Difficulty.KIDS.value:
            self.level, self.topic = Difficulty.KIDS, None
            self.picker.select_topic(None)
            self._start_round()

    def reset_visitor_state(self) -> None:
        """Idle: the round is discarded (no points) and the next visitor starts fresh."""
        self.session = None
        self.finale.forget()
        self.topic = None
        self.timer.stop()
        self.picker.select_topic(None)
        self._show_picker()

    def retranslate(self) -> None:
        self.notice.set_texts(
            self.tr("No quizzes installed yet"),
            self.tr("Staff can load a content pack from a USB stick or the network."),
        )
        self.picker.topic_heading.setText(self.tr("Choose a topic"))
        self.picker.level_heading.setText(self.tr("Choose your level"))
        self.picker.set_level_texts(
            {
                Difficulty.KIDS: (
                    self.tr("Kids"),
                    self.tr("Pictures and short questions"),
                    self.tr("Ages 6–9"),
                ),
                Difficulty.FAMILY: (
                    self.tr("Family"),
                    self.tr("Everyday green choices"),
                    self.tr("Ages 10+"),
                ),
                Difficulty.STUDENT: (
                    self.tr("Students"),
                    self.tr("Facts and figures"),
                    self.tr("Ages 12–18"),
                ),
            }
        )
        self._fill_topics()
        self.class_picker.heading.setText(self.tr("Which class or team are you in?"))
        self.class_picker.note.setText(
            self.tr("Your points go to your class. We never ask for your name.")
        )
        self.class_picker.back_button.setText("← " + self.tr("Back"))
        self.result_page.board_heading.setText(self.tr("Class points"))
        self.result_page.board.retranslate()
        self.result_page.play_again.setText(self.tr("Play again"))
        self.result_page.home.setText(self.tr("Home"))
        self._render(animate=False)

    # --- content ---------------------------------------------------------------------------

    def _on_catalog_did_change(self, catalog: QuizCatalog) -> None:
        self.catalog = catalog
        self._fill_topics()
        if self.session is None:
            self._show_picker()

    def _fill_topics(self) -> None:
        lang = self.ctx.language.code
        topics = [
            (theme, title.get(lang), str(self.catalog.topic_picture(theme) or ""))
            for theme, title in theme_titles(self.catalog.sets).items()
        ]
        every = str(asset("icons", "quiz.svg"))
        self.picker.set_topics(topics, self.tr("All topics"), every)
        self.picker.select_topic(self.topic)
        self._update_playable()

    def _update_playable(self) -> None:
        levels = self.service.playable_levels(self.topic) if self.service is not None else []
        self.picker.set_playable(levels)

    def _show_picker(self) -> None:
        self.session = None
        self.timer.stop()
        if self.catalog.sets:
            self._show(self.picker)
        else:
            self._show(self.notice)

    # --- choosing ----------------------------------------------------------------------------

    def _on_topic_did_change(self, topic: str | None) -> None:
        self.topic = topic
        self._update_playable()

    def _on_level_was_chosen(self, level: str, topic: str | None) -> None:
        self.level = Difficulty(level)
        self.topic = topic
        classes = self.ctx.config.quiz.classes
        # a child plays first; the class (or "our school") is chosen after the round
        kids = self.level is Difficulty.KIDS
        if self.is_school and classes and self.finale.team is None and not kids:
            self.class_picker.set_classes(classes)
            self._show(self.class_picker)
            return
        self._start_round()

    def _on_class_was_chosen(self, team: str) -> None:
        self.finale.team = team
        self._start_round()

    def _start_round(self) -> None:
        if self.service is None:
            return
        session = self.service.new_session(self.level, self.topic)
        if session is None:
            self._show_picker()
            return
        self.session = session
        self.finale.round_did_start()
        self.question_page.forget()
        session.start(self._now())
        self._after_change(animate=False)

    # --- playing -----------------------------------------------------------------------------

    def _on_answer_was_chosen(self, choice_ids: tuple[str, ...]) -> None:
        session = self.session
        if session is None or session.state.phase is not Phase.QUESTION:
            return
        session.answer(choice_ids, self._now())
        self._after_change(animate=True)

    def _on_next_was_tapped(self) -> None:
        session = self.session
        if session is None or session.state.phase is not Phase.FEEDBACK:
            return
        session.next(self._now())
        self._after_change(animate=True)

    def _on_timer(self) -> None:
        session = self.session
        if session is None:
            self.timer.stop()
            return
        if session.tick(self._now()):
            self._after_change(animate=True)
        else:
            self._update_timer_text()

    def _after_change(self, animate: bool) -> None:
        session = self.session
        assert session is not None
        if session.state.phase is Phase.RESULT:
            self._finish_round()
        self._render(animate)

    def _finish_round(self) -> None:
        session = self.session
        assert session is not None and session.state.score is not None
        self.finale.round_did_finish(session.state.score, self.level)

    # --- rendering ---------------------------------------------------------------------------

    def _render(self, animate: bool) -> None:
        session = self.session
        if session is None:
            return
        state = session.state
        if state.phase is Phase.RESULT:
            self.timer.stop()
            self.finale.render(animate)
            self._show(self.result_page)
            return
        view = render_question(session, self.ctx.language.code)
        if view is None:
            return
        results = tuple(a.correct for a in state.answers)
        self.question_page.show_view(
            view, results, self._picture, self.level is Difficulty.KIDS, animate
        )
        self._update_timer_text()
        if state.phase is Phase.QUESTION and state.deadline is not None:
            self.timer.start()
        else:
            self.timer.stop()
        self._show(self.question_page)

    def _picture(self, rel_path: str) -> Path | None:
        return self.catalog.picture_path(rel_path)

    def _update_timer_text(self) -> None:
        remaining = self.session.remaining_seconds(self._now()) if self.session else None
        text = (
            ""
            if remaining is None
            else self.tr("%1 s left").replace("%1", str(int(remaining + 0.999)))
        )
        self.question_page.set_timer_text(text)

    def _on_home_was_tapped(self) -> None:
        self._show_picker()
        self.user_did_choose_screen.emit("home")

    # --- screenshots -------------------------------------------------------------------------

    def shot_states(self) -> list[str]:
        if not self.catalog.sets:
            return [""]
        states = ["", "question", "feedback-right", "feedback-wrong", "kids-picture", "result"]
        if self.is_school and self.ctx.config.quiz.classes:
            states[1:1] = ["classes"]
            states.append("kids-result")  # a kids' round: who gets the points
        for kind in self._shot_kinds():
            states += [f"kind-{kind}", f"kind-{kind}-feedback"]
        return states

    def _shot_kinds(self) -> list[str]:
        """One installed kind per answer widget beyond the first (the plain grid of the states
        above), so every widget is seen in a question and its feedback."""
        installed = {q.kind for s in self.catalog.sets for q in s.questions}
        by_widget: dict[object, list[str]] = {}
        for kind, widget in ANSWER_WIDGETS.items():
            by_widget.setdefault(widget, []).append(kind)
        shown = [next((k for k in ks if k in installed), "") for ks in list(by_widget.values())[1:]]
        return [kind for kind in shown if kind]

    def enter_shot_state(self, state: str) -> None:
        self.reset_visitor_state()
        if self.service is None or not state:
            return
        if state == "classes":
            self._on_level_was_chosen(Difficulty.FAMILY.value, None)
            return
        self.finale.team = (self.ctx.config.quiz.classes or (None,))[0]
        if state.startswith("kind-"):
            self._shot_kind(state.removeprefix("kind-").removesuffix("-feedback"))
            if state.endswith("-feedback") and self.session is not None:
                self._shot_answer(right=False)
            return
        if state == "kids-picture":
            for seed in range(100):
                self._shot_round(Difficulty.KIDS, seed)
                if self.question_page.visible_buttons()[0].has_picture():
                    return
            return
        if state == "kids-result":
            self.finale.team = None
        self._shot_round(Difficulty.KIDS if state == "kids-result" else Difficulty.FAMILY, 3)
        session = self.session
        if session is None or state == "question":
            return
        if state in ("result", "kids-result"):
            while session.state.phase is not Phase.RESULT:
                if session.state.phase is Phase.QUESTION:
                    self._shot_answer(right=session.state.number != 2)
                else:
                    self._on_next_was_tapped()
            return
        self._shot_answer(right=state == "feedback-right")

    def _shot_kind(self, kind: str) -> None:
        """A round whose first question is of ``kind``."""
        level = next(q.difficulty for s in self.catalog.sets for q in s.questions if q.kind == kind)
        for seed in range(200):
            self._shot_round(level, seed)
            session = self.session
            if session is not None and session.question(session.state.question_id).kind == kind:
                return

    def _shot_round(self, level: Difficulty, seed: int) -> None:
        assert self.service is not None
        self.service.rng.seed(seed)
        self.level, self.topic = level, None
        self._start_round()

    def _shot_answer(self, right: bool) -> None:
        session = self.session
        assert session is not None
        state = session.state
        correct = session.correct_answer(state.question_id)
        wrong = tuple(c for c in state.choice_order if c not in correct)[:1]
        # every choice belongs to the answer of an order: the reversed order is a wrong one
        self._on_answer_was_chosen(correct if right else wrong or correct[::-1])
