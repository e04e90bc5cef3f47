"""The built-in look costs no restyle at start: pack defaults equal the app palette."""

from __future__ import annotations

from pathlib import Path

import yaml

from kiosk.content.active import DEFAULT_COLOURS
from kiosk.ui.theme import Palette

ROOT = Path(__file__).resolve().parents[2]


def test_pack_default_colours_are_the_app_palette() -> None:
    assert Palette().overridden(DEFAULT_COLOURS) == Palette()


def test_builtin_pack_theme_is_the_app_palette() -> None:
    theme = yaml.safe_load((ROOT / "content" / "theme.yaml").read_text("utf-8"))
    assert Palette().overridden({**DEFAULT_COLOURS, **theme["colours"]}) == Palette()
