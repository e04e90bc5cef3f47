"""Where the app's own files are, in a source checkout, an installed wheel and a frozen build.

Everything that finds a file shipped with the app at run time asks this module. The rule is
the same everywhere: a file bundled *inside* the package wins (an installed wheel and the
PyInstaller build lay the package out the same way, with ``assets/`` copied into it by the
build), and a source checkout falls back to the folders beside the package (``assets/``,
``content/``). ``KIOSK_ASSETS`` overrides the assets folder (for tests and themed builds).

Layout inside the package (``kiosk/``)::

    assets/                 fonts, i18n (*.qm), icons, theme      (copied in by the build)
    content/builtin/        builtin.kpack, builtin.pub.txt, equivalents.yaml (built by
                            build_scripts/build_builtin_pack.py)
    content/schemas/        JSON schemas of pack documents        (in git)
"""

from __future__ import annotations

import os
from pathlib import Path

#: The installed (or frozen) package folder, ``kiosk/``.
PACKAGE_DIR = Path(__file__).resolve().parent
#: Where a source checkout keeps ``assets/`` and ``content/`` (the package's parent).
SOURCE_ROOT = PACKAGE_DIR.parent


def _bundled_or_source(bundled: Path, source: Path) -> Path:
    return bundled if bundled.exists() else source


def assets_dir() -> Path:
    """Fonts, translations, icons and the theme."""
    override = os.environ.get("KIOSK_ASSETS")
    if override:
        return Path(override)
    return _bundled_or_source(PACKAGE_DIR / "assets", SOURCE_ROOT / "assets")


def asset(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)


def builtin_dir() -> Path:
    """The built-in pack, its public key and its equivalents table (build artifacts)."""
    return PACKAGE_DIR / "content" / "builtin"


def builtin_equivalents() -> Path:
    """The everyday comparisons shipped with the app (a pack's own table replaces them)."""
    return _bundled_or_source(
        builtin_dir() / "equivalents.yaml", SOURCE_ROOT / "content" / "equivalents.yaml"
    )


def schema_dir() -> Path:
    """JSON schemas of the pack documents (``pack.yaml``, stories, quizzes, ...)."""
    return PACKAGE_DIR / "content" / "schemas"
