"""The Head office panel saves a store report to a USB stick (a folder standing in for the
mount) for a kiosk without network; ``kiosk fleet import`` reads it back."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.cli import main
from kiosk.ui.staff.reports_panel import ReportsPanel


def test_store_report_to_usb_and_back(
    make_kiosk: Callable[..., Any], qtbot: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk = make_kiosk({"display": {"language": "en"}, "site": {"name": "County Store"}})
    services = kiosk.services
    services.engagement.on_user_did_return()  # one visitor
    stick = tmp_path / "stick"
    stick.mkdir()
    usb = services.usb_watcher
    usb.list_mounts = lambda: [stick]
    with qtbot.waitSignal(usb.scan_did_finish):
        usb.scan_now()
    panel = kiosk.window.router.screen("staff").findChild(ReportsPanel)
    assert panel is not None
    kiosk.window.router.go("staff")
    qtbot.waitUntil(panel.report_button.isEnabled)
    with qtbot.waitSignal(services.fleet.report_did_save, timeout=10_000) as saved:
        qtbot.mouseClick(panel.report_button, Qt.MouseButton.LeftButton)
    path = Path(saved.args[0])
    assert path.parent == stick and path.name.startswith("store-report-default-county-store-")
    assert panel.report_message.text().startswith(f"Saved {path.name}")
    report = json.loads(path.read_text("utf-8"))
    assert report["status"]["kiosk"] == "county-store"
    assert sum(c.get("sessions", 0) for c in report["hours"].values()) == 1
    assert main(["fleet", "import", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["rows"][0]["site"] == "County Store" and doc["totals_today"] == {"sessions": 1}
