"""Green stories from the active content pack: a grid of picture cards, then one story as a
carousel: one large picture and its text at a time, next / previous buttons and a swipe, dots
that say where you are, and at the end a card into the next story. The top bar's one back
button reads "← All stories" inside a story. Images are decoded off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QImageReader, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.active import ActiveContent, Story
from kiosk.resources import asset
from kiosk.ui.context import UiContext
from kiosk.ui.energy.gestures import SwipePinchFilter
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.notice import Notice
from kiosk.ui.widgets.touch import PlainLabel, button, discard, label, make_kinetic, set_role

if TYPE_CHECKING:
    from kiosk.services.bundle import Services


def load_image(path: Path, box: QSize) -> QImage:
    """Decode an image (PNG, JPEG or SVG; the store's files have no suffix) to fit ``box``.

    Runs on a worker thread: QImage, unlike QPixmap, may be made off the GUI thread.
    """
    reader = QImageReader(str(path))
    size = reader.size()
    too_big = size.width() > box.width() or size.height() > box.height()
    if size.isValid() and (too_big or reader.format() == b"svg"):  # SVG scales up crisply
        reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


def load_images(jobs: list[tuple[Path, QSize]]) -> dict[Path, QImage]:
    return {path: load_image(path, box) for path, box in jobs}


class StoryCard(QPushButton):
    """One story in the grid; the whole card is the touch target."""

    def __init__(self, ctx: UiContext, story: Story) -> None:
        super().__init__()
        self.story = story
        theme = ctx.theme
        set_role(self, "tile")
        self.setObjectName(f"story-card-{story.id}")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        pad = theme.px(24)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(theme.px(12))
        self.image = PlainLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setFixedHeight(theme.px(240))
        self.title_label = label("", "title")
        self.summary_label = label("", "subtitle")
        for widget in (self.image, self.title_label, self.summary_label):
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addWidget(self.image)
        layout.addWidget(self.title_label)
        layout.addWidget(self.summary_label)
        layout.addStretch(1)

    def set_language(self, ctx: UiContext) -> None:
        pick = ctx.language.code
        self.title_label.setText(self.story.title.get(pick))
        summary = self.story.summary.get(pick) if self.story.summary else ""
        self.summary_label.setText(summary)
        self.summary_label.setVisible(bool(summary))
        self.setAccessibleName(self.title_label.text())


class StoriesScreen(Screen):
    name = "stories"
    #: A visitor opened a story (the anonymous counts listen).
    story_did_open = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        theme = ctx.theme
        self._content: ActiveContent | None = None
        self._story: Story | None = None
        self._cards: list[StoryCard] = []
        #: decoded pictures: every story's first one at card size, and the open story's at page
        #: size (only that story's: a kiosk that kept every story it ever opened held ~2.7 MB
        #: per picture at 1080p until the next pack, about 28 MiB a day in the soak)
        self._thumbs: dict[Path, QImage] = {}
        self._pages: dict[Path, QImage] = {}
        self._generation = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)

        self.notice = Notice(theme, str(asset("icons", "stories.svg")))
        self.pages.addWidget(self.notice)

        self.list_scroll = self._scroll_area()
        grid_host = QWidget()
        self.grid = QGridLayout(grid_host)
        margin = theme.px(48)
        self.grid.setContentsMargins(margin, theme.px(32), margin, margin)
        self.grid.setSpacing(theme.px(32))
        self.list_scroll.setWidget(grid_host)
        self.pages.addWidget(self.list_scroll)

        self.story_page = QWidget()
        story = QVBoxLayout(self.story_page)
        story.setContentsMargins(margin, theme.px(16), margin, theme.px(32))
        story.setSpacing(theme.px(20))
        self.story_title = label("", "title")
        self.story_title.setObjectName("story-title")
        story.addWidget(self.story_title)
        #: one page per slide, then the "next story" card
        self.slides = QStackedWidget()
        self.swipe = SwipePinchFilter(self.slides)
        self.swipe.user_did_swipe.connect(self._on_user_did_swipe)
        story.addWidget(self.slides, 1)
        self._slide_widgets: list[QWidget] = []
        self.next_card = button("", "tile")
        self.next_card.setObjectName("next-story")
        self.next_card.setIconSize(QSize(theme.px(320), theme.px(200)))
        self.next_card.clicked.connect(self._on_next_card_clicked)
        self.next_card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.slides.addWidget(self.next_card)
        nav = QHBoxLayout()
        nav.setSpacing(theme.px(24))
        self.prev_button = button("", "nav")
        self.prev_button.setObjectName("story-previous")
        self.prev_button.clicked.connect(self.show_previous)
        self.dots = label("", "heading", wrap=False)
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = button("", "primary")
        self.next_button.setObjectName("story-next")
        self.next_button.clicked.connect(self.show_next)
        for b in (self.prev_button, self.next_button):
            b.setMinimumWidth(theme.px(260))
        nav.addWidget(self.prev_button)
        nav.addWidget(self.dots, 1)
        nav.addWidget(self.next_button)
        story.addLayout(nav)
        self.source_label = label("", "small")
        story.addWidget(self.source_label)
        self.pages.addWidget(self.story_page)
        self._portrait = False
        self.set_content(None)

    def _scroll_area(self) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        make_kinetic(area)
        return area

    @classmethod
    def from_services(cls, ctx: UiContext, services: Services) -> StoriesScreen:
        screen = cls(ctx)
        screen.set_content(services.content.content)
        services.content.content_did_change.connect(screen.set_content)
        screen.story_did_open.connect(services.engagement.on_story_did_open)
        return screen

    # -- content -----------------------------------------------------------------------------
    def set_content(self, content: ActiveContent | None) -> None:
        """Show the stories of the active pack (None: an honest notice)."""
        self._content = content
        self._generation += 1
        self._thumbs, self._pages = {}, {}
        for card in self._cards:
            self.grid.removeWidget(card)
            discard(card)
        self._cards = []
        stories = content.stories if content is not None else ()
        for story in stories:
            card = StoryCard(self.ctx, story)
            card.clicked.connect(self._on_card_clicked)
            self._cards.append(card)
        self._arrange()
        if self._story is not None:
            still = [s for s in stories if s.id == self._story.id]
            self._story = None
            if still:
                self.open_story(still[0].id)
        self._show_page()
        self.retranslate()
        thumbs = [
            (slide.image_path, self._thumb_box())
            for story in stories
            for slide in story.slides[:1]
            if slide.image_path is not None
        ]
        self._load(thumbs, self._thumbs)

    def _thumb_box(self) -> QSize:
        return QSize(self.ctx.theme.px(560), self.ctx.theme.px(240))

    def _load(self, jobs: Sequence[tuple[Path | None, QSize]], into: dict[Path, QImage]) -> None:
        """Decode ``jobs`` on a worker into ``into`` (the thumbnails, or the open story's)."""
        todo = [(p, box) for p, box in jobs if p is not None]
        if not todo:
            return
        generation = self._generation
        self.ctx.tasks.run(
            lambda: load_images(todo), lambda images: self._on_images(generation, into, images)
        )

    def _on_images(
        self, generation: int, into: dict[Path, QImage], images: dict[Path, QImage]
    ) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the screen was closed, or the pack changed meanwhile
        if into is not self._thumbs and into is not self._pages:
            return  # another story was opened meanwhile: its own pictures are on their way
        into.update(images)
        self._show_images()

    def _show_images(self) -> None:
        for card in self._cards:
            image = self._image_for(card.story.slides[0].image_path)
            if image is None:  # no picture, or a broken one: the stories icon instead
                icon = QIcon(str(asset("icons", "stories.svg")))
                card.image.setPixmap(
                    icon.pixmap(QSize(self.ctx.theme.px(160), self.ctx.theme.px(160)))
                )
            else:
                self._set_image(card.image, image, self._thumb_box())
        for widget in self._slide_widgets:
            image_label = widget.findChild(QLabel, "story-slide-image")
            path = widget.property("image_path")
            image = self._image_for(Path(path) if path else None, page=True)
            if image_label is not None and image is not None:
                self._set_image(image_label, image, self._page_box())
        if self._story is not None:
            self.retranslate()  # the next story's picture on the end card

    def _image_for(self, path: Path | None, page: bool = False) -> QImage | None:
        """The decoded image (``page``: the open story's, else or meanwhile the card's), or
        None if there is none, it is still loading or it is broken."""
        if path is None:
            return None
        image = self._pages.get(path) if page else None
        image = image if image is not None else self._thumbs.get(path)
        return None if image is None or image.isNull() else image

    def _set_image(self, target: QLabel, image: QImage, box: QSize) -> None:
        pix = QPixmap.fromImage(image)
        if pix.width() > box.width() or pix.height() > box.height():
            pix = pix.scaled(
                box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        target.setPixmap(pix)
        target.setVisible(True)

    # -- pages -------------------------------------------------------------------------------
    def _arrange(self) -> None:
        columns = 2 if self._portrait else 3
        for card in self._cards:
            self.grid.removeWidget(card)
        for i, card in enumerate(self._cards):
            self.grid.addWidget(card, i // columns, i % columns)
        self.grid.setRowStretch(self.grid.rowCount(), 1)

    def _show_page(self) -> None:
        if not self._cards:
            self.pages.setCurrentWidget(self.notice)
        elif self._story is None:
            self.pages.setCurrentWidget(self.list_scroll)
        else:
            self.pages.setCurrentWidget(self.story_page)

    def _on_card_clicked(self) -> None:
        card = self.sender()
        if isinstance(card, StoryCard):
            self.open_story(card.story.id)
            self.story_did_open.emit()

    def open_story(self, story_id: str) -> None:
        """Show one story's first slide (its picture large, its text beside or below it)."""
        stories = self._content.stories if self._content is not None else ()
        story = next((s for s in stories if s.id == story_id), None)
        if story is None:
            return
        self._story = story
        for widget in self._slide_widgets:
            self.slides.removeWidget(widget)
            discard(widget)
        self._slide_widgets = []
        theme = self.ctx.theme
        for i, slide in enumerate(story.slides):
            widget = QWidget()
            widget.setObjectName(f"story-slide-{i}")
            widget.setProperty("image_path", str(slide.image_path) if slide.image_path else "")
            direction = QBoxLayout.Direction.TopToBottom
            if not self._portrait:
                direction = QBoxLayout.Direction.LeftToRight
            box = QBoxLayout(direction, widget)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(theme.px(32))
            image = PlainLabel()
            image.setObjectName("story-slide-image")
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            image.setVisible(False)  # shown once its picture is decoded
            text = label("", "body")
            text.setObjectName("story-slide-text")
            text.setStyleSheet(f"font-size: {theme.px(40)}px;")  # read from a step away
            text.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
            box.addWidget(image, 3)
            box.addWidget(text, 2)
            self.slides.insertWidget(i, widget)
            self._slide_widgets.append(widget)
        self.slides.setCurrentIndex(0)
        self.retranslate()
        self._pages = {}  # the story shown before: its big pictures go
        self._show_images()
        self._load([(s.image_path, self._page_box()) for s in story.slides], self._pages)
        self._show_page()
        self.top_bar_did_change.emit()

    def _page_box(self) -> QSize:
        theme = self.ctx.theme
        if self._portrait:
            return QSize(max(self.width() - theme.px(96), theme.px(600)), theme.px(700))
        return QSize(max(self.width() * 3 // 5 - theme.px(96), theme.px(600)), theme.px(640))

    def show_next(self) -> None:
        self._go_to(self.slides.currentIndex() + 1)

    def show_previous(self) -> None:
        self._go_to(self.slides.currentIndex() - 1)

    def _on_user_did_swipe(self, step: int) -> None:
        self._go_to(self.slides.currentIndex() + step)

    def _go_to(self, index: int) -> None:
        """A slide, or the "next story" card after the last one (no further)."""
        if self._story is None:
            return
        self.slides.setCurrentIndex(max(0, min(index, len(self._slide_widgets))))
        self._show_position()

    def _next_story(self) -> Story | None:
        stories = self._content.stories if self._content is not None else ()
        ids = [s.id for s in stories]
        if self._story is None or len(ids) < 2 or self._story.id not in ids:
            return None
        return stories[(ids.index(self._story.id) + 1) % len(ids)]

    def _on_next_card_clicked(self) -> None:
        following = self._next_story()
        if following is not None:
            self.open_story(following.id)
        else:
            self.show_list()

    def _show_position(self) -> None:
        count, at = len(self._slide_widgets), self.slides.currentIndex()
        self.prev_button.setEnabled(at > 0)
        self.next_button.setVisible(at < count)
        self.dots.setText(" ".join("●" if i == at else "○" for i in range(count)))
        self.dots.setVisible(at < count)

    def show_list(self) -> None:
        self._story = None
        self._show_page()
        self.top_bar_did_change.emit()

    def back_text(self) -> str:
        return self.tr("All stories") if self._story is not None else ""

    def go_back(self) -> None:
        self.show_list()

    # -- screen protocol ---------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Green stories")

    def retranslate(self) -> None:
        code = self.ctx.language.code
        self.notice.set_texts(
            self.tr("No stories installed yet"),
            self.tr("Staff can load a content pack from a USB stick or the network."),
        )
        for card in self._cards:
            card.set_language(self.ctx)
        story = self._story
        if story is None:
            return
        self.story_title.setText(story.title.get(code))
        for widget, slide in zip(self._slide_widgets, story.slides, strict=True):
            text = widget.findChild(QLabel, "story-slide-text")
            if text is not None:
                text.setText(slide.text.get(code))
        source = story.source.get(self.ctx.language.code)
        self.source_label.setText(self.tr("Source: %1").replace("%1", source))
        self.source_label.setVisible(bool(source))
        self.prev_button.setText("‹ " + self.tr("Previous"))
        self.next_button.setText(self.tr("Next") + " ›")
        following = self._next_story()
        if following is not None:
            self.next_card.setText(
                self.tr("Next story:") + "\n" + following.title.get(code) + "  ›"
            )
            image = self._image_for(following.slides[0].image_path)
            self.next_card.setIcon(QIcon(QPixmap.fromImage(image)) if image else QIcon())
        else:
            self.next_card.setText(self.tr("See all stories") + "  ›")
            self.next_card.setIcon(QIcon())
        self._show_position()

    def reset_visitor_state(self) -> None:
        self.show_list()

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        if portrait != self._portrait:
            self._portrait = portrait
            self._arrange()
        super().resizeEvent(event)

    def shot_states(self) -> list[str]:
        return ["", "story", "story-end"] if self._cards else [""]

    def enter_shot_state(self, state: str) -> None:
        if state.startswith("story") and self._cards:
            self.open_story(self._cards[0].story.id)
            if state == "story-end":
                self._go_to(len(self._slide_widgets))
        else:
            self.show_list()
