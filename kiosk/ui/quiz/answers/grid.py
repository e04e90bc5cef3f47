"""Choices as a grid of big answer buttons: one tap answers, or (several right answers) taps
toggle and *Check my answer* sends them."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLayout, QPushButton, QVBoxLayout

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
        self.check_button: QPushButton = check_button(theme)
        self.check_button.clicked.connect(self._on_check_clicked)
        self.check_button.hide()
        if not self.several:  # one tap answers: no place kept for a button never shown
            policy = self.check_button.sizePolicy()
            policy.setRetainSizeWhenHidden(False)
            self.check_button.setSizePolicy(policy)
        layout.addWidget(self.check_button)
        self.buttons: list[AnswerButton] = []
        self._choices_key: tuple[object, ...] = ()
        self._portrait = False

    def show_choices(
        self, view: QuestionView, pictures: PictureResolver, large: bool, animate: bool
    ) -> None:
        self._view = view
        rebuilt = self._show_buttons(view.choices, pictures, large, animate)
        self.check_button.setText(self.tr("Check my answer"))
        check = self.several and not view.answered
        if rebuilt or check is self.check_button.isHidden():
            self.check_button.setVisible(check)
            # the page lays this widget out by its min/max size: settle them now, not a frame
            # later (the fast path, a tap on the same buttons, changes neither)
            self._layout.activate()
        self.check_button.setEnabled(bool(self._picked))

    def forget(self) -> None:
        self._picked.clear()

    def set_portrait(self, portrait: bool) -> None:
        if portrait == self._portrait:
            return
        self._portrait = portrait
        shown = self.visible_buttons()
        if shown and self._view is not None:
            self._place_buttons(shown, self._columns(self._view.choices))
            self._layout.activate()

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
        for btn in self.buttons[len(choices) :]:
            self.grid.removeWidget(btn)
            btn.hide()
        for btn, choice in zip(self.buttons, choices, strict=False):
            picture = pictures(choice.picture) if choice.picture else None
            btn.set_content(choice.id, choice.text, picture, large)
            btn.set_state(self._state_of(choice), animate)
        self._place_buttons(self.buttons[: len(choices)], self._columns(choices))
        return True

    def _place_buttons(self, buttons: list[AnswerButton], columns: int) -> None:
        for btn in buttons:
            self.grid.removeWidget(btn)
        for i, btn in enumerate(buttons):
            self.grid.addWidget(btn, i // columns, i % columns)
            btn.show()

    def _columns(self, choices: tuple[ChoiceView, ...]) -> int:
        count = len(choices)
        if any(c.picture for c in choices):
            if self._portrait:  # the width of a phone-like screen: larger pictures in rows
                return 2 if count in (2, 4) else 3
            return count if count <= 4 else 3
        if self._portrait:  # full-width buttons, one under the other, up to four
            return 1 if count <= 4 else 2
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
