"""The terminal progress bar draws only on a TTY and throttles redraws by a fake clock."""

from __future__ import annotations

import io

from kiosk.util.progress import ProgressBar


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal() -> None:
    out = io.StringIO()
    with ProgressBar("x", stream=out) as bar:
        bar(5, 10)
        bar(10, 10)
    assert out.getvalue() == ""


def test_draws_on_a_terminal_and_throttles() -> None:
    now = [0.0]
    out = Tty()
    with ProgressBar("installing", stream=out, width=10, clock=lambda: now[0]) as bar:
        bar(0, 2048)
        bar(512, 2048)  # same instant: skipped
        now[0] = 1.0
        bar(1024, 2048)
        bar(2048, 2048)  # completion always drawn
    frames = out.getvalue().split("\r")[1:]
    assert len(frames) == 3
    assert frames[1] == "installing [#####-----]  50.0% 1.0 KB/2.0 KB"
    assert frames[2].startswith("installing [##########] 100.0%")
    assert out.getvalue().endswith("\n")
