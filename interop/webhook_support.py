"""Helpers for test_webhooks.py: a raw capture receiver, waiting for a webhook to be in place,
setWebhook with the one-per-second limit in mind, a self-signed certificate for https
listeners, and a probe telling whether the server under test delivers webhooks at all.

Everything listens on 127.0.0.1 and every wait is bounded.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from conftest import ApiError, BotProcess, Server, free_port

# EC P-256, CN=localhost, subjectAltName DNS:localhost, IP:127.0.0.1, valid until 2126.
# Generated once with: openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1
#   -nodes -days 36500 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1
CERT_PEM = """-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUEKI/e/GZH4ucxnanTBUTHVzuRIAwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNTIyMTk0MVoYDzIxMjYxMTAx
MjIxOTQxWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATojgobzts/ZQwka/hMHwx7f9yZXQrRJnmtgDBuXqozRqfCk2or+tbO
8jNI1g3MtwhyYhHnFo2nZZCmsdLvZbgPo28wbTAdBgNVHQ4EFgQUNyw8mtX9udMB
y0Bh/a7VNjgFmtswHwYDVR0jBBgwFoAUNyw8mtX9udMBy0Bh/a7VNjgFmtswDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSQAwRgIhALZdhzwu/kWMfhGoyQTI3Jl7JwQtIhEMSZU2cNUyVNXSAiEA
j2X5qajjnR5iG7FgpnYRFPBBwYKCPb7LW93umecfdz0=
-----END CERTIFICATE-----
"""
KEY_PEM = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQggCi2uzIsV2RCwtPk
NhPOiUvI1YvD/iOkK2npIA3wp/uhRANCAATojgobzts/ZQwka/hMHwx7f9yZXQrR
JnmtgDBuXqozRqfCk2or+tbO8jNI1g3MtwhyYhHnFo2nZZCmsdLvZbgP
-----END PRIVATE KEY-----
"""


def write_certificate(directory: Path) -> tuple[Path, Path]:
    """Writes the test certificate and key; returns (cert path, key path)."""
    cert, key = directory / "webhook-cert.pem", directory / "webhook-key.pem"
    cert.write_text(CERT_PEM)
    key.write_text(KEY_PEM)
    key.chmod(0o600)
    return cert, key


# ----- a raw receiver ------------------------------------------------------------------------


class CapturedRequest:
    def __init__(self, head: bytes, body: bytes, connection: int):
        self.head = head
        self.body = body
        self.connection = connection
        lines = head.decode("latin-1").split("\r\n")
        self.request_line = lines[0]
        self.header_lines = [line for line in lines[1:] if line]
        self.headers = {}
        for line in self.header_lines:
            name, _, value = line.partition(":")
            self.headers.setdefault(name.strip().lower(), value.strip())

    @property
    def json(self) -> dict:
        return json.loads(self.body)


Reply = Callable[[CapturedRequest], bytes]


def http_reply(status: str = "200 OK", body: bytes = b"", content_type: str | None = None) -> bytes:
    head = f"HTTP/1.1 {status}\r\n"
    if content_type:
        head += f"Content-Type: {content_type}\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


class CaptureServer:
    """A minimal HTTP/1.1 receiver on a plain socket: records every request byte for byte
    (so header order and exact values can be asserted) and answers with `reply(request)`."""

    def __init__(self, reply: Reply = lambda request: http_reply()):
        self.reply = reply
        self.requests: list[CapturedRequest] = []
        self._lock = threading.Lock()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._stopped = threading.Event()
        self._connections = 0
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            self._connections += 1
            threading.Thread(target=self._serve, args=(conn, self._connections), daemon=True).start()

    def _serve(self, conn: socket.socket, number: int) -> None:
        conn.settimeout(0.5)
        buffer = b""
        with conn:
            while not self._stopped.is_set():
                try:
                    chunk = conn.recv(65536)
                except socket.timeout:
                    continue
                except OSError:
                    return
                if not chunk:
                    return
                buffer += chunk
                while b"\r\n\r\n" in buffer:
                    head, _, rest = buffer.partition(b"\r\n\r\n")
                    request = CapturedRequest(head + b"\r\n\r\n", b"", number)
                    length = int(request.headers.get("content-length", "0"))
                    if len(rest) < length:
                        break
                    request.body, buffer = rest[:length], rest[length:]
                    with self._lock:
                        self.requests.append(request)
                    conn.sendall(self.reply(request))

    def wait_for(self, count: int, timeout: float = 10.0) -> list[CapturedRequest]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.requests) >= count:
                    return list(self.requests)
            time.sleep(0.02)
        raise TimeoutError(f"{len(self.requests)} of {count} webhook requests within {timeout}s")

    def close(self) -> None:
        self._stopped.set()
        self._sock.close()


