"""One language per screen: no English words on a Chinese screen, no Chinese on an English one.

Two checks: every text of the built-in pack (each ``{zh, en}`` pair, and its sources written in
both languages), and every visible label and button of every visitor screen in every shot
state, walked at the composition root in both languages. Units and abbreviations (kWh, CO2,
PV, LED, GB/T ...) are allowed in Chinese; the language button names the other language by
design.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’]*")
#: Units and lower-case abbreviations a Chinese text may use (upper-case ones always may).
UNITS = {"kWh", "kW", "Wh", "MWh", "kg", "km", "mm", "m", "g", "t", "W", "L", "h", "min", "s"}


def english_words(text: str) -> list[str]:
    """Words of a Chinese text that are English (not a unit, not an upper-case abbreviation,
    not a live question's ``{value}`` placeholder)."""
    words = WORD.findall(re.sub(r"\{[a-z_]+\}", "", text))
    return [w for w in words if w not in UNITS and not re.fullmatch(r"[A-Z0-9]+s?", w)]


def test_the_word_check_itself() -> None:
    assert english_words("今日减少 CO2 排放 11.4 kg，GB/T 19095、LED 灯 10 W，2.9 kWh") == []
    assert english_words("来源：MEE & NBS announcement") == ["announcement"]
    assert english_words("1 = 60 kg CO2") == []  # a formula is not a sentence: see the pack test
    assert CJK.search("《中华人民共和国反食品浪费法》") and not CJK.search("CO2 avoided")


def _pairs(node: Any, where: str) -> Iterator[tuple[str, str, str]]:
    if isinstance(node, dict):
        if set(node) == {"zh", "en"} and all(isinstance(v, str) for v in node.values()):
            yield where, node["zh"], node["en"]
            return
        for key, value in node.items():
            yield from _pairs(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _pairs(value, f"{where}[{i}]")


def _documents() -> Iterator[tuple[str, Any]]:
    for path in sorted((ROOT / "content").rglob("*.yaml")):
        yield str(path.relative_to(ROOT)), yaml.safe_load(path.read_text("utf-8"))


def test_every_text_of_the_builtin_pack_is_in_one_language_each() -> None:
    problems = []
    for name, doc in _documents():
        for where, zh, en in _pairs(doc, name):
            if english_words(zh):
                problems.append(f"{where}.zh has English: {english_words(zh)}")
            if CJK.search(en):
                problems.append(f"{where}.en has Chinese: {en!r}")
    assert not problems, "\n".join(problems)


def test_builtin_sources_and_comparisons_are_written_in_both_languages() -> None:
    problems = []
    for name, doc in _documents():
        for i, q in enumerate(doc.get("questions", []) if isinstance(doc, dict) else []):
            if not isinstance(q["source"]["title"], dict):
                problems.append(f"{name}: questions[{i}].source.title")
        if name.startswith("content/stories/") and not isinstance(doc.get("source"), dict):
            problems.append(f"{name}: source")
        for i, e in enumerate(doc.get("equivalents", []) if isinstance(doc, dict) else []):
            for key in ("source", "sentence", "about"):
                if not isinstance(e.get(key), dict):
                    problems.append(f"{name}: equivalents[{i}].{key}")
    assert not problems, "one text for both languages: " + ", ".join(problems)


def _visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.objectName() == "language-button":
            continue
        if isinstance(widget, QLabel | QAbstractButton) and widget.text().strip():
            yield widget.objectName() or type(widget).__name__, widget.text()


@pytest.mark.slow
def test_no_visitor_screen_shows_the_other_language(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk(
        {"sources": [{"id": "sim", "type": "simulator", "interval_seconds": 0.5}]},
        windowed=True,
        size=(1920, 1080),
    )
    service = kiosk.services.energy
    qtbot.waitUntil(lambda: service.summary is not None and not service._summary_pending)
    router = kiosk.window.router
    problems: set[str] = set()
    for lang in ("zh", "en"):
        kiosk.language.set_language(lang)
        for name in router.names:
            screen = router.screen(name)
            if type(screen).__module__.startswith("kiosk.ui.staff"):
                continue  # staff screens show file names, hosts and ids as they are
            router.go(name)
            for state in screen.shot_states():
                screen.enter_shot_state(state)
                kiosk.tasks.wait(5_000)
                QApplication.processEvents()
                for widget, text in _visible_texts(kiosk.window):
                    at = f"{lang} {name}:{state or '-'} {widget}"
                    if lang == "zh" and english_words(text):
                        problems.add(f"{at} shows English {english_words(text)}: {text!r}")
                    if lang == "en" and CJK.search(text):
                        problems.add(f"{at} shows Chinese: {text!r}")
    assert not problems, "\n".join(sorted(problems))
