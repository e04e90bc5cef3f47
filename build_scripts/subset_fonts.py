"""Make the bundled CJK fonts: Noto Sans CJK SC Regular and Bold, cut down to what the kiosk shows.

The full fonts are ~20 MB each (every CJK script, 65,000 glyphs). The kiosk needs Simplified
Chinese: all of GB2312 (6,763 hanzi, both levels), ASCII, Latin-1, the punctuation, arrows and
symbols the UI uses, and every character of the translations (``assets/i18n/*.ts``), the
built-in content (``content/``) and the source (``kiosk/``), so nothing the app itself says can
fall back to another font. Anything else a pack brings falls back to WenQuanYi Micro Hei.

The subsets are committed (``assets/fonts/KioskSansSC-*.otf``), so nobody needs this script
to build or run the kiosk; it is run by hand when the UI gains characters outside the set
(``tests/ui/test_fonts.py`` says so). The source fonts come from Debian's ``fonts-noto-cjk``
(``apt-get download fonts-noto-cjk`` and ``dpkg-deb -x``) or the Noto CJK release; the family is
renamed "Kiosk Sans SC" so a system-wide Noto Sans CJK never stands in for the subset.

Run: ``.venv/bin/pip install -e '.[fonts]'`` then
``.venv/bin/python build_scripts/subset_fonts.py --regular NotoSansCJK-Regular.ttc
--bold NotoSansCJK-Bold.ttc``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "assets" / "fonts"
FAMILY = "Kiosk Sans SC"
SC_FACE = "Noto Sans CJK SC"
#: Where the app's own characters are: translations, built-in content, the source.
TEXT_GLOBS = (
    ("assets/i18n", "*.ts"),
    ("content", "*.yaml"),
    ("content", "*.md"),
    ("kiosk", "*.py"),
    ("kiosk", "*.json"),
)
RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: °, ², ·, ×, é ...
    (0x2010, 0x205E),  # general punctuation: dashes, quotes, …, ‰
    (0x2070, 0x209F),  # super- and subscripts: CO₂
    (0x20AC, 0x20AC),  # €
    (0x2100, 0x215F),  # letterlike: ℃, №, ™
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # maths: ≈ ≤ ≥ −
    (0x2460, 0x24FF),  # circled numbers
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # shapes: ● ▲ ◆
    (0x2600, 0x26FF),  # symbols: ☀ ★ ☆
    (0x2700, 0x27BF),  # dingbats: ✓ ✗
    (0x3000, 0x303F),  # CJK punctuation: 。、「」
    (0x3200, 0x32FF),  # enclosed CJK
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms: ，：（）
)


def gb2312() -> set[str]:
    """Every character of GB2312: rows 16-87 are the 6,763 hanzi, 1-9 the symbols."""
    chars: set[str] = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def app_characters() -> set[str]:
    """Every non-ASCII character the translations, built-in content and source contain."""
    chars: set[str] = set()
    for folder, pattern in TEXT_GLOBS:
        for path in sorted((ROOT / folder).rglob(pattern)):
            chars.update(path.read_text("utf-8", errors="ignore"))
    return {c for c in chars if ord(c) >= 0x80 and not re.match(r"\s", c)}


def wanted_characters() -> set[str]:
    chars = gb2312() | app_characters()
    for first, last in RANGES:
        chars.update(chr(code) for code in range(first, last + 1))
    return chars


def sc_face(path: Path) -> TTFont:
    """The Simplified Chinese face of a Noto CJK collection (or the font itself)."""
    if path.suffix.lower() in (".ttc", ".otc"):
        for font in TTCollection(str(path)).fonts:
            if font["name"].getDebugName(1) == SC_FACE:
                return font
        raise SystemExit(f"{path} has no {SC_FACE!r} face")
    return TTFont(str(path))


def rename(font: TTFont, style: str) -> None:
    names = font["name"]
    postscript = f"{FAMILY.replace(' ', '')}-{style}"
    for record in list(names.names):
        if record.nameID in (16, 17, 18, 21, 22):  # typographic names: the plain ones say it all
            names.removeNames(nameID=record.nameID)
    for name_id, text in ((1, FAMILY), (2, style), (3, f"{postscript};subset"),
                          (4, f"{FAMILY} {style}"), (6, postscript)):  # fmt: skip
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
        names.removeNames(nameID=name_id, platformID=3, langID=0x804)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        for key in ("FullName", "FamilyName"):
            if hasattr(top, key):
                setattr(top, key, f"{FAMILY} {style}" if key == "FullName" else FAMILY)


#: Line box in font units (of 1,000): Noto's own is 1,160 / -288 (1.45 em), a quarter taller
#: than the WenQuanYi the layouts were made with (1.17 em). 1.2 em keeps every glyph whole
#: (ideographs span 880 / -120, Latin descenders -230) and the screens' line heights.
ASCENT, DESCENT = 950, -250


def tighten_lines(font: TTFont) -> None:
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = ASCENT, DESCENT, 0
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ASCENT, DESCENT, 0
    os2.usWinAscent, os2.usWinDescent = ASCENT, -DESCENT
    os2.fsSelection |= 1 << 7  # USE_TYPO_METRICS: every renderer takes the same box


def add_full_cmap(font: TTFont) -> None:
    """Add a format 12 cmap beside format 4: with thousands of hanzi the format 4 table is
    longer than its 16-bit length field can say, and Qt then finds only part of it."""
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    best = font.getBestCmap()
    table = CmapSubtable.newSubtable(12)
    table.platformID, table.platEncID, table.language = 3, 10, 0
    table.cmap = dict(best)
    font["cmap"].tables = [t for t in font["cmap"].tables if t.format != 12] + [table]


def make(source: Path, style: str, chars: set[str]) -> Path:
    font = sc_face(source)
    options = subset.Options()
    options.layout_features = [*subset.Options().layout_features, "palt", "halt"]  # CJK kerning
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # the kiosk renders unhinted (theme.apply_theme)
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    rename(font, style)
    add_full_cmap(font)
    tighten_lines(font)
    out = FONTS / f"{FAMILY.replace(' ', '')}-{style}.otf"
    font.save(str(out))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regular", type=Path, required=True, help="NotoSansCJK-Regular.ttc")
    parser.add_argument("--bold", type=Path, required=True, help="NotoSansCJK-Bold.ttc")
    args = parser.parse_args()
    chars = wanted_characters()
    for source, style in ((args.regular, "Regular"), (args.bold, "Bold")):
        out = make(source, style, chars)
        print(f"{out.relative_to(ROOT)}: {len(chars)} characters, {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
