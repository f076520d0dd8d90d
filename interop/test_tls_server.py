"""`botapi serve --tls-cert F --tls-key F` serves every surface over HTTPS."""

from __future__ import annotations

import subprocess
import time

import pytest
import requests

from conftest import DIE_WITH_PARENT, binary_path, free_port
from webhook_support import write_certificate


@pytest.mark.timeout(60)
def test_all_surfaces_over_tls(tmp_path):
    cert, key = write_certificate(tmp_path)
    port = free_port()
    log = open(tmp_path / "server.log", "wb")
    process = subprocess.Popen(
        DIE_WITH_PARENT + [str(binary_path()), "serve", "--host", "127.0.0.1", "--port", str(port),
                           "--data-dir", str(tmp_path / "data"), "--admin-token", "tlsadmin",
                           "--tls-cert", str(cert), "--tls-key", str(key)],
        stdout=log, stderr=subprocess.STDOUT)
    base = f"https://localhost:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = requests.get(f"{base}/health", verify=str(cert), timeout=2)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        assert health.json() == {"ok": True, "result": True}
        bot = requests.post(f"{base}/admintlsadmin/createBot", data={"username": "tls_bot", "first_name": "TLS"},
                            verify=str(cert), timeout=5).json()["result"]
        user = requests.post(f"{base}/admintlsadmin/createUser", data={"first_name": "Ann"},
                             verify=str(cert), timeout=5).json()["result"]
        me = requests.get(f"{base}/bot{bot['token']}/getMe", verify=str(cert), timeout=5).json()
        assert me["ok"] and me["result"]["username"] == "tls_bot"
        started = requests.get(f"{base}/user{user['token']}/startBot", params={"bot_id": bot["user"]["id"]},
                               verify=str(cert), timeout=5).json()
        assert started["result"]["text"] == "/start"
        updates = requests.get(f"{base}/bot{bot['token']}/getUpdates", verify=str(cert), timeout=5).json()
        assert [u["message"]["text"] for u in updates["result"]] == ["/start"]
        # Plain HTTP to the TLS port is not answered as an API call.
        with pytest.raises(requests.RequestException):
            requests.get(f"http://127.0.0.1:{port}/health", timeout=2).json()
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
