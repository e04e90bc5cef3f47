"""Dated pack items: seasons read at build and check time, warnings for items never in
season, and what is shown when nothing dated is in season."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.content.active import ActiveContent, AttractItem, LocalText, Story, Theme
from kiosk.content.builder import check_source
from kiosk.content.in_season import shown_now
from kiosk.content.store import PackRef
from kiosk.content.template import create_example
from kiosk.schedule.season import season_from_doc
from kiosk.util.documents import DocumentError, problems_of

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 12, 4)


def example(tmp_path: Path, story_season: str = "", attract_season: str = "") -> Path:
    src = tmp_path / "pack"
    create_example(src)
    story = src / "stories" / "rain-garden.yaml"
    if story_season:
        story.write_text(story.read_text("utf-8") + story_season, "utf-8")
    if attract_season:
        attract = src / "attract.yaml"
        text = attract.read_text("utf-8").replace(
            "  - story: rain-garden\n    seconds: 15\n",
            f"  - story: rain-garden\n    seconds: 15\n{attract_season}",
        )
        attract.write_text(text, "utf-8")
    return src


def test_an_ended_season_and_one_that_misses_its_weekdays_are_warned_of(tmp_path: Path) -> None:
    src = example(
        tmp_path,
        story_season='season:\n  from: "2025-06-01"\n  until: "2025-06-30"\n',
        attract_season='    season:\n      from: "2027-03-12"\n      until: "2027-03-12"\n'
        "      weekdays: [sat, sun]\n",
    )
    warnings = [str(w) for w in check_source(src, today=TODAY).warnings]
    assert len(warnings) == 2
    assert warnings[0].endswith(
        "attract.yaml:6: attract item 1 is never in season: none of its days falls on its "
        "weekdays (sat, sun)"
    )
    assert "rain-garden.yaml:" in warnings[1]
    assert "story 'rain-garden' is never in season: its season ended on 2025-06-30" in warnings[1]


def test_a_season_the_calendar_cannot_read_is_a_problem_with_its_line(tmp_path: Path) -> None:
    src = example(tmp_path, story_season='season:\n  from: "02-30"\n  until: "03-02"\n')
    with pytest.raises(DocumentError) as info:
        check_source(src, today=TODAY)
    (problem,) = problems_of(info.value)
    assert problem.file.endswith("rain-garden.yaml") and problem.line is not None
    assert "season: '02-30' is not a day of the calendar" in str(problem)


def test_kiosk_pack_check_prints_the_warning_and_succeeds(tmp_path: Path) -> None:
    src = example(tmp_path, story_season='season:\n  from: "2025-06-01"\n  until: "2025-06-30"\n')
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "pack", "check", str(src)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "warning:" in done.stderr and "is never in season" in done.stderr
    assert "1 warning" in done.stdout


def test_the_built_in_pack_checks_clean() -> None:
    root = Path(__file__).resolve().parents[2] / "content"
    assert check_source(root, today=TODAY).warnings == ()


def _story(story_id: str, season: dict[str, str] | None) -> Story:
    text = LocalText(story_id, story_id)
    return Story(story_id, text, None, "", (), season_from_doc(season))


def _content(*stories: Story) -> ActiveContent:
    ref = PackRef("p", 1, "1", "0" * 64, "0" * 64)
    attract = tuple(AttractItem("story", 10, s.id) for s in stories)
    return ActiveContent(ref, LocalText("p", "p"), Theme({}), stories, attract, None)


def test_nothing_in_season_falls_back_to_the_undated_then_to_all() -> None:
    winter = {"from": "12-01", "until": "12-31"}
    summer = {"from": "06-01", "until": "06-30"}
    june = datetime(2027, 6, 10, 12, 0, tzinfo=TZ)
    march = june.replace(month=3)
    content = _content(_story("winter", winter), _story("summer", summer), _story("always", None))
    assert [s.id for s in shown_now(content, june).stories] == ["summer", "always"]
    shown = shown_now(content, march)
    assert [s.id for s in shown.stories] == ["always"]
    assert [i.story_id for i in shown.attract] == ["always"]
    only_dated = _content(_story("winter", winter), _story("summer", summer))
    shown = shown_now(only_dated, march)
    assert [s.id for s in shown.stories] == [
        "winter",
        "summer",
    ]  # the stories screen is never empty
    assert shown.attract == ()  # the attract loop shows the site's name instead


def test_dayparts_switch_within_the_day() -> None:
    morning = {"times": ["07:00-09:00"]}
    content = _content(_story("commute", morning), _story("always", None))
    at_8 = datetime(2027, 6, 10, 8, 0, tzinfo=TZ)
    assert [s.id for s in shown_now(content, at_8).stories] == ["commute", "always"]
    assert [s.id for s in shown_now(content, at_8.replace(hour=9)).stories] == ["always"]


def test_a_dated_quiz_set_is_offered_only_in_season() -> None:
    content = replace(
        _content(_story("always", None)),
        quiz_files={"p/quizzes/arbor.yaml": Path("a"), "p/quizzes/water.yaml": Path("w")},
        quiz_ids={"p/quizzes/arbor.yaml": "arbor", "p/quizzes/water.yaml": "water"},
        quiz_seasons={"p/quizzes/arbor.yaml": season_from_doc({"from": "03-05", "until": "03-14"})},
    )
    march = datetime(2027, 3, 12, 10, 0, tzinfo=TZ)
    assert set(shown_now(content, march).quiz_ids.values()) == {"arbor", "water"}
    assert set(shown_now(content, march.replace(month=4)).quiz_ids.values()) == {"water"}
