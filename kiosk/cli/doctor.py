"""``kiosk doctor``: everything a technician checks before leaving a kiosk running for months."""

from __future__ import annotations

import argparse
import concurrent.futures
import ctypes.util
import os
import sys
import tempfile
from pathlib import Path

from kiosk.cli.common import config_path, load_context
from kiosk.cli.doctor_fleet import check_fleet
from kiosk.cli.doctor_site import (
    Check,
    check_channel,
    check_keys,
    check_packs,
    check_pin,
    check_simulator,
)
from kiosk.config import ConfigError
from kiosk.config.paths import AppPaths
from kiosk.resources import asset

SOURCE_TIMEOUT_S = 15.0
#: Free space below this in the data folder is a FAIL: readings, logs and pack installs stop.
MIN_FREE_BYTES = 1_000_000_000
#: How long a push source (MQTT) may take to deliver every mapped metric.
PUSH_WAIT_S = 5.0


def run_checks(args: argparse.Namespace) -> list[Check]:
    rows: list[Check] = []
    try:
        config, paths = load_context(args)
        where = config_path(args)
        rows.append(Check("config", "OK", str(where) if where else "no file: built-in defaults"))
    except ConfigError as exc:
        rows.append(Check("config", "FAIL", str(exc)))
        config, paths = None, AppPaths.resolve(getattr(args, "data_dir", None))
    rows.append(_check_data_dir(paths))
    rows.append(_check_translations())
    rows.extend(_check_qt())
    if config is not None:
        if not getattr(args, "for_install", False):
            rows.append(check_pin(config, paths))
            rows.append(check_packs(config, paths))
            rows.extend(check_channel(config))
            rows.append(check_fleet(config))
        rows.append(check_keys(config))
        rows.extend(_check_sources(config))
        simulator = check_simulator(config)
        if simulator is not None:
            rows.append(simulator)
    return rows


def _check_data_dir(paths: AppPaths) -> Check:
    try:
        paths.ensure()
        with tempfile.NamedTemporaryFile(dir=paths.data_dir, prefix=".doctor-") as fh:
            fh.write(b"ok")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        return Check(
            "data folder",
            "FAIL",
            f"{paths.data_dir}: {exc.strerror}; check it exists and is writable",
        )
    import shutil

    free = shutil.disk_usage(paths.data_dir).free
    detail = f"{paths.data_dir} (writable, {free / 1e9:.1f} GB free)"
    if free < MIN_FREE_BYTES:
        need = f"{MIN_FREE_BYTES / 1e9:.1f} GB"
        return Check("data folder", "FAIL", f"{detail}: less than {need} free; free some space")
    return Check("data folder", "OK", detail)


def _check_translations() -> Check:
    qm = asset("i18n", "kiosk_zh_CN.qm")
    if qm.is_file() and qm.stat().st_size > 0:
        return Check("translations", "OK", str(qm))
    return Check("translations", "FAIL", f"missing {qm}: Chinese UI text will show in English")


def _check_qt() -> list[Check]:
    from PySide6.QtCore import QLibraryInfo

    rows: list[Check] = []
    platform = os.environ.get("QT_QPA_PLATFORM") or (
        "xcb" if sys.platform.startswith("linux") else ""
    )
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    found = sorted(p.name for p in plugins.glob("*")) if plugins.is_dir() else []
    if platform and not any(platform.split(":")[0] in name for name in found):
        rows.append(Check("Qt platform", "FAIL", f"plugin {platform!r} not in {plugins}"))
    else:
        detail = f"{platform or 'default'} plugin present"
        status = "OK"
        if platform == "xcb" and not ctypes.util.find_library("xcb-cursor"):
            status, detail = (
                "FAIL",
                "xcb plugin needs libxcb-cursor0 (apt-get install libxcb-cursor0)",
            )
        elif platform == "xcb" and not os.environ.get("DISPLAY"):
            status, detail = "WARN", "no DISPLAY set: start the kiosk inside the graphical session"
        rows.append(Check("Qt platform", status, detail))
    rows.append(_check_font())
    return rows


def _check_font() -> Check:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    from kiosk.ui.theme import FONT_FILES

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - keeps Qt alive
    (family, files), *_fallbacks = FONT_FILES
    for name in files:
        path = asset("fonts", name)
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            return Check("Chinese font", "FAIL", f"cannot load {path}: reinstall the kiosk")
    systems = QFontDatabase.writingSystems(family)
    if QFontDatabase.WritingSystem.SimplifiedChinese not in systems:
        return Check("Chinese font", "FAIL", f"{family} does not cover Simplified Chinese")
    if "Bold" not in QFontDatabase.styles(family):
        return Check("Chinese font", "FAIL", f"{family} has no Bold face: headings lose weight")
    return Check("Chinese font", "OK", f"{family} Regular and Bold ({', '.join(files)})")


def _check_sources(config) -> list[Check]:  # type: ignore[no-untyped-def]
    from kiosk.energy.quality import SanityLimits
    from kiosk.sources.base import SourceError
    from kiosk.sources.probe import probe
    from kiosk.sources.registry import create_source

    limits = SanityLimits.for_site(config.site.pv_kwp, config.site.grid_capacity_kw)

    rows: list[Check] = []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=4)
    try:
        for src in config.sources:
            name = f"source {src.id}"
            if not src.enabled:
                rows.append(Check(name, "OK", "disabled"))
                continue
            try:
                source = create_source(src, config)
            except SourceError as exc:
                rows.append(Check(name, "FAIL", f"misconfigured: {exc}; fix it in kiosk.toml"))
                continue
            future = pool.submit(probe, source, PUSH_WAIT_S, limits)
            kind = src.type + (f" preset {preset}" if (preset := _preset(src)) else "")
            try:
                result = future.result(timeout=SOURCE_TIMEOUT_S)
            except concurrent.futures.TimeoutError:
                rows.append(
                    Check(
                        name,
                        "FAIL",
                        f"no answer within {SOURCE_TIMEOUT_S:.0f} s: check the device is on and "
                        "its address in kiosk.toml",
                    )
                )
            except SourceError as exc:
                rows.append(Check(name, "FAIL", f"{kind}: {exc}; try kiosk source probe"))
            else:
                detail = f"{kind}: {len(result.readings)} reading(s)"
                if result.missing:
                    detail += f"; missing: {', '.join(result.missing)}"
                if result.refused:
                    detail += f"; {len(result.refused)} value(s) the store would refuse"
                status = "WARN" if result.missing or result.refused else "OK"
                rows.append(Check(name, status, detail))
            finally:
                pool.submit(source.close)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return rows


def _preset(src) -> str:  # type: ignore[no-untyped-def]
    """The preset a source's options name (shown so support knows the map in use)."""
    preset = (src.options or {}).get("preset", "")
    return preset if isinstance(preset, str) else ""
