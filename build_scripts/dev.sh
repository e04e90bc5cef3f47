#!/usr/bin/env bash
# One task runner for Green Space Kiosk. Every command first makes sure the setup is done:
#   bash build_scripts/dev.sh run [kiosk run options]   set up, then start the kiosk (a window;
#                                                       add --fullscreen for the locked kiosk mode)
#   bash build_scripts/dev.sh test [pytest options]     set up, then lint and run the whole test suite
#   bash build_scripts/dev.sh freeze [--self-test]       set up, then build the PyInstaller one-folder app
#                                                       dist/green-space-kiosk/ (and test it, as CI does)
#   bash build_scripts/dev.sh kiosk ARGS...              set up, then any `kiosk` command (same as .venv/bin/kiosk)
#   bash build_scripts/dev.sh lint | bench [--quick] | shot [DIR] | setup
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
cd "$ROOT"

say() { printf '\033[1;32m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Shared libraries Qt's xcb platform plugin needs on a desktop, fonts config, and mosquitto for
# the MQTT protocol tests.
RUN_DEBS=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
          libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libegl1 libgl1
          libfontconfig1 libdbus-1-3 libglib2.0-0)
TEST_DEBS=(mosquitto chromium poppler-utils)  # chromium: the fleet HTML page is checked in headless
# Chromium; poppler-utils (pdfinfo, pdftotext, pdftoppm): the yearly report PDF is read back
# PyInstaller reads shared libraries' dependencies with ldd and objdump (binutils); the frozen
# self-test runs the app on a real X server (Xvfb) too.
FREEZE_DEBS=(binutils xvfb)
# bench_dashboard.py measures the live screens on a real X server too (Xvfb with Qt's xcb
# platform, whose libraries are in RUN_DEBS) and reads X's own CPU from /proc.
BENCH_DEBS=(xvfb)

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

install_debs() {
  local missing=()
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "not a Debian/Ubuntu system: make sure these (or your distribution's equivalents) are installed: $*"
    return 0
  fi
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"
    else die "missing OS packages: ${missing[*]} — install them with: sudo apt-get install ${missing[*]}"; fi
  fi
  say "installing OS packages: ${missing[*]}"
  $sudo apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "could not install ${missing[*]} with apt-get"
}

setup() {
  local extras="$1"
  local python
  python="$(find_python)" || die "Python 3.11 or newer is needed (python3 --version)"
  install_debs "${RUN_DEBS[@]}"
  [ "$extras" != "run" ] && install_debs "${TEST_DEBS[@]}"
  if [ "$extras" = "freeze" ]; then install_debs "${FREEZE_DEBS[@]}"; fi
  if [ ! -x "$PY" ]; then
    say "creating $VENV"
    "$python" -m venv "$VENV" || die "could not create a virtual environment (Debian: apt-get install python3-venv)"
  fi
  local stamp="$VENV/.setup-$extras"
  local want
  want="$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing Python packages ($extras)"
    "$PY" -m pip install -q --upgrade pip
    case "$extras" in
      test) "$PY" -m pip install -q -e ".[test]" ;;
      freeze) "$PY" -m pip install -q -e ".[test,freeze]" ;;
      *) "$PY" -m pip install -q -e . ;;
    esac
    echo "$want" > "$stamp"
  fi
  if [ ! -f kiosk/content/builtin/builtin.kpack ] ||
     [ -n "$(find content -newer kiosk/content/builtin/builtin.kpack -print -quit)" ]; then
    say "building the built-in content pack"
    "$PY" build_scripts/build_builtin_pack.py >/dev/null
  fi
}

# ruff (lint + format), the import-linter contracts (rings and layers) and mypy (strict).
lint() {
  "$VENV/bin/ruff" check .
  "$VENV/bin/ruff" format --check .
  "$VENV/bin/lint-imports" --no-cache >/dev/null || "$VENV/bin/lint-imports" --no-cache
  "$VENV/bin/mypy"
}

command="${1:-run}"
[ $# -gt 0 ] && shift
case "$command" in
  setup) setup test ;;
  run)
    setup run
    if [[ " $* " == *" --fullscreen "* ]]; then
      args=(); for a in "$@"; do [ "$a" != "--fullscreen" ] && args+=("$a"); done
      exec "$VENV/bin/kiosk" run "${args[@]}"
    fi
    exec "$VENV/bin/kiosk" run --windowed "$@" ;;
  lint)
    setup test
    lint ;;
  test)
    setup test
    say "lint: ruff, import layers, mypy"
    lint
    say "tests"
    QT_QPA_PLATFORM=offscreen exec "$PY" -m pytest "$@" ;;
  bench)
    setup test
    install_debs "${BENCH_DEBS[@]}"
    QT_QPA_PLATFORM=offscreen exec "$PY" benchmarks/run_all.py "$@" ;;
  freeze)
    setup freeze
    say "signing a fresh built-in pack for this build"
    rm -rf build/freeze
    "$PY" build_scripts/build_builtin_pack.py --out-dir build/freeze/builtin >/dev/null
    say "freezing with PyInstaller (dist/green-space-kiosk/)"
    start=$SECONDS
    KIOSK_FREEZE_BUNDLE="$ROOT/build/freeze/builtin" "$VENV/bin/pyinstaller" --noconfirm \
      --log-level WARN --distpath dist --workpath build/pyinstaller build_scripts/green-space-kiosk.spec
    # What installs it on a kiosk PC travels with it (docs/deployment.md).
    install -m 755 build_scripts/install-kiosk.sh dist/green-space-kiosk/install.sh
    install -m 755 build_scripts/kiosk-session dist/green-space-kiosk/kiosk-session
    install -m 644 build_scripts/green-space-kiosk.service docs/deployment.md dist/green-space-kiosk/
    say "froze in $((SECONDS - start)) s: $(du -sh dist/green-space-kiosk | cut -f1) on disk"
    if [ "${1:-}" = "--self-test" ]; then
      say "frozen self-test"
      KIOSK_FROZEN_APP="$ROOT/dist/green-space-kiosk" QT_QPA_PLATFORM=offscreen \
        exec "$PY" -m pytest tests/frozen -p no:cacheprovider -q
    fi ;;
  kiosk)
    setup run
    exec "$VENV/bin/kiosk" "$@" ;;
  shot)
    setup run
    exec "$VENV/bin/kiosk" shot --out "${1:-shots}" ;;
  *) die "unknown command '$command' (run, test, lint, bench, shot, freeze, kiosk, setup)" ;;
esac
