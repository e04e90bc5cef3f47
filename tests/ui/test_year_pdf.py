"""The yearly report's drawing: a long class list runs over pages with their numbers, the
drawing works on the kiosk's worker threads, and every character it writes is in the
bundled font (no tofu)."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QRawFont

from kiosk.energy.carbon import factor_for
from kiosk.fleet.year_report import SiteFacts, build_year_report
from kiosk.quiz.points_store import DailyRow
from kiosk.services.tasks import TaskRunner
from kiosk.ui.report.layout import CLASS_ROWS_PER_PAGE
from kiosk.ui.report.texts import LEVELS, T
from kiosk.ui.report.year_pdf import page_count, render_year_pdf
from kiosk.ui.theme import load_fonts

ROOT = Path(__file__).resolve().parents[2]
SITE = SiteFacts("Harbour Store", "海港店", "store", "Asia/Shanghai")
AT = datetime.fromisoformat("2026-12-04T10:00:00+08:00")


def pdftext(data: bytes, tmp_path: Path, page: int) -> str:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def test_a_long_class_list_runs_over_numbered_pages(
    qapp: Any, tasks: TaskRunner, tmp_path: Path
) -> None:
    load_fonts()
    day = date(2026, 5, 4)
    rows = [DailyRow(day, f"Class {i:02d}", 1, 3, 100 - i) for i in range(45)]
    report = build_year_report(2026, SITE, AT, factor_for("south"), points=rows)
    assert page_count(report) == 3 + 2 and CLASS_ROWS_PER_PAGE < 45
    results: list[bytes] = []
    errors: list[BaseException] = []
    # drawn on a pool thread, as the staff screen's button does
    tasks.run(lambda: render_year_pdf(report, "en"), results.append, errors.append)
    assert tasks.wait(30_000)
    qapp.processEvents()
    assert not errors and results
    last = pdftext(results[0], tmp_path, 5)
    assert "Page 5 of 5" in last and "continued from the page before" in last
    assert "Class 44" in last and "Class 29" not in last
    assert "Class 00" in pdftext(results[0], tmp_path, 4)
    assert "No solar or water readings were stored for 2026." in pdftext(results[0], tmp_path, 2)


def test_an_unknown_language_is_refused(qapp: Any) -> None:
    report = build_year_report(2026, SITE, AT, factor_for("south"))
    with pytest.raises(ValueError, match="language must be one of zh, en, both"):
        render_year_pdf(report, "fr")


def test_every_character_of_the_report_is_in_the_bundled_font(qapp: Any) -> None:
    load_fonts()
    words = "".join(zh + en for zh, en in (*T.values(), *LEVELS.values()))
    wanted = sorted({c for c in words if ord(c) >= 0x80 and c.isprintable()})
    for style in ("Regular", "Bold"):
        raw = QRawFont(str(ROOT / "assets" / "fonts" / f"KioskSansSC-{style}.otf"), 48)
        glyphs = raw.glyphIndexesForString("".join(wanted))
        missing = [c for c, glyph in zip(wanted, glyphs, strict=True) if glyph == 0]
        assert not missing, f"{style} lacks {''.join(missing)!r}"
