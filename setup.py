"""Build step for wheels (``pip install .``): every install carries its files and content.

Everything else is declared in ``pyproject.toml``. A source checkout keeps ``assets/`` and the
built-in pack's source ``content/`` beside the package; a wheel has no "beside", so this step
copies ``assets/`` into the package and signs a fresh built-in pack into
``kiosk/content/builtin/`` (``build_scripts/build_builtin_pack.py``: a key made in memory for
this build and thrown away, or the release key named by ``KIOSK_BUILTIN_KEY``; only the public
key is bundled, trusted for the pack id ``builtin`` only). ``kiosk/resources.py`` finds both
layouts. Editable installs (``dev.sh setup``) use the checkout itself and skip this step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithContent(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib).resolve() / "kiosk"
        shutil.copytree(
            ROOT / "assets",
            package / "assets",
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("*.ts"),
        )
        bundle = package / "content" / "builtin"
        for stale in ("builtin.kpack", "builtin.pub.txt", "equivalents.yaml"):
            (bundle / stale).unlink(missing_ok=True)  # never ship the checkout's own build
        # Prepend: pip's isolated build environment lives on PYTHONPATH too.
        paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        script = ROOT / "build_scripts" / "build_builtin_pack.py"
        subprocess.run(
            [
                sys.executable,
                str(script),
                "--content",
                str(ROOT / "content"),
                "--out-dir",
                str(bundle),
            ],
            env=env,
            check=True,
        )


setup(cmdclass={"build_py": BuildPyWithContent})
