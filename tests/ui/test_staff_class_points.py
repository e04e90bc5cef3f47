"""The staff screen's class points panel in the real kiosk: save this term's points to a USB
stick (a folder standing in for the mount), and reset a class only on the second tap."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from kiosk.quiz.periods import Period
from kiosk.ui.staff.class_points_panel import ClassPointsPanel

NOON = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)  # a Wednesday, noon in Shanghai


def school(make_kiosk: Callable[..., Any]) -> Any:
    return make_kiosk({
        "site": {"kind": "school", "timezone": "Asia/Shanghai"},
        "display": {"language": "en"},
        "quiz": {"classes": ["一年级(1)班", "2A"]},
    })  # fmt: skip


def test_save_to_usb_and_reset_with_confirmation(
    make_kiosk: Callable[..., Any], qtbot: Any, tmp_path: Path
) -> None:
    kiosk = school(make_kiosk)
    quiz = kiosk.services.quiz
    quiz.utc_now = lambda: NOON
    stick = tmp_path / "stick"
    stick.mkdir()
    usb = kiosk.services.usb_watcher
    usb.list_mounts = lambda: [stick]
    with qtbot.waitSignal(usb.scan_did_finish):
        usb.scan_now()
    panel = kiosk.window.router.screen("staff").findChild(ClassPointsPanel)
    assert panel is not None
    with qtbot.waitSignal(quiz.leaderboards_did_update):
        quiz.award("一年级(1)班", 55, right_answers=5)
    kiosk.window.router.go("staff")  # what the PIN pad opens
    qtbot.waitUntil(panel.export_button.isEnabled)  # a stick is there
    with qtbot.waitSignal(quiz.points_did_export, timeout=10_000):
        qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    files = list(stick.glob("class-points-*.csv"))
    assert [f.name for f in files] == ["class-points-2026-09-01-to-2026-11-25.csv"]
    raw = files[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))[1] == [
        "2026-11-25", "一年级(1)班", "1", "5", "55"]  # fmt: skip
    assert panel.message.text() == f"Saved {files[0].name} (1 rows)"
    # reset: the first tap only asks
    reset = panel.reset_buttons["一年级(1)班"]
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert reset.text() == "Tap again to reset 一年级(1)班"
    with qtbot.waitSignal(quiz.leaderboards_did_update) as boards:
        qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    week = {r.team: r.points for r in boards.args[0][Period.WEEK].rows}
    assert week["一年级(1)班"] == 0
    assert "starts again at 0 points" in panel.message.text()
