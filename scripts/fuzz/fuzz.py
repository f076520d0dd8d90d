#!/usr/bin/env python3
"""A bounded, seeded fuzz pass over every method of the three surfaces of a real
`botapi serve` process (issue 10). Python 3 standard library only.

    scripts/fuzz/fuzz.py [--binary PATH] [--seconds 120] [--seed 1] [--verbose]

It starts the server on a free port with a temporary data directory, builds a small world
(users, bots, a group, a supergroup, a forum, a channel, messages with a photo, a poll, an
inline keyboard...) and then calls every method of the Bot API catalogue on the bot and user
surfaces, plus the user-only and admin methods, with generated parameters in all four
encodings, mixed with malformed HTTP requests. A call fails the pass when:

- the process dies (the trap's location is read from the server's log);
- the answer is a 5xx (other than a bare 501 for an unknown verb);
- the answer is not a JSON envelope {"ok":...}, except the bare HTTP-layer answers the
  official server gives (413, 431; 400 for unparseable requests; 501 for unknown verbs);
- the HTTP status differs from `error_code`, or `ok` is true with a status other than 200;
- there is no answer within the per-request timeout.

Every failure is printed with the request that reproduces it (also written, as raw bytes,
under the log directory; `--replay FILE --port N` sends one again). The exit code is 1 when
anything failed. The world's ids are deterministic on a fresh server; tokens are not, so a
reproducer names which account a token belongs to.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_from_bytes

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "Sources" / "BotAPI" / "Generated" / "MethodCatalogue.swift"
DEFAULT_SPEC = REPO.parent / "shared" / "botapi" / "spec-10.3.json"

# ----- the methods -----------------------------------------------------------------------------


@dataclass
class Param:
    name: str
    types: list[str]
    required: bool = False


@dataclass
class Method:
    name: str
    params: list[Param]


def catalogue_methods() -> list[Method]:
    """The Bot API methods from the generated catalogue (always in the repository), so the
    pass does not depend on the spec file being present."""
    text = CATALOGUE.read_text()
    table = text.split('static let table = """', 1)[1].split('"""', 1)[0]
    methods: list[Method] = []
    for line in table.splitlines():
        if not line.strip():
            continue
        if line.startswith("        "):
            name, rest = line.strip().split(": ", 1)
            required = rest.endswith(", required")
            rest = rest.removesuffix(", required")
            methods[-1].params.append(Param(name, [t.strip() for t in rest.split(" | ")], required))
        else:
            methods.append(Method(line.strip().split(" -> ")[0], []))
    return methods


def P(name: str, types: str = "String", required: bool = False) -> Param:
    return Param(name, [t.strip() for t in types.split("|")], required)


# The user-only methods of USER-API.md and docs/user-api-extensions.md.
USER_ONLY = [
    Method("startBot", [P("bot_id", "Integer"), P("bot_username"), P("parameter")]),
    Method("blockUser", [P("user_id", "Integer", True)]),
    Method("unblockUser", [P("user_id", "Integer", True)]),
    Method("createChat", [P("type", required=True), P("title", required=True), P("member_ids", "Array of Integer"),
                          P("username"), P("is_forum", "Boolean"), P("description")]),
    Method("addChatMember", [P("chat_id", "Integer|String", True), P("user_id", "Integer", True)]),
    Method("joinChat", [P("chat_id", "Integer|String"), P("invite_link")]),
    Method("sendCallbackQuery", [P("chat_id", "Integer|String", True), P("message_id", "Integer", True), P("data"),
                                 P("timeout", "Float")]),
    Method("sendInlineQuery", [P("bot_username"), P("bot_id", "Integer"), P("query"), P("offset"),
                               P("chat_id", "Integer|String"), P("timeout", "Float")]),
    Method("sendInlineResult", [P("chat_id", "Integer|String", True), P("query_id", required=True),
                                P("result_id", required=True)]),
    Method("sendPollAnswer", [P("chat_id", "Integer|String", True), P("message_id", "Integer", True),
                              P("option_ids", "Array of Integer", True)]),
    Method("payInvoice", [P("chat_id", "Integer|String"), P("message_id", "Integer"), P("invoice_link"),
                          P("shipping_address", "ShippingAddress"), P("shipping_option_id"),
                          P("order_info", "OrderInfo"), P("tip_amount", "Integer"), P("timeout", "Float")]),
    Method("openWebApp", [P("bot_id", "Integer"), P("bot_username"), P("url"), P("chat_id", "Integer|String"),
                          P("message_id", "Integer")]),
    Method("sendWebAppData", [P("bot_id", "Integer"), P("bot_username"), P("button_text"), P("data")]),
    Method("connectBusinessBot", [P("bot_id", "Integer"), P("bot_username"), P("rights", "BusinessBotRights"),
                                  P("can_reply", "Boolean")]),
    Method("disconnectBusinessBot", [P("bot_id", "Integer"), P("bot_username")]),
    Method("setProfilePhoto", [P("photo", "InputFile|String", True)]),
    Method("getBotCommands", [P("bot_id", "Integer"), P("bot_username"), P("chat_id", "Integer|String")]),
    Method("upgradeChat", [P("chat_id", "Integer|String", True)]),
    Method("setChatUsername", [P("chat_id", "Integer|String", True), P("username")]),
    Method("boostChat", [P("chat_id", "Integer|String", True)]),
    Method("unboostChat", [P("chat_id", "Integer|String", True)]),
    Method("buyPaidMedia", [P("chat_id", "Integer|String", True), P("message_id", "Integer", True)]),
    Method("deleteChatReplyMarkup", [P("chat_id", "Integer|String", True), P("message_id", "Integer", True)]),
    Method("getBotCallLog", [P("bot_id", "Integer"), P("bot_username"), P("offset", "Integer"), P("limit", "Integer")]),
    Method("getBotMenuButton", [P("bot_id", "Integer"), P("bot_username")]),
    Method("getChatHistory", [P("chat_id", "Integer|String", True), P("from_message_id", "Integer"),
                              P("limit", "Integer"), P("message_thread_id", "Integer")]),
    Method("getChatJoinRequests", [P("chat_id", "Integer|String", True), P("invite_link"), P("limit", "Integer")]),
    Method("getChatMembers", [P("chat_id", "Integer|String", True), P("offset", "Integer"), P("limit", "Integer")]),
    Method("getChats", [P("limit", "Integer")]),
    Method("getPassportDataErrors", [P("bot_id", "Integer"), P("bot_username")]),
    Method("getPaymentForm", [P("chat_id", "Integer|String"), P("message_id", "Integer"), P("invoice_link")]),
    Method("getStories", [P("user_id", "Integer")]),
    Method("getVerification", [P("chat_id", "Integer|String", True)]),
    Method("readChatHistory", [P("chat_id", "Integer|String", True), P("message_id", "Integer")]),
    Method("saveProfileAudio", [P("audio", "InputFile|String", True), P("title"), P("performer"),
                                P("duration", "Integer"), P("unsave", "Boolean")]),
    Method("sendGuestMessage", [P("chat_id", "Integer|String", True), P("text", required=True), P("parse_mode"),
                                P("timeout", "Float")]),
    Method("sendPreparedInlineMessage", [P("chat_id", "Integer|String", True), P("prepared_message_id", required=True)]),
    Method("setPersonalChat", [P("chat_id", "Integer|String")]),
    Method("shareChatWithBot", [P("bot_id", "Integer"), P("bot_username"), P("request_id", "Integer", True),
                                P("shared_chat_id", "Integer", True)]),
    Method("shareUsersWithBot", [P("bot_id", "Integer"), P("bot_username"), P("request_id", "Integer", True),
                                 P("shared_user_ids", "Array of Integer", True)]),
    Method("stopMessageGeneration", [P("chat_id", "Integer|String", True), P("message_id", "Integer"),
                                     P("draft_id", "Integer")]),
    Method("toggleEmojiStatusPermission", [P("bot_id", "Integer"), P("bot_username"), P("enabled", "Boolean")]),
    Method("validateOrderInfo", [P("chat_id", "Integer|String"), P("message_id", "Integer"), P("invoice_link"),
                                 P("order_info", "OrderInfo"), P("shipping_address", "ShippingAddress"),
                                 P("timeout", "Float")]),
    Method("markChecklistTasks", [P("chat_id", "Integer|String", True), P("message_id", "Integer", True),
                                  P("marked_as_done_task_ids", "Array of Integer"),
                                  P("marked_as_not_done_task_ids", "Array of Integer")]),
    Method("addChecklistTasks", [P("chat_id", "Integer|String", True), P("message_id", "Integer", True),
                                 P("tasks", "Array of InputChecklistTask", True)]),
    Method("setChannelDirectMessages", [P("chat_id", "Integer|String", True), P("enabled", "Boolean"),
                                        P("star_count", "Integer")]),
]

# The admin methods and test controls of USER-API.md.
ADMIN = [
    Method("createUser", [P("first_name", required=True), P("last_name"), P("username"), P("language_code"),
                          P("is_premium", "Boolean")]),
    Method("createBot", [P("username", required=True), P("first_name", required=True),
                         P("can_join_groups", "Boolean"), P("can_read_all_group_messages", "Boolean"),
                         P("supports_inline_queries", "Boolean"), P("owner_user_id", "Integer"),
                         P("inline_feedback", "Boolean"), P("inline_placeholder"),
                         P("can_connect_to_business", "Boolean")]),
    Method("revokeToken", [P("user_id", "Integer", True)]),
    Method("getUsers", [P("offset", "Integer"), P("limit", "Integer"), P("is_bot", "Boolean")]),
    Method("deleteUser", [P("user_id", "Integer", True)]),
    Method("editBot", [P("user_id", "Integer", True), P("first_name"), P("can_join_groups", "Boolean"),
                       P("can_read_all_group_messages", "Boolean"), P("supports_inline_queries", "Boolean"),
                       P("inline_feedback", "Boolean"), P("inline_placeholder")]),
    Method("addStars", [P("user_id", "Integer", True), P("amount", "Integer", True)]),
    Method("createGame", [P("bot_id", "Integer", True), P("short_name", required=True), P("title"),
                          P("description"), P("photo", "InputFile|String")]),
    Method("advanceTime", [P("seconds", "Integer", True)]),
    Method("getTime", []),
    Method("saveSnapshot", [P("name", required=True)]),
    Method("restoreSnapshot", [P("name", required=True)]),
    Method("listSnapshots", []),
    Method("injectFault", [P("method", required=True), P("error_code", "Integer", True), P("description"),
                           P("retry_after", "Integer"), P("count", "Integer"), P("bot_id", "Integer")]),
    Method("createGift", [P("star_count", "Integer", True), P("upgrade_star_count", "Integer"),
                          P("total_count", "Integer"), P("title"), P("emoji"), P("sticker", "InputFile|String"),
                          P("color")]),
    Method("getBotCallLog", [P("bot_id", "Integer"), P("bot_username"), P("offset", "Integer"), P("limit", "Integer")]),
    Method("getWebAppPublicKey", []),
    Method("setBotQuerySupport", [P("user_id", "Integer", True), P("supports_guest_queries", "Boolean"),
                                  P("supports_join_request_queries", "Boolean")]),
    Method("setBotVerifier", [P("user_id", "Integer", True), P("company"),
                              P("can_modify_custom_description", "Boolean")]),
    Method("setManagedBot", [P("user_id", "Integer", True), P("manager_bot_id", "Integer")]),
]

# Parameters for a user-only or admin method the server serves (its /openapi.json lists it)
# but the lists above do not know yet: it is still fuzzed, with the parameters most methods
# of those surfaces take, and named in the summary so someone adds its real list.
COMMON_PARAMS = [P("chat_id", "Integer|String"), P("user_id", "Integer"), P("bot_id", "Integer"), P("bot_username"),
                 P("message_id", "Integer"), P("text"), P("offset", "Integer"), P("limit", "Integer")]

# Methods that wait for something (long polls, a bot's answer): their `timeout` is kept small
# unless it is the fuzzed parameter, and then a wait longer than the request timeout is fine.
WAITING = {"getUpdates": 0.0, "sendCallbackQuery": 10.0, "sendInlineQuery": 10.0, "payInvoice": 10.0}

# Admin methods that would destroy the world's accounts: real ids given to them are replaced
# by ids of throw-away accounts.
DESTRUCTIVE_ADMIN = {"revokeToken", "deleteUser", "editBot"}

# Admin methods that would put the world back in time: a well-formed name given to them is
# the snapshot saved after the newest world generation was built, so every account the
# fuzzer holds survives the restore (a misspelt one just finds no snapshot).
WORLD_RESTORES = {"restoreSnapshot"}

# ----- values ------------------------------------------------------------------------------------

EXTREME_INTS = [
    "9223372036854775808", "-9223372036854775808", "9223372036854775807", "-9223372036854775807",
    "18446744073709551616", "18446744073709551615", "1" + "0" * 30, "-1" + "0" * 30, "-0", "0", "-1",
    "2147483647", "2147483648", "-2147483649", "4294967296", "4503599627370496", "9007199254740993",
    "+1", "1e3", "0x1F", " 7", "7 ", "12abc", "\u0663", "\uff11\uff12", "-", "--1", "1.5", "9" * 400,
]
EXTREME_FLOATS = [
    "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-Infinity", "1e308", "1e309", "-1e308", "-1e-320",
    "4.9e-324", "0x1p10", "1e", "-0.0", "1_000", "9" * 400, "1e-400",
]
# Raw JSON tokens, valid and not, for the JSON encoding.
JSON_TOKENS = [
    b"9223372036854775808", b"-9223372036854775808", b"9223372036854775807", b"18446744073709551616",
    b"1" + b"0" * 30, b"-0", b"1e308", b"1e999", b"-1e-320", b"NaN", b"Infinity", b"-Infinity", b"1.5",
    b"true", b"false", b"null", b"[]", b"{}", b'""', b'"\\u0000"', b'"\\ud800"', b"-", b"01", b"1e",
]
HUGE = 1 << 20
BAD_UTF8 = [b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"a\x80b", b"\xf4\x90\x80\x80", b"\xe2\x82"]


def jstr(raw: bytes) -> bytes:
    """A JSON string literal of `raw`, escaping only what JSON needs, so invalid UTF-8 stays
    invalid on purpose."""
    out = bytearray(b'"')
    for b in raw:
        if b == 0x22:
            out += b'\\"'
        elif b == 0x5C:
            out += b"\\\\"
        elif b < 0x20:
            out += b"\\u%04x" % b
        else:
            out.append(b)
    out += b'"'
    return bytes(out)


@dataclass
class Value:
    """One parameter value: its text (as every form encoding carries it) and its JSON
    fragment (for JSON bodies)."""
    text: bytes
    json: bytes | None = None  # default: the text as a JSON string

    def as_json(self) -> bytes:
        return self.json if self.json is not None else jstr(self.text)


def tv(s: str | bytes) -> Value:
    return Value(s if isinstance(s, bytes) else s.encode())


def jv(obj) -> Value:
    """A structured value: JSON text in form encodings, native JSON in JSON bodies."""
    raw = json.dumps(obj, separators=(",", ":")).encode()
    return Value(raw, raw)


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    raw = b"".join(b"\x00" + b"\x7f\x20\x99" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# ----- HTTP over raw sockets ---------------------------------------------------------------------


class NoAnswer(Exception):
    pass


class Hang(Exception):
    pass


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def read_answer(sock: socket.socket, deadline: float, head_request: bool = False) -> tuple[Answer, bool]:
    """Reads one HTTP response. Returns it and whether the connection may be reused."""
    buf = b""

    def fill() -> bool:
        nonlocal buf
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise Hang()
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            raise Hang() from None
        except (ConnectionResetError, BrokenPipeError):
            return False
        if not chunk:
            return False
        buf += chunk
        return True

    while b"\r\n\r\n" not in buf:
        if not fill():
            raise NoAnswer(f"connection closed after {len(buf)} bytes of response")
    head, buf = buf.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    status = int(parts[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    keep = headers.get("connection", "").lower() != "close"
    if head_request or status in (204, 304) or 100 <= status < 200:
        return Answer(status, headers, b""), keep
    if "content-length" in headers:
        n = int(headers["content-length"])
        while len(buf) < n:
            if not fill():
                raise NoAnswer("connection closed inside the response body")
        return Answer(status, headers, buf[:n]), keep
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while True:
            while b"\r\n" not in buf:
                if not fill():
                    raise NoAnswer("connection closed inside a chunked body")
            size_line, buf = buf.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0], 16)
            while len(buf) < size + 2:
                if not fill():
                    raise NoAnswer("connection closed inside a chunk")
            body += buf[:size]
            buf = buf[size + 2:]
            if size == 0:
                return Answer(status, headers, body), keep
    while fill():
        pass
    return Answer(status, headers, buf), False


class Client:
    """One keep-alive connection, reopened when the server closes it."""

    def __init__(self, port: int):
        self.port = port
        self.sock: socket.socket | None = None

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def send(self, raw: bytes, timeout: float, fresh: bool = False, head_request: bool = False) -> Answer:
        if fresh:
            self.close()
        if self.sock is None:
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        deadline = time.monotonic() + timeout
        try:
            try:
                self.sock.sendall(raw)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer (413, 431) and close before reading everything
            answer, keep = read_answer(self.sock, deadline, head_request)
        except BaseException:
            self.close()
            raise
        if not keep or fresh:
            self.close()
        return answer


def build_request(verb: str, target: bytes, headers: list[tuple[str, str]], body: bytes | None,
                  version: str = "HTTP/1.1") -> bytes:
    lines = [verb.encode() + b" " + target + b" " + version.encode(), b"Host: 127.0.0.1"]
    for k, v in headers:
        lines.append(f"{k}: {v}".encode("latin-1"))
    if body is not None and not any(k.lower() in ("content-length", "transfer-encoding") for k, _ in headers):
        lines.append(b"Content-Length: " + str(len(body)).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")


def urlencode(pairs: list[tuple[bytes, bytes]]) -> bytes:
    return b"&".join(quote_from_bytes(k, safe=b"").encode() + b"=" + quote_from_bytes(v, safe=b"").encode()
                     for k, v in pairs)


def multipart(pairs: list[tuple[bytes, bytes]], files: list[tuple[str, str, str, bytes]], boundary: bytes) -> bytes:
    out = bytearray()
    for k, v in pairs:
        out += b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + k + b'"\r\n\r\n' + v + b"\r\n"
    for fieldname, filename, ctype, data in files:
        out += (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + fieldname.encode()
                + b'"; filename="' + filename.encode() + b'"\r\nContent-Type: ' + ctype.encode() + b"\r\n\r\n"
                + data + b"\r\n")
    out += b"--" + boundary + b"--\r\n"
    return bytes(out)


# ----- the server process ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary: Path, root: Path):
        self.binary = binary
        self.root = root
        self.data = root / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.admin_token = "fuzzadmin" + os.urandom(8).hex()
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    @property
    def log_path(self) -> Path:
        return self.root / f"server-{self.starts}.log"

    def start(self) -> None:
        setpriv = shutil.which("setpriv")
        prefix = [setpriv, "--pdeathsig", "KILL", "--"] if setpriv and sys.platform.startswith("linux") else []
        env = dict(os.environ)
        env["BOTAPI_ADMIN_TOKEN"] = self.admin_token  # not on the command line, where `ps` shows it
        # A short backtrace of the crashed thread, with file:line, on a trap.
        env.setdefault("SWIFT_BACKTRACE",
                       "enable=yes,interactive=no,color=no,threads=crashed,registers=none,images=none,limit=30")
        for attempt in range(50):
            self.starts += 1
            with open(self.log_path, "wb") as log:
                self.proc = subprocess.Popen(
                    prefix + [str(self.binary), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                              "--data-dir", str(self.data)],
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and self.proc.poll() is None:
                if self.healthy(1):
                    return
                time.sleep(0.05)
            self.kill()
            time.sleep(0.2)  # the port may still be held by the previous process
        raise SystemExit(f"fuzz: botapi did not start; log:\n{self.log_tail()}")

    def healthy(self, timeout: float = 5) -> bool:
        try:
            answer = Client(self.port).send(build_request("GET", b"/health", [], None), timeout, fresh=True)
            return answer.status == 200
        except (OSError, NoAnswer, Hang):
            return False

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait(30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def wait_dead(self, timeout: float = 60) -> None:
        """Waits for a crashing process to finish writing its backtrace."""
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def trap_summary(self) -> tuple[str, list[str]]:
        """The crash reason and the frames in this repository's sources, from the log."""
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        reason = ""
        for line in text.splitlines():
            if "Fatal error" in line or "Program crashed" in line or "runtime failure" in line.lower():
                reason = reason or line.strip()
        frames = []
        for m in re.finditer(r"(\S*/(?:Sources|Tests)/[^\s:]+\.swift):(\d+)", text):
            path = m.group(1)
            short = path[path.find("Sources/"):] if "Sources/" in path else path
            entry = f"{short}:{m.group(2)}"
            if entry not in frames:
                frames.append(entry)
        return reason or "(no reason printed)", frames[:8]


