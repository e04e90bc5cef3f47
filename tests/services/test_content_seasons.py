"""Dated content from the built-in eco calendar appears and disappears at its times: the
content service looks at the one fake clock and emits only what is in season."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fakeclock import FakeClock

from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.services.content_service import ContentService
from kiosk.services.tasks import TaskRunner
from kiosk.ui.screens.attract import slides_from_content

TZ = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def test_the_arbor_day_story_comes_and_goes(qtbot: Any, data_dir: Path, tasks: TaskRunner) -> None:
    clock = FakeClock(at("2027-03-04 23:59"))
    service = ContentService(
        Library(data_dir / "library"), InstallPolicy(site_kind="store"), (),
        data_dir / "incoming", clock=clock, tasks=tasks, tz=TZ,
    )  # fmt: skip
    try:
        with qtbot.waitSignal(service.content_did_change, timeout=20_000) as first:
            service.start()
        ids = {s.id for s in first.args[0].stories}
        assert "wuhan-school" in ids and not any(i.startswith("eco-") for i in ids)
        emitted: list[Any] = []
        service.content_did_change.connect(emitted.append)
        service.check_season()
        assert emitted == []  # nothing changed: nothing emitted
        clock.advance(minutes=1)  # 5 March, 00:00
        service.check_season()
        (content,) = emitted
        arbor = next(s for s in content.stories if s.id == "eco-arbor-day")
        assert arbor.title.get("zh") == "3月12日 植树节"
        assert arbor.title.get("en") == "12 March, Arbor Day"
        titles = [s.title_en for s in slides_from_content(content)]
        assert "12 March, Arbor Day" in titles  # the attract loop plays it too
        assert "3月12日 植树节" in [s.title_zh for s in slides_from_content(content)]
        clock.advance(days=10)  # 15 March
        service.check_season()
        assert len(emitted) == 2
        assert "eco-arbor-day" not in {s.id for s in emitted[1].stories}
        assert "12 March, Arbor Day" not in [s.title_en for s in slides_from_content(emitted[1])]
        clock.now = at("2027-08-15 12:00").timestamp()  # a year's calendar further
        service.check_season()
        assert "eco-ecology-day" in {s.id for s in emitted[-1].stories}
    finally:
        service.stop()
