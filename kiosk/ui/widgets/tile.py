"""A large home-screen tile: icon, title and a short subtitle; the whole tile is the target."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QResizeEvent
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
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.px(32), theme.px(32), theme.px(32), theme.px(32))
        layout.setSpacing(theme.px(16))
        self._icon_source = QIcon(str(icon_path))
        self._icon_max, self._icon_min = theme.px(180), theme.px(48)
        self._icon, self._icon_size = PlainLabel(), 0
        icon = self._icon
        icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._set_icon_size(self._icon_max)
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

    def _set_icon_size(self, size: int) -> None:
        if size != self._icon_size:
            self._icon_size = size
            self._icon.setPixmap(self._icon_source.pixmap(QSize(size, size)))
            self._icon.setFixedSize(size, size)

    def _fit_icon(self) -> None:
        """The icon takes the room its texts leave, up to its full size: a button does not
        grow to its layout, so on a short tile a full-size icon ran into the title. Too little
        room: no icon, the words matter more."""
        layout = self._layout
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        texts = [
            lab
            for lab in (self.title_label, self.subtitle_label, self.live_label, self.live_note)
            if not lab.isHidden()
        ]
        needed = sum(lab.heightForWidth(width) if lab.wordWrap() else lab.sizeHint().height()
                     for lab in texts) + layout.spacing() * len(texts)  # fmt: skip
        room = self.height() - margins.top() - margins.bottom() - needed
        size = min(self._icon_max, room)
        self._icon.setVisible(size >= self._icon_min)
        if size >= self._icon_min:
            self._set_icon_size(size)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_icon()

    def _on_clicked(self) -> None:
        self.tile_was_tapped.emit(self.target)

    def set_live(self, text: str, note: str = "") -> None:
        """The tile's live line and a quiet note under it; "" hides them."""
        self.live_label.setText(text)
        self.live_label.setVisible(bool(text))
        self.live_note.setText(note if text else "")
        self.live_note.setVisible(bool(text and note))
        self._fit_icon()

    def set_texts(self, title: str, subtitle: str) -> None:
        self.title_label.setText(title)
        self.subtitle_label.setText(subtitle)
        self.setAccessibleName(title)
        self._fit_icon()
