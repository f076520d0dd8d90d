"""HTTP limits against the real binary (issue 10, reproducer 4): an idle flood and oversized
requests from one address are answered or refused at once, and the server's memory returns
near its baseline once the connections are gone.

The read timeouts are covered by the Swift suite (HTTPLimitsTests) with short limits; the
binary's defaults (30 s) would make this suite slow.
"""

from __future__ import annotations

import select
import socket
import time

import pytest
import requests

# Defaults of ServerLimits.
MAX_CONNECTIONS_PER_ADDRESS = 1024
MAX_HEADER_BYTES = 256 << 10
# Generous: the allocator keeps some freed memory, and the first requests warm caches.
RSS_SLACK_KB = 20 << 10


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.settimeout(5)
    return sock


def read_answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One answer: status, headers (lower-cased names) and Content-Length body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"closed before an answer: {data!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest[:length]


def closed_by_server(sock: socket.socket) -> bool:
    """True once the server ends the connection (end of input or reset) within the timeout."""
    try:
        for _ in range(1000):
            if not sock.recv(65536):
                return True
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False
    return False


def send_all(sock: socket.socket, data: bytes) -> None:
    try:
        sock.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server answered and stopped reading: the answer is still to be read


def health(server) -> bool:
    return requests.get(server.base + "/health", timeout=5).json() == {"ok": True, "result": True}


def open_flood(port: int, count: int, padded: int) -> list[socket.socket]:
    """`count` connections; the first `padded` hold half a head of 64 KiB each."""
    flood: list[socket.socket] = []
    for i in range(count):
        sock = connect(port)
        flood.append(sock)
        if i < padded:
            send_all(sock, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + b"p" * (64 << 10))
        if i % 50 == 49:
            # Paced so the listen backlog doesn't overflow: a dropped handshake leaves a socket
            # that looks connected here but that the server never accepted.
            time.sleep(0.05)
    return flood


FLOOD = MAX_CONNECTIONS_PER_ADDRESS + 50
PADDED = 200


def abuse(server) -> int:
    """Oversized requests, unsupported methods and an idle flood over the cap, each checked;
    returns the server's RSS during the flood."""
    pid = server.proc.pid
    # Oversized heads: 431 at once, connection closed.
    big_header = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * (MAX_HEADER_BYTES + 1024) + b"\r\n\r\n"
    for _ in range(20):
        with connect(server.port) as sock:
            send_all(sock, big_header)
            status, headers, body = read_answer(sock)
            assert (status, headers.get("content-length"), body) == (431, "0", b"")
            assert closed_by_server(sock)

    # Declared bodies over the limit, up to 2^63-1: 413 at once, nothing waits for the body.
    for length in ["9223372036854775807", str((64 << 20) + 1)] * 10:
        with connect(server.port) as sock:
            started = time.monotonic()
            send_all(sock, f"POST /bot1:x/sendMessage HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           f"Content-Length: {length}\r\n\r\n".encode() + b"x" * 1000)
            status, headers, _ = read_answer(sock)
            assert (status, headers.get("content-length")) == (413, "0")
            assert closed_by_server(sock)
            assert time.monotonic() - started < 3

    # Unsupported methods: a complete bare 501.
    for line in [b"CONNECT 127.0.0.1:443 HTTP/1.1", b"PUT /health HTTP/1.1", b"HEAD /health HTTP/1.1"]:
        with connect(server.port) as sock:
            send_all(sock, line + b"\r\nHost: 127.0.0.1\r\n\r\n")
            status, headers, _ = read_answer(sock)
            assert (status, headers.get("content-length")) == (501, "0")
            assert closed_by_server(sock)

    # An idle flood over the per-address cap: the extra connections are refused with a 429
    # envelope, the admitted ones stay silent.
    flood = open_flood(server.port, FLOOD, PADDED)
    refused = 0
    try:
        # The refused ones get their answer as soon as the server accepts them; the admitted
        # ones stay silent.
        tail = {sock.fileno(): sock for sock in flood[MAX_CONNECTIONS_PER_ADDRESS - 10:]}
        poller = select.poll()
        for fd in tail:
            poller.register(fd, select.POLLIN)
        answered: list[socket.socket] = []
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            for fd, _ in poller.poll(500):
                poller.unregister(fd)
                answered.append(tail[fd])
            if len(answered) >= 50:
                time.sleep(0.5)  # time for any more that would be refused
                answered += [tail[fd] for fd, _ in poller.poll(0)]
                break
        for sock in answered:
            status, _, body = read_answer(sock)
            assert status == 429
            assert body == (b'{"ok":false,"error_code":429,'
                            b'"description":"Too Many Requests: too many connections from this address"}')
            refused += 1
        # Connections of the requests above may still be closing (and counted) for a moment.
        assert 50 <= refused <= 60
        return rss_kb(pid)
    finally:
        for sock in flood:
            sock.close()



@pytest.mark.timeout(150)
def test_floods_and_oversized_requests_leave_memory_near_baseline(server):
    pid = server.proc.pid
    for _ in range(20):
        assert health(server)
    # The baseline is taken after one round: glibc keeps freed memory in its per-thread
    # arenas, so the first round raises the RSS once (by some 20-40 MB) and later rounds
    # reuse that memory. What must not happen is memory held by closed or refused
    # connections, growing with every round.
    abuse(server)
    time.sleep(2)
    assert health(server)
    baseline = rss_kb(pid)
    during = abuse(server)

    # Every slot comes back once the flood is gone; memory follows.
    deadline = time.monotonic() + 30
    while True:
        try:
            ok = health(server)
        except requests.RequestException:
            ok = False
        after = rss_kb(pid)
        if ok and after <= baseline + RSS_SLACK_KB:
            break
        assert time.monotonic() < deadline, f"RSS {after} kB (baseline {baseline} kB, flood {during} kB)"
        time.sleep(0.5)
    print(f"RSS: baseline {baseline} kB, during the flood {during} kB, after {after} kB")

    # A second flood up to the cap is admitted whole: the closed connections were all counted down.
    for attempt in range(10):
        again: list[socket.socket] = []
        try:
            for _ in range(MAX_CONNECTIONS_PER_ADDRESS):
                again.append(connect(server.port))
            last = again[-1]
            send_all(last, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            status, _, _ = read_answer(last)
        finally:
            for sock in again:
                sock.close()
        if status == 200:
            break
        time.sleep(1)
    assert status == 200
