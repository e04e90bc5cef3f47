"""The three rings: the core imports no Qt, services no widgets, and imports point inward."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ("config", "energy", "sources", "content", "sync", "quiz", "staff", "util", "schedule",
        "fleet")  # fmt: skip


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_import_linter_contracts_hold() -> None:
    exe = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_services_use_qtcore_only() -> None:
    for path in (ROOT / "kiosk" / "services").rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith(
                ("PySide6.QtWidgets", "PySide6.QtGui", "pyqtgraph", "kiosk.ui")
            ), f"{path.relative_to(ROOT)} imports {name}"


def test_core_packages_import_with_qt_unavailable() -> None:
    """Import every core module in a fresh interpreter where PySide6 and pyqtgraph cannot load."""
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for pkg in CORE
        for p in (ROOT / "kiosk" / pkg).rglob("*.py")
        if p.name != "__main__.py"
    )
    code = f"""
import importlib, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'):
            raise ImportError('Qt is not allowed in the core: ' + name)
        return None
sys.meta_path.insert(0, Block())
for m in {modules!r}:
    importlib.import_module(m.replace('.__init__', ''))
print('ok', len({modules!r}))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("ok")


def test_every_label_shows_plain_text() -> None:
    """Pack text (story titles, questions, sources) must never be rendered as HTML: a QLabel
    on auto shows <img src='/any/local/file.png'>. Labels are made as PlainLabel."""
    for path in (ROOT / "kiosk" / "ui").rglob("*.py"):
        text = path.read_text("utf-8")
        assert text.count("QLabel(") == 0, (
            f"{path.relative_to(ROOT)} makes a QLabel; use PlainLabel"
        )
