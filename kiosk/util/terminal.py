"""Text for a terminal: what the CLI prints may come from a pack (titles, versions, problems),
a device or a channel, and must not reach the terminal as control sequences (ESC sequences
retitle the window or clear the screen, a carriage return hides the start of a line).

:func:`terminal_safe` shows C0 controls (except newline and tab), DEL and C1 controls as
``\\xNN`` escapes; :class:`TerminalSafeStream` applies it to everything the CLI writes, in
one place (:func:`kiosk.cli.main`).
"""

from __future__ import annotations

import re
from typing import TextIO

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character but newline and tab shown as ``\\xNN``."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class TerminalSafeStream:
    """Wraps a text stream so that what is written shows its control characters escaped.

    A carriage return that starts a write stays one: the CLI's own progress bars redraw
    their line that way (:mod:`kiosk.util.progress`); one inside a text is escaped.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        redraw = text.startswith("\r")
        safe = terminal_safe(text[1:] if redraw else text)
        self.stream.write("\r" + safe if redraw else safe)
        return len(text)

    def __getattr__(self, name: str) -> object:  # flush, isatty, fileno, encoding …
        return getattr(self.stream, name)
