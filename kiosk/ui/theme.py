"""Colours, sizes and fonts. One QSS template in ``assets/theme``; a content pack may recolour it.

Sizes are designed for 1080 px on the short side and scaled with the screen, so a 4K kiosk
gets the same layout twice as large and touch targets stay at least 48 px at 1080p.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from string import Template

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.resources import asset

log = logging.getLogger(__name__)

MIN_TOUCH_PX = 48  # at 1080p
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Palette:
    background: str = "#F3F7F1"
    surface: str = "#FFFFFF"
    primary: str = "#17784A"
    primary_text: str = "#FFFFFF"
    accent: str = "#F2A51A"
    water: str = "#2A86C2"
    text: str = "#1C2A22"
    muted: str = "#5B6B62"
    good: str = "#1E8E3E"
    bad: str = "#C62828"

    def overridden(self, colours: dict[str, str]) -> Palette:
        """Apply a pack's colours; anything not a #RRGGBB value for a known name is ignored."""
        known = {
            k: v for k, v in colours.items() if k in self.__dataclass_fields__ and _HEX.match(v)
        }
        dropped = set(colours) - set(known)
        if dropped:
            log.warning("theme colours ignored (unknown name or not #RRGGBB): %s", sorted(dropped))
        return replace(self, **known)


@dataclass(frozen=True)
class Theme:
    palette: Palette
    scale: float

    def px(self, design_px: float) -> int:
        """A size given for 1080p, scaled to this screen."""
        return max(1, round(design_px * self.scale))

    def qcolor(self, name: str) -> QColor:
        return QColor(getattr(self.palette, name))

    def stylesheet(self) -> str:
        template = Template(asset("theme", "kiosk.qss").read_text("utf-8"))
        sizes = {
            f"px{n}": f"{self.px(n)}px"
            for n in (2, 4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 56, 64, 72, 80, 96, 120, 144, 180)
        }
        return template.substitute(**vars(self.palette), **sizes)


def scale_for(width: int, height: int, override: float = 0.0) -> float:
    if override > 0:
        return override
    return max(0.5, min(width, height) / 1080)


#: The bundled fonts, first choice first: Noto Sans CJK SC cut down to what the kiosk shows
#: (a real Regular and Bold, so headings and figures are bold at every size;
#: build_scripts/subset_fonts.py), then WenQuanYi Micro Hei for any character a pack brings
#: that the subset lacks.
FONT_FILES = (
    ("Kiosk Sans SC", ("KioskSansSC-Regular.otf", "KioskSansSC-Bold.otf")),
    ("WenQuanYi Micro Hei", ("wqy-microhei.ttc",)),
)


def load_fonts() -> list[str]:
    """Register the bundled fonts and return the families for all text, first choice first."""
    families: list[str] = []
    for family, files in FONT_FILES:
        loaded = [QFontDatabase.addApplicationFont(str(asset("fonts", name))) for name in files]
        if all(font_id >= 0 for font_id in loaded):
            families.append(family)
        else:
            log.error("could not load the bundled font %s (%s)", family, ", ".join(files))
    if not families:
        log.error("no bundled CJK font could be loaded; Chinese may not render")
        return [QApplication.font().family()]
    return families


def apply_theme(app: QApplication, theme: Theme, families: Sequence[str]) -> None:
    font = QFont()
    font.setFamilies(list(families))
    font.setPixelSize(theme.px(28))
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    app.setStyleSheet(theme.stylesheet())
