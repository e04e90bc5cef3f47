"""Sunrise from the same solar position the simulator uses (for "the sun rises at 05:24")."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.sources.solar import next_sunrise, sun_position

TZ = ZoneInfo("Asia/Shanghai")
WUHAN = (30.59, 114.31)


def _local(*args: int) -> float:
    return datetime(*args, tzinfo=TZ).timestamp()


def test_sunrise_in_wuhan_in_june_and_december() -> None:
    june = next_sunrise(_local(2026, 6, 15, 0, 30), *WUHAN)
    december = next_sunrise(_local(2026, 12, 3, 0, 30), *WUHAN)
    assert june is not None and december is not None
    assert datetime.fromtimestamp(june, TZ).strftime("%H:%M") == "05:24"  # almanac: 05:21
    assert datetime.fromtimestamp(december, TZ).strftime("%H:%M") == "07:08"  # almanac: 07:04
    assert sun_position(june + 60, *WUHAN).is_up
    assert not sun_position(june - 60, *WUHAN).is_up


def test_no_sunrise_while_the_sun_is_up_or_in_polar_night() -> None:
    assert next_sunrise(_local(2026, 6, 15, 12, 0), *WUHAN) is None
    assert next_sunrise(_local(2026, 12, 21, 12, 0), 85.0, 0.0) is None
