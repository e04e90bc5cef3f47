"""Which command switches this kiosk's screen off and on (DPMS on X11, wlopm or wlr-randr on
Wayland, monitor power on Windows, or the site's own commands).

Qt-free and side-effect free: :func:`power_plan` only decides; the screen schedule service
runs the plan's commands off the GUI thread with :func:`switch`.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

#: Seconds a screen command may take before it counts as failed.
COMMAND_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class PowerPlan:
    """``off``/``on`` are argv lists; both empty: no way to switch the screen itself (the
    kiosk then shows its black "closed" screen). ``name`` is said on the staff screen."""

    name: str
    off: tuple[str, ...] = ()
    on: tuple[str, ...] = ()
    windows: bool = False  # monitor power through the Windows API (no command)

    @property
    def switches(self) -> bool:
        return self.windows or bool(self.off)


def power_plan(
    backend: str,
    off_command: str = "",
    on_command: str = "",
    *,
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] | None = None,
    wayland_output: str = "",
) -> PowerPlan:
    """The plan for ``backend`` (auto, x11, wayland, windows, command, none)."""
    import os
    import shutil

    env = os.environ if env is None else env
    which = which or shutil.which
    if backend == "auto":
        if platform == "win32":
            backend = "windows"
        elif env.get("WAYLAND_DISPLAY") and (which("wlopm") or which("wlr-randr")):
            backend = "wayland"
        elif env.get("DISPLAY") and which("xset"):
            backend = "x11"
        else:
            return PowerPlan("none found (the black closed screen only)")
    if backend == "command":
        return PowerPlan("command", tuple(shlex.split(off_command)), tuple(shlex.split(on_command)))
    if backend == "x11":
        return PowerPlan(
            "X11 DPMS (xset)", ("xset", "dpms", "force", "off"), ("xset", "dpms", "force", "on")
        )
    if backend == "wayland":
        if which("wlopm") or not which("wlr-randr"):
            return PowerPlan("Wayland (wlopm)", ("wlopm", "--off", "*"), ("wlopm", "--on", "*"))
        output = wayland_output or "HDMI-A-1"
        return PowerPlan(
            f"Wayland (wlr-randr, output {output})",
            ("wlr-randr", "--output", output, "--off"),
            ("wlr-randr", "--output", output, "--on"),
        )
    if backend == "windows":
        return PowerPlan("Windows monitor power", windows=True)
    return PowerPlan("none (the black closed screen only)")


class PowerError(Exception):
    """A screen command failed; the reason in words."""


def switch(plan: PowerPlan, on: bool) -> None:
    """Switch the screen (blocking: run it off the GUI thread). Raises PowerError."""
    if plan.windows:
        _windows_monitor_power(on)
        return
    argv = plan.on if on else plan.off
    if not argv:
        return
    try:
        done = subprocess.run(
            list(argv), capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False
        )
    except FileNotFoundError:
        raise PowerError(f"{argv[0]} is not installed") from None
    except subprocess.TimeoutExpired:
        raise PowerError(f"{argv[0]} did not finish within {COMMAND_TIMEOUT_S:.0f} s") from None
    except OSError as exc:
        raise PowerError(f"cannot run {argv[0]}: {exc.strerror or exc}") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        tail = f": {said[-1][:200]}" if said else ""
        raise PowerError(f"{argv[0]} failed with exit code {done.returncode}{tail}")


def _windows_monitor_power(on: bool) -> None:  # pragma: no cover - Windows only
    """SC_MONITORPOWER to every window: 2 is off, -1 on. Posted, so a hung window cannot
    block the kiosk."""
    if sys.platform != "win32":
        raise PowerError("Windows monitor power works on Windows only")
    import ctypes

    hwnd_broadcast, wm_syscommand, sc_monitorpower = 0xFFFF, 0x0112, 0xF170
    ok = ctypes.windll.user32.PostMessageW(  # type: ignore[attr-defined,unused-ignore]
        hwnd_broadcast, wm_syscommand, sc_monitorpower, -1 if on else 2
    )
    if not ok:
        raise PowerError("Windows refused the monitor power message")
