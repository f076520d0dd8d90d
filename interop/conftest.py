"""Fixtures for the interoperability suite: a real `botapi serve` process, plus helpers
to drive its admin, user and bot surfaces over plain HTTP, and to run the bot scripts in
interop/bots/ as subprocesses.

Everything binds to 127.0.0.1 and every wait is bounded.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Callable

import pytest
import requests

INTEROP_DIR = Path(__file__).resolve().parent
REPO_ROOT = INTEROP_DIR.parent
BOTS_DIR = INTEROP_DIR / "bots"


def binary_path() -> Path:
    given = os.environ.get("BOTAPI_BINARY")
    path = Path(given) if given else REPO_ROOT / ".build" / "debug" / "botapi"
    if not path.is_absolute():
        path = (REPO_ROOT / path).resolve()
    return path


# Children get SIGKILL if the test process dies (e.g. pytest-timeout ends it), so no server
# or bot outlives the run. `setpriv` (util-linux) sets PR_SET_PDEATHSIG and then execs.
_SETPRIV = shutil.which("setpriv")
DIE_WITH_PARENT = [_SETPRIV, "--pdeathsig", "KILL", "--"] if _SETPRIV and sys.platform.startswith("linux") else []


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ApiError(Exception):
    """A non-ok answer: HTTP status plus the envelope (if the body was JSON)."""

    def __init__(self, method: str, status: int, body: Any):
        self.method = method
        self.status = status
        self.body = body
        self.error_code = body.get("error_code") if isinstance(body, dict) else None
        self.description = body.get("description") if isinstance(body, dict) else str(body)
        super().__init__(f"{method}: HTTP {status}: {body!r}")


def encode_params(params: dict[str, Any]) -> dict[str, str]:
    """Form encoding as the real clients do it: nested objects as JSON text, booleans as
    true/false, None dropped."""
    out: dict[str, str] = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, (dict, list)):
            out[key] = json.dumps(value)
        else:
            out[key] = str(value)
    return out


class Server:
    """One `botapi serve` process on a fixed data dir, port and admin token. It can be
    stopped and started again on the same data dir and port (restart)."""

    def __init__(self, binary: Path, data_dir: Path, log_dir: Path, admin_token: str | None = None,
                 extra_args: list[str] | None = None):
        self.binary = binary
        # More `serve` options, e.g. ["--database", url] for instances sharing a world.
        self.extra_args = extra_args or []
        self.data_dir = data_dir
        self.log_dir = log_dir
        self.admin_token = admin_token or "admin" + uuid.uuid4().hex
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.starts = 0
        # One HTTP session per thread: tests drive the server from several threads.
        self._local = threading.local()
        # Per user token: next offset for getUpdates and the messages fetched but not yet
        # consumed by a wait helper.
        self._user_offsets: dict[str, int] = {}
        self._user_buffers: dict[str, list[dict]] = {}

    # ----- process control -------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.log_dir / f"server-{self.starts}.log"

    def start(self, timeout: float = 30.0) -> None:
        assert self.proc is None, "server already running"
        first = self.port == 0
        attempts = 5 if first else 1
        last_error = ""
        for _ in range(attempts):
            if first:
                self.port = free_port()
            self.starts += 1
            log = open(self.log_path, "wb")
            self.proc = subprocess.Popen(
                DIE_WITH_PARENT + [str(self.binary), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 "--data-dir", str(self.data_dir), "--admin-token", self.admin_token, *self.extra_args],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            )
            log.close()
            ok, last_error = self._wait_ready(timeout)
            if ok:
                return
            self._kill_hard()
        raise RuntimeError(f"botapi did not start: {last_error}\n--- log ---\n{self.log_tail()}")

    def _wait_ready(self, timeout: float) -> tuple[bool, str]:
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                # Restarting on the same port right after a kill can race with the old
                # socket; the caller may retry.
                return False, f"exited with {self.proc.returncode}"
            listening = "botapi listening on" in self.log_path.read_text(errors="replace")
            try:
                r = requests.get(self.base + "/health", timeout=1)
                if r.status_code == 200 and r.json() == {"ok": True, "result": True}:
                    return True, ""
                last = f"/health HTTP {r.status_code} {r.text[:200]}"
            except requests.RequestException as exc:
                last = f"/health {type(exc).__name__} (printed listening line: {listening})"
            time.sleep(0.05)
        return False, f"not ready after {timeout}s: {last}"

    def stop(self, sigkill: bool = False, grace: float = 5.0) -> int | None:
        """SIGKILL at once, or SIGTERM then SIGKILL after `grace` seconds. Returns the exit
        status (negative: killed by that signal)."""
        if self.proc is None:
            return None
        proc = self.proc
        if proc.poll() is None:
            if sigkill:
                proc.kill()
            else:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(grace)
                except subprocess.TimeoutExpired:
                    proc.kill()
        proc.wait(10)
        self.proc = None
        return proc.returncode

    def _kill_hard(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait(10)
            self.proc = None

    def restart(self, sigkill: bool = False, timeout: float = 30.0) -> None:
        """Stops the server (SIGTERM, or SIGKILL) and starts it again on the same data dir
        and port. Retries for a few seconds if the port is still held."""
        self.stop(sigkill=sigkill)
        deadline = time.monotonic() + 10
        while True:
            try:
                self.start(timeout=timeout)
                return
            except RuntimeError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    # ----- HTTP ----------------------------------------------------------------------------

    def raw_call(self, surface: str, token: str, method: str, /, http_timeout: float = 70.0,
                 **params: Any) -> tuple[int, Any]:
        """POSTs a form-encoded call; returns (HTTP status, decoded JSON or text)."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        r = session.post(f"{self.base}/{surface}{token}/{method}", data=encode_params(params),
                           timeout=http_timeout)
        try:
            body = r.json()
        except ValueError:
            body = r.text
        return r.status_code, body

    def call(self, surface: str, token: str, method: str, /, **params: Any) -> Any:
        status, body = self.raw_call(surface, token, method, **params)
        if status == 200 and isinstance(body, dict) and body.get("ok") is True and "result" in body:
            return body["result"]
        raise ApiError(method, status, body)

    # Positional-only names, so a call may pass parameters called `method` or `token`
    # (injectFault's `method`).
    def admin_call(self, method: str, /, **params: Any) -> Any:
        return self.call("admin", self.admin_token, method, **params)

    def bot_call(self, token: str, method: str, /, **params: Any) -> Any:
        return self.call("bot", token, method, **params)

    def user_call(self, token: str, method: str, /, **params: Any) -> Any:
        return self.call("user", token, method, **params)

    # ----- world building ------------------------------------------------------------------

    def create_bot(self, username: str | None = None, first_name: str = "Echo Bot") -> dict:
        """Returns {"user": User, "token": str}."""
        username = username or f"t{uuid.uuid4().hex[:10]}_bot"
        return self.admin_call("createBot", username=username, first_name=first_name)

    def create_user(self, first_name: str = "Alice", username: str | None = None) -> dict:
        return self.admin_call("createUser", first_name=first_name, username=username)

    # ----- the user's update queue -------------------------------------------------------

    def _fetch_user_updates(self, user_token: str, poll_timeout: int) -> None:
        offset = self._user_offsets.get(user_token, 0)
        updates = self.user_call(user_token, "getUpdates", offset=offset, timeout=poll_timeout)
        buffer = self._user_buffers.setdefault(user_token, [])
        for update in updates:
            assert update["update_id"] >= offset, f"user update {update['update_id']} below offset {offset}"
            self._user_offsets[user_token] = update["update_id"] + 1
            if "message" in update:
                buffer.append(update["message"])
        if not updates and poll_timeout == 0:
            time.sleep(0.05)

    def wait_for_user_message(self, user_token: str, predicate: Callable[[dict], bool] = lambda m: True,
                              timeout: float = 15.0) -> dict:
        """The first message in the user's queue that satisfies `predicate`; it is removed
        from the local buffer, other messages stay. Raises TimeoutError."""
        deadline = time.monotonic() + timeout
        buffer = self._user_buffers.setdefault(user_token, [])
        while True:
            for index, message in enumerate(buffer):
                if predicate(message):
                    return buffer.pop(index)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no matching message within {timeout}s; buffered: "
                                   f"{[m.get('text') for m in buffer]}")
            self._fetch_user_updates(user_token, max(0, min(1, int(remaining))))

    def user_messages(self, user_token: str, count: int, timeout: float = 15.0) -> list[dict]:
        """The next `count` messages in the user's queue, in order."""
        deadline = time.monotonic() + timeout
        buffer = self._user_buffers.setdefault(user_token, [])
        while len(buffer) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"only {len(buffer)} of {count} messages within {timeout}s: "
                                   f"{[m.get('text') for m in buffer]}")
            self._fetch_user_updates(user_token, max(0, min(1, int(remaining))))
        taken = buffer[:count]
        del buffer[:count]
        return taken

    def drain_user_messages(self, user_token: str, quiet: float = 1.0, timeout: float = 30.0) -> list[dict]:
        """Every message that arrives until the queue stays empty for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        buffer = self._user_buffers.setdefault(user_token, [])
        last_change = time.monotonic()
        seen = len(buffer)
        while time.monotonic() - last_change < quiet and time.monotonic() < deadline:
            self._fetch_user_updates(user_token, 0)
            if len(buffer) != seen:
                seen = len(buffer)
                last_change = time.monotonic()
            else:
                time.sleep(0.1)
        taken = list(buffer)
        buffer.clear()
        return taken


# ----- fixtures ----------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _print_log_if_failed(request: pytest.FixtureRequest, srv: Server) -> None:
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        print(f"--- server log ({srv.log_path}) ---\n{srv.log_tail(80)}")


@pytest.fixture(scope="session")
def botapi_binary() -> Path:
    path = binary_path()
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.fail(f"server binary not found at {path}: build it (swift build) or set BOTAPI_BINARY",
                    pytrace=False)
    return path


def _make_server(binary: Path, root: Path) -> Server:
    data = root / "data"
    logs = root / "logs"
    data.mkdir(parents=True)
    logs.mkdir(parents=True)
    return Server(binary, data, logs)


@pytest.fixture
def server(botapi_binary: Path, tmp_path: Path, request: pytest.FixtureRequest):
    """A fresh server for one test (own data dir, port and admin token)."""
    srv = _make_server(botapi_binary, tmp_path / "server")
    srv.start()
    yield srv
    srv.stop()
    _print_log_if_failed(request, srv)


@pytest.fixture(scope="module")
def module_server(botapi_binary: Path, tmp_path_factory: pytest.TempPathFactory):
    """A fresh server shared by the tests of one module. Tests must not restart it."""
    srv = _make_server(botapi_binary, tmp_path_factory.mktemp("module-server"))
    srv.start()
    yield srv
    srv.stop()


# ----- bot subprocesses ----------------------------------------------------------------------


class BotProcess:
    """A bot script from interop/bots/ running against the server."""

    def __init__(self, library: str, token: str, base: str, workdir: Path, extra_env: dict[str, str] | None = None):
        self.library = library
        self.token = token
        self.base = base
        self.workdir = workdir
        self.extra_env = extra_env or {}
        self.event_log = workdir / f"{library}-events.jsonl"
        self.proc: subprocess.Popen | None = None
        self.runs = 0

    @property
    def log_path(self) -> Path:
        return self.workdir / f"{self.library}-run{self.runs}.log"

    @property
    def script(self) -> Path:
        """interop/bots/<library>_echo.py, or the script named by `library` when it ends in .py."""
        return BOTS_DIR / (self.library if self.library.endswith(".py") else f"{self.library}_echo.py")

    def start(self) -> None:
        assert self.proc is None
        self.runs += 1
        env = dict(os.environ)
        env.update(self.extra_env)
        env["BOT_EVENT_LOG"] = str(self.event_log)
        env["BOT_RUN"] = str(self.runs)
        env["PYTHONUNBUFFERED"] = "1"
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            DIE_WITH_PARENT + [sys.executable, str(self.script), self.token, self.base],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
        )
        log.close()

    def stop(self, timeout: float = 15.0) -> int:
        """SIGTERM (every script stops gracefully on it) and wait; SIGKILL if it hangs.
        Returns the exit code; raises if the bot did not stop by itself."""
        assert self.proc is not None
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
                raise AssertionError(f"{self.library} bot did not stop within {timeout}s\n{self.log_tail()}")
        return proc.returncode

    def kill(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait(10)
            self.proc = None

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def events(self) -> list[dict]:
        """What the script logged, one dict per handled update: run, update_id, text."""
        if not self.event_log.exists():
            return []
        return [json.loads(line) for line in self.event_log.read_text().splitlines() if line.strip()]

    def log_tail(self, lines: int = 60) -> str:
        chunks = []
        for run in range(1, self.runs + 1):
            path = self.workdir / f"{self.library}-run{run}.log"
            if path.exists():
                text = "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
                chunks.append(f"--- {self.library} run {run} ---\n{text}")
        return "\n".join(chunks)


@pytest.fixture
def bot_runner(tmp_path: Path):
    """Factory: bot_runner(library, token, base) -> BotProcess (not started). Every bot is
    killed at the end of the test."""
    started: list[BotProcess] = []

    def make(library: str, token: str, base: str, extra_env: dict[str, str] | None = None) -> BotProcess:
        workdir = tmp_path / f"bot-{library}-{len(started)}"
        workdir.mkdir()
        bot = BotProcess(library, token, base, workdir, extra_env)
        started.append(bot)
        return bot

    yield make
    for bot in started:
        bot.kill()


def delete_webhook_supported(srv: Server) -> bool:
    """Whether the server implements deleteWebhook (PTB's run_polling calls it at startup)."""
    bot = srv.create_bot()
    status, _ = srv.raw_call("bot", bot["token"], "deleteWebhook")
    return status == 200


def from_bot(bot_id: int, text: str | None = None) -> Callable[[dict], bool]:
    """Predicate: a message the bot sent into its private chat with the user."""
    def check(message: dict) -> bool:
        return (message.get("from", {}).get("id") == bot_id and message.get("chat", {}).get("id") == bot_id
                and (text is None or message.get("text") == text))
    return check


def wait_while_running(srv: Server, user_token: str, bot: BotProcess, predicate: Callable[[dict], bool],
                       timeout: float) -> dict:
    """wait_for_user_message, failing early (with the bot's log) if the bot process exits."""
    deadline = time.monotonic() + timeout
    while True:
        if not bot.running():
            raise AssertionError(f"{bot.library} bot exited early (code "
                                 f"{bot.proc.returncode if bot.proc else None})\n{bot.log_tail()}")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no reply from the {bot.library} bot within {timeout}s\n{bot.log_tail()}")
        try:
            return srv.wait_for_user_message(user_token, predicate, timeout=min(1.0, remaining))
        except TimeoutError:
            continue
