"""The attract loop's live figures: "right now" only from a fresh reading, today's totals at
night or when the reading is old, nothing rather than a zero, and "simulated" when it is."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from kiosk.config.loader import parse_config
from kiosk.energy.carbon import factor_for
from kiosk.energy.metrics import Provenance, Unit
from kiosk.energy.store import EnergyStore
from kiosk.energy.summary import EnergySummary, Figure, summarize
from kiosk.ui.energy.formatting import LiveHeadline, live_headline
from kiosk.ui.screens.attract import mood_for

NOW = 1_795_600_000.0


@pytest.fixture
def empty(tmp_path: Path) -> EnergySummary:
    store = EnergyStore(tmp_path / "readings.sqlite3")
    try:
        return summarize(store, NOW, factor_for("national"))
    finally:
        store.close()


def fig(value: float | None, unit: Unit, provenance: Provenance = Provenance.LIVE) -> Figure:
    return Figure(value, unit, provenance if value is not None else None, NOW)


def test_fresh_power_is_said_as_right_now(empty: EnergySummary) -> None:
    summary = dataclasses.replace(
        empty,
        pv_power_w=fig(36_200, Unit.W),
        pv_energy_today_wh=fig(114_000, Unit.WH),
        co2_avoided_today_kg=fig(60.04, Unit.KG_CO2),
    )
    assert live_headline(summary) == LiveHeadline(
        ("36.2", "kW"), None, ("60.0", "kg CO2"), simulated=False
    )


@pytest.mark.parametrize(
    "power",
    [fig(0.0, Unit.W), fig(36_200, Unit.W, Provenance.CACHED), fig(None, Unit.W)],
    ids=["night", "old reading", "no reading"],
)
def test_without_a_fresh_power_reading_it_says_todays_energy(
    empty: EnergySummary, power: Figure
) -> None:
    summary = dataclasses.replace(
        empty, pv_power_w=power, pv_energy_today_wh=fig(114_000, Unit.WH, Provenance.CACHED)
    )
    assert live_headline(summary) == LiveHeadline(None, ("114", "kWh"), None, simulated=False)


def test_nothing_to_say_means_nothing_shown(empty: EnergySummary) -> None:
    assert live_headline(empty) == LiveHeadline(None, None, None, simulated=False)
    zeros = dataclasses.replace(
        empty, pv_energy_today_wh=fig(0.0, Unit.WH), co2_avoided_today_kg=fig(0.0, Unit.KG_CO2)
    )
    assert live_headline(zeros) == LiveHeadline(None, None, None, simulated=False)


def test_simulated_figures_are_flagged(empty: EnergySummary) -> None:
    summary = dataclasses.replace(empty, pv_power_w=fig(1500, Unit.W, Provenance.SIMULATED))
    assert live_headline(summary).simulated


def test_the_real_kiosk_shows_live_figures_in_its_attract_loop(
    qtbot: Any, make_kiosk: Any, fake_clock: Any, empty: EnergySummary
) -> None:
    """The composition: the energy service's summaries reach the attract loop. The summary is
    made here (the simulator follows the real sun, so its figures depend on the hour)."""
    kiosk = make_kiosk({"display": {"language": "en", "idle_seconds": 30}})
    service = kiosk.services.energy
    attract = kiosk.window.router.screen("attract")
    fake_clock.advance(31)
    kiosk.idle.check()
    assert kiosk.window.router.current is attract
    # the service's own first summary (an empty store, no sources) has arrived
    qtbot.waitUntil(lambda: service.summary is not None and not service._summary_pending)
    assert not attract.live.isVisible()  # nothing true to say yet

    sunny = dataclasses.replace(
        empty,
        pv_power_w=fig(36_200, Unit.W, Provenance.SIMULATED),
        co2_avoided_today_kg=fig(60.04, Unit.KG_CO2, Provenance.SIMULATED),
    )
    service.summary_did_update.emit(sunny)
    assert attract.figure.isVisible() and attract.figure.text() == "36.2\u00a0kW"
    assert attract.figure_caption.text() == "Our solar roof is making, right now"
    assert attract.live.text() == "and kept 60.0\u00a0kg CO2 out of the air today"
    assert attract.live_note.isVisible()
    assert attract.live_note.text() == "Simulated figures, for demonstration"
    assert attract.scene.mood == mood_for(sunny, kiosk.config.site)

    service.summary_did_update.emit(empty)  # the data is gone: say nothing rather than guess
    assert not attract.figure.isVisible() and not attract.live_note.isVisible()
    assert not attract.live.isVisible()


def test_the_sun_cheers_only_for_true_production_and_sleeps_at_night(
    empty: EnergySummary,
) -> None:
    site = parse_config({}).site
    noon = _local_noon(site)
    day = dataclasses.replace(empty, at=noon)
    kwp_w = site.pv_kwp * 1000
    producing = dataclasses.replace(
        day, pv_power_w=Figure(0.5 * kwp_w, Unit.W, Provenance.LIVE, noon)
    )
    assert mood_for(producing, site) == "cheer"
    little = dataclasses.replace(
        day, pv_power_w=Figure(0.05 * kwp_w, Unit.W, Provenance.LIVE, noon)
    )
    assert mood_for(little, site) == "shine"
    old = dataclasses.replace(day, pv_power_w=Figure(0.5 * kwp_w, Unit.W, Provenance.CACHED, noon))
    assert mood_for(old, site) == "rest"  # an old reading is no reason to cheer
    assert mood_for(day, site) == "rest"  # no figures: claims nothing
    midnight = noon + 12 * 3600
    night = dataclasses.replace(producing, at=midnight)
    assert mood_for(night, site) == "night"


def test_a_true_night_message_and_animation_only_while_shown(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk({"display": {"language": "en"}})
    attract = kiosk.window.router.screen("attract")
    kiosk.window.router.go("attract")
    assert attract.scene.is_animating() and attract.cue.is_animating()
    attract.show_live(LiveHeadline(None, ("86.2", "kWh"), None, False), "night")
    assert attract.figure_caption.text() == "The sun has set. Today our solar roof made"
    assert attract.figure.text() == "86.2\u00a0kWh" and attract.scene.mood == "night"
    attract.show_live(None, "night")  # no figures at night: still true, and nothing made up
    assert not attract.figure.isVisible()
    assert attract.figure_caption.text() == "The sun is asleep. Our solar roof rests until morning."
    kiosk.window.router.go("home")
    assert not attract.scene.is_animating() and not attract.cue.is_animating()


def _local_noon(site: Any) -> float:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return (
        datetime.fromtimestamp(NOW, ZoneInfo(site.timezone)).replace(hour=12, minute=0).timestamp()
    )


def test_the_home_energy_tile_invites_with_the_same_true_figure(
    make_kiosk: Any, empty: EnergySummary
) -> None:
    kiosk = make_kiosk({"display": {"language": "en"}})
    home = kiosk.window.router.screen("home")
    tile = home.tiles["energy"]
    sunny = dataclasses.replace(empty, pv_power_w=fig(19_600, Unit.W))
    kiosk.services.energy.summary_did_update.emit(sunny)
    assert tile.live_label.isVisible()
    assert tile.live_label.text() == "Our roof is making 19.6\u00a0kW — see how"
    evening = dataclasses.replace(
        empty, pv_energy_today_wh=fig(86_200, Unit.WH, Provenance.SIMULATED)
    )
    kiosk.services.energy.summary_did_update.emit(evening)
    assert tile.live_label.text() == "Today our roof has made 86.2\u00a0kWh — see how"
    assert tile.live_note.isVisible() and tile.live_note.text() == "(simulated figures)"
    kiosk.services.energy.summary_did_update.emit(empty)  # nothing true to say: say nothing
    assert not tile.live_label.isVisible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_in_portrait_the_slide_card_holds_its_story_and_no_empty_band(
    qtbot: Any, make_kiosk: Any, lang: str
) -> None:
    """The card was as tall as the room above the building (a picture in a big white field,
    the texts over it when they wrapped); now it is as tall as its picture and texts, none
    of them overlap, and it ends above the building."""
    kiosk = make_kiosk({"display": {"language": lang}}, windowed=True, size=(1080, 1920))
    kiosk.window.router.go("attract")
    attract = kiosk.window.router.screen("attract")
    qtbot.waitUntil(lambda: bool(attract._slides))
    attract.enter_shot_state("story")
    qtbot.wait(50)
    card, image, headline, body = attract.card, attract.image, attract.headline, attract.body
    assert headline.text() and body.text() and not image.pixmap().isNull()
    assert image.geometry().bottom() < headline.geometry().top()
    assert image.height() - image.pixmap().height() <= 2  # the picture fills its room
    assert headline.geometry().bottom() < body.geometry().top()
    for part in (headline, body):  # every wrapped line has its room
        assert part.height() >= part.heightForWidth(part.width())
    content = body.geometry().bottom() - image.geometry().top()
    assert card.height() - content <= 2 * kiosk.theme.px(36) + kiosk.theme.px(4)
    assert card.mapTo(attract, card.rect().bottomLeft()).y() < attract.height() - kiosk.theme.px(
        300
    )


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_a_story_without_a_picture_shows_the_stories_picture_not_an_empty_card(
    qtbot: Any, make_kiosk: Any, size: tuple[int, int]
) -> None:
    """A pack's story may have only text (the eco-calendar stories had): its slide showed a
    big empty white card; now it shows the picture the stories screen gives such a story."""
    from kiosk.ui.screens.attract import Slide

    kiosk = make_kiosk({"display": {"language": "en"}}, windowed=True, size=size)
    kiosk.window.router.go("attract")
    attract = kiosk.window.router.screen("attract")
    qtbot.waitUntil(lambda: bool(attract._slides))
    attract.set_slides([Slide("植树节", "Arbor Day", "种一棵树", "Plant a tree", "", 10)])
    qtbot.wait(50)
    picture = attract.image.pixmap()
    assert not picture.isNull()
    assert picture.height() >= kiosk.theme.px(200)  # a picture, not a dot
    assert attract.headline.text() == "Arbor Day" and attract.body.text() == "Plant a tree"


def test_hidden_live_screens_keep_the_newest_figure_and_show_it_when_they_open(
    qtbot: Any, make_kiosk: Any, fake_clock: Any, empty: EnergySummary
) -> None:
    kiosk = make_kiosk({"display": {"language": "en", "idle_seconds": 30}})
    service = kiosk.services.energy
    home, attract = kiosk.window.router.screen("home"), kiosk.window.router.screen("attract")
    qtbot.waitUntil(lambda: service.summary is not None and not service._summary_pending)
    sunny = dataclasses.replace(empty, pv_power_w=fig(19_600, Unit.W))
    service.summary_did_update.emit(sunny)
    assert not attract.isVisible() and not attract.figure.text()  # kept, not shown
    fake_clock.advance(31)
    kiosk.idle.check()
    assert kiosk.window.router.current is attract
    assert attract.figure.text() == "19.6\u00a0kW"  # shown as it opens
    cloudy = dataclasses.replace(empty, pv_power_w=fig(4_100, Unit.W))
    service.summary_did_update.emit(cloudy)
    assert attract.figure.text() == "4.1\u00a0kW"
    assert home.tiles["energy"].live_label.text() == "Our roof is making 19.6\u00a0kW — see how"
    kiosk.window.router.go("home")
    assert home.tiles["energy"].live_label.text() == "Our roof is making 4.1\u00a0kW — see how"


def test_the_touch_cue_draws_a_tap_once_and_copies_its_frames(qtbot: Any) -> None:
    from kiosk.ui.widgets.touch_cue import FRAMES_PER_TAP, TouchCue

    cue = TouchCue(150)
    qtbot.addWidget(cue)
    cue.show()
    qtbot.waitExposed(cue)
    shown = []
    for frame in range(2 * FRAMES_PER_TAP):
        cue.frame = frame
        shown.append(cue.grab().toImage())
    assert len(cue._frames) == FRAMES_PER_TAP
    drawn = [pixmap.cacheKey() for pixmap in cue._frames]
    cue.frame = 3
    cue.grab()
    assert [pixmap.cacheKey() for pixmap in cue._frames] == drawn  # not drawn again
    assert shown[0] == shown[FRAMES_PER_TAP] and shown[0] != shown[FRAMES_PER_TAP // 2]


def test_the_scene_and_the_touch_cue_move_in_one_timer_event(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk({"display": {"language": "en"}})
    attract = kiosk.window.router.screen("attract")
    kiosk.window.router.go("attract")
    scene, cue = attract.scene, attract.cue
    moved: list[tuple[int, int]] = []
    for _ in range(3):
        frames = (scene.frame, cue.frame)
        qtbot.waitUntil(lambda f=frames: (scene.frame, cue.frame) != f, timeout=2000)  # type: ignore[misc]
        moved.append((scene.frame - frames[0], cue.frame - frames[1]))
    assert moved == [(1, 1)] * 3  # both moved at once, every frame


def test_a_frame_of_the_scene_paints_nothing_under_it(qtbot: Any, make_kiosk: Any) -> None:
    """The scene paints its whole rectangle itself (opaque): a frame does not also paint the
    attract screen and the window under it, even after the style sheet polished it."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    class Painted(QObject):
        def __init__(self, widget: Any) -> None:
            super().__init__(widget)
            self.count = 0
            widget.installEventFilter(self)

        def eventFilter(self, watched: Any, event: Any) -> bool:
            self.count += event.type() == QEvent.Type.Paint
            return False

    kiosk = make_kiosk({"display": {"language": "en"}})
    attract = kiosk.window.router.screen("attract")
    kiosk.window.router.go("attract")
    qtbot.waitExposed(attract.scene)
    QApplication.processEvents()
    scene, under = Painted(attract.scene), [Painted(attract), Painted(kiosk.window)]
    attract.scene.next_frame()
    qtbot.waitUntil(lambda: scene.count > 0)
    QApplication.processEvents()
    assert [p.count for p in under] == [0, 0]


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_a_slide_picture_is_read_at_the_size_it_is_shown(
    qtbot: Any, make_kiosk: Any, size: tuple[int, int]
) -> None:
    """Not read whole (the pack's SVGs are 1280x720) and then scaled: each slide change made a
    full-size and a scaled copy, ~7 MiB of buffers the heap kept. Read once per size."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImageReader

    kiosk = make_kiosk({"display": {"language": "en"}}, windowed=True, size=size)
    kiosk.window.router.go("attract")
    attract = kiosk.window.router.screen("attract")
    qtbot.waitUntil(lambda: bool(attract._slides))
    attract.enter_shot_state("story")
    qtbot.wait(50)
    slide = attract._slides[attract._index]
    assert slide.image_path
    own = QImageReader(slide.image_path).size()
    shown = attract.image.pixmap()
    assert shown.size() == own.scaled(shown.size(), Qt.AspectRatioMode.KeepAspectRatio)
    assert shown.width() < own.width()  # read at the shown size, not at its own
    room = attract.image.size()
    assert shown.width() <= room.width() and shown.height() <= room.height()
    assert room.width() - shown.width() <= 2 or room.height() - shown.height() <= 2
    attract._fit_picture()  # the same picture at the same size: not read again
    assert attract.image.pixmap().cacheKey() == shown.cacheKey()
