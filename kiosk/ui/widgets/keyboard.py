"""A touch keyboard for the kiosk, which has no physical one: letters, digits and a few marks,
shift, space and backspace. It types Latin text only (Chinese needs an input method; staff
choose a preset for that)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import button

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl:", "zxcvbnm,.?")
#: The bottom row's two marks, beside the space bar.
BOTTOM_MARKS = ("'", "!")
MAX_CHARS = 200


class OnScreenKeyboard(QWidget):
    text_did_change = Signal(str)

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.setObjectName("keyboard")
        self._text = ""
        self._shift = True  # a message starts with a capital
        grid = QGridLayout(self)
        grid.setSpacing(theme.px(6))
        self.keys: dict[str, QPushButton] = {}
        for row, chars in enumerate(ROWS):
            for col, char in enumerate(chars):
                key = self.keys[char] = button(char, "key")
                key.setObjectName(f"key-{char}")
                key.clicked.connect(partial(self._on_char, char))
                grid.addWidget(key, row, col)
        last = len(ROWS)
        for char, col in zip(BOTTOM_MARKS, (2, 7), strict=True):
            key = self.keys[char] = button(char, "key")
            key.setObjectName(f"key-{char}")
            key.clicked.connect(partial(self._on_char, char))
            grid.addWidget(key, last, col)
        self.shift = button("⇧", "key")
        self.shift.setObjectName("key-shift")
        self.shift.setCheckable(True)
        self.shift.setChecked(True)
        self.shift.clicked.connect(self._on_shift)
        self.space = button("␣", "key")
        self.space.setObjectName("key-space")
        self.space.clicked.connect(partial(self._on_char, " "))
        self.backspace = button("⌫", "key")
        self.backspace.setObjectName("key-backspace")
        self.backspace.clicked.connect(self._on_backspace)
        grid.addWidget(self.shift, last, 0, 1, 2)
        grid.addWidget(self.space, last, 3, 1, 4)
        grid.addWidget(self.backspace, last, 8, 1, 2)
        self._show_case()

    @property
    def text(self) -> str:
        return self._text

    def clear(self) -> None:
        self._set("")
        self._shift = True
        self._show_case()

    def _on_char(self, char: str) -> None:
        if len(self._text) >= MAX_CHARS:
            return
        self._set(self._text + (char.upper() if self._shift else char))
        if self._shift and char.isalpha():
            self._shift = False
            self._show_case()

    def _on_shift(self) -> None:
        self._shift = not self._shift
        self._show_case()

    def _on_backspace(self) -> None:
        self._set(self._text[:-1])

    def _set(self, text: str) -> None:
        self._text = text
        self.text_did_change.emit(text)

    def _show_case(self) -> None:
        self.shift.setChecked(self._shift)
        for char, key in self.keys.items():
            key.setText(char.upper() if self._shift else char)
