"""The announcement banner under the top bar: on every screen, over the attract loop only when
urgent, never on the closed screen. It shows the first announcement (urgent first) and how
many more there are; the announcement service says when that changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout

from kiosk.content.announcements import Announcement
from kiosk.ui.context import UiContext
from kiosk.ui.widgets.touch import PlainLabel, set_role


class AnnouncementBanner(QFrame):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("announcement-banner")
        set_role(self, "banner", priority="info")
        layout = QHBoxLayout(self)
        pad = ctx.theme.px(16)
        layout.setContentsMargins(ctx.theme.px(32), pad, ctx.theme.px(32), pad)
        self.text = PlainLabel()
        self.text.setObjectName("announcement-text")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.text, "banner-text")
        layout.addWidget(self.text, 1)
        self._shown: tuple[Announcement, ...] = ()
        self._screen = ""
        self.setVisible(False)

    def show_announcements(self, shown: tuple[Announcement, ...]) -> None:
        self._shown = tuple(shown)
        self._update()

    def set_screen(self, name: str) -> None:
        """The screen now showing (attract: urgent only; closed: none)."""
        self._screen = name
        self._update()

    def retranslate(self) -> None:
        self._update()

    def _update(self) -> None:
        first = self._shown[0] if self._shown else None
        wanted = first is not None and self._screen != "closed"
        if first is not None and self._screen == "attract":
            wanted = first.urgent
        if first is not None:
            text = self.ctx.language.pick(first.text_zh, first.text_en)
            more = len(self._shown) - 1
            self.text.setText(f"{text}   (+{more})" if more else text)
            priority = "urgent" if first.urgent else "info"
            if self.property("priority") != priority:
                set_role(self, "banner", priority=priority)
                set_role(self.text, "banner-text")  # its colour follows the banner's
        self.setVisible(wanted)
