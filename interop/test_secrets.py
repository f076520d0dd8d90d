"""Secrets at rest and the admin token, against the real binary (issue 10, item 6):
the data directory is the owner's only, the admin token can come from a file or the
environment without showing in `ps`, and the start-up sweep removes what failed uploads left.
"""

from __future__ import annotations

import os
import stat
import subprocess
import time
from pathlib import Path

import requests

from conftest import DIE_WITH_PARENT, free_port


def start(binary: Path, data_dir: Path, log: Path, args: list[str], env: dict[str, str] | None = None):
    port = free_port()
    out = open(log, "wb")
    proc = subprocess.Popen(
        DIE_WITH_PARENT + [str(binary), "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)] + args,
        stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})},
    )
    out.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")
        try:
            if requests.get(base + "/health", timeout=1).status_code == 200:
                return proc, base
        except requests.RequestException:
            pass
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("server did not start: " + log.read_text(errors="replace"))


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_admin_token_file_and_private_data_directory(botapi_binary: Path, tmp_path: Path):
    token_file = tmp_path / "admin.token"
    token_file.write_text("file-admin-token-123\nignored second line\n")
    data_dir = tmp_path / "data"
    proc, base = start(botapi_binary, data_dir, tmp_path / "server.log", ["--admin-token-file", str(token_file)])
    try:
        # The token is the file's first line, and it is not on the command line.
        r = requests.post(f"{base}/adminfile-admin-token-123/createUser", data={"first_name": "Alice"}, timeout=10)
        assert r.status_code == 200, r.text
        cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes()
        assert b"file-admin-token-123" not in cmdline
        # Uploads land in the vault: a file and its folders must be private too.
        bot = requests.post(f"{base}/adminfile-admin-token-123/createBot",
                            data={"username": "perm_bot", "first_name": "Perm"}, timeout=10).json()["result"]
        user = r.json()["result"]
        requests.post(f"{base}/user{user['token']}/startBot", data={"bot_id": bot["user"]["id"]}, timeout=10)
        sent = requests.post(f"{base}/bot{bot['token']}/sendDocument", data={"chat_id": user["user"]["id"]},
                             files={"document": ("a.txt", b"private bytes")}, timeout=10)
        assert sent.status_code == 200, sent.text
    finally:
        stop(proc)
    assert mode(data_dir) == 0o700
    for path in data_dir.rglob("*"):
        if path.is_dir():
            assert mode(path) & 0o077 == 0, f"{path} is {oct(mode(path))}"
        else:
            assert mode(path) == 0o600, f"{path} is {oct(mode(path))}"


def test_admin_token_from_the_environment_and_a_tightened_old_directory(botapi_binary: Path, tmp_path: Path):
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)
    proc, base = start(botapi_binary, data_dir, tmp_path / "server.log", [], env={"BOTAPI_ADMIN_TOKEN": "env-admin-token-456"})
    try:
        r = requests.post(f"{base}/adminenv-admin-token-456/getUsers", timeout=10)
        assert r.status_code == 200, r.text
    finally:
        stop(proc)
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "botapi.sqlite") == 0o600


def test_wrong_admin_tokens_are_throttled_per_address(botapi_binary: Path, tmp_path: Path):
    proc, base = start(botapi_binary, tmp_path / "data", tmp_path / "server.log", [], env={"BOTAPI_ADMIN_TOKEN": "good-admin-token"})
    try:
        session = requests.Session()
        codes = [session.post(f"{base}/adminguess{i}/getUsers", timeout=10).status_code for i in range(30)]
        assert set(codes) == {401}
        refused = session.post(f"{base}/adminguess-more/getUsers", timeout=10)
        assert refused.status_code == 429
        body = refused.json()
        assert body["ok"] is False and body["error_code"] == 429
        assert 1 <= body["parameters"]["retry_after"] <= 61
        assert refused.headers["Retry-After"] == str(body["parameters"]["retry_after"])
        # Bots are throttled apart from the admin surface.
        assert session.get(f"{base}/bot123:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/getMe", timeout=10).status_code == 401
    finally:
        stop(proc)


def test_start_up_sweep_removes_partial_files(botapi_binary: Path, tmp_path: Path):
    data_dir = tmp_path / "data"
    folder = data_dir / "files" / "ab"
    folder.mkdir(parents=True)
    orphan = "ab" + "0" * 62
    (folder / orphan).write_bytes(b"left by a crash")
    (folder / f".{orphan}.1234.part").write_bytes(b"half written")
    proc, _ = start(botapi_binary, data_dir, tmp_path / "server.log", [], env={"BOTAPI_ADMIN_TOKEN": "sweep-admin"})
    stop(proc)
    assert list(folder.iterdir()) == []
    assert "Removed 1 unused uploads and 1 partial files" in (tmp_path / "server.log").read_text()
