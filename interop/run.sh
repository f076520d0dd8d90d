#!/usr/bin/env bash
# Runs the interoperability suite against the server binary.
#   interop/run.sh [pytest args...]      e.g. interop/run.sh -k aiogram -x
# BOTAPI_BINARY defaults to .build/debug/botapi (relative to the repo root).
set -euo pipefail

INTEROP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INTEROP_DIR/.." && pwd)"
VENV="$INTEROP_DIR/.venv"
PYTHON_BIN="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON_BIN" -m venv "$VENV"
fi
# Reinstall only when the requirements changed since the last successful install.
STAMP="$VENV/.requirements.sha256"
WANT="$(sha256sum "$INTEROP_DIR/requirements.txt" | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$INTEROP_DIR/requirements.txt"
    echo "$WANT" > "$STAMP"
fi

export BOTAPI_BINARY="${BOTAPI_BINARY:-.build/debug/botapi}"
case "$BOTAPI_BINARY" in
    /*) ;;
    *) BOTAPI_BINARY="$REPO_ROOT/$BOTAPI_BINARY" ;;
esac

cd "$REPO_ROOT"
exec "$VENV/bin/python" -m pytest interop -q "$@"
