"""Self-test of the frozen build, as CI runs it: ``bash build_scripts/dev.sh freeze --self-test``.

Copies the one-folder app out of the source tree and runs it there with a fresh data dir: ``doctor``,
``shot`` in both languages (every screen renders, from files inside the app, the same pictures
as the source tree renders where the pictures come from the built-in content), and each other
command group, ending with a real channel served on loopback and ``sync --once``; then
``install.sh`` installs it, and ``run`` paints on a real X server (Xvfb) and stops on SIGTERM.
Skipped unless ``KIOSK_FROZEN_APP`` names the built folder (``dist/green-space-kiosk``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from kiosk import __version__

APP_DIR = (
    Path(os.environ.get("KIOSK_FROZEN_APP", "")) if os.environ.get("KIOSK_FROZEN_APP") else None
)
ROOT = Path(__file__).resolve().parents[2]
SIZE = "960x540"
#: Screens whose pictures depend only on the built-in content (the energy screens show the
#: clock-driven simulator, the USB screens the machine's drives; the home and attract shots,
#: the first taken, can be taken before the built-in pack has loaded, from source as well).
CONTENT_SHOTS = ("stories", "stories-story", "quiz", "quiz-question")

pytestmark = pytest.mark.skipif(APP_DIR is None, reason="KIOSK_FROZEN_APP is not set")


@pytest.fixture(scope="module")
def away(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder with no source tree around it, holding a copy of the app."""
    assert APP_DIR is not None
    folder = tmp_path_factory.mktemp("away")
    shutil.copytree(APP_DIR, folder / "app", symlinks=True)
    return folder


def _exe(away: Path) -> Path:
    name = "green-space-kiosk.exe" if sys.platform == "win32" else "green-space-kiosk"
    return away / "app" / name


