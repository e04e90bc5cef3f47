"""SIGINT/SIGTERM reach the GUI thread as a signal with the shell's exit code."""

from __future__ import annotations

import os
import signal
from typing import Any

import pytest

from kiosk.services.stop_signals import StopSignals


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_becomes_stop_request_with_exit_code(qtbot: Any, signum: int, code: int) -> None:
    before = signal.getsignal(signum)
    stop = StopSignals()
    stop.install()
    try:
        with qtbot.waitSignal(stop.stop_did_request, timeout=3000) as blocker:
            os.kill(os.getpid(), signum)
        assert blocker.args == [code]
    finally:
        stop.uninstall()
    assert signal.getsignal(signum) == before  # handed back to what had it
