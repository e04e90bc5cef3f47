"""Every UI string has a Chinese translation, and the committed .qm matches the .ts."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "build_scripts" / "i18n.py")
assert spec and spec.loader
i18n = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n)


def test_every_ui_string_is_translated(tmp_path: Path) -> None:
    ts = tmp_path / "check.ts"
    shutil.copy(i18n.TS, ts)
    i18n.update(ts)  # picks up strings added to the code since the last update
    missing = i18n.unfinished(ts)
    assert not missing, (
        "untranslated UI strings (run build_scripts/i18n.py update, translate, compile): "
        + "; ".join(missing)
    )


def test_committed_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    qm = tmp_path / "check.qm"
    i18n.compile_qm(i18n.TS, qm)
    assert qm.read_bytes() == i18n.QM.read_bytes(), "run build_scripts/i18n.py compile"
