"""Read a teacher's spreadsheet (CSV or .xlsx) into rows of text cells keyed by column name.

CSV comes in whatever encoding the spreadsheet app chose: UTF-8 (with or without the BOM
Excel writes) or, from Excel/WPS on Chinese Windows, GB18030. ``.xlsx`` is read with the
standard library (zip + XML, first worksheet, text and number cells), so authoring needs no
extra dependency; sizes are capped because the file comes from outside.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

MAX_SHEET_BYTES = 20_000_000
MAX_ROWS = 5000
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class SheetError(Exception):
    """The sheet as a whole cannot be read (not a cell problem)."""


@dataclass(frozen=True, slots=True)
class SheetRow:
    number: int  # as the spreadsheet app shows it; the header is row 1
    cells: dict[str, str]  # lower-case column name -> stripped text


@dataclass(frozen=True, slots=True)
class Sheet:
    columns: tuple[str, ...]
    rows: tuple[SheetRow, ...]


def read_sheet(path: Path) -> Sheet:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SheetError(f"cannot read {path}: {exc.strerror}") from None
    if size > MAX_SHEET_BYTES:
        raise SheetError(f"{path} is larger than {MAX_SHEET_BYTES // 1_000_000} MB")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = _csv_table(path.read_bytes())
    elif suffix == ".xlsx":
        table = _xlsx_table(path)
    else:
        raise SheetError(f"{path}: use a .csv or .xlsx file, got {suffix or 'no extension'}")
    return _to_sheet(table)


def _to_sheet(table: list[list[str]]) -> Sheet:
    if not table or not any(cell.strip() for cell in table[0]):
        raise SheetError("the first row must name the columns (see docs/quiz-template.csv)")
    if len(table) > MAX_ROWS:
        raise SheetError(f"more than {MAX_ROWS} rows")
    columns = tuple(c.strip().lower() for c in table[0])
    seen: set[str] = set()
    for i, name in enumerate(columns):
        if name and name in seen:
            raise SheetError(f"column {_letter(i)} repeats the column name {name!r}")
        seen.add(name)
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = {
            columns[i]: value.strip()
            for i, value in enumerate(values)
            if i < len(columns) and columns[i] and value.strip()
        }
        extra = [
            i for i, v in enumerate(values) if v.strip() and (i >= len(columns) or not columns[i])
        ]
        if extra:
            raise SheetError(
                f"row {number}, column {_letter(extra[0])}: a value without a column name"
            )
        if cells:
            rows.append(SheetRow(number, cells))
    return Sheet(tuple(c for c in columns if c), tuple(rows))


def _csv_table(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError("the CSV is neither UTF-8 nor GB18030 text")
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise SheetError(f"not a valid CSV: {exc}") from None


def _xlsx_table(path: Path) -> list[list[str]]:
    try:
        with zipfile.ZipFile(path) as archive:
            shared = _shared_strings(archive)
            sheet_xml = _read_member(archive, _first_sheet_name(archive))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise SheetError(f"{path} is not a readable .xlsx workbook ({exc})") from None
    root = ElementTree.fromstring(sheet_xml)
    table: dict[int, dict[int, str]] = {}
    for row in root.iterfind("m:sheetData/m:row", _NS):
        for cell in row.iterfind("m:c", _NS):
            ref = cell.get("r", "")
            match = re.fullmatch(r"([A-Z]{1,3})(\d+)", ref)
            if match is None:
                continue
            column, number = _column_index(match.group(1)), int(match.group(2))
            if number > MAX_ROWS + 1 or column > 200:
                raise SheetError(f"{path}: cell {ref} is outside the supported range")
            table.setdefault(number, {})[column] = _cell_text(cell, shared)
    if not table:
        return []
    width = max(max(cells) for cells in table.values()) + 1
    return [[table.get(n, {}).get(c, "") for c in range(width)] for n in range(1, max(table) + 1)]


def _first_sheet_name(archive: zipfile.ZipFile) -> str:
    workbook = ElementTree.fromstring(_read_member(archive, "xl/workbook.xml"))
    first = workbook.find("m:sheets/m:sheet", _NS)
    if first is None:
        raise KeyError("no worksheet")
    rels = ElementTree.fromstring(_read_member(archive, "xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == first.get(_REL_NS):
            target = rel.get("Target", "").lstrip("/")
            return target if target.startswith("xl/") else f"xl/{target}"
    raise KeyError("worksheet relationship")


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    root = ElementTree.fromstring(_read_member(archive, "xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t")) for si in root]


def _cell_text(cell: ElementTree.Element, shared: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{{{_NS['m']}}}t"))
    value = cell.findtext("m:v", default="", namespaces=_NS)
    if kind == "s":
        return shared[int(value)] if value.isdigit() and int(value) < len(shared) else ""
    if kind == "b":
        return "true" if value == "1" else "false"
    if kind == "n" and value.endswith(".0"):
        return value[:-2]
    return value


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_SHEET_BYTES * 5:
        raise SheetError(f"workbook part {name} is too large")
    with archive.open(info) as fh:
        data = fh.read(MAX_SHEET_BYTES * 5 + 1)
    if len(data) > MAX_SHEET_BYTES * 5:
        raise SheetError(f"workbook part {name} is too large")
    return data


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - ord("A") + 1
    return index - 1


def _letter(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(ord("A") + rem) + name
    return name
