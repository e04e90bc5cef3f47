"""The staff screen's sections: a list of section buttons beside (portrait: above) one page.

Each section is a panel in its own finger-scrolled page, so the page shows one thing at a
time and the screen's own actions ("Back to visitors", restart, exit) never scroll away.
A panel joins by :meth:`StaffSections.add`; its button reads the panel's ``heading`` text
unless a title is given, and its ``retranslate()`` (if it has one) runs on a language change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import button, make_kinetic, set_role

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"


def heading_of(panel: QWidget) -> Callable[[], str]:
    """The panel's own heading as its section title (every staff panel has one)."""

    def title() -> str:
        heading = getattr(panel, "heading", None)
        text = heading.text() if heading is not None else ""
        return str(text) or panel.objectName()

    return title


class StaffSections(QWidget):
    section_did_change = Signal(str)

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        px = theme.px
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(px(48), px(16), px(48), px(24))
        self._box.setSpacing(px(24))
        self._list = QWidget()
        self._list.setObjectName("staff-section-list")
        self._grid = QGridLayout(self._list)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(px(12))
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.stack = QStackedWidget()
        # the list scrolls by finger when more sections than fit (landscape, a small screen)
        self._list_area = QScrollArea()
        self._list_area.setObjectName("staff-section-area")
        self._list_area.setWidgetResizable(True)
        self._list_area.setFrameShape(QFrame.Shape.NoFrame)
        make_kinetic(self._list_area)
        self._list_area.setWidget(self._list)
        self._box.addWidget(self._list_area, 0)
        self._box.addWidget(self.stack, 1)
        self.buttons: dict[str, QPushButton] = {}
        self._titles: dict[str, Callable[[], str]] = {}
        self._pages: dict[str, QScrollArea] = {}
        self._panels: dict[str, QWidget] = {}
        self._portrait = False

    @property
    def current(self) -> str:
        for key, page in self._pages.items():
            if page is self.stack.currentWidget():
                return key
        return ""

    def add(
        self, key: str, panel: QWidget, title: Callable[[], str] | None = None, *, at: int = -1
    ) -> None:
        """Add ``panel`` as section ``key`` (at position ``at``; -1: last)."""
        if key in self._pages:
            raise ValueError(f"staff section {key!r} added twice")
        card = QFrame()
        set_role(card, "card")
        inner = QVBoxLayout(card)
        pad = self._theme.px(24)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.addWidget(panel)
        inner.addStretch(1)
        page = QScrollArea()
        page.setObjectName(f"staff-page-{key}")
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        make_kinetic(page)
        page.setWidget(card)
        btn = button("", "tab")
        btn.setObjectName(f"staff-section-{key}")
        btn.setCheckable(True)
        btn.clicked.connect(self._on_button_clicked)
        self._group.addButton(btn)
        keys = list(self._pages)
        position = len(keys) if at < 0 else min(at, len(keys))
        keys.insert(position, key)
        self._pages[key] = page
        self._panels[key] = panel
        self.buttons[key] = btn
        self._titles[key] = title or heading_of(panel)
        self._pages = {k: self._pages[k] for k in keys}
        self.buttons = {k: self.buttons[k] for k in keys}
        self.stack.insertWidget(position, page)
        self._place_buttons()
        if len(keys) == 1:
            self.open(key)
        QTimer.singleShot(0, self.retitle)  # once the panel has its texts

    def open(self, key: str) -> None:
        """Show section ``key``."""
        self.stack.setCurrentWidget(self._pages[key])
        self.buttons[key].setChecked(True)
        self.section_did_change.emit(key)

    def page(self, key: str) -> QScrollArea:
        return self._pages[key]

    def retitle(self) -> None:
        """Set each button's text again (after a language change)."""
        for key, btn in self.buttons.items():
            btn.setText(self._titles[key]())
        self._place_buttons()  # the list fits the new titles

    def retranslate(self) -> None:
        """A language change: every panel with a ``retranslate`` sets its texts again (so a
        panel need not subscribe itself), then the buttons take the new headings."""
        for panel in self._panels.values():
            retranslate = getattr(panel, "retranslate", None)
            if callable(retranslate):
                retranslate()
        self.retitle()

    def _on_button_clicked(self) -> None:
        for key, btn in self.buttons.items():
            if btn is self.sender():
                self.open(key)

    def _place_buttons(self) -> None:
        columns = 3 if self._portrait else 1
        for i, btn in enumerate(self.buttons.values()):
            self._grid.removeWidget(btn)
            self._grid.addWidget(btn, i // columns, i % columns)
        self._grid.setRowStretch(self._grid.rowCount(), 0 if self._portrait else 1)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        area = self._list_area
        if self._portrait:  # rows of three above the page, all in view
            area.setMinimumWidth(0)
            area.setMaximumWidth(QWIDGETSIZE_MAX)
            area.setFixedHeight(self._grid.sizeHint().height())
        else:  # a column beside the page, as wide as its longest title
            widest = max((b.sizeHint().width() for b in self.buttons.values()), default=0)
            bar = area.verticalScrollBar().sizeHint().width()
            area.setFixedWidth(max(self._theme.px(380), widest + bar + self._theme.px(8)))
            area.setMinimumHeight(0)
            area.setMaximumHeight(QWIDGETSIZE_MAX)

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        if portrait != self._portrait:
            self._portrait = portrait
            self._box.setDirection(
                QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
            )
            self._place_buttons()
        super().resizeEvent(event)