# ----- the world ---------------------------------------------------------------------------------


class CallFailed(Exception):
    pass


@dataclass
class World:
    bots: list[dict] = field(default_factory=list)      # {"id", "token", "username"}
    users: list[dict] = field(default_factory=list)
    victims: list[int] = field(default_factory=list)    # throw-away accounts for destructive admin calls
    chats: list[int] = field(default_factory=list)      # group, supergroup, forum, channel ids
    usernames: list[str] = field(default_factory=list)
    message_ids: list[int] = field(default_factory=lambda: [1, 2, 3])
    file_ids: list[str] = field(default_factory=list)
    invite_links: list[str] = field(default_factory=list)
    callback_data: list[str] = field(default_factory=list)
    protected: set[int] = field(default_factory=set)
    snapshots: list[str] = field(default_factory=list)   # saved after each generation was built


class Fuzzer:
    def __init__(self, args, server: Server, methods: list[Method], spec_types: dict):
        self.args = args
        self.server = server
        self.rng = random.Random(args.seed)
        self.client = Client(server.port)
        self.spec_types = spec_types
        self.world = World()
        self.generation = 0
        self.bot_methods = methods
        self.calls = 0
        self.per_encoding: dict[str, int] = {}
        self.covered: set[tuple[str, str]] = set()
        self.findings: dict[str, dict] = {}
        self.crashes = 0
        self.exclude = {v.encode() for v in args.exclude_value}
        self.findings_dir = server.root / "findings"
        self.png = tiny_png()
        self.slowest: list[tuple[float, str, int]] = []
        self.outcomes: dict[str, int] = {}
        self.unimplemented: set[tuple[str, str]] = set()

    # ----- plain calls for building the world ---------------------------------------------------

    def call(self, surface: str, token: str, method: str, **params) -> object:
        pairs = []
        for k, v in params.items():
            if v is None:
                continue
            if isinstance(v, bool):
                v = "true" if v else "false"
            elif isinstance(v, (dict, list)):
                v = json.dumps(v)
            pairs.append((k.encode(), str(v).encode()))
        body = urlencode(pairs)
        raw = build_request("POST", f"/{surface}{token}/{method}".encode(),
                            [("Content-Type", "application/x-www-form-urlencoded")], body)
        answer = self.client.send(raw, 30)
        envelope = json.loads(answer.body)
        if not envelope.get("ok"):
            raise CallFailed(f"{method}: {envelope}")
        return envelope["result"]

    def upload(self, surface: str, token: str, method: str, field_name: str, data: bytes, filename: str,
               **params) -> dict:
        pairs = [(k.encode(), (json.dumps(v) if isinstance(v, (dict, list)) else str(v)).encode())
                 for k, v in params.items()]
        boundary = b"worldboundary"
        body = multipart(pairs, [(field_name, filename, "application/octet-stream", data)], boundary)
        raw = build_request("POST", f"/{surface}{token}/{method}".encode(),
                            [("Content-Type", "multipart/form-data; boundary=worldboundary")], body)
        envelope = json.loads(self.client.send(raw, 30).body)
        if not envelope.get("ok"):
            raise CallFailed(f"{method}: {envelope}")
        return envelope["result"]

    def admin(self, method: str, **params):
        return self.call("admin", self.server.admin_token, method, **params)

    def build_world(self) -> None:
        """A small world, so calls reach deep code. A new generation every so often, as the
        fuzzing wears the previous one down (blocked bots, bans, deleted messages...)."""
        self.generation += 1
        g = self.generation
        w = self.world
        tag = f"g{g}x{self.args.seed}"
        users = [self.admin("createUser", first_name=n, username=f"{n.lower()}_{tag}", language_code="en")
                 for n in ("Alice", "Bob", "Carol")]
        bots = [self.admin("createBot", username=f"fuzz{i}_{tag}_bot", first_name=f"Fuzz {i}",
                           can_read_all_group_messages=(i == 0), supports_inline_queries=True)
                for i in range(2)]
        for i in range(3):
            victim = self.admin("createUser", first_name=f"Victim{i}")
            w.victims.append(victim["user"]["id"])
        victim_bot = self.admin("createBot", username=f"victim_{tag}_bot", first_name="Victim bot")
        w.victims.append(victim_bot["user"]["id"])
        alice, bob, carol = ({"id": u["user"]["id"], "token": u["token"], "username": u["user"]["username"]}
                             for u in users)
        bot0, bot1 = ({"id": b["user"]["id"], "token": b["token"], "username": b["user"]["username"]} for b in bots)
        w.users += [alice, bob, carol]
        w.bots += [bot0, bot1]
        for account in (alice, bob, carol, bot0, bot1):
            w.protected.add(account["id"])
            w.usernames.append(account["username"])
        A, B = alice["token"], bot0["token"]
        ids = [bob["id"], carol["id"], bot0["id"], bot1["id"]]
        for user in (alice, bob):
            for bot in (bot0, bot1):
                self.call("user", user["token"], "startBot", bot_id=bot["id"], parameter="fuzz")
        group = self.call("user", A, "createChat", type="group", title=f"Group {tag}", member_ids=ids)
        supergroup = self.call("user", A, "createChat", type="supergroup", title=f"Super {tag}", member_ids=ids,
                               username=f"super_{tag}")
        forum = self.call("user", A, "createChat", type="supergroup", title=f"Forum {tag}", member_ids=ids,
                          is_forum=True)
        channel = self.call("user", A, "createChat", type="channel", title=f"Channel {tag}",
                            member_ids=[bob["id"], bot0["id"]], username=f"chan_{tag}")
        chats = [group["id"], supergroup["id"], forum["id"], channel["id"]]
        w.chats += chats
        w.usernames += [f"super_{tag}", f"chan_{tag}"]
        common = ("can_manage_chat", "can_delete_messages", "can_restrict_members", "can_promote_members",
                  "can_change_info", "can_invite_users")
        for chat, extra in ((supergroup["id"], ("can_pin_messages",)),
                            (forum["id"], ("can_pin_messages", "can_manage_topics")),
                            (channel["id"], ("can_post_messages", "can_edit_messages"))):
            for rights in (common + extra, ("can_manage_chat", "can_delete_messages", "can_invite_users")):
                try:
                    self.call("user", A, "promoteChatMember", chat_id=chat, user_id=bot0["id"],
                              **{k: True for k in rights})
                    break
                except CallFailed as exc:
                    if self.args.verbose:
                        print(f"fuzz: world: {exc}")
        keyboard = {"inline_keyboard": [[{"text": "Press", "callback_data": f"cb_{tag}"},
                                         {"text": "Link", "url": "https://t.me/fuzz"}]]}
        w.callback_data.append(f"cb_{tag}")
        for chat in (alice["id"], group["id"], supergroup["id"], channel["id"]):
            for result in (
                self.call("bot", B, "sendMessage", chat_id=chat, text="<b>hello</b> world", parse_mode="HTML",
                          reply_markup=keyboard),
                self.upload("bot", B, "sendPhoto", "photo", self.png, "p.png", chat_id=chat, caption="photo"),
                self.upload("bot", B, "sendDocument", "document", b"fuzz document\n", "d.txt", chat_id=chat),
            ):
                w.message_ids.append(result["message_id"])
                if "photo" in result:
                    w.file_ids.append(result["photo"][-1]["file_id"])
                if "document" in result:
                    w.file_ids.append(result["document"]["file_id"])
        for chat in (group["id"], supergroup["id"]):
            poll = self.call("bot", B, "sendPoll", chat_id=chat, question="Q?", options=["a", "b", "c"],
                             is_anonymous=False)
            w.message_ids.append(poll["message_id"])
            sent = self.call("user", A, "sendMessage", chat_id=chat, text=f"/start@{bot0['username']} hi @{bob['username']}")
            w.message_ids.append(sent["message_id"])
        w.message_ids.append(self.call("user", A, "sendMessage", chat_id=bot0["id"], text="hi bot")["message_id"])
        self.call("bot", B, "sendLocation", chat_id=alice["id"], latitude=1.5, longitude=2.5, live_period=600)
        for chat in (supergroup["id"], channel["id"]):
            link = self.call("bot", B, "createChatInviteLink", chat_id=chat, name="fuzz")
            w.invite_links.append(link["invite_link"])
        self.admin("saveSnapshot", name=f"fuzz_{tag}")
        w.snapshots.append(f"fuzz_{tag}")

    # ----- value generation ----------------------------------------------------------------------

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def recent(self, seq, newest: int):
        """Mostly one of the newest generation's `newest` items (they know each other), else any."""
        if len(seq) > newest and self.rng.random() < 0.7:
            return self.pick(seq[-newest:])
        return self.pick(seq)

    def good_value(self, param: Param, method: str, surface: str, depth: int = 0) -> Value:
        w, r, name = self.world, self.rng, param.name
        t = param.types[0]
        if name in ("chat_id", "from_chat_id", "sender_chat_id"):
            if r.random() < 0.15:
                return tv("@" + self.recent(w.usernames, 7))
            if r.random() < 0.6:
                return tv(str(self.recent(w.chats, 4)))
            return tv(str(self.recent([u["id"] for u in w.users] if surface == "bot" else [b["id"] for b in w.bots],
                                      3 if surface == "bot" else 2)))
        if name == "name" and method in WORLD_RESTORES and w.snapshots:
            return tv(w.snapshots[-1])
        if name in ("user_id", "bot_id", "owner_user_id"):
            if method in DESTRUCTIVE_ADMIN and w.victims:
                return tv(str(self.pick(w.victims)))
            return tv(str(self.pick([u["id"] for u in w.users] + [b["id"] for b in w.bots])))
        if name in ("bot_username",):
            return tv(self.pick([b["username"] for b in w.bots]))
        if name.endswith("message_id") or name == "message_thread_id":
            return tv(str(self.pick(w.message_ids)))
        if name == "message_ids":
            return jv(r.sample(w.message_ids, min(len(w.message_ids), r.randint(1, 5))))
        if name in ("member_ids",):
            return jv([self.pick([u["id"] for u in w.users])])
        if name in ("option_ids",):
            return jv(r.sample([0, 1, 2], r.randint(0, 2)))
        if name == "data":
            return tv(self.pick(w.callback_data or ["x"]))
        if name == "invite_link":
            return tv(self.pick(w.invite_links or ["https://t.me/+x"]))
        if name == "parse_mode":
            return tv(self.pick(["HTML", "MarkdownV2", "Markdown", "html", ""]))
        if name == "timeout":
            return tv(self.pick(["0", "1", "0.5"]))
        if name == "type" and method == "createChat":
            return tv(self.pick(["group", "supergroup", "channel"]))
        if name in ("text", "caption", "question", "explanation"):
            return tv(self.pick(["hello", "<b>bold</b> <a href=\"tg://user?id=1\">x</a>", "*bold* _it_ `c`",
                                 "||s|| ~x~ __u__", "/start", "#tag @durov https://t.me/x", "\u0416\U0001F600"]))
        if "InputFile" in param.types:
            roll = r.random()
            if roll < 0.4 and w.file_ids:
                return tv(self.pick(w.file_ids))
            if roll < 0.7:
                return Value(b"@upload")  # replaced by a multipart part (or attach://) when encoding
            return tv(self.pick(["attach://file0", "http://127.0.0.1:1/x.png", "not-a-file-id"]))
        if t == "Integer":
            return tv(str(r.choice([0, 1, 2, 5, 10, 60, 100, r.randint(-5, 1000)])))
        if t == "Float":
            return tv(str(r.choice([0.0, 1.5, -45.25, 90.0, 179.9, r.uniform(-200, 200)])))
        if t in ("Boolean", "True"):
            return tv(r.choice(["true", "false", "1", "0"]))
        if t == "String":
            if name in ("url", "webhook_url"):  # fetched or called by the server: loopback only
                return tv(r.choice(["http://127.0.0.1:1/hook", "https://127.0.0.1:1/", "ftp://x"]))
            return tv(r.choice(["x", "hello", "fuzz", "en", "\U0001F44D", "5368324170671202286"]))
        return jv(self.good_json(t, depth))

    def good_json(self, t: str, depth: int = 0):
        """A plausible JSON value of spec type `t`, from the spec when it is available."""
        r = self.rng
        if t.startswith("Array of "):
            inner = t[len("Array of "):]
            return [self.good_json(inner, depth + 1) for _ in range(r.randint(0, 3 if depth < 3 else 0))]
        if t == "Integer":
            return r.choice([0, 1, 2, 5, self.pick(self.world.message_ids)])
        if t == "Float":
            return r.choice([0.5, 1.0, 12.25])
        if t in ("Boolean", "True"):
            return r.random() < 0.5
        if t in ("String", "InputFile"):
            # No outside URLs: a file field given one would be fetched.
            return r.choice(["x", "bold", "tg://user?id=1", "attach://file0", "cb", "http://127.0.0.1:1/f",
                             self.pick(self.world.file_ids or ["x"])])
        spec = self.spec_types.get(t)
        if t == "MessageEntity" or (spec is None and t.endswith("Entity")):
            return {"type": r.choice(["bold", "italic", "text_link", "code", "pre", "custom_emoji", "text_mention"]),
                    "offset": r.randint(0, 3), "length": r.randint(1, 3), "url": "https://t.me/x",
                    "user": {"id": 1, "is_bot": False, "first_name": "A"}, "custom_emoji_id": "1"}
        if spec is None or depth > 4:
            return {}
        if spec.get("subtypes"):
            return self.good_json(r.choice(spec["subtypes"]), depth + 1)
        obj = {}
        for f in spec.get("fields", []):
            if f.get("required") or r.random() < 0.3:
                const = f.get("constraints", {}).get("const")
                if const is None and f["name"] in ("type", "source", "status") and spec.get("subtype_of"):
                    # A union member's tag (10.1 lacks some consts): InputMediaPhoto -> "photo".
                    parent = max((p for p in spec["subtype_of"] if t.startswith(p)), key=len, default="")
                    const = re.sub(r"(?<!^)(?=[A-Z])", "_", t.removeprefix(parent)).lower() or None
                obj[f["name"]] = const if const is not None else self.good_json(r.choice(f["types"]), depth + 1)
        return obj

    def evil_scalar(self, t: str) -> Value:
        r = self.rng
        roll = r.random()
        if t == "Integer" and roll < 0.6:
            v = self.pick(EXTREME_INTS)
            return Value(v.encode(), v.encode() if r.random() < 0.5 and re.fullmatch(r"-?\d+", v) else None)
        if t == "Float" and roll < 0.6:
            v = self.pick(EXTREME_FLOATS)
            return Value(v.encode(), None if r.random() < 0.5 else self.pick(JSON_TOKENS))
        return self.evil_string()

    def evil_string(self) -> Value:
        r = self.rng
        k = r.randrange(12)
        if k == 0:
            return tv(b"A" * self.pick([4097, 65536, HUGE, HUGE + 1]))
        if k == 1:
            return tv(self.pick(BAD_UTF8) * r.randint(1, 50))
        if k == 2:
            return tv(b"a\x00b" if r.random() < 0.5 else b"\x00")
        if k == 3:
            return tv(self.pick(["", " ", "\r\n", "\u202e", "\U0001F600" * 5000, "\u0301" * 3000, "@", "@" * 40,
                                 "%00", "%", "null", "true", "[]", "{}", "\\", "\"", "'", "`"]))
        if k == 4:
            return tv(self.pick(["attach://", "attach://nothing", "attach://" + "x" * 2000, "file:///etc/passwd",
                                 "http://127.0.0.1:1/x", "http://[::1]:1/", "tg://user?id=-1"]))
        if k == 5:
            return tv(self.pick(["<b>" * 3000, "<a href=\"" + "x" * 5000 + "\">x</a>", "*" * 5000, "[" * 5000,
                                 "```" * 1000, "\\" * 999, "&#99999999999;", "&#x110000;", "<tg-emoji emoji-id=\"-9223372036854775808\">x</tg-emoji>",
                                 "<tg-time unix=\"99999999999999999999\">x</tg-time>", "![x](tg://emoji?id=99999999999999999999)"]))
        if k == 6:
            v = self.pick(JSON_TOKENS)
            return Value(v, v)
        if k == 7:
            d = nested(self.pick([100, 1000, 10000]))
            return Value(d, d)
        if k == 8:
            v = self.pick(EXTREME_INTS)
            return Value(v.encode(), v.encode() if re.fullmatch(r"-?\d+", v) else None)
        if k == 9:
            v = self.pick(EXTREME_FLOATS)
            return tv(v)
        if k == 10:
            return tv(bytes(r.randrange(256) for _ in range(r.randint(1, 64))))
        return tv(self.pick(["-9223372036854775808", "@" + self.pick(self.world.usernames or ["x"]),
                             str(self.pick(self.world.chats or [0]))]))

    def evil_json(self, t: str) -> Value:
        """A structured value of the wrong shape, or the right shape with one evil leaf."""
        r = self.rng
        k = r.randrange(8)
        if k == 0:
            v = self.pick([b"[]", b"{}", b"null", b"1", b'"s"', b"[1,", b'{"a":', b"[null]", b"[[]]", b"[{}]",
                           b'{"type":null}', b"\xff", b'{"inline_keyboard":[[{"text":"x"}]]}',
                           b'{"inline_keyboard":"x"}', b'{"keyboard":[[1]]}', b'[{"type":"bold","offset":-1,"length":5}]'])
            return Value(v, v)
        if k == 1:
            d = self.pick([b"[" * 10000, nested(10000), b'{"a":' * 5000 + b"1" + b"}" * 5000,
                           b'{"inline_keyboard":' + nested(5000) + b"}"])
            return Value(d, d)
        if k == 2:
            n = self.pick([1000, 100000])
            body = b"[" + b",".join([b"1"] * n) + b"]"
            return Value(body, body)
        if k == 3:
            # The right shape, with extreme numbers in every integer field.
            obj = self.good_json(t)
            raw = json.dumps(obj).encode()
            raw = re.sub(rb"(?<![\w\"])-?\d+(?![\w\"])", lambda m: self.pick(JSON_TOKENS[:12]), raw)
            return Value(raw, raw)
        if k == 4:
            raw = json.dumps(self.good_json(t)).encode()
            raw = re.sub(rb'"([^"\\]*)"(?=\s*[,}\]])', lambda m: jstr(self.evil_string().text[:5000]), raw, count=2)
            return Value(raw, raw)
        if k == 5:
            ent = {"type": r.choice(["bold", "text_link", "pre", "custom_emoji", "text_mention", "date_time", "x"]),
                   "offset": r.choice([-1, 0, 2**31, 2**63 - 1, -(2**63)]), "length": r.choice([0, 1, 2**31, 2**63 - 1]),
                   "url": r.choice(["", "x", "tg://user?id=-9223372036854775808"]),
                   "custom_emoji_id": r.choice(["", "-1", "99999999999999999999"]),
                   "user": {"id": r.choice([-(2**63), 0, 2**63 - 1]), "is_bot": False, "first_name": ""},
                   "unix_time": r.choice([-(2**63), 2**63 - 1])}
            raw = json.dumps([ent] * r.choice([1, 2, 1000])).encode()
            return Value(raw, raw)
        if k == 6:
            rows, columns = r.choice([1, 8, 101]), r.choice([1, 8, 101])
            data = "x" * r.choice([1, 64, 65] + ([3000] if rows * columns < 100 else []))
            kb = {"inline_keyboard": [[{"text": "b", "callback_data": data}] * columns] * rows}
            raw = json.dumps(kb).encode()
            return Value(raw, raw)
        return self.evil_string()

    def evil_value(self, param: Param) -> Value:
        t = self.pick(param.types)
        if t in ("Integer", "Float", "Boolean", "True", "String", "InputFile"):
            return self.evil_scalar(t)
        return self.evil_json(t) if self.rng.random() < 0.8 else self.evil_scalar("String")

    # ----- one fuzzed call ------------------------------------------------------------------

    def token_for(self, surface: str) -> tuple[str, str]:
        r, w = self.rng, self.world
        roll = r.random()
        if roll < 0.02:
            return self.pick(["", "0:x", "1:" + "A" * 40, "abc", "%FF:%00", "-1:aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                              "9223372036854775808:" + "A" * 30, "1" * 100 + ":x"]), "bad"
        if surface == "admin":
            return self.server.admin_token, "admin"
        accounts = w.bots if surface == "bot" else w.users
        if roll < 0.04:  # the other surface's token
            accounts = w.users if surface == "bot" else w.bots
        newest = 2 if accounts is w.bots else 3
        index = len(accounts) - 1 - r.randrange(newest) if r.random() < 0.7 else r.randrange(len(accounts))
        return accounts[index]["token"], f"{'bot' if accounts is w.bots else 'user'}#{index}"

    def fuzz_call(self, surface: str, method: Method, encoding: str) -> None:
        r = self.rng
        chosen: list[tuple[Param, bool]] = []
        for p in method.params:
            if r.random() < (0.9 if p.required else 0.35):
                chosen.append((p, False))
        mode = r.random()
        if chosen and mode < 0.85:
            for index in r.sample(range(len(chosen)), min(len(chosen), r.choice([1, 1, 2]))):
                chosen[index] = (chosen[index][0], True)
        elif mode < 0.9:
            chosen = [(p, True) for p, _ in chosen]
        elif method.params:
            evil = self.pick(method.params)
            chosen = [(p, e) for p, e in chosen if p.name != evil.name] + [(evil, True)]
        pairs: list[tuple[bytes, Value]] = []
        fuzzed_timeout = False
        for p, evil in chosen:
            value = self.evil_value(p) if evil else self.good_value(p, method.name, surface)
            if evil and p.name == "timeout":
                fuzzed_timeout = True
            if value.text in self.exclude or (value.json is not None and value.json in self.exclude):
                value = self.good_value(p, method.name, surface)
            if method.name in DESTRUCTIVE_ADMIN and p.name == "user_id" and surface == "admin":
                if lenient_int(value.text) in self.world.protected:
                    value = tv(str(self.pick(self.world.victims)))
            if method.name == "injectFault" and p.name == "error_code" and surface == "admin":
                # A 5xx the fuzzer injected would be answered on purpose, not found: only
                # client errors and values the server refuses.
                value = tv(self.pick(["400", "403", "409", "429", "200", "600", "", "x", "-1", "99999999999999999999"]))
            pairs.append((p.name.encode(), value))
        name = method.name
        if method.name in WAITING and not any(p.name == "timeout" for p, _ in chosen):
            pairs.append((b"timeout", tv(self.pick(["0", "1"]))))
        if r.random() < 0.05:
            pairs.append((self.pick([b"", b"x", b"\xff", b"chat_id", b"a" * 300, b"method"]), self.evil_string()))
        if r.random() < 0.05:
            name = self.pick([name.upper(), name.lower(), name + "/x", name + "%00", "test/" + name])
        token, who = self.token_for(surface)
        wait = WAITING.get(method.name)
        self.send_params(surface, token, who, name, pairs, encoding, waiting=wait is not None and fuzzed_timeout)
        self.covered.add((surface, method.name))

    def send_params(self, surface: str, token: str, who: str, name: str, pairs: list[tuple[bytes, Value]],
                    encoding: str, waiting: bool) -> None:
        r = self.rng
        files: list[tuple[str, str, str, bytes]] = []
        substituted: list[tuple[bytes, Value]] = []
        for k, v in pairs:
            if v.text == b"@upload":
                if encoding == "multipart":
                    files.append((k.decode(errors="replace"), "f.png", "image/png", self.png))
                    continue
                v = tv(self.pick(self.world.file_ids or ["x"]))
            substituted.append((k, v))
        pairs = substituted
        text_pairs = [(k, v.text) for k, v in pairs]
        if encoding == "multipart" and r.random() < 0.3:
            files.append(("file0", "file0.bin", "application/octet-stream", b"\x00\x01fuzz" * r.randint(1, 100)))
        path = f"/{surface}".encode() + quote_from_bytes(token.encode(), safe=b":").encode() + b"/" + name.encode()
        query_len = sum(len(k) + len(v) * 3 for k, v in text_pairs)
        if encoding == "query" and query_len > self.args.max_query:
            encoding = "form"  # request lines over 256 KiB get a bare 431, tested with the HTTP limits
        if encoding == "query":
            raw = build_request(r.choice(["GET", "POST"]), path + b"?" + urlencode(text_pairs), [], None)
        elif encoding == "form":
            raw = build_request("POST", path, [("Content-Type", "application/x-www-form-urlencoded")],
                                urlencode(text_pairs))
        elif encoding == "json":
            members = [jstr(k) + b":" + v.as_json() for k, v in pairs]
            raw = build_request("POST", path, [("Content-Type", "application/json")],
                                b"{" + b",".join(members) + b"}")
        else:
            boundary = b"fuzz" + str(r.randrange(10**9)).encode()
            raw = build_request("POST", path, [("Content-Type", "multipart/form-data; boundary=" + boundary.decode())],
                                multipart(text_pairs, files, boundary))
        self.exchange(raw, encoding, f"{surface} {name} ({who}, {encoding})", (surface, name), waiting=waiting)

    # ----- malformed requests ---------------------------------------------------------------

    def malformed(self) -> None:
        r = self.rng
        surface, who = ("bot", "bot#0") if r.random() < 0.7 else ("user", "user#0")
        token = (self.world.bots if surface == "bot" else self.world.users)[0]["token"]
        method = self.pick(["sendMessage", "sendPhoto", "sendMediaGroup", "sendDocument", "getMe", "setWebhook",
                            "editMessageMedia", "setChatPhoto"])
        path = f"/{surface}{token}/{method}".encode()
        chat = str(self.world.users[0]["id"] if surface == "bot" else self.world.bots[0]["id"]).encode()
        B = b"b0undary"
        part = b'--b0undary\r\nContent-Disposition: form-data; name="chat_id"\r\n\r\n' + chat + b"\r\n"
        cases = {
            "multipart without boundary": ("POST", path, [("Content-Type", "multipart/form-data")], part + b"--b0undary--\r\n"),
            "multipart empty boundary": ("POST", path, [("Content-Type", "multipart/form-data; boundary=")], part),
            "multipart boundary too long": ("POST", path, [("Content-Type", "multipart/form-data; boundary=" + "b" * 100)],
                                            b"--" + b"b" * 100 + b"\r\n\r\nx\r\n--" + b"b" * 100 + b"--\r\n"),
            "multipart unclosed quote": ("POST", path, [("Content-Type", 'multipart/form-data; boundary="b0undary')], part),
            "multipart unterminated part": ("POST", path, [("Content-Type", "multipart/form-data; boundary=b0undary")],
                                            part + b'--b0undary\r\nContent-Disposition: form-data; name="text"\r\n\r\nhello'),
            "multipart no closing delimiter": ("POST", path, [("Content-Type", "multipart/form-data; boundary=b0undary")], part),
            "multipart part without headers": ("POST", path, [("Content-Type", "multipart/form-data; boundary=b0undary")],
                                               b"--b0undary\r\n\r\nvalue\r\n--b0undary--\r\n"),
            "multipart not form-data": ("POST", path, [("Content-Type", "multipart/form-data; boundary=b0undary")],
                                        b"--b0undary\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nv\r\n--b0undary--\r\n"),
            "multipart no name": ("POST", path, [("Content-Type", "multipart/form-data; boundary=b0undary")],
                                  b"--b0undary\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nv\r\n--b0undary--\r\n"),
            "multipart unclosed quote in disposition": (
                "POST", path, [("Content-Type", "multipart/form-data; boundary=b0undary")],
                b'--b0undary\r\nContent-Disposition: form-data; name="chat_id\r\n\r\nv\r\n--b0undary--\r\n'),
            "multipart huge part header": (
                "POST", path, [("Content-Type", "multipart/form-data; boundary=b0undary")],
                part + b"--b0undary\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\nX-Big: "
                + b"h" * self.pick([70_000, 300_000]) + b"\r\n\r\n" + self.png + b"\r\n--b0undary--\r\n"),
            "multipart 60 files": (
                "POST", path, [("Content-Type", "multipart/form-data; boundary=b0undary")],
                part + b"".join(b'--b0undary\r\nContent-Disposition: form-data; name="f%d"; filename="f%d.png"\r\n\r\n'
                                % (i, i) + self.png + b"\r\n" for i in range(60)) + b"--b0undary--\r\n"),
            "multipart form part with urlencoded body": (
                "POST", path, [("Content-Type", "multipart/form-data; boundary=b0undary")],
                b"--b0undary\r\nContent-Disposition: form-data; name=\"x\"\r\nContent-Type: application/x-www-form-urlencoded"
                b"\r\n\r\nchat_id=" + chat + b"&text=%FF%00&text=" + nested(1000) + b"\r\n--b0undary--\r\n"),
            "multipart deep json part": (
                "POST", path, [("Content-Type", "multipart/form-data; boundary=b0undary")],
                part + b'--b0undary\r\nContent-Disposition: form-data; name="media"\r\n\r\n' + nested(10000)
                + b"\r\n--b0undary--\r\n"),
            "json deep body": ("POST", path, [("Content-Type", "application/json")], nested(10000)),
            "json deep member": ("POST", path, [("Content-Type", "application/json")],
                                 b'{"chat_id":' + chat + b',"text":"x","reply_markup":' + nested(10000) + b"}"),
            "json deep object": ("POST", path, [("Content-Type", "application/json")], b'{"a":' * 10000),
            "json truncated": ("POST", path, [("Content-Type", "application/json")], b'{"chat_id":' + chat + b',"text":"x'),
            "json top-level array": ("POST", path, [("Content-Type", "application/json")], b"[1,2,3]"),
            "json top-level string": ("POST", path, [("Content-Type", "application/json")], b'"hello"'),
            "json top-level number": ("POST", path, [("Content-Type", "application/json")], b"-9223372036854775808"),
            "json bom": ("POST", path, [("Content-Type", "application/json")], b'\xef\xbb\xbf{"chat_id":' + chat + b"}"),
            "json nan members": ("POST", path, [("Content-Type", "application/json")],
                                 b'{"chat_id":NaN,"latitude":Infinity,"longitude":-Infinity,"text":"\\ud800"}'),
            "json invalid utf8": ("POST", path, [("Content-Type", "application/json")],
                                  b'{"chat_id":' + chat + b',"text":"\xff\xfe\xc0"}'),
            "json duplicate keys": ("POST", path, [("Content-Type", "application/json")],
                                    b'{"chat_id":' + chat + b',"chat_id":"-9223372036854775808","text":"x","text":1}'),
            "text/plain body": ("POST", path, [("Content-Type", "text/plain")], b"chat_id=" + chat),
            "no content type": ("POST", path, [], b"chat_id=" + chat + b"&text=x"),
            "gzip garbage": ("POST", path, [("Content-Type", "application/x-www-form-urlencoded"),
                                            ("Content-Encoding", "gzip")], b"\x1f\x8b garbage"),
            "unknown content encoding": ("POST", path, [("Content-Type", "application/x-www-form-urlencoded"),
                                                        ("Content-Encoding", "br")], b"chat_id=1"),
            "chunked body": ("POST", path, [("Content-Type", "application/x-www-form-urlencoded"),
                                            ("Transfer-Encoding", "chunked")],
                             b"8\r\nchat_id=\r\n" + b"%x\r\n" % len(chat) + chat + b"\r\n0\r\n\r\n"),
            "bad chunk size": ("POST", path, [("Content-Type", "application/x-www-form-urlencoded"),
                                              ("Transfer-Encoding", "chunked")], b"zz\r\nchat_id=1\r\n0\r\n\r\n"),
            "unsupported transfer encoding": ("POST", path, [("Transfer-Encoding", "gzip")], b""),
            "query with invalid escapes": ("GET", path + b"?chat_id=%ZZ&text=%F&%=%%&&=&text=%FF%FE%00", [], None),
            "query with raw bytes": ("GET", path + b"?chat_id=" + chat + b"&text=\xff\xfe", [], None),
            "empty method, method parameter": ("GET", f"/{surface}{token}/".encode() + b"?method=" + method.encode(), [], None),
            "empty method, evil method parameter": ("GET", f"/{surface}{token}/".encode() + b"?method=%FF%00" + b"x" * 300, [], None),
            "no slash after token": ("GET", f"/{surface}{token}".encode(), [], None),
            "method with slash": ("GET", path + b"/more/%2e%2e", [], None),
            "percent-encoded method": ("GET", f"/{surface}{token}/%FF%00%2F".encode(), [], None),
            "long method": ("GET", f"/{surface}{token}/".encode() + b"m" * 10000, [], None),
            "file path traversal": ("GET", f"/file/{surface}{token}/../../../../etc/passwd".encode(), [], None),
            "file path encoded traversal": ("GET", f"/file/{surface}{token}/%2e%2e/%2e%2e/etc/passwd".encode(), [], None),
            "file path garbage": ("GET", f"/file/{surface}{token}/".encode() + b"%FF%00" * 10, [], None),
            "admin bad token": ("GET", b"/admin%FF/getUsers", [], None),
            "absolute URI": ("GET", b"http://127.0.0.1" + path, [], None),
            "asterisk target": ("OPTIONS", b"*", [], None),
            "PUT": ("PUT", path, [("Content-Type", "application/json")], b"{}"),
            "DELETE": ("DELETE", path, [], None),
            "PATCH": ("PATCH", path, [], b""),
            "CONNECT": ("CONNECT", b"127.0.0.1:1", [], None),
            "HEAD": ("HEAD", path, [], None),
            "HTTP/1.0": ("GET", path + b"?chat_id=" + chat + b"&text=x", [], None),
        }
        label = self.pick(sorted(set(cases) - set(self.args.exclude_case)))
        verb, target, headers, body = cases[label]
        version = "HTTP/1.0" if label == "HTTP/1.0" else "HTTP/1.1"
        raw = build_request(verb, target, headers, body, version)
        self.exchange(raw, "raw", f"raw: {label} ({who}, {method})", None, malformed=True,
                      head_request=(verb == "HEAD"))

    # ----- sending and judging ------------------------------------------------------------------

    def exchange(self, raw: bytes, encoding: str, label: str, covered: tuple[str, str] | None,
                 malformed: bool = False, waiting: bool = False, head_request: bool = False) -> None:
        key = " ".join(covered) if covered else label.split(" (")[0]
        self.calls += 1
        self.per_encoding[encoding] = self.per_encoding.get(encoding, 0) + 1
        timeout = 3.0 if waiting else self.args.request_timeout
        started = time.monotonic()
        try:
            answer = self.client.send(raw, timeout, fresh=malformed, head_request=head_request)
            self.slowest.append((time.monotonic() - started, label, len(raw)))
            self.slowest = sorted(self.slowest, reverse=True)[:10]
        except Hang:
            if not self.server.alive():
                return self.crashed(raw, label)
            if waiting:
                return  # a long wait that the parameter asked for; the server is checked below
            if not self.server.healthy(3):
                if self.dying():
                    return self.crashed(raw, label)
                self.finding("hang", label, raw, f"no answer within {timeout} s; the server stopped answering",
                             key=key)
                self.restart("unresponsive after a hang")
                return
            self.finding("hang", label, raw, f"no answer within {timeout} s", key=key)
            return
        except (NoAnswer, OSError) as exc:
            if self.await_death():
                return self.crashed(raw, label)
            if malformed:
                return  # closing on a request it cannot parse is what the official server does
            self.finding("no answer", label, raw, str(exc), key=key)
            return
        if waiting and not self.server.alive():
            return self.crashed(raw, label)
        self.outcomes[outcome(answer)] = self.outcomes.get(outcome(answer), 0) + 1
        if covered and answer.status in (404, 501) and b"ot Found: method not found" in answer.body \
                or covered and answer.status == 501:
            self.unimplemented.add(covered)
        problem = judge(answer, malformed, head_request)
        if problem:
            self.finding(problem, label, raw, f"HTTP {answer.status}: {answer.body[:300]!r}",
                         key=f"{key}|{answer.status}")

    def await_death(self) -> bool:
        """After a dropped connection: has the process died? (It may take a moment.)"""
        for _ in range(5):
            if not self.server.alive():
                return True
            time.sleep(0.02)
        if self.server.healthy(3):
            return False
        return self.dying()

    def dying(self) -> bool:
        """Whether an unresponsive process is on its way out (a trap prints its backtrace
        before the process exits)."""
        try:
            self.server.proc.wait(30)
            return True
        except subprocess.TimeoutExpired:
            return False

    def crashed(self, raw: bytes, label: str) -> None:
        self.crashes += 1
        self.server.wait_dead()
        reason, frames = self.server.trap_summary()
        code = self.server.proc.returncode
        self.finding("crash", label, raw, f"exit {code}: {reason}", frames=frames, key=reason + "|" + ",".join(frames[:2]))
        self.restart(f"crash: {reason}")

    def restart(self, why: str) -> None:
        if self.args.verbose:
            print(f"fuzz: restarting the server ({why})", flush=True)
        self.client.close()
        self.server.kill()
        self.server.start()

    def finding(self, kind: str, label: str, raw: bytes, detail: str, frames: list[str] | None = None,
                key: str | None = None) -> None:
        signature = f"{kind}|{key or label}"
        entry = self.findings.get(signature)
        if entry:
            entry["count"] += 1
            return
        self.findings_dir.mkdir(parents=True, exist_ok=True)
        path = self.findings_dir / f"{len(self.findings) + 1:03d}.http"
        path.write_bytes(raw)
        entry = {"kind": kind, "label": label, "detail": detail, "frames": frames or [], "file": path, "count": 1,
                 "request": raw}
        self.findings[signature] = entry
        print(f"\nFUZZ FAILURE #{len(self.findings)}: {kind}: {label}\n  {detail}", flush=True)
        for frame in frames or []:
            print(f"  at {frame}")
        print(f"  request ({len(raw)} bytes, saved as {path}):\n{show_request(raw, self.world)}", flush=True)

    # ----- the pass -------------------------------------------------------------------------

    def unlisted_methods(self, known: set[tuple[str, str]]) -> list[tuple[str, str]]:
        """The user and admin methods the server describes in /openapi.json that `known` lacks,
        so a method added without a parameter list here is fuzzed all the same."""
        try:
            answer = self.client.send(build_request("GET", b"/openapi.json", [], None), 10)
            paths = json.loads(answer.body)["paths"]
        except (OSError, NoAnswer, Hang, ValueError, KeyError) as exc:
            print(f"fuzz: no /openapi.json to discover methods from ({exc})")
            return []
        found = []
        for path in paths:
            match = re.fullmatch(r"/(user|admin)\{\w+\}/(\w+)", path)
            if match and (match[1], match[2]) not in known:
                found.append((match[1], match[2]))
        return sorted(found)

    def run(self) -> int:
        start = time.monotonic()
        self.build_world()
        world_at = time.monotonic()
        surfaces = [("bot", m) for m in self.bot_methods] + [("user", m) for m in self.bot_methods] \
            + [("user", m) for m in USER_ONLY] + [("bot", m) for m in USER_ONLY[:3]] + [("admin", m) for m in ADMIN]
        unlisted = self.unlisted_methods({(s, m.name) for s, m in surfaces})
        surfaces += [(surface, Method(name, COMMON_PARAMS)) for surface, name in unlisted]
        encodings = ["query", "form", "json", "multipart"]
        # First every method in every encoding, then at random until the time is up.
        schedule = [(s, m, e) for e in encodings for s, m in surfaces]
        deadline = start + self.args.seconds
        index = 0
        while time.monotonic() < deadline and (self.args.max_calls == 0 or self.calls < self.args.max_calls):
            if time.monotonic() - world_at > self.args.world_every:
                try:
                    self.build_world()
                except (CallFailed, NoAnswer, Hang, OSError) as exc:
                    if not self.server.alive():
                        self.crashed(b"(building the world)", "world")
                    elif self.args.verbose:
                        print(f"fuzz: world generation {self.generation} incomplete: {exc}")
                world_at = time.monotonic()
            if index < len(schedule):
                surface, method, encoding = schedule[index]
                index += 1
            elif self.rng.random() < 0.06:
                self.malformed()
                continue
            else:
                surface, method = self.pick(surfaces)
                if (surface, method.name) in self.unimplemented and self.rng.random() < 0.9:
                    continue  # one call in ten is enough for a method that only answers 501/404
                encoding = self.pick(encodings)
            self.fuzz_call(surface, method, encoding)
            if self.args.verbose and self.calls % 1000 == 0:
                print(f"fuzz: {self.calls} calls, {len(self.findings)} findings", flush=True)
        elapsed = time.monotonic() - start
        total_methods = len({(s, m.name) for s, m in surfaces})
        print("\n== fuzz summary")
        print(f"calls: {self.calls} in {elapsed:.1f} s (seed {self.args.seed}, world generations {self.generation})")
        print("per encoding: " + ", ".join(f"{k} {v}" for k, v in sorted(self.per_encoding.items())))
        print(f"methods covered: {len(self.covered)} of {total_methods} (surface, method) pairs")
        if unlisted:
            print(f"fuzzed with common parameters only (add them to USER_ONLY/ADMIN): "
                  + ", ".join(f"{s} {n}" for s, n in unlisted))
        print(f"server restarts after crashes: {self.crashes}")
        successes = sum(v for k, v in self.outcomes.items() if k.startswith("ok"))
        print(f"answers: {successes} successful, {sum(self.outcomes.values()) - successes} errors "
              f"({len(self.outcomes)} distinct outcomes)")
        if self.args.verbose:
            for text, count in sorted(self.outcomes.items(), key=lambda kv: -kv[1])[:40]:
                print(f"  {count:6d} {text}")
            for seconds, label, size in self.slowest:
                print(f"  slow: {seconds:.2f} s {label} ({size} bytes)")
        if self.findings:
            print(f"FAILED: {len(self.findings)} distinct findings:")
            for n, entry in enumerate(self.findings.values(), 1):
                where = f" at {entry['frames'][0]}" if entry["frames"] else ""
                print(f"  {n}. {entry['kind']} x{entry['count']}: {entry['label']}: {entry['detail'][:160]}{where}"
                      f"  [{entry['file']}]")
            return 1
        print("no findings")
        return 0


def judge(answer: Answer, malformed: bool, head_request: bool) -> str | None:
    """What is wrong with an answer, or None."""
    status = answer.status
    if head_request:
        return "5xx" if status >= 500 and status != 501 else None
    try:
        envelope = json.loads(answer.body)
    except (ValueError, UnicodeDecodeError):
        envelope = None
    if not isinstance(envelope, dict) or not isinstance(envelope.get("ok"), bool):
        # Bare HTTP-layer answers the official server gives (behaviour.md §1.1, §1.6).
        if status in (413, 431) or (malformed and status in (400, 415, 501, 505)):
            return None
        return "5xx" if status >= 500 else "not an envelope"
    if envelope["ok"]:
        if status != 200 or "result" not in envelope:
            return "ok envelope with a wrong status"
        return None
    if envelope.get("error_code") != status:
        return "status differs from error_code"
    if status >= 500 and status != 501:
        return "5xx"
    if not isinstance(envelope.get("description"), str):
        return "error without a description"
    return None


def outcome(answer: Answer) -> str:
    """A short name for an answer, for the summary's statistics."""
    try:
        envelope = json.loads(answer.body)
        if envelope.get("ok"):
            return "ok"
        return f"{envelope.get('error_code')} {str(envelope.get('description'))[:70]}"
    except (ValueError, AttributeError, UnicodeDecodeError):
        return f"bare {answer.status}"


def lenient_int(text: bytes) -> int:
    m = re.match(rb"-?\d+", text)
    return int(m.group(0)) if m else 0


def show_request(raw: bytes, world: World, limit: int = 1500) -> str:
    """The request as a Python bytes literal (truncated), with the tokens it uses named."""
    shown = repr(raw[:limit]) + (f" ... (+{len(raw) - limit} bytes)" if len(raw) > limit else "")
    names = []
    for kind, accounts in (("bot", world.bots), ("user", world.users)):
        for i, account in enumerate(accounts):
            if account["token"].encode() in raw[:4096]:
                names.append(f"{kind}#{i} = id {account['id']} (@{account['username']})")
    return "    " + shown + ("\n    tokens: " + "; ".join(names) if names else "")


def load_spec_types(path: Path) -> dict:
    try:
        return json.loads(path.read_text())["types"]
    except (OSError, ValueError, KeyError):
        return {}


def default_binary() -> Path:
    try:
        out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=REPO, capture_output=True, text=True,
                             timeout=120).stdout.strip()
        return Path(out) / "botapi"
    except (OSError, subprocess.TimeoutExpired):
        return REPO / ".build" / "debug" / "botapi"


def replay(path: Path, port: int, timeout: float) -> int:
    raw = path.read_bytes()
    try:
        answer = Client(port).send(raw, timeout, fresh=True)
    except (NoAnswer, Hang, OSError) as exc:
        print(f"no answer: {exc!r}")
        return 1
    print(f"HTTP {answer.status}\n{answer.body[:2000]!r}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", type=Path, default=os.environ.get("BOTAPI_BINARY"),
                        help="the botapi binary (default: $BOTAPI_BINARY or swift build --show-bin-path)")
    parser.add_argument("--seconds", type=float, default=120, help="time budget of the pass (default 120)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-calls", type=int, default=0, help="stop after this many calls (0: no limit)")
    parser.add_argument("--request-timeout", type=float, default=15)
    parser.add_argument("--world-every", type=float, default=30, help="seconds between new world generations")
    parser.add_argument("--spec", type=Path, default=Path(os.environ.get("BOTAPI_SPEC", DEFAULT_SPEC)),
                        help="spec.json, for the shapes of nested objects (optional)")
    parser.add_argument("--exclude-value", action="append", default=[],
                        help="never send this value (to look past a known crash); repeatable")
    parser.add_argument("--exclude-case", action="append", default=[],
                        help="skip this malformed-request case (its label, e.g. CONNECT); repeatable")
    parser.add_argument("--max-query", type=int, default=200_000,
                        help="longer parameters go in a form body instead of the query string")
    parser.add_argument("--keep", action="store_true", help="keep the data and log directory")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--replay", type=Path, help="send one saved request to --port and print the answer")
    parser.add_argument("--port", type=int)
    args = parser.parse_args()

    if args.replay:
        return replay(args.replay, args.port, args.request_timeout)
    binary = Path(args.binary) if args.binary else default_binary()
    if not binary.is_file():
        print(f"fuzz: server binary not found at {binary} (swift build, or --binary)")
        return 2
    root = Path(tempfile.mkdtemp(prefix="botapi-fuzz-"))
    server = Server(binary, root)
    server.start()
    fuzzer = Fuzzer(args, server, catalogue_methods(), load_spec_types(args.spec))
    try:
        status = fuzzer.run()
    finally:
        fuzzer.client.close()
        server.stop()
    if status == 0 and not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    else:
        print(f"logs, data and saved requests: {root}")
    return status


if __name__ == "__main__":
    sys.exit(main())
