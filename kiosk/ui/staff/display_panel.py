"""The staff screen's display panel: how the energy screens present the figures (family or
student) and the language the kiosk returns to after idle, chosen by touch and kept on this
kiosk on top of ``kiosk.toml`` (:mod:`kiosk.staff.overrides`)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Config
from kiosk.services.display_settings import DisplaySettings
from kiosk.staff.overrides import ALLOWED
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.touch import button, label

#: The settings on this panel, in the order shown (their values: the config schema's choices).
SHOWN = ("mode", "language")


class DisplayPanel(QWidget):
    """A tap asks :class:`DisplaySettings` to save the choice; the panel shows the outcome."""

    def __init__(self, ctx: UiContext, settings: DisplaySettings) -> None:
        super().__init__()
        self.setObjectName("staff-display")
        self.ctx = ctx
        self.settings = settings
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.px(12))
        self.heading = label("", "heading")
        layout.addWidget(self.heading)
        self.titles: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        for name in SHOWN:
            title = self.titles[name] = label("", "")
            row = QHBoxLayout()
            row.setSpacing(theme.px(16))
            group = QButtonGroup(self)
            group.setExclusive(True)
            for value in ALLOWED[name]:
                btn = self.buttons[(name, value)] = button("", "tab")
                btn.setObjectName(f"display-{name}-{value}")
                btn.setCheckable(True)
                btn.clicked.connect(lambda _=False, n=name, v=value: self._on_tapped(n, v))
                group.addButton(btn)
                row.addWidget(btn, 1)
            note = self.notes[name] = label("", "small")
            layout.addWidget(title)
            layout.addLayout(row)
            layout.addWidget(note)
        self.problem = label("", "honest")
        self.problem.setObjectName("display-problem")
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        ctx.language.language_did_change.connect(lambda _code: self.retranslate())
        settings.display_did_change.connect(self._on_display_did_change)
        settings.display_did_fail.connect(self._on_display_did_fail)
        self.retranslate()

    def _on_tapped(self, name: str, value: str) -> None:
        if getattr(self.settings.config.display, name) != value:
            self.settings.choose(name, value)

    def _on_display_did_change(self, _config: Config, _name: str, _value: str) -> None:
        self.problem.setVisible(False)
        self.retranslate()

    def _on_display_did_fail(self, text: str) -> None:
        self.show_problem(text)

    def show_problem(self, text: str) -> None:
        """A choice could not be saved: say so and show what is still in effect."""
        self.problem.setText(self.tr("Could not save the choice: %1").replace("%1", text))
        self.problem.setVisible(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Display"))
        self.titles["mode"].setText(self.tr("Energy screens"))
        self.titles["language"].setText(self.tr("Language after a visitor leaves"))
        words = {
            ("mode", "family"): self.tr("Family: big figures"),
            ("mode", "student"): self.tr("Student: every figure"),
            ("language", "zh"): "中文",  # each language in its own words
            ("language", "en"): "English",
        }
        current = self.settings.config.display
        for (name, value), btn in self.buttons.items():
            btn.setText(words[(name, value)])
            btn.setChecked(getattr(current, name) == value)
        for name in SHOWN:
            from_file = getattr(self.settings.file_config.display, name)
            if getattr(current, name) == from_file:
                note = self.tr("As set in kiosk.toml.")
            else:
                note = self.tr("Chosen on this kiosk; kiosk.toml says: %1").replace(
                    "%1", words[(name, from_file)]
                )
            self.notes[name].setText(note)
