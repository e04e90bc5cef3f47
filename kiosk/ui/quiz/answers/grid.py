"""Choices as a grid of big answer buttons: one tap answers, or (several right answers) taps
toggle and *Check my answer* sends them."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLayout, QVBoxLayout

from kiosk.quiz.views import ChoiceView, QuestionView
from kiosk.ui.quiz.answer_button import AnswerButton, AnswerState
from kiosk.ui.quiz.answers.base import AnswerWidget, PictureResolver, check_button
from kiosk.ui.theme import Theme


class ChoiceGrid(AnswerWidget):
    """One tap on a choice answers the question."""

    several = False

    def __init__(self, theme: Theme) -> None:
        super().__init__(theme)
        self._view: QuestionView | None = None
        self._picked: set[str] = set()
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(20))
        # the grid is only as tall as its buttons allow, as if it sat in the page's own layout
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinAndMaxSize)
        self.grid = QGridLayout()
        self.grid.setSpacing(theme.px(20))
        layout.addLayout(self.grid)
        self.check_button = check_button(theme)
        self.check_button.clicked.connect(self._on_check_clicked)
        self.check_button.hide()
        layout.addWidget(self.check_button)
        self.buttons: list[AnswerButton] = []
        self._choices_key: tuple[object, ...] = ()

    def show_choices(
        self, view: QuestionView, pictures: PictureResolver, large: bool, animate: bool
    ) -> None:
        self._view = view
        rebuilt = self._show_buttons(view.choices, pictures, large, animate)
        self.check_button.setText(self.tr("Check my answer"))
        check = self.several and not view.answered
        if rebuilt or check != self.check_button.isVisibleTo(self):
            self.check_button.setVisible(check)
            # the page lays this widget out by its min/max size: settle them now, not a frame
            # later (the fast path, a tap on the same buttons, changes neither)
            self._layout.activate()
        self.check_button.setEnabled(bool(self._picked))

    def forget(self) -> None:
        self._picked.clear()

    def visible_buttons(self) -> list[AnswerButton]:
        return [b for b in self.buttons if not b.isHidden()]

    def _show_buttons(
        self, choices: tuple[ChoiceView, ...], pictures: PictureResolver, large: bool, animate: bool
    ) -> bool:
        """Show ``choices``; True if the buttons had to be laid out again."""
        key = (large, *((c.id, c.text, c.picture) for c in choices))
        if key == self._choices_key:
            # the same choices after a tap: only their states change (the fast path)
            for btn, choice in zip(self.buttons, choices, strict=False):
                btn.set_state(self._state_of(choice), animate)
            return False
        self._choices_key = key
        while len(self.buttons) < len(choices):
            btn = AnswerButton(self._theme)
            btn.clicked.connect(self._on_answer_clicked)
            self.buttons.append(btn)
        columns = self._columns(choices)
        for btn in self.buttons:
            self.grid.removeWidget(btn)
            btn.hide()
        for i, choice in enumerate(choices):
            btn = self.buttons[i]
            picture = pictures(choice.picture) if choice.picture else None
            btn.set_content(choice.id, choice.text, picture, large)
            btn.set_state(self._state_of(choice), animate)
            self.grid.addWidget(btn, i // columns, i % columns)
            btn.show()
        return True

    def _columns(self, choices: tuple[ChoiceView, ...]) -> int:
        count = len(choices)
        if any(c.picture for c in choices):
            return count if count <= 4 else 3
        # three rows at most: five or six answers in one column (with Check below) are taller
        # than a 1080-pixel screen
        return 1 if count == 3 else 2

    def _state_of(self, choice: ChoiceView) -> AnswerState:
        if choice.correct is None:
            return AnswerState.PICKED if choice.id in self._picked else AnswerState.OPEN
        if choice.chosen:
            return AnswerState.CORRECT if choice.correct else AnswerState.WRONG
        return AnswerState.MISSED if choice.correct else AnswerState.DIMMED

    def _on_answer_clicked(self) -> None:
        btn = self.sender()
        view = self._view
        if not isinstance(btn, AnswerButton) or view is None or view.answered:
            return
        if not self.several:
            self.answer_was_chosen.emit((btn.choice_id,))
            return
        self._picked.symmetric_difference_update({btn.choice_id})
        btn.set_state(
            AnswerState.PICKED if btn.choice_id in self._picked else AnswerState.OPEN, False
        )
        self.check_button.setEnabled(bool(self._picked))

    def _on_check_clicked(self) -> None:
        if self._picked:
            self.answer_was_chosen.emit(tuple(sorted(self._picked)))


class PickSeveralGrid(ChoiceGrid):
    """Taps toggle choices; *Check my answer* sends every picked one."""

    several = True

    def hint(self, view: QuestionView) -> str:
        return "" if view.answered else self.tr("Pick every answer that fits, then tap Check.")
