#!/usr/bin/env bash
# Install, update and roll back the frozen Green Space Kiosk on a Debian/Ubuntu kiosk PC.
# `bash build_scripts/dev.sh freeze` copies this script into dist/green-space-kiosk/ as install.sh;
# run it from the build folder you copied to the kiosk PC:
#
#   sudo bash green-space-kiosk/install.sh install [--user kiosk] [--session cage|x11|none]
#        first install: OS packages, the kiosk user, this build, the systemd user unit,
#        auto-login into a session that runs only the kiosk, then `doctor`
#   sudo bash green-space-kiosk/install.sh update [--force]
#        this build beside the running one, checked with `doctor`, then switched to atomically
#        (the old build is kept for rollback); the service restarts into the new build
#   sudo bash /opt/green-space-kiosk/install.sh rollback     back to the previous build
#   sudo bash /opt/green-space-kiosk/install.sh status       which builds are installed
#
# Options: --prefix DIR (default /opt/green-space-kiosk), --from DIR (the build; default the
# folder holding this script), --no-system (only the files under the prefix: no apt, user,
# auto-login or systemd; for trying it out and for tests), --force (update even if doctor fails).
#
# Layout: PREFIX/releases/<version>-<time>/ (one build each), PREFIX/current and
# PREFIX/previous (symlinks, replaced by rename so a reader always sees a whole build),
# PREFIX/install.sh and PREFIX/kiosk-session (from the current build).
set -euo pipefail

APP=green-space-kiosk
UNIT=green-space-kiosk.service
PREFIX=/opt/green-space-kiosk
FROM="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KIOSK_USER=kiosk
SESSION=cage
SYSTEM=1
FORCE=0
KEEP=3 # builds kept: current, previous and one more

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }

command="${1:-}"
[ -n "$command" ] || usage
shift
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX="$2"; shift 2 ;;
    --from) FROM="$(cd "$2" && pwd)"; shift 2 ;;
    --user) KIOSK_USER="$2"; shift 2 ;;
    --session) SESSION="$2"; shift 2 ;;
    --no-system) SYSTEM=0; shift ;;
    --force) FORCE=1; shift ;;
    -h|--help) usage ;;
    *) die "unknown option '$1' (see: bash install.sh --help)" ;;
  esac
done
case "$SESSION" in cage|x11|none) ;; *) die "--session must be cage, x11 or none, not '$SESSION'" ;; esac

as_kiosk() { # run a command as the kiosk user, in its own folders (or as ourselves: --no-system)
  if [ "$SYSTEM" = 1 ]; then
    local home; home="$(getent passwd "$KIOSK_USER" | cut -d: -f6)"
    runuser -u "$KIOSK_USER" -- env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_STATE_HOME \
      -u XDG_CACHE_HOME HOME="$home" "$@"
  else
    "$@"
  fi
}

user_systemctl() { # systemctl --user for the kiosk user; quiet no-op when its manager is not up
  [ "$SYSTEM" = 1 ] || return 0
  local uid; uid="$(id -u "$KIOSK_USER")"
  [ -S "/run/user/$uid/bus" ] || return 0
  runuser -u "$KIOSK_USER" -- env XDG_RUNTIME_DIR="/run/user/$uid" systemctl --user "$@" || true
}

swap_link() { # swap_link NAME TARGET: point PREFIX/NAME at TARGET with one rename
  ln -sfn "$2" "$PREFIX/.$1.new"
  mv -T "$PREFIX/.$1.new" "$PREFIX/$1"
}

link_target() { if [ -L "$PREFIX/$1" ]; then readlink "$PREFIX/$1"; fi; }

check_build() {
  [ -x "$FROM/$APP" ] || die "$FROM/$APP not found: run this from a frozen build folder (bash build_scripts/dev.sh freeze)"
  "$FROM/$APP" --version >/dev/null 2>&1 || die "$FROM/$APP does not start on this PC"
}

copy_release() { # prints the new release's folder name
  local version stamp name
  version="$("$FROM/$APP" --version | awk '{print $NF}')"
  stamp="$(date -u +%Y%m%d%H%M%S)"
  name="$version-$stamp"
  local n=1
  while [ -e "$PREFIX/releases/$name" ]; do n=$((n + 1)); name="$version-$stamp-$n"; done
  mkdir -p "$PREFIX/releases"
  rm -rf "$PREFIX/releases/.incoming"
  cp -a "$FROM" "$PREFIX/releases/.incoming"
  mv -T "$PREFIX/releases/.incoming" "$PREFIX/releases/$name"
  touch "$PREFIX/releases/$name" # cp -a kept the build's time; prune goes by install time
  echo "$name"
}

doctor() { # doctor RELEASE: the new build checks the kiosk's config, folders, fonts, Qt, sources
  local out
  if out="$(as_kiosk env QT_QPA_PLATFORM=offscreen "$PREFIX/releases/$1/$APP" doctor --for-install 2>&1)"; then
    printf '%s\n' "$out" >&2
    return 0
  fi
  printf '%s\n' "$out" >&2
  return 1
}

switch_to() { # switch_to RELEASE: previous <- current, current <- RELEASE, then restart
  local old; old="$(link_target current)"
  if [ -n "$old" ] && [ "$old" != "releases/$1" ]; then swap_link previous "$old"; fi
  swap_link current "releases/$1"
  for tool in install.sh kiosk-session; do
    if [ -f "$PREFIX/current/$tool" ]; then
      cp "$PREFIX/current/$tool" "$PREFIX/.$tool.new" && mv -T "$PREFIX/.$tool.new" "$PREFIX/$tool"
    fi
  done
  user_systemctl try-restart "$UNIT"
  say "now running $(link_target current)${old:+ (previous: $old)}"
}

