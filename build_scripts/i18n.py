"""Translations: ``update`` extracts UI strings into the .ts file, ``compile`` builds the .qm.

python build_scripts/i18n.py update    # after changing UI text; then translate in Qt Linguist
python build_scripts/i18n.py compile   # .ts -> .qm (the .qm is committed; a test checks it)
python build_scripts/i18n.py fill < terms.tsv   # fill unfinished entries from "English<TAB>中文" lines
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "i18n" / "kiosk_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    exe = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(exe) if exe.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: run the setup first")
    return found


def ui_sources() -> list[str]:
    return sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "kiosk").rglob("*.py")
        if "ui" in p.parts or p.name == "app.py"
    )


def update(ts: Path = TS) -> None:
    subprocess.run(
        [_tool("lupdate"), "-no-obsolete", *ui_sources(), "-ts", str(ts)], cwd=ROOT, check=True
    )


def compile_qm(ts: Path = TS, qm: Path = QM) -> None:
    subprocess.run([_tool("lrelease"), str(ts), "-qm", str(qm)], cwd=ROOT, check=True)


def parse_terms(lines: list[str]) -> dict[str, str]:
    """``English<TAB>中文`` lines; a literal ``\\n`` in either column stands for a line break."""
    terms = {}
    for line in lines:
        if "\t" in line:
            source, text = line.rstrip("\n").split("\t", 1)
            terms[source.replace("\\n", "\n")] = text.replace("\\n", "\n")
    return terms


def fill(terms: dict[str, str], ts: Path = TS) -> list[str]:
    """Translate unfinished messages from ``terms``; returns the sources still unfinished."""
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        if source not in terms:
            missing.append(source)
            continue
        forms = translation.findall("numerusform")
        if forms:
            for form in forms:
                form.text = terms[source]
        else:
            translation.text = terms[source]
        del translation.attrib["type"]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def unfinished(ts: Path = TS) -> list[str]:
    tree = ET.parse(ts)
    return [
        m.findtext("source") or ""
        for m in tree.iter("message")
        if (t := m.find("translation")) is not None and t.get("type") == "unfinished"
    ]


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_qm()
    elif command == "fill":
        for source in fill(parse_terms(sys.stdin.readlines())):
            print(f"untranslated: {source}", file=sys.stderr)
    else:
        raise SystemExit(__doc__)
