"""The bundled type: a real bold CJK face for headings and figures, and no tofu in the app's text.

Noto Sans CJK SC is bundled cut down (build_scripts/subset_fonts.py); if a translation or the
built-in content gains a character outside the subset, the second test names it: run the script
again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QFontInfo, QRawFont

from kiosk.ui.theme import FONT_FILES, load_fonts

ROOT = Path(__file__).resolve().parents[2]


def _app_text() -> str:
    parts = [p.read_text("utf-8") for p in sorted((ROOT / "assets" / "i18n").glob("*.ts"))]
    parts += [p.read_text("utf-8") for p in sorted((ROOT / "content").rglob("*.yaml"))]
    return "".join(parts)


def test_headings_and_figures_use_the_bold_face_at_4k(qtbot: Any, make_kiosk: Any) -> None:
    kiosk = make_kiosk({"display": {"language": "zh"}}, windowed=True, size=(3840, 2160))
    service = kiosk.services.energy
    qtbot.waitUntil(lambda: service.summary is not None and not service._summary_pending)
    assert kiosk.theme.scale == 2.0
    home = kiosk.window.router.screen("home")
    title, body = home.site_label, home.welcome_label
    assert title.property("role") == "title"
    bold = QRawFont.fromFont(title.font())
    regular = QRawFont.fromFont(body.font())
    assert title.font().pixelSize() >= 96  # 48 px at 1080p, twice that at 4K
    assert bold.familyName() == "Kiosk Sans SC"
    assert bold.styleName() == "Bold" and bold.weight() >= 700  # the real face, not faked
    assert QFontInfo(title.font()).styleName() == "Bold"
    assert regular.familyName() == "Kiosk Sans SC" and regular.styleName() == "Regular"


def test_every_character_of_the_app_and_its_builtin_content_is_in_the_bundled_font(
    qapp: Any,
) -> None:
    families = load_fonts()
    family, _files = FONT_FILES[0]
    assert families[0] == family
    for style in ("Regular", "Bold"):
        raw = QRawFont(str(ROOT / "assets" / "fonts" / f"KioskSansSC-{style}.otf"), 48)
        assert raw.isValid()
        wanted = sorted({c for c in _app_text() if ord(c) >= 0x80 and c.isprintable()})
        # glyph 0 is .notdef, the tofu box (QRawFont.supportsCharacter misreads CFF fonts)
        glyphs = raw.glyphIndexesForString("".join(wanted))
        missing = [c for c, glyph in zip(wanted, glyphs, strict=True) if glyph == 0]
        assert not missing, f"{style} lacks {''.join(missing)!r}: run build_scripts/subset_fonts.py"
