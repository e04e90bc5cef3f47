"""Spreadsheet import: good sheets round-trip into valid quiz files; bad ones are refused."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from kiosk.cli import main
from kiosk.quiz.importer import ImportRefused, SetInfo, import_sheet
from kiosk.quiz.loader import load_quiz_file
from kiosk.quiz.sheets import SheetError, read_sheet
from kiosk.quiz.validate import validate_quiz_file

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "docs" / "quiz-template.csv"
INFO = SetInfo("school-week", "节能周", "Energy week", "mixed")
HEADER = [
    "id", "type", "difficulty", "question_zh", "question_en", "choice_a_zh", "choice_a_en",
    "choice_b_zh", "choice_b_en", "correct", "explanation_zh", "explanation_en", "source",
    "picture",
]  # fmt: skip
GOOD_ROW = ["q1", "single", "family", "问题？", "Question?", "甲", "A", "乙", "B", "b",
            "解释", "Because", "A book", ""]  # fmt: skip


@pytest.fixture
def pack_src(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(REPO / "content" / "images", root / "images")
    return root


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    """A minimal workbook as Excel writes it: shared strings, one sheet, a number cell."""
    strings: list[str] = []
    cells = []
    for r, row in enumerate(rows, start=1):
        parts = []
        for c, value in enumerate(row):
            ref = f"{chr(ord('A') + c)}{r}"
            if value.isdigit():
                parts.append(f'<c r="{ref}"><v>{value}.0</v></c>')
            elif value:
                strings.append(value)
                parts.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
        cells.append(f'<row r="{r}">{"".join(parts)}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "xl/workbook.xml",
            f'<workbook {ns} {rel_ns}><sheets><sheet name="Quiz" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/sharedStrings.xml",
            f"<sst {ns}>" + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>",
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet {ns}><sheetData>{''.join(cells)}</sheetData></worksheet>",
        )
    return path


def test_template_round_trips_into_a_valid_pack_source(pack_src: Path) -> None:
    target = import_sheet(TEMPLATE, pack_src, INFO)
    assert target == pack_src / "quizzes" / "school-week.yaml"
    validate_quiz_file(target, pack_src)
    quiz = load_quiz_file(target, pack_src)
    kinds = {q.id.split("/")[1]: q.kind for q in quiz.questions}
    assert kinds == {
        "sun-energy": "single",
        "tap-off": "true_false",
        "which-bin": "picture",
        "compost-items": "multiple",
        "roof-today": "live",
        "trips-co2": "order",
    }
    by_id = {q.id: q for q in quiz.questions}
    assert by_id["school-week/compost-items"].correct_ids == {"a", "c"}
    assert by_id["school-week/compost-items"].timer_seconds == 30
    assert by_id["school-week/tap-off"].correct_ids == {"true"}
    assert by_id["school-week/which-bin"].choices[1].picture == "images/quiz/bin-kitchen.svg"
    assert by_id["school-week/roof-today"].live.metric == "pv_energy_today_kwh"
    assert by_id["school-week/sun-energy"].text.zh == "太阳能电池板用什么来发电？"
    trips = by_id["school-week/trips-co2"].choices
    assert [c.text.en for c in trips][::3] == ["Train", "Domestic flight"] and len(trips) == 4


def test_xlsx_and_gb18030_csv_import_like_utf8(pack_src: Path, tmp_path: Path) -> None:
    rows = [[*HEADER, "timer_seconds"], [*GOOD_ROW, "20"]]
    results = []
    for i, sheet in enumerate(
        [
            _csv(tmp_path / "utf8.csv", rows),
            _csv(tmp_path / "gbk.csv", rows, encoding="gb18030"),
            _xlsx(tmp_path / "book.xlsx", rows),
        ]
    ):
        info = SetInfo(f"set{i}", "标题", "Title", "demo")
        quiz = load_quiz_file(import_sheet(sheet, pack_src, info), pack_src)
        (question,) = quiz.questions
        results.append((question.text, question.correct_ids, question.timer_seconds))
    assert results[0] == results[1] == results[2]
    assert results[0][0].zh == "问题？" and results[0][2] == 20


def test_sheet_with_errors_is_refused_with_row_and_column(pack_src: Path, tmp_path: Path) -> None:
    rows = [
        HEADER,
        GOOD_ROW,
        ["q2", "single", "family", "问题", "Q", "甲", "A", "乙", "B", "c", "解", "W", "S", ""],
        ["q3", "truefalse", "adult", "问题", "", "", "", "", "", "", "解", "W", "S", ""],
        ["q4", "single", "family", "问题", "Q", "甲", "A", "乙", "", "a", "解", "W", "S", ""],
        ["q5", "true_false", "family", "问题", "Q", "", "", "", "", "maybe", "解", "W", "S", ""],
    ]
    with pytest.raises(ImportRefused) as info:
        import_sheet(_csv(tmp_path / "bad.csv", rows), pack_src, INFO)
    found = {(p.row, p.column) for p in info.value.problems}
    assert found == {
        (3, "correct"),
        (4, "type"),
        (4, "difficulty"),
        (4, "question_en"),
        (5, "choice_b_en"),
        (6, "correct"),
    }
    assert "bad.csv: row 3, column correct: 'c' is not one of the choices a-b" in str(info.value)
    assert not (pack_src / "quizzes").exists()


def test_semantic_problems_are_mapped_back_to_the_sheet(pack_src: Path, tmp_path: Path) -> None:
    rows = [
        HEADER,
        GOOD_ROW,
        ["q2", "single", "kids", "问题", "Q", "甲", "A", "乙", "B", "a", "解", "W", "S",
         "images/quiz/moon.svg"],
        ["q1", "single", "family", "问题", "Q", "甲", "A", "甲", "B", "a", "解", "W", "S", ""],
    ]  # fmt: skip
    with pytest.raises(ImportRefused) as info:
        import_sheet(_csv(tmp_path / "bad.csv", rows), pack_src, INFO)
    assert sorted(str(p) for p in info.value.problems) == [
        "row 3, column picture: picture 'images/quiz/moon.svg' not found in the pack",
        "row 4, column choice_a_zh: two choices have the same zh text",
        "row 4, column id: duplicate question id 'q1'",
    ]


def test_unknown_and_missing_columns_are_named(pack_src: Path, tmp_path: Path) -> None:
    rows = [["id", "type", "colour"], ["q1", "single", "red"]]
    with pytest.raises(ImportRefused) as info:
        import_sheet(_csv(tmp_path / "cols.csv", rows), pack_src, INFO)
    messages = [str(p) for p in info.value.problems]
    assert "row 1, column colour: unknown column (see docs/quiz-template.csv)" in messages
    assert "row 1, column question_zh: required column is missing" in messages


def test_existing_quiz_is_kept_unless_forced(pack_src: Path, tmp_path: Path) -> None:
    sheet = _csv(tmp_path / "s.csv", [HEADER, GOOD_ROW])
    target = import_sheet(sheet, pack_src, INFO)
    before = target.read_bytes()
    with pytest.raises(ImportRefused, match="use --force"):
        import_sheet(sheet, pack_src, INFO)
    _csv(sheet, [HEADER, [*GOOD_ROW[:9], "a", *GOOD_ROW[10:]]])
    import_sheet(sheet, pack_src, INFO, overwrite=True)
    assert target.read_bytes() != before


def test_unreadable_sheets_give_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "x.ods").write_bytes(b"PK")
    with pytest.raises(SheetError, match=r"use a \.csv or \.xlsx file"):
        read_sheet(tmp_path / "x.ods")
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with pytest.raises(SheetError, match=r"not a readable \.xlsx"):
        read_sheet(tmp_path / "broken.xlsx")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(SheetError, match="first row must name the columns"):
        read_sheet(tmp_path / "empty.csv")


def test_cli_import_exit_codes_and_messages(pack_src: Path, tmp_path: Path, capsys) -> None:
    good = _csv(tmp_path / "Week1.csv", [HEADER, GOOD_ROW])
    args = ["quiz", "import", str(good), "--into", str(pack_src), "--title-zh", "第一周",
            "--title-en", "Week 1"]  # fmt: skip
    assert main(args) == 0
    assert (pack_src / "quizzes" / "week1.yaml").is_file()
    assert "wrote" in capsys.readouterr().out
    bad = _csv(tmp_path / "bad.csv", [HEADER, [*GOOD_ROW[:9], "z", *GOOD_ROW[10:]]])
    assert main([*args[:2], str(bad), *args[3:]]) == 1
    err = capsys.readouterr().err
    assert "bad.csv: row 2, column correct:" in err and "nothing written" in err
    with pytest.raises(SystemExit) as usage:
        main(["quiz", "import", str(good)])  # --into and titles missing
    assert usage.value.code == 2


def test_cli_check_reports_bad_files(pack_src: Path, capsys) -> None:
    (pack_src / "quizzes").mkdir()
    shutil.copy(REPO / "content" / "quizzes" / "water.yaml", pack_src / "quizzes")
    assert main(["quiz", "check", str(pack_src)]) == 0
    (pack_src / "quizzes" / "bad.yaml").write_text("schema_version: 1\nid: x\n", "utf-8")
    assert main(["quiz", "check", str(pack_src)]) == 1
    assert "bad.yaml:" in capsys.readouterr().err
