"""The bar on top of every visitor screen: home, the screen title, the language button.

Its left end is the staff corner: an empty square (:attr:`TopBar.staff_corner`) that holds
no control, where staff press and hold to open the PIN pad (``kiosk.ui.lockdown``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from kiosk.ui.i18n import Language
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import PlainLabel, button, set_role

#: The staff corner's width at 1080p: a thumb fits, and "← Home" starts a spacing after it.
STAFF_CORNER_PX = 96


class TopBar(QFrame):
    home_was_tapped = Signal()
    language_was_tapped = Signal()

    def __init__(self, theme: Theme, language: Language) -> None:
        super().__init__()
        self._language = language
        self._back_text = ""
        set_role(self, "topbar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, theme.px(12), theme.px(24), theme.px(12))
        layout.setSpacing(theme.px(24))
        self.staff_corner = QWidget()
        self.staff_corner.setObjectName("staff-corner")
        self.staff_corner.setFixedWidth(theme.px(STAFF_CORNER_PX))
        self.staff_corner.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.home_button = button("", "nav")
        self.home_button.setObjectName("home-button")
        self.home_button.clicked.connect(self.home_was_tapped)
        self.title_label = PlainLabel()
        set_role(self.title_label, "heading")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.language_button = button("", "nav")
        self.language_button.setObjectName("language-button")
        self.language_button.clicked.connect(self.language_was_tapped)
        layout.addWidget(self.staff_corner)
        layout.addWidget(self.home_button)
        layout.addWidget(self.title_label, 1)
        layout.addWidget(self.language_button)
        self.retranslate()

    def set_title(self, text: str, show_home: bool) -> None:
        self.title_label.setText(text)
        self.home_button.setVisible(show_home)

    def set_back_text(self, text: str) -> None:
        """Name the back button for a step inside a screen ("All stories"); "" = Home."""
        self._back_text = text
        self.retranslate()

    def retranslate(self) -> None:
        self.home_button.setText("← " + (self._back_text or self.tr("Home")))
        # The button names the language it switches *to*, written in that language.
        self.language_button.setText("English" if self._language.code == "zh" else "中文")
