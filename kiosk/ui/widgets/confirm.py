"""A question asked by touch before an action that cannot be undone from the screen (exit):
a card with the question, the action and "Cancel", shown in place; no dialog, no keyboard."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import button, label, set_role


class TouchConfirm(QFrame):
    action_was_confirmed = Signal()

    def __init__(self, theme: Theme, name: str) -> None:
        super().__init__()
        set_role(self, "card")
        self.setObjectName(f"confirm-{name}")
        px = theme.px
        layout = QVBoxLayout(self)
        layout.setContentsMargins(px(32), px(24), px(32), px(24))
        layout.setSpacing(px(16))
        self.question = label("", "heading")
        self.detail = label("", "body")
        row = QHBoxLayout()
        row.setSpacing(px(24))
        self.confirm_button = button("", "danger")
        self.confirm_button.setObjectName(f"confirm-{name}-yes")
        self.cancel_button = button("", "primary")
        self.cancel_button.setObjectName(f"confirm-{name}-cancel")
        for btn in (self.cancel_button, self.confirm_button):
            btn.setMinimumHeight(px(96))
            row.addWidget(btn, 1)
        layout.addWidget(self.question)
        layout.addWidget(self.detail)
        layout.addLayout(row)
        self.confirm_button.clicked.connect(self._on_confirm)
        self.cancel_button.clicked.connect(self.hide)
        self.hide()

    def set_texts(self, question: str, detail: str, confirm: str, cancel: str) -> None:
        self.question.setText(question)
        self.detail.setText(detail)
        self.confirm_button.setText(confirm)
        self.cancel_button.setText(cancel)

    def _on_confirm(self) -> None:
        self.hide()
        self.action_was_confirmed.emit()
