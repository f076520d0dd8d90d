"""Schemathesis against a real `botapi serve`, driven by the server's own /openapi.json.

    scripts/openapi-check/run [--binary PATH] [--seconds 150]

Starts the server on a free port with a temporary data directory, creates a bot and a user
(their tokens fill the `bot_token` / `user_token` path parameters, the admin token
`admin_token`), then lets schemathesis generate requests for every operation of the
document, bounded in time. It fails when any answer is a 5xx or not the envelope the
document describes (`ok`, with `result` or `error_code` + `description`).

A request may take up to 50 s (getUpdates long-polls for its `timeout`, capped at 50 s as
on the official server), so the request timeout is 60 s. `injectFault` is left out: it makes
later calls answer whatever error it is given, 5xx included, on purpose. So is schemathesis'
coverage phase, whose probes with undocumented
HTTP verbs (TRACE…) get the bare 501 the official server answers them (behaviour.md).
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port: int, prefix: str, method: str, **params) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/{prefix}/{method}", data=json.dumps(params).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)["result"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.environ.get("BOTAPI_BINARY"))
    parser.add_argument("--seconds", type=int, default=150, help="schemathesis' time budget")
    args = parser.parse_args()
    if not args.binary:
        raise SystemExit("openapi-check: pass --binary or set BOTAPI_BINARY")

    work = Path(tempfile.mkdtemp(prefix="openapi-check-"))
    port = free_port()
    admin = "checkadmin" + os.urandom(8).hex()
    env = dict(os.environ, BOTAPI_ADMIN_TOKEN=admin)
    log = open(work / "server.log", "wb")
    server = subprocess.Popen(
        [args.binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(work / "data"),
         "--log-level", "warning"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("openapi-check: the server did not start:\n" + (work / "server.log").read_text())
                time.sleep(0.1)
        bot = call(port, f"admin{admin}", "createBot", username="check_bot", first_name="Check")
        user = call(port, f"admin{admin}", "createUser", first_name="Checker")
        call(port, f"user{user['token']}", "sendMessage", chat_id=bot["user"]["id"], text="/start")
        config = work / "schemathesis.toml"
        config.write_text(
            "[parameters]\n"
            f'"path.bot_token" = "{bot["token"]}"\n'
            f'"path.user_token" = "{user["token"]}"\n'
            f'"path.admin_token" = "{admin}"\n')
        command = [
            sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run",
            f"http://127.0.0.1:{port}/openapi.json",
            "--checks", "not_a_server_error,response_schema_conformance",
            "--exclude-operation-id", "admin_injectFault",
            "--max-time", str(args.seconds), "--max-examples", "10", "--phases", "examples,fuzzing",
            "--request-timeout", "60", "--seed", "1", "--no-color",
        ]
        print("openapi-check:", " ".join(command[3:]), flush=True)
        result = subprocess.run(command, cwd=work, timeout=args.seconds + 300)
        if server.poll() is not None:
            print("openapi-check: the server died:\n" + (work / "server.log").read_text())
            return 1
        return result.returncode
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