# ----- the server side -----------------------------------------------------------------------


def set_webhook(srv: Server, token: str, **params: Any) -> Any:
    """setWebhook, waiting out the official one-per-second limit (429) a few times."""
    for _ in range(5):
        try:
            return srv.bot_call(token, "setWebhook", **params)
        except ApiError as error:
            if error.status != 429:
                raise
            time.sleep(1.1)
    return srv.bot_call(token, "setWebhook", **params)


def webhook_info(srv: Server, token: str) -> dict:
    return srv.bot_call(token, "getWebhookInfo")


def wait_for_info(srv: Server, token: str, predicate: Callable[[dict], bool], timeout: float = 15.0,
                  bot: BotProcess | None = None) -> dict:
    deadline = time.monotonic() + timeout
    info: dict = {}
    while time.monotonic() < deadline:
        if bot is not None and not bot.running():
            raise AssertionError(f"{bot.library} bot exited early\n{bot.log_tail()}")
        info = webhook_info(srv, token)
        if predicate(info):
            return info
        time.sleep(0.1)
    extra = f"\n{bot.log_tail()}" if bot is not None else ""
    raise AssertionError(f"getWebhookInfo never matched within {timeout}s: {info}{extra}")


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for_listener(srv: Server, token: str, url: str, port: int, bot: BotProcess, timeout: float = 60.0) -> dict:
    """Waits until the bot has set its webhook to `url` and its listener accepts connections
    (a library sets the webhook before or after it starts listening)."""
    deadline = time.monotonic() + timeout
    info = wait_for_info(srv, token, lambda i: i.get("url") == url, timeout=timeout, bot=bot)
    while not port_open(port):
        if not bot.running():
            raise AssertionError(f"{bot.library} bot exited early\n{bot.log_tail()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{bot.library} listener never opened port {port}\n{bot.log_tail()}")
        time.sleep(0.1)
    return info


def webhook_delivery_status(srv: Server) -> tuple[bool, str]:
    """Whether `srv` delivers updates to webhooks: setWebhook must answer ok and a user's
    message must be POSTed to a loopback receiver. Cached per server process."""
    cached = getattr(srv, "_webhook_delivery_status", None)
    if cached is not None and cached[0] == srv.starts:
        return cached[1]
    receiver = CaptureServer()
    try:
        bot = srv.create_bot()
        user = srv.create_user("Probe")
        try:
            set_webhook(srv, bot["token"], url=receiver.url)
        except ApiError as error:
            result = (False, f"setWebhook answered HTTP {error.status}: {error.description}")
        else:
            srv.user_call(user["token"], "sendMessage", chat_id=bot["user"]["id"], text="probe")
            try:
                receiver.wait_for(1, timeout=5.0)
                result = (True, "")
            except TimeoutError:
                result = (False, "setWebhook answers ok but no update is POSTed to the webhook within 5 s: "
                                 "`botapi serve` does not run the WebhookDispatcher (Sources/Webhooks) yet")
            srv.raw_call("bot", bot["token"], "deleteWebhook")
    finally:
        receiver.close()
    srv._webhook_delivery_status = (srv.starts, result)
    return result


def require_webhook_delivery(srv: Server) -> None:
    """xfails the calling test (with the precise reason) while the server cannot deliver."""
    supported, reason = webhook_delivery_status(srv)
    if not supported:
        pytest.xfail(reason)


def have_module(name: str) -> bool:
    try:
        __import__(name)
        return True
    except ImportError:
        return False
