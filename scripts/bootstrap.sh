#!/usr/bin/env bash
# Sets up pedesk on a fresh Debian/Ubuntu machine: the system libraries Qt needs, a virtual environment
# in .venv, and pedesk itself (with the test tools when called with --test). Safe to run again: a step
# that is already done is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
extras=""
[[ ${1:-} == --test ]] && extras="[test]"

# library file -> Debian package. Qt's offscreen and xcb platforms, fonts, and the tools the tests use.
libraries=(
  "libEGL.so.1:libegl1" "libGL.so.1:libgl1" "libOpenGL.so.0:libopengl0" "libxkbcommon.so.0:libxkbcommon0"
  "libfontconfig.so.1:libfontconfig1" "libfreetype.so.6:libfreetype6" "libdbus-1.so.3:libdbus-1-3"
  "libglib-2.0.so.0:libglib2.0-0" "libxkbcommon-x11.so.0:libxkbcommon-x11-0" "libxcb-cursor.so.0:libxcb-cursor0"
  "libxcb-icccm.so.4:libxcb-icccm4" "libxcb-keysyms.so.1:libxcb-keysyms1" "libxcb-image.so.0:libxcb-image0"
  "libxcb-render-util.so.0:libxcb-render-util0" "libxcb-shape.so.0:libxcb-shape0" "libxcb-randr.so.0:libxcb-randr0"
  "libxcb-xinerama.so.0:libxcb-xinerama0" "libxcb-xfixes.so.0:libxcb-xfixes0" "libX11-xcb.so.1:libx11-xcb1"
  "libcups.so.2:libcups2" "libnss3.so:libnss3" "libxcb-xkb.so.1:libxcb-xkb1"
)
need=()
if command -v ldconfig >/dev/null 2>&1; then
  cache=$(ldconfig -p 2>/dev/null || true)
  for pair in "${libraries[@]}"; do
    grep -q "${pair%%:*}" <<<"$cache" || need+=("${pair##*:}")
  done
fi
[[ -d /usr/share/fonts/truetype/dejavu ]] || need+=(fonts-dejavu-core)
if [[ -n $extras ]]; then
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  # a real PostgreSQL server for the tests that need one (tests/postgres.py starts its own, on a free port)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
fi
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  need+=("python3-venv")
fi

if [[ ${#need[@]} -gt 0 ]] && command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "pedesk: please install these packages as root: ${need[*]}" >&2; exit 1
    fi
  fi
  echo "pedesk: installing system packages: ${need[*]}" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [[ ! -x .venv/bin/python ]]; then
  "$python" -m venv .venv
fi
stamp=".venv/.pedesk-installed-$(cat pyproject.toml | sha256sum | cut -c1-16)${extras:+-test}"
if [[ ! -f $stamp ]]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${extras}"
  rm -f .venv/.pedesk-installed-*
  touch "$stamp"
fi
