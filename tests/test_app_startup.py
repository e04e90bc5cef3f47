"""What ``kiosk run`` has loaded and set up when its first frame of home is painted.

Everything a visitor cannot see yet waits until after that frame (``Kiosk.start_features``):
the other screens (the attract loop included: idle's target, at least 10 s later), the
charting and numeric libraries, and the application-wide event filters.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run by a fresh interpreter: the real ``kiosk run``, reporting at its first painted frame.
PROBE = """
import json, sys
import kiosk.app as app
from PySide6.QtWidgets import QApplication

def report():
    kiosk = app.Kiosk.current
    print("PROBE " + json.dumps({
        "modules": sorted(sys.modules),
        "filters_at_init": app.Kiosk.filters_at_init,
        "filters_installed": kiosk._filters_installed,
    }), flush=True)
    QApplication.instance().quit()

original_init = app.Kiosk.__init__
def init(self, *args, **kwargs):
    original_init(self, *args, **kwargs)
    app.Kiosk.current = self
    app.Kiosk.filters_at_init = self._filters_installed
    # connected after the kiosk's own slot, so it reports what that slot did
    self.window.window_did_paint_first_frame.connect(report)
app.Kiosk.__init__ = init

from kiosk.cli import main
main(["run", "--windowed", "--data-dir", sys.argv[1]])
"""

LATER = (
    "kiosk.ui.screens.attract",
    "kiosk.ui.widgets.live_scene",
    "kiosk.ui.screens.energy",
    "kiosk.ui.screens.quiz",
    "kiosk.ui.screens.stories",
    "kiosk.services.bundle",
    "pyqtgraph",
    "numpy",
)


def test_the_first_frame_of_home_waits_for_nothing_it_does_not_show(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "data")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("PROBE ")]
    assert lines, out.stderr[-3000:]
    probe = json.loads(lines[0].removeprefix("PROBE "))
    loaded = set(probe["modules"])
    assert [m for m in LATER if m in loaded] == []
    assert "kiosk.ui.screens.home" in loaded
    # not while the window is built; by the frame's own slot, just before this report
    assert probe["filters_at_init"] is False
    assert probe["filters_installed"] is True
