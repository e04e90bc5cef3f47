"""Store reports for kiosks without network: read back strictly, merged once per hour (the
same file twice adds nothing), newest status per kiosk, and ``kiosk fleet import``."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.fleet.counts import hour_of
from kiosk.fleet.status_doc import KioskFacts, build_status
from kiosk.fleet.store_report import ReportError, build_report, merge, read_report

NOW = 1_798_700_000.0
H = hour_of(NOW)


def write(path: Path, kiosk: str, sent: float, hours: dict[int, dict[str, int]]) -> Path:
    status = build_status(KioskFacts("offline-stores", kiosk, "1.4.0", site_name="县城店"), sent)
    path.write_text(json.dumps(build_report(status, hours, "2026-12-01", "2026-12-31")), "utf-8")
    return path


def test_reports_merge_each_hour_once_and_keep_the_newest_status(tmp_path: Path) -> None:
    a = write(tmp_path / "a.json", "store-9", NOW - 86400, {H - 30: {"sessions": 4}})
    b = write(tmp_path / "b.json", "store-9", NOW, {H - 30: {"sessions": 4}, H: {"sessions": 2}})
    c = write(tmp_path / "c.json", "store-8", NOW, {H: {"sessions": 1, "quiz.right": 3}})
    merged = merge([read_report(p) for p in (a, b, b, c)])
    assert merged.totals() == {"quiz.right": 3, "sessions": 7}
    assert merged.statuses[("offline-stores", "store-9")]["sent_at"] == build_status(
        KioskFacts("offline-stores", "store-9", "1"), NOW)["sent_at"]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"{", "not JSON"), (b'{"kind": "x"}', "not a store report"),
     (b'{"kind": "green-space-kiosk/store-report", "schema": 9}', "schema 9 is not known"),
     (b'{"kind": "green-space-kiosk/store-report", "schema": 1, "status": {}}', "no kiosk status")],
)  # fmt: skip
def test_other_files_are_refused_by_name(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(ReportError, match=message) as caught:
        read_report(bad)
    assert str(caught.value).startswith(str(bad))


def test_cli_import_shows_the_kiosks_and_the_reports_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write(tmp_path / "a.json", "store-9", time.time(), {H: {"sessions": 4}})
    b = write(tmp_path / "b.json", "store-8", time.time(), {H: {"sessions": 1}})
    assert main(["fleet", "import", str(a), str(b), str(a), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert sorted(r["kiosk"] for r in doc["rows"]) == ["store-8", "store-9"]
    assert doc["totals_today"] == {"sessions": 5}
    assert doc["rows"][0]["site"] == "县城店"
    (tmp_path / "x.json").write_text("[]")
    assert main(["fleet", "import", str(tmp_path / "x.json")]) == 1
    assert "x.json: not a store report" in capsys.readouterr().err
