"""Attract loop: what the kiosk shows while nobody is touching it. Any touch goes home.

A full-bleed living scene (:class:`LiveScene`: sky, our building, the sun character) behind
every slide; one giant live figure ("36.2 kW" — our roof, right now) on every slide when
there is a true one, a true night message when the sun is down, nothing when there are no
figures; the pack's slides (set with :meth:`set_slides`) on a card beside it (below it in
portrait); an animated hand at the bottom that says "touch" without words. The sun character
cheers only when the roof truly produces (:func:`mood_for`), sleeps at night, and claims
nothing without figures. Simulated figures say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QImageReader, QMouseEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.resources import asset
from kiosk.ui.context import UiContext
from kiosk.ui.screens.base import LiveFiguresScreen
from kiosk.ui.widgets.live_scene import LiveScene
from kiosk.ui.widgets.touch import PlainLabel, label, set_role
from kiosk.ui.widgets.touch_cue import TouchCue

if TYPE_CHECKING:  # the pack library, the energy store and the services come after the first frame
    from kiosk.config.model import SiteConfig
    from kiosk.content.active import ActiveContent
    from kiosk.energy.summary import EnergySummary
    from kiosk.services.bundle import Services
    from kiosk.ui.energy.formatting import LiveHeadline

#: Solar power, as a share of the roof's peak, above which the sun character cheers.
CHEER_SHARE = 0.15
#: In portrait a slide's picture is at most this share of the screen's height.
PORTRAIT_PICTURE_SHARE = 0.34
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's QWIDGETSIZE_MAX (not exported by PySide6)


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


def mood_for(summary: EnergySummary, site: SiteConfig) -> str:
    """The scene's mood from true figures only: night when the sun is down where the site is;
    cheer when a fresh reading says the roof makes a good share of its peak; shine when it
    makes some; rest (claims nothing) otherwise."""
    from kiosk.energy.metrics import Provenance
    from kiosk.sources.solar import sun_position

    if not sun_position(summary.at, site.latitude, site.longitude).is_up:
        return "night"
    power = summary.pv_power_w
    fresh = power.provenance not in (None, Provenance.CACHED, Provenance.PARTIAL)
    if power.value is None or not fresh or not power.value > 0:
        return "rest"
    return "cheer" if power.value >= CHEER_SHARE * site.pv_kwp * 1000.0 else "shine"


class AttractScreen(LiveFiguresScreen):
    name = "attract"
    shows_top_bar = False
    leaves_on_idle = False

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        theme = ctx.theme
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.scene = LiveScene()
        grid.addWidget(self.scene, 0, 0)
        overlay = QWidget()
        overlay.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        grid.addWidget(overlay, 0, 0)
        outer = QVBoxLayout(overlay)
        outer.setContentsMargins(theme.px(72), theme.px(56), theme.px(72), theme.px(24))
        outer.setSpacing(theme.px(24))
        #: figure block beside the slide card (landscape) or above it (portrait)
        self.body_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body_row.setSpacing(theme.px(48))
        outer.addLayout(self.body_row, 1)

        figures = QVBoxLayout()
        figures.setSpacing(theme.px(8))
        self.figure_caption = label("", "attract-caption")
        self.figure = PlainLabel()
        self.figure.setObjectName("attract-figure")
        set_role(self.figure, "attract-figure")
        self.live = PlainLabel()
        self.live.setObjectName("attract-live")
        self.live.setWordWrap(True)
        set_role(self.live, "attract-live")
        self.live.setVisible(False)
        self.live_note = label("", "attract-note", wrap=False)
        self.live_note.setVisible(False)
        for widget in (self.figure_caption, self.figure, self.live):
            figures.addWidget(widget)
        figures.addWidget(self.live_note, 0, Qt.AlignmentFlag.AlignLeft)
        figures.addStretch(1)
        self.figures = QWidget()
        self.figures.setLayout(figures)
        self.figures.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

        self.card = QFrame()
        set_role(self.card, "attract-card")
        card = QVBoxLayout(self.card)
        card.setContentsMargins(theme.px(40), theme.px(36), theme.px(40), theme.px(36))
        card.setSpacing(theme.px(20))
        # The picture takes whatever room the texts leave; it never makes the window grow.
        self.image = PlainLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        #: the slide's picture: a file read at the size it is shown, or a drawn pixmap
        self._picture_path = ""
        self._picture_size = QSize()  # the file's own size (its proportions)
        self._source_pixmap = QPixmap()
        self._shown_picture: tuple[str, QSize] = ("", QSize())
        self.headline = PlainLabel()
        self.headline.setWordWrap(True)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.headline, "headline")
        self.body = PlainLabel()
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.body, "attract-body")
        card.addWidget(self.image, 1)
        card.addWidget(self.headline)
        card.addWidget(self.body)

        cue_row = QVBoxLayout()
        cue_row.setSpacing(0)
        self.cue = TouchCue(theme.px(150))
        self.invite = PlainLabel()
        self.invite.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_role(self.invite, "attract-invite")
        cue_row.addWidget(self.cue, 0, Qt.AlignmentFlag.AlignHCenter)
        cue_row.addWidget(self.invite)
        outer.addLayout(cue_row)
        self._portrait = False
        self._arrange()

        self._live: LiveHeadline | None = None
        self._night = False
        self._slides: list[Slide] = []
        self._index = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_slide_timeout)
        self.retranslate()

    def _arrange(self) -> None:
        """Portrait: figure on top, the card under it. Landscape: figure left, card right."""
        row = self.body_row
        for widget in (self.figures, self.card):
            row.removeWidget(widget)
        if self._portrait:
            # the card as tall as its picture and texts: the sky and the building show around
            row.setDirection(QBoxLayout.Direction.TopToBottom)
            row.addWidget(self.figures, 0)
            row.addWidget(self.card, 0)
            row.addStretch(1)
            row.addSpacing(self.ctx.theme.px(300))  # the building and its roof show below
        else:
            row.setDirection(QBoxLayout.Direction.LeftToRight)
            row.addWidget(self.figures, 55)
            row.addWidget(self.card, 45)

    def wire(self, services: Services) -> None:
        services.content.content_did_change.connect(self._on_content_did_change)
        self.follow_energy(services)

    def _on_content_did_change(self, content: ActiveContent | None) -> None:
        self.set_slides(slides_from_content(content))

    def _on_summary_did_update(self, summary: EnergySummary) -> None:
        from kiosk.ui.energy.formatting import live_headline  # after the first frame

        mood = mood_for(summary, self.ctx.config.site)
        self.show_live(live_headline(summary), mood)

    def show_live(self, live: LiveHeadline | None, mood: str = "rest") -> None:
        """The giant figure and the scene's mood; ``None`` (no energy data) shows no figure."""
        self._live = live
        self._night = mood == "night"
        self.scene.set_mood(mood)
        self._show_live()

    def _show_live(self) -> None:
        live, night = self._live, self._night
        caption, figure, lines = "", "", []
        if live is not None and live.power_now is not None:
            caption = self.tr("Our solar roof is making, right now")
            figure = _join(live.power_now)
        elif live is not None and live.energy_today is not None:
            caption = (
                self.tr("The sun has set. Today our solar roof made")
                if night
                else self.tr("Today our solar roof has made")
            )
            figure = _join(live.energy_today)
        elif night:
            caption = self.tr("The sun is asleep. Our solar roof rests until morning.")
        if live is not None and live.co2_today is not None and figure:
            lines.append(_fill(self.tr("and kept %1 out of the air today"), live.co2_today))
        simulated = bool(figure) and live is not None and live.simulated
        self.figure_caption.setText(caption)
        self.figure_caption.setVisible(bool(caption))
        self.figure.setText(figure)
        self.figure.setVisible(bool(figure))
        self.live.setText("\n".join(lines))
        self.live.setVisible(bool(lines))
        self.live_note.setText(self.tr("Simulated figures, for demonstration") if simulated else "")
        self.live_note.setVisible(simulated)
        if self.figures.property("night") != night:  # light text on the night sky
            self.figures.setProperty("night", night)
            for widget in (self.figure_caption, self.figure, self.live):
                set_role(widget, str(widget.property("role")))

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
        if slide.image_path:
            self._set_picture_file(slide.image_path)
        else:  # a story told in words only: the picture the stories screen gives it
            size = self.ctx.theme.px(480)
            book = QIcon(str(asset("icons", "stories.svg"))).pixmap(QSize(size, size))
            self._set_picture(book)
        self.headline.setText(pick(slide.title_zh, slide.title_en))
        self.body.setText(pick(slide.text_zh, slide.text_en))
        self.headline.setVisible(bool(self.headline.text()))
        self.body.setVisible(bool(self.body.text()))
        self._fit_picture()  # the card's height follows its texts in portrait
        if self.isVisible():
            self._timer.start(int(slide.seconds * 1000))

    def _set_picture(self, pixmap: QPixmap) -> None:
        self._picture_path, self._picture_size = "", pixmap.size()
        self._source_pixmap = pixmap
        self._fit_picture()

    def _set_picture_file(self, path: str) -> None:
        """A pack's picture, read at the size it is shown when it is shown (an SVG drawn at
        that size): a full-size copy and a scaled one per slide change made ~7 MiB of
        short-lived buffers each that the heap kept (the attract loop's memory growth)."""
        self._picture_path, self._picture_size = path, QImageReader(path).size()
        self._source_pixmap = QPixmap()
        self._fit_picture()

    def _fit_picture(self) -> None:
        size = self._picture_size
        if self._portrait:
            room = self._size_portrait_card(size)
        else:
            for widget in (self.image, self.card):
                widget.setMinimumHeight(0)
                widget.setMaximumHeight(QWIDGETSIZE_MAX)
            room = self.image.size()
        if size.isEmpty() or room.width() <= 0 or room.height() <= 0:
            self._shown_picture = ("", QSize())
            self.image.setPixmap(self._source_pixmap)
            return
        fitted = size.scaled(room, Qt.AspectRatioMode.KeepAspectRatio)
        if self._shown_picture == (self._picture_path, fitted) and self._picture_path:
            return  # already shown at this size
        self._shown_picture = (self._picture_path, fitted)
        if self._picture_path:
            reader = QImageReader(self._picture_path)
            reader.setScaledSize(fitted)
            pix = QPixmap.fromImage(reader.read())
        else:
            pix = self._source_pixmap.scaled(
                fitted, Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )  # fmt: skip
        self.image.setPixmap(pix)

    def _size_portrait_card(self, picture: QSize) -> QSize:
        """In portrait the card is as tall as its picture and texts (the picture as tall as
        the card's width makes it, at most :data:`PORTRAIT_PICTURE_SHARE` of the screen), so
        it holds no empty band and the sky and the building show around it. Returns the
        picture's room."""
        theme = self.ctx.theme
        margin_x, margin_y, spacing = theme.px(40), theme.px(36), theme.px(20)
        width = max(self.width() - 2 * theme.px(72) - 2 * margin_x, 1)
        height = 0
        if not picture.isEmpty():
            height = min(round(width * picture.height() / max(picture.width(), 1)),
                         round(self.height() * PORTRAIT_PICTURE_SHARE))  # fmt: skip
        self.image.setFixedHeight(height)
        parts = [height] if height else []
        parts += [w.heightForWidth(width) for w in (self.headline, self.body) if w.text()]
        self.card.setFixedHeight(2 * margin_y + sum(parts) + spacing * max(len(parts) - 1, 0))
        return QSize(width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        portrait = size.height() > size.width()
        if portrait != self._portrait:
            self._portrait = portrait
            self._arrange()
        super().resizeEvent(event)
        self._fit_picture()

    def shot_states(self) -> list[str]:
        return ["", "story"]

    def enter_shot_state(self, state: str) -> None:
        """ "story": the first slide that tells a story (a title and a text)."""
        if state == "story":
            self._index = next(
                (i for i, s in enumerate(self._slides) if s.title_en and s.text_en), 0
            )
        else:
            self._index = 0
        self._show_current()

    def retranslate(self) -> None:
        self.invite.setText(self.tr("Touch the screen to start"))
        self._show_current()
        self._show_live()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.user_did_choose_screen.emit("home")


def _join(value_unit: tuple[str, str]) -> str:
    """ "36.2 kW" on one line (a no-break space between number and unit)."""
    return f"{value_unit[0]}\u00a0{value_unit[1]}"


def _fill(text: str, value_unit: tuple[str, str]) -> str:
    """``%1`` -> "36.2 kW", kept on one line."""
    return text.replace("%1", _join(value_unit))
