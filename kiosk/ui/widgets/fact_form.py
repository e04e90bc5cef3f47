"""Rows of "name: value" facts, as the staff panels show them (version, last sync, pack …)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QFormLayout, QLabel

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import label


class FactForm(QFormLayout):
    """One row per key; the value label of key ``k`` is named ``<prefix>-<k>`` for tests."""

    def __init__(self, theme: Theme, keys: Iterable[str], prefix: str) -> None:
        super().__init__()
        self.setVerticalSpacing(theme.px(12))
        self.setHorizontalSpacing(theme.px(24))
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for key in keys:
            name, value = label("", "subtitle"), label("", "body")
            value.setObjectName(f"{prefix}-{key}")
            self.rows[key] = (name, value)
            self.addRow(name, value)

    def set_names(self, names: Mapping[str, str]) -> None:
        """The row titles, in the current language."""
        for key, (name, _value) in self.rows.items():
            name.setText(names[key])

    def value(self, key: str) -> QLabel:
        return self.rows[key][1]
