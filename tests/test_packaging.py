"""A wheel (what ``pip install .`` installs) carries the assets and a signed built-in pack.

The real build backend runs on a copy of the project's source files (no build isolation, so
offline: setuptools comes with the test extra), and the unpacked wheel is imported from
another folder, where no ``assets/`` or ``content/`` lies beside the package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
SOURCE_DIRS = ("kiosk", "assets", "content", "build_scripts")

PROBE = r"""
import json, sys
from pathlib import Path
from kiosk import resources
from kiosk.content.active import start_content
from kiosk.content.builtin import ensure_builtin
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy

library = Library(Path(sys.argv[1]))
result = ensure_builtin(library, InstallPolicy(site_kind="school"))
content = start_content(library).content
print(json.dumps({
    "package": str(resources.PACKAGE_DIR),
    "assets": str(resources.assets_dir()),
    "font": all(resources.asset("fonts", name).is_file()
                for name in ("KioskSansSC-Regular.otf", "KioskSansSC-Bold.otf", "wqy-microhei.ttc")),
    "qm": resources.asset("i18n", "kiosk_zh_CN.qm").is_file(),
    "equivalents": str(resources.builtin_equivalents()),
    "installed": result.message,
    "stories": len(content.stories) if content else 0,
    "quizzes": len(content.quiz_files) if content else 0,
}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        shutil.copy2(ROOT / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "builtin.kpack", "builtin.pub.txt")
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, src / name, ignore=skip)
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(src),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PIP_NO_INDEX": "1"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "deprecat" not in (proc.stdout + proc.stderr).lower(), proc.stderr
    [built] = out.glob("green_space_kiosk-*.whl")
    return built


def test_wheel_holds_assets_and_a_fresh_builtin_pack(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "kiosk/assets/fonts/wqy-microhei.ttc",
        "kiosk/assets/fonts/KioskSansSC-Regular.otf",
        "kiosk/assets/fonts/KioskSansSC-Bold.otf",
        "kiosk/assets/fonts/KioskSansSC.LICENSE.txt",
        "kiosk/assets/i18n/kiosk_zh_CN.qm",
        "kiosk/assets/theme/kiosk.qss",
        "kiosk/assets/icons/quiz.svg",
        "kiosk/content/builtin/builtin.kpack",
        "kiosk/content/builtin/builtin.pub.txt",
        "kiosk/content/builtin/equivalents.yaml",
        "kiosk/content/schemas/quiz.schema.json",
    ):
        assert name in names, name
    assert not any(n.endswith(".ts") for n in names)  # translation sources stay out
    assert not any(n.endswith("signing.key") or n.endswith(".key") for n in names)


def test_installed_wheel_starts_with_builtin_content_from_another_folder(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    away = tmp_path / "elsewhere"
    away.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_ASSETS"}
    env["PYTHONPATH"] = str(site)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "library")],
        cwd=away,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert found["package"] == str(site / "kiosk")
    assert found["assets"] == str(site / "kiosk" / "assets")
    assert found["font"] and found["qm"]
    assert found["equivalents"] == str(site / "kiosk" / "content" / "builtin" / "equivalents.yaml")
    assert found["installed"].startswith("installed built-in pack release")
    assert found["stories"] >= 4 and found["quizzes"] >= 5
