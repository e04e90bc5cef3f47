"""``kiosk report year``: a year of real readings, staff entries, class points and visitor
counts in the kiosk's own databases, drawn as a PDF that poppler reads back (pdfinfo,
pdftotext, pdffonts, pdftoppm): pages, words in Chinese and English, each month's figure as
fed, the factor with its year and source, and a chart that is really drawn."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from year_data import CLASSES, YEAR, YearData, fill_counts, fill_energy, fill_points, fill_year

from kiosk.energy.metrics import Provenance

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (bash build_scripts/dev.sh setup)"
)

CONFIG = """
[site]
name = "Riverside Primary School"
name_zh = "江畔小学"
kind = "school"
grid_region = "central"
[quiz]
classes = ["一年级(1)班", "2A", "三年级(2)班"]
[[sources]]
id = "inverter"
type = "http"
enabled = false
[sources.options]
url = "http://127.0.0.1:9/status"
"""
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def report(tmp_path: Path, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "kiosk.toml"
    if not config.exists():
        config.write_text(CONFIG, "utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [
        sys.executable,
        "-m",
        "kiosk",
        "report",
        "year",
        "--data-dir",
        str(data_dir),
        "--config",
        str(config),
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def pdftext(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


def line_of(text: str, start: str) -> str:
    """The last line that starts with ``start`` (a table's row, after the chart's labels)."""
    return [line for line in text.splitlines() if line.strip().startswith(start)][-1]


@pytest.fixture
def year(data_dir: Path) -> YearData:
    return fill_year(data_dir)


def test_english_report_has_every_figure_as_stored(
    tmp_path: Path, data_dir: Path, year: YearData
) -> None:
    pdf = tmp_path / "report.pdf"
    done = report(tmp_path, data_dir, "--year", str(YEAR), "--out", str(pdf), "--lang", "en")
    assert done.returncode == 0, done.stderr
    total_kwh = sum(year.pv_wh.values()) / 1000
    assert done.stdout.strip() == f"wrote {pdf}: {YEAR}, 4 pages, en, solar {total_kwh:,.1f} kWh"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "Pages:           4" in info.stdout and "(A4)" in info.stdout
    assert f"Title:           Riverside Primary School · Yearly report {YEAR}" in info.stdout

    cover = pdftext(pdf, 1)
    assert "Riverside Primary School" in cover and f"Yearly report {YEAR}" in cover
    assert f"{total_kwh:,.1f} kWh" in cover
    assert "Simulated" not in pdftext(pdf)
    assert "figures" in pdftext(pdf) and "ﬁ" not in pdftext(pdf)  # "fi" is two letters
    assert "Page 1 of 4" in cover and "Generated 20" in cover

    energy = pdftext(pdf, 2)
    for month in range(1, 13):
        row = line_of(energy, MONTHS_EN[month - 1] + " ")
        if month in year.pv_wh:
            kwh = year.pv_wh[month] / 1000
            water = year.water_l[month]
            co2 = year.pv_wh[month] / 1000 * 0.5271  # central grid, 2023 data
            assert row.split()[1:] == [
                f"{kwh:,.1f}",
                f"{co2:,.1f}",
                f"{water:,.0f}",
                str(year.pv_days[month]),
            ], row
        else:  # March (never fed) and December (no readings yet): no data, never 0
            assert "no data" in row and " 0.0" not in row, row
    assert f"{total_kwh:,.1f}" in line_of(energy, "Year ")
    assert "0.5271 kg CO2/kWh (Central China grid, 2023 data)" in energy
    assert "Source: MEE & NBS announcement on electricity CO2 emission factors (2023 data" in energy
    assert "Energy (kWh)" in energy and "Page 2 of 4" in energy

    actions = pdftext(pdf, 3)
    assert "55.5 kg" in line_of(actions, "Compost made") and "2026-10-09" in actions
    assert line_of(actions, "Trees planted").split()[2:] == ["12", "1", "2026-04-22"]
    assert line_of(actions, "Kids").split()[1:] == [
        "solar",
        "9",
        "8",
    ]  # no pack installed here: the id
    assert line_of(actions, "Students").split()[-2:] == ["5", "3"]
    assert line_of(actions, "Year").split()[-2:] == ["14", "11"]
    assert "30 visitor sessions · 7 stories opened · 80% of answers right" in actions

    board = pdftext(pdf, 4)
    rows = [line_of(board, f"{rank} ").split() for rank in (1, 2, 3)]
    expected = sorted(((r * p, t, r) for t, (r, p) in CLASSES.items()), reverse=True)
    for row, (points, team, rounds) in zip(rows, expected, strict=True):
        # the 500 points "2A" won on 31 December of the year before are not this year's
        assert row[1:] == [team, str(rounds), str(rounds * 4), str(points)]


def test_chinese_report_uses_the_bundled_font_and_draws_the_chart(
    tmp_path: Path, data_dir: Path, year: YearData
) -> None:
    pdf = tmp_path / "报告.pdf"
    done = report(tmp_path, data_dir, "--year", str(YEAR), "--out", str(pdf), "--lang", "zh")
    assert done.returncode == 0, done.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    names = {line.split()[0] for line in fonts.stdout.splitlines()[2:]}
    assert names == {"KioskSansSC-Regular", "KioskSansSC-Bold"}  # no fallback face: no tofu
    text = pdftext(pdf)
    for words in (
        "江畔小学",
        f"{YEAR} 年度报告",
        "每月太阳能发电量",
        "发电量（kWh）",
        "华中电网，2023 年数据",
        "生态环境部、国家统计局",
        "班级积分榜",
        "一年级(1)班",
        "第 2 页，共 4 页",
        "堆肥",
        "植树",
    ):
        assert words in text, words
    energy = pdftext(pdf, 2)
    assert "无数据" in line_of(energy, "3月")
    assert f"{year.pv_wh[2] / 1000:,.1f}" in line_of(energy, "2月")

    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    image = Image.open(png).convert("RGB")
    assert image.size == (496, 702)  # A4 at 60 dpi
    # the chart's bars are in the kiosk's green (#17784A): eleven of them, a good area
    green = sum(
        1
        for px in image.get_flattened_data()
        if abs(px[0] - 0x17) + abs(px[1] - 0x78) + abs(px[2] - 0x4A) < 40
    )
    assert green > 4000


def test_both_languages_and_simulated_figures_are_marked(tmp_path: Path, data_dir: Path) -> None:
    fill_energy(data_dir, Provenance.SIMULATED)
    pdf = tmp_path / "both.pdf"
    done = report(tmp_path, data_dir, "--out", str(pdf), "--lang", "both", "--year", str(YEAR))
    assert done.returncode == 0, done.stderr
    assert "(simulated energy figures)" in done.stdout
    cover = pdftext(pdf, 1)
    assert "模拟数据" in cover and "Simulated figures" in cover
    assert "江畔小学" in cover and "Riverside Primary School" in cover
    assert "第 1 页，共 4 页 / Page 1 of 4" in cover
    assert "无数据 / no data" in pdftext(pdf, 2)
    assert "模拟数据" in pdftext(pdf, 2)
    # no points or counts: honest empty sections
    assert "No class earned points in 2026." in pdftext(pdf, 4)
    assert "No quiz rounds were counted in 2026." in pdftext(pdf, 3)


def test_quiz_only_year_says_there_are_no_readings(tmp_path: Path, data_dir: Path) -> None:
    fill_points(data_dir)
    fill_counts(data_dir)
    pdf = tmp_path / "r.pdf"
    done = report(tmp_path, data_dir, "--year", str(YEAR), "--out", str(pdf), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "no solar data" in done.stdout
    energy = pdftext(pdf, 2)
    assert "No solar or water readings were stored for 2026." in energy
    assert "no data" in line_of(energy, "Jun ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2025"], "nothing to report for 2025: no readings, staff entries"),
        (["--year", "2999"], "the year must be between 2000 and"),
        (["--lang", "fr"], "argument --lang: invalid choice: 'fr'"),
        (["--out", "/nonexistent-folder/r.pdf"], "the folder /nonexistent-folder does not exist"),
        (["--out", "."], "is a folder: give a file name"),
    ],
)
def test_bad_input_is_a_usage_error_in_one_line(
    tmp_path: Path, data_dir: Path, args: list[str], message: str
) -> None:
    """Nothing is gathered or drawn for these (the data folder is empty)."""
    full = ["--year", str(YEAR), "--out", str(tmp_path / "r.pdf"), *args]
    done = report(tmp_path, data_dir, *full)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "r.pdf").exists()
