"""Shared by the echo bots: argument parsing and the optional event log.

Every bot takes the token and the API base (e.g. http://127.0.0.1:8081) from argv, or from
the environment (BOT_TOKEN, BOTAPI_BASE). When BOT_EVENT_LOG names a file, each handled
update is appended to it as one JSON line {"run", "update_id", "text"}: the tests use it to
see what the bot processed, the bot itself does not depend on it.
"""

import json
import os
import sys

GREETING = "Welcome!"


def token_and_base() -> tuple[str, str]:
    token = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BOT_TOKEN", "")
    base = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("BOTAPI_BASE", "http://127.0.0.1:8081")
    if not token:
        sys.exit("usage: <bot>_echo.py TOKEN [API_BASE]  (or BOT_TOKEN / BOTAPI_BASE)")
    return token, base.rstrip("/")


def log_event(update_id: int, text: str | None) -> None:
    path = os.environ.get("BOT_EVENT_LOG")
    if not path:
        return
    line = json.dumps({"run": int(os.environ.get("BOT_RUN", "0")), "update_id": update_id, "text": text},
                      ensure_ascii=False) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)