prune() { # keep the newest $KEEP builds, and always current and previous
  local keep_current keep_previous
  keep_current="$(basename "$(link_target current)")"
  keep_previous="$(basename "$(link_target previous)" 2>/dev/null || true)"
  local count=0
  while IFS= read -r dir; do # newest first (release names hold no spaces or newlines)
    count=$((count + 1))
    if [ "$count" -gt "$KEEP" ] && [ "$dir" != "$keep_current" ] && [ "$dir" != "$keep_previous" ]; then
      rm -rf "${PREFIX:?}/releases/$dir"
    fi
  done < <(ls -1t "$PREFIX/releases")
}

install_release() {
  check_build
  local name; name="$(copy_release)"
  say "copied $FROM to $PREFIX/releases/$name"
  if ! doctor "$name"; then
    if [ "$FORCE" = 1 ]; then
      say "doctor found problems; switching anyway (--force)"
    else
      rm -rf "${PREFIX:?}/releases/$name"
      local kept; kept="$(link_target current)"
      die "doctor failed for the new build: kept ${kept:-nothing installed} (fix it, or --force)"
    fi
  fi
  switch_to "$name"
  prune
}

system_setup() {
  [ "$(id -u)" -eq 0 ] || die "run it with sudo (or --no-system to lay out files only)"
  command -v apt-get >/dev/null || die "not a Debian/Ubuntu system: see docs/deployment.md"
  # What Qt's xcb/wayland platform plugins load from the OS, and the kiosk session itself.
  local debs=(libxcb-cursor0 libxkbcommon-x11-0 libxkbcommon0 libxcb-icccm4 libxcb-keysyms1
              libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
              libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libwayland-client0
              libwayland-cursor0 libwayland-egl1)
  case "$SESSION" in
    cage) debs+=(cage) ;;
    x11) debs+=(xserver-xorg-core xserver-xorg-input-libinput xinit x11-xserver-utils) ;;
  esac
  say "installing OS packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debs[@]}" >/dev/null
  if ! id "$KIOSK_USER" >/dev/null 2>&1; then
    say "creating the user $KIOSK_USER"
    useradd --create-home --shell /bin/bash "$KIOSK_USER"
  fi
  for group in video input render; do # the display, the touchscreen, the GPU (where they exist)
    if getent group "$group" >/dev/null; then usermod -aG "$group" "$KIOSK_USER"; fi
  done
}

session_setup() {
  local home unit_dir
  home="$(getent passwd "$KIOSK_USER" | cut -d: -f6)"
  unit_dir="$home/.config/systemd/user"
  say "systemd user unit: $unit_dir/$UNIT"
  install -d -o "$KIOSK_USER" -g "$KIOSK_USER" "$home/.config" "$home/.config/systemd" "$unit_dir"
  sed "s#/opt/green-space-kiosk#$PREFIX#g" "$PREFIX/current/$UNIT" > "$unit_dir/$UNIT"
  chown "$KIOSK_USER:" "$unit_dir/$UNIT"
  [ "$SESSION" = none ] && return 0
  say "auto-login on tty1 into a $SESSION session that runs only the kiosk"
  install -d /etc/systemd/system/getty@tty1.service.d
  cat > /etc/systemd/system/getty@tty1.service.d/green-space-kiosk.conf <<EOF
[Service]
ExecStart=
ExecStart=-/sbin/agetty --autologin $KIOSK_USER --noclear %I \$TERM
EOF
  local start
  if [ "$SESSION" = cage ]; then start="exec cage -s -- $PREFIX/kiosk-session"
  else start="exec startx $PREFIX/kiosk-session -- :0 vt1"; fi
  local profile="$home/.bash_profile"
  touch "$profile"
  sed -i '/# >>> green-space-kiosk session/,/# <<< green-space-kiosk session/d' "$profile"
  cat >> "$profile" <<EOF
# >>> green-space-kiosk session (written by $PREFIX/install.sh)
if [ "\$(tty)" = /dev/tty1 ] && [ -z "\${WAYLAND_DISPLAY:-}\${DISPLAY:-}" ]; then
  $start
fi
# <<< green-space-kiosk session
EOF
  chown "$KIOSK_USER:" "$profile"
  systemctl daemon-reload
  user_systemctl daemon-reload
}

case "$command" in
  install)
    [ "$SYSTEM" = 1 ] && system_setup
    install_release
    [ "$SYSTEM" = 1 ] && session_setup
    say "installed. Set the staff PIN: sudo -u $KIOSK_USER $PREFIX/current/$APP set-pin"
    [ "$SYSTEM" = 1 ] && [ "$SESSION" != none ] && say "reboot to start the kiosk session"
    true ;;
  update)
    [ -L "$PREFIX/current" ] || die "nothing installed in $PREFIX yet: use install"
    install_release ;;
  rollback)
    back="$(link_target previous)"
    if [ -z "$back" ] || [ ! -x "$PREFIX/$back/$APP" ]; then
      die "no previous build to roll back to in $PREFIX"
    fi
    now="$(link_target current)"
    swap_link current "$back"
    swap_link previous "$now"
    user_systemctl try-restart "$UNIT"
    say "rolled back to $back (previous: $now)" ;;
  status)
    echo "current:  $(link_target current)"
    echo "previous: $(link_target previous)"
    echo "builds:   $(ls -1 "$PREFIX/releases" 2>/dev/null | tr '\n' ' ')" ;;
  *) usage ;;
esac
