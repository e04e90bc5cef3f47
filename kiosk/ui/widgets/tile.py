"""A large home-screen tile: icon, title and a short subtitle; the whole tile is the target."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout

from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import PlainLabel, set_role


class Tile(QPushButton):
    tile_was_tapped = Signal(str)  # the tile's target screen

    def __init__(self, theme: Theme, icon_path: Path, target: str) -> None:
        super().__init__()
        set_role(self, "tile", area=target)  # each area its own colour
        self.target = target
        self.setObjectName(f"tile-{target}")
        self.clicked.connect(self._on_clicked)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(theme.px(220))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.px(32), theme.px(32), theme.px(32), theme.px(32))
        layout.setSpacing(theme.px(16))
        icon = PlainLabel()
        size = theme.px(180)
        icon.setPixmap(QIcon(str(icon_path)).pixmap(QSize(size, size)))
        icon.setFixedSize(size, size)
        icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.title_label = PlainLabel()
        set_role(self.title_label, "title")
        self.subtitle_label = PlainLabel()
        self.subtitle_label.setWordWrap(True)
        set_role(self.subtitle_label, "subtitle")
        #: a live figure that invites ("Our roof is making 19.6 kW — see how"); hidden when none
        self.live_label = PlainLabel()
        self.live_label.setObjectName(f"tile-{target}-live")
        self.live_label.setWordWrap(True)
        set_role(self.live_label, "tile-live")
        self.live_label.setVisible(False)
        self.live_note = PlainLabel()  # "(simulated figures)", quietly
        set_role(self.live_note, "small")
        self.live_note.setVisible(False)
        for lab in (self.title_label, self.subtitle_label, self.live_label, self.live_note):
            lab.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            lab.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addWidget(self.live_label)
        layout.addWidget(self.live_note)
        layout.addStretch(1)

    def _on_clicked(self) -> None:
        self.tile_was_tapped.emit(self.target)

    def set_live(self, text: str, note: str = "") -> None:
        """The tile's live line and a quiet note under it; "" hides them."""
        self.live_label.setText(text)
        self.live_label.setVisible(bool(text))
        self.live_note.setText(note if text else "")
        self.live_note.setVisible(bool(text and note))

    def set_texts(self, title: str, subtitle: str) -> None:
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)
        self.setAccessibleName(title)
