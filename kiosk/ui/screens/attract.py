"""Attract loop: what the kiosk shows while nobody is touching it. Any touch goes home.

Slides come from the active content pack's playlist (set with :meth:`set_slides`); with no
pack the loop shows the site's name and an invitation to touch, which is honest and calm.
Under the slides a line of live figures ("right now our solar panels make 36.2 kW") draws
passers-by in (:meth:`show_live`, fed by the energy service once it runs); it is hidden when
there is nothing true to say, and says so when the figures are simulated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QMouseEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout

from kiosk.resources import asset
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.touch import PlainLabel, label, set_role

if TYPE_CHECKING:  # the pack library, the energy store and the services come after the first frame
    from kiosk.content.active import ActiveContent
    from kiosk.energy.summary import EnergySummary
    from kiosk.services.bundle import Services
    from kiosk.ui.energy.formatting import LiveHeadline


@dataclass(frozen=True)
class Slide:
    title_zh: str
    title_en: str
    text_zh: str = ""
    text_en: str = ""
    image_path: str = ""
    seconds: float = 8.0


def slides_from_content(content: ActiveContent | None) -> list[Slide]:
    """The pack's attract playlist as slides: a story shows its title, first text and picture;
    an image is shown alone. Videos are skipped (the attract screen has no video player)."""
    if content is None:
        return []
    stories = {s.id: s for s in content.stories}
    slides: list[Slide] = []
    for item in content.attract:
        seconds = item.seconds or Slide.seconds
        story = stories.get(item.story_id or "")
        if item.kind == "story" and story is not None:
            first = story.slides[0]
            image = first.image_path
            slides.append(
                Slide(
                    story.title.zh,
                    story.title.en,
                    first.text.zh,
                    first.text.en,
                    str(image) if image else "",
                    seconds,
                )
            )
        elif item.kind == "image" and item.path is not None:  # a poster speaks for itself
            slides.append(Slide("", "", "", "", str(item.path), seconds))
    return slides


class AttractScreen(Screen):
    name = "attract"
    shows_top_bar = False
    leaves_on_idle = False

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        theme = ctx.theme
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.px(80), theme.px(64), theme.px(80), theme.px(48))
        layout.setSpacing(theme.px(32))
        # The picture takes whatever room the texts leave; it never makes the window grow.
        self.image = PlainLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._source_pixmap = QPixmap()
        self.headline = PlainLabel()
        self.headline.setWordWrap(True)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.headline, "headline")
        self.body = PlainLabel()
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.body, "heading")
        self.live = PlainLabel()
        self.live.setObjectName("attract-live")
        self.live.setWordWrap(True)
        self.live.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.live, "attract-live")
        self.live.setVisible(False)
        self.live_note = label("", "subtitle")
        self.live_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.live_note.setVisible(False)
        self.invite = PlainLabel()
        self.invite.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.invite, "attract-invite")
        layout.addWidget(self.image, 1)
        layout.addWidget(self.headline)
        layout.addWidget(self.body)
        layout.addWidget(self.live)
        layout.addWidget(self.live_note)
        layout.addWidget(self.invite)
        self._live: LiveHeadline | None = None
        self._slides: list[Slide] = []
        self._index = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_slide_timeout)
        self.retranslate()

    def wire(self, services: Services) -> None:
        services.content.content_did_change.connect(self._on_content_did_change)
        if services.energy is not None:
            services.energy.summary_did_update.connect(self._on_summary_did_update)

    def _on_content_did_change(self, content: ActiveContent | None) -> None:
        self.set_slides(slides_from_content(content))

    def _on_summary_did_update(self, summary: EnergySummary) -> None:
        from kiosk.ui.energy.formatting import live_headline  # after the first frame

        self.show_live(live_headline(summary))

    def show_live(self, live: LiveHeadline | None) -> None:
        """The live figures line; ``None`` (no energy data) hides it."""
        self._live = live
        self._show_live()

    def _show_live(self) -> None:
        live = self._live
        lines: list[str] = []
        if live is not None:
            if live.power_now is not None:
                lines.append(_fill(self.tr("Right now our solar panels make %1"), live.power_now))
            elif live.energy_today is not None:
                text = self.tr("Today our solar panels have made %1")
                lines.append(_fill(text, live.energy_today))
            if live.co2_today is not None:
                lines.append(_fill(self.tr("and kept %1 out of the air"), live.co2_today))
        simulated = bool(lines) and live is not None and live.simulated
        self.live.setText("\n".join(lines))
        self.live.setVisible(bool(lines))
        self.live_note.setText(self.tr("Simulated figures, for demonstration") if simulated else "")
        self.live_note.setVisible(simulated)

    def set_slides(self, slides: list[Slide]) -> None:
        self._slides = list(slides)
        self._index = 0
        self._show_current()

    def on_enter(self) -> None:
        self._index = 0
        self._show_current()

    def on_leave(self) -> None:
        self._timer.stop()

    def _on_slide_timeout(self) -> None:
        if self._slides:
            self._index = (self._index + 1) % len(self._slides)
        self._show_current()

    def _show_current(self) -> None:
        pick = self.ctx.language.pick
        if not self._slides:
            site = self.ctx.config.site
            size = self.ctx.theme.px(320)
            leaf = QIcon(str(asset("icons", "leaf.svg"))).pixmap(QSize(size, size))
            self._set_picture(leaf)
            self.headline.setText(pick(site.name_zh, site.name))
            self.body.setText(self.tr("Our building makes clean energy from the sun"))
            return
        slide = self._slides[self._index]
        self._set_picture(QPixmap(slide.image_path) if slide.image_path else QPixmap())
        self.headline.setText(pick(slide.title_zh, slide.title_en))
        self.body.setText(pick(slide.text_zh, slide.text_en))
        if self.isVisible():
            self._timer.start(int(slide.seconds * 1000))

    def _set_picture(self, pixmap: QPixmap) -> None:
        self._source_pixmap = pixmap
        self._fit_picture()

    def _fit_picture(self) -> None:
        pix = self._source_pixmap
        room = self.image.size()
        if not pix.isNull() and room.width() > 0 and room.height() > 0:
            pix = pix.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.image.setPixmap(pix)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_picture()

    def retranslate(self) -> None:
        self.invite.setText(self.tr("Touch the screen to start"))
        self._show_current()
        self._show_live()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.user_did_choose_screen.emit("home")


def _fill(text: str, value_unit: tuple[str, str]) -> str:
    """``%1`` -> "36.2 kW", kept on one line (a no-break space between number and unit)."""
    return text.replace("%1", f"{value_unit[0]}\u00a0{value_unit[1]}")
