#!/usr/bin/env bash
# Runs the browser tests: Playwright (PyPI) driving Debian's Chromium against a real server
# process and real library bots.
#   browser/run.sh [pytest args...]      e.g. browser/run.sh -k poll -x
# BOTAPI_BINARY defaults to .build/debug/botapi (relative to the repo root); CHROMIUM to
# /usr/bin/chromium. Screenshots go to browser/screenshots/ (not committed).
set -euo pipefail

BROWSER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BROWSER_DIR/.." && pwd)"
VENV="$BROWSER_DIR/.venv"
PYTHON_BIN="${PYTHON:-python3}"

# Chromium, and an emoji font so the client's ⭐, 📎 and reactions render in screenshots
# instead of empty boxes.
missing=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
if command -v dpkg >/dev/null 2>&1 && ! dpkg -s fonts-noto-color-emoji >/dev/null 2>&1; then missing+=(fonts-noto-color-emoji); fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} (Debian)"
    if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON_BIN" -m venv "$VENV"
fi
# Reinstall only when the requirements changed since the last successful install.
STAMP="$VENV/.requirements.sha256"
WANT="$(cat "$BROWSER_DIR/requirements.txt" "$REPO_ROOT/interop/requirements.txt" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$BROWSER_DIR/requirements.txt"
    echo "$WANT" > "$STAMP"
fi

export BOTAPI_BINARY="${BOTAPI_BINARY:-.build/debug/botapi}"
case "$BOTAPI_BINARY" in
    /*) ;;
    *) BOTAPI_BINARY="$REPO_ROOT/$BOTAPI_BINARY" ;;
esac

cd "$REPO_ROOT"
exec "$VENV/bin/python" -m pytest browser -q -p no:cacheprovider "$@"