def frozen(away: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "KIOSK_"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [str(_exe(away)), *args],
        cwd=away,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout


def test_version_and_doctor_use_files_inside_the_app(away: Path) -> None:
    assert ok(frozen(away, "--version")).strip() == f"kiosk {__version__}"
    report = ok(frozen(away, "doctor", "--for-install", "--data-dir", str(away / "data")))
    assert "FAIL" not in report
    assert str((away / "app").resolve()) in report  # the translations it found
    assert str(ROOT) not in report


def source_commands() -> list[str]:
    """Every top-level command of the source tree's ``kiosk`` parser."""
    from kiosk.cli import build_parser

    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


def test_the_frozen_app_has_every_command_of_the_source_tree(away: Path) -> None:
    commands = source_commands()
    assert {"run", "shot", "pack", "sync", "energy"} <= set(commands)
    for command in commands:  # each command's module imports in the frozen app
        assert f"usage: kiosk {command}" in ok(frozen(away, command, "--help")), command


@pytest.fixture(scope="module")
def frozen_shots(away: Path) -> Path:
    out = away / "shots"
    ok(frozen(away, "shot", "--out", str(out), "--size", SIZE, "--data-dir", str(away / "data")))
    return out


@pytest.fixture(scope="module")
def source_shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("source")
    out = tmp / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "shot",
            "--out",
            str(out),
            "--size",
            SIZE,
            "--data-dir",
            str(tmp / "data"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_every_screen_renders_in_both_languages(frozen_shots: Path, source_shots: Path) -> None:
    names = sorted(p.name for p in frozen_shots.glob("*.png"))
    assert names == sorted(p.name for p in source_shots.glob("*.png"))
    for lang in ("zh", "en"):
        assert sum(f"-{lang}-" in n for n in names) >= 20, names


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("shot", CONTENT_SHOTS)
def test_builtin_content_looks_as_from_source(
    frozen_shots: Path, source_shots: Path, shot: str, lang: str
) -> None:
    name = f"{shot}-{lang}-{SIZE}.png"
    with Image.open(frozen_shots / name) as a, Image.open(source_shots / name) as b:
        diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox()
    assert diff is None, f"{name} differs from the source tree's in {diff}"


def test_builtin_pack_is_active_after_first_start(away: Path, frozen_shots: Path) -> None:
    listing = ok(frozen(away, "pack", "list", "--data-dir", str(away / "data")))
    assert "builtin" in listing


def test_energy_figures_from_the_readings_the_frozen_kiosk_stored(
    away: Path, frozen_shots: Path
) -> None:
    now = ok(frozen(away, "energy", "now", "--json", "--data-dir", str(away / "data")))
    assert "pv_power" in now


@pytest.fixture(scope="module")
def authored(away: Path) -> Path:
    """A teacher's round: key, example pack, a quiz from the spreadsheet template, signed pack."""
    shutil.copy(ROOT / "docs" / "quiz-template.csv", away / "our-quiz.csv")
    ok(frozen(away, "keygen", "--out", "keys"))
    ok(frozen(away, "pack", "new", "our-pack", "--for", "school"))
    quiz_images = away / "our-pack" / "images" / "quiz"
    shutil.copytree(ROOT / "content" / "images" / "quiz", quiz_images, dirs_exist_ok=True)
    ok(
        frozen(
            away,
            "quiz",
            "import",
            "our-quiz.csv",
            "--into",
            "our-pack",
            "--title-zh",
            "节能周",
            "--title-en",
            "Energy week",
        )
    )
    ok(frozen(away, "quiz", "check", "our-pack"))
    key = str(away / "keys" / "signing.key")
    ok(frozen(away, "pack", "build", "our-pack", "--key", key, "--out", "our.kpack"))
    return away / "our.kpack"


def test_author_and_staff_commands_work_frozen(away: Path, authored: Path) -> None:
    school = away / "school.toml"
    school.write_text('[site]\nkind = "school"\n', encoding="utf-8")
    ok(
        frozen(
            away,
            "pack",
            "verify",
            str(authored),
            "--trust",
            "keys/signing.pub",
            "--config",
            str(school),
        )
    )
    ok(frozen(away, "set-pin", "--data-dir", str(away / "pin-data"), stdin="482916\n482916\n"))
    assert "simulator" in ok(frozen(away, "source", "probe", "--data-dir", str(away / "probe")))


@pytest.fixture
def channel_server(away: Path) -> Iterator[tuple[Path, str]]:
    channel = away / "channel"
    channel.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(channel))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield channel, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_channel_publish_then_sync_once_installs_the_pack(
    away: Path, authored: Path, channel_server: tuple[Path, str]
) -> None:
    channel, url = channel_server
    ok(frozen(away, "keygen", "--for", "channel", "--out", "channel-keys"))
    ok(
        frozen(
            away,
            "channel",
            "publish",
            "our.kpack",
            "--channel",
            str(channel),
            "--key",
            "channel-keys/channel.key",
        )
    )
    config = away / "kiosk.toml"
    config.write_text(
        f'[site]\nkind = "school"\n[channel]\nurl = "{url}"\ntrusted_keys = ["{away / "channel-keys" / "channel.pub"}"]\n'
        f'[content]\ntrusted_keys = ["{away / "keys" / "signing.pub"}"]\n',
        encoding="utf-8",
    )
    data = str(away / "sync-data")
    ok(frozen(away, "sync", "--once", "--config", str(config), "--data-dir", data))
    assert "my-school" in ok(
        frozen(away, "pack", "list", "--config", str(config), "--data-dir", data)
    )


def test_install_script_installs_this_build_and_its_doctor_passes(away: Path) -> None:
    prefix = away / "opt"
    home = away / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "KIOSK_", "XDG_"))}
    result = subprocess.run(
        [
            "bash",
            str(away / "app" / "install.sh"),
            "install",
            "--prefix",
            str(prefix),
            "--no-system",
        ],
        env={**env, "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "FAIL" not in result.stderr and "Chinese font" in result.stderr
    assert ok(frozen(away, "--version")) == ok(
        subprocess.run(
            [str(prefix / "current" / "green-space-kiosk"), "--version"],
            capture_output=True,
            text=True,
        )
    )


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")
def test_kiosk_runs_on_the_xcb_platform_and_stops_on_sigterm(away: Path) -> None:
    """The bundled xcb plugin and what it links load on a real X server (Xvfb)."""
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    notify = away / "xcb-notify.sock"
    ready = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    ready.bind(str(notify))
    ready.settimeout(120)
    try:
        with os.fdopen(read_fd) as pipe:
            display = pipe.readline().strip()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "KIOSK_"))}
        env.update(QT_QPA_PLATFORM="xcb", DISPLAY=f":{display}", NOTIFY_SOCKET=str(notify))
        app = subprocess.Popen(
            [str(_exe(away)), "run", "--windowed", "--data-dir", str(away / "xcb-data")],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert ready.recv(100) == b"READY=1"  # a first frame painted on X
            app.terminate()
            _out, err = app.communicate(timeout=60)
        finally:
            if app.poll() is None:
                app.kill()
                app.communicate()
        assert app.returncode == 143, err
        assert "Traceback" not in err and "Could not load the Qt platform plugin" not in err, err
    finally:
        ready.close()
        xvfb.terminate()
        xvfb.wait(timeout=30)
