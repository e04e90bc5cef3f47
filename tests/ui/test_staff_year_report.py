"""The staff screen's yearly report buttons in the real kiosk: a year of real readings,
entries, class points and counts is saved as a PDF to a USB stick (a folder standing in for
the mount) off the GUI thread; a year with nothing in it (the new one) says so."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from year_data import TZ, YEAR, fill_year

from kiosk.ui.staff.reports_panel import ReportsPanel

NOW = datetime(YEAR + 1, 1, 4, 10, tzinfo=TZ).timestamp()  # early the next year


def test_save_this_years_report_to_usb_and_say_when_a_year_is_empty(
    make_kiosk: Callable[..., Any], qtbot: Any, data_dir: Path, tmp_path: Path
) -> None:
    if subprocess.run(["which", "pdftotext"], capture_output=True).returncode:
        pytest.skip("poppler-utils (bash build_scripts/dev.sh setup)")
    fed = fill_year(data_dir)
    kiosk = make_kiosk(
        {
            "site": {"kind": "school", "name": "Riverside School", "name_zh": "江畔小学"},
            "display": {"language": "en"},
            "quiz": {"classes": ["一年级(1)班", "2A"]},
        }
    )
    stick = tmp_path / "stick"
    stick.mkdir()
    usb = kiosk.services.usb_watcher
    usb.list_mounts = lambda: [stick]
    with qtbot.waitSignal(usb.scan_did_finish):
        usb.scan_now()
    panel = kiosk.window.router.screen("staff").findChild(ReportsPanel)
    assert panel is not None and panel.year_reports is not None
    reports = panel.year_reports
    reports.clock = lambda: NOW
    kiosk.window.router.go("staff")
    new_year, last_year = panel.year_buttons
    qtbot.waitUntil(last_year.isEnabled)
    panel.retranslate()
    assert new_year.text() == f"Save the {YEAR + 1} yearly report to USB"
    assert last_year.text() == f"Save the {YEAR} yearly report to USB"

    with qtbot.waitSignal(reports.report_did_save, timeout=60_000) as saved:
        qtbot.mouseClick(last_year, Qt.MouseButton.LeftButton)
        assert panel.year_message.text() == f"Saving the {YEAR} yearly report…"
        assert not last_year.isEnabled()  # one report at a time
    path = Path(saved.args[1])
    assert path == stick / f"yearly-report-riverside-school-{YEAR}.pdf"
    assert panel.year_message.text() == f"Saved {path.name}: print it or hand it in."
    assert last_year.isEnabled()
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Riverside School" in text and f"Yearly report {YEAR}" in text
    feb = [line for line in text.splitlines() if line.strip().startswith("Feb ")][-1]
    assert f"{fed.pv_wh[2] / 1000:,.1f}" in feb
    assert "一年级(1)班" in text and "Page 4 of 4" in text
    # quiz rounds by topic under the topic's title in the pack, not its id
    kids = [line for line in text.splitlines() if line.strip().startswith("Kids ")]
    assert kids and "Solar power" in kids[0] and "solar" not in kids[0].replace("Solar", ""), kids

    with qtbot.waitSignal(reports.report_did_fail, timeout=60_000) as failed:
        qtbot.mouseClick(new_year, Qt.MouseButton.LeftButton)
    assert failed.args[:2] == [YEAR + 1, "empty"]
    assert panel.year_message.text() == (
        f"Nothing to report for {YEAR + 1}: no readings, staff entries, quiz rounds or class "
        "points."
    )
    assert not (stick / f"yearly-report-riverside-school-{YEAR + 1}.pdf").exists()

    # a stick that cannot be written any more: the reason, and the detail below
    (stick / "gone").mkdir()
    usb.list_mounts = lambda: [stick / "gone"]
    with qtbot.waitSignal(usb.scan_did_finish):
        usb.scan_now()
    (stick / "gone").rmdir()
    (stick / "gone").write_text("not a folder any more")
    with qtbot.waitSignal(reports.report_did_fail, timeout=60_000) as failed:
        qtbot.mouseClick(last_year, Qt.MouseButton.LeftButton)
    assert failed.args[1] == "failed"
    assert panel.year_message.text() == "The yearly report was not saved (reason below)."
    assert panel.year_problem.isVisibleTo(panel)
