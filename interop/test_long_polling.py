"""getUpdates long polling as the libraries rely on it (behaviour.md §3.3): a parked call
wakes when an update arrives, times out with an empty result, is ended with 409 by a newer
parked call, and an abandoned call (the client went away, as PTB and aiogram do when they
stop) never confirms the updates it may have been handed.
"""

import socket
import threading
import time
from urllib.parse import urlencode

import pytest

from conftest import ApiError


@pytest.fixture
def chat(module_server):
    srv = module_server
    bot = srv.create_bot(first_name="poller")
    user = srv.create_user("Erin")
    srv.user_call(user["token"], "startBot", bot_id=bot["user"]["id"])
    start = srv.bot_call(bot["token"], "getUpdates", timeout=0)
    assert [u["message"]["text"] for u in start] == ["/start"]
    srv.bot_call(bot["token"], "getUpdates", offset=start[-1]["update_id"] + 1, timeout=0)
    return srv, bot, user, start[-1]["update_id"] + 1


@pytest.mark.timeout(30)
def test_parked_call_wakes_on_update(chat):
    srv, bot, user, offset = chat
    result: list = []

    def poll():
        result.append(srv.bot_call(bot["token"], "getUpdates", offset=offset, timeout=10))
        result.append(time.monotonic())

    poller = threading.Thread(target=poll)
    poller.start()
    time.sleep(0.5)
    sent_at = time.monotonic()
    srv.user_call(user["token"], "sendMessage", chat_id=bot["user"]["id"], text="wake up")
    poller.join(12)
    assert not poller.is_alive()
    updates, answered_at = result
    assert [u["message"]["text"] for u in updates] == ["wake up"]
    assert updates[0]["update_id"] == offset
    assert answered_at - sent_at < 1.0, f"woke {answered_at - sent_at:.2f} s after the update"


@pytest.mark.timeout(30)
def test_parked_call_times_out_empty(chat):
    srv, bot, _, offset = chat
    started = time.monotonic()
    assert srv.bot_call(bot["token"], "getUpdates", offset=offset, timeout=1) == []
    # 1 s, or 3 s if the server copies the official anti-busy-loop rule (same offset as a
    # call less than 3 s earlier raises the timeout to 3 s).
    assert 0.9 <= time.monotonic() - started < 4.5


@pytest.mark.timeout(30)
def test_newer_parked_call_ends_older_with_409(chat):
    srv, bot, user, offset = chat
    outcome: dict = {}

    def older():
        started = time.monotonic()
        try:
            outcome["older"] = srv.bot_call(bot["token"], "getUpdates", offset=offset, timeout=10)
        except ApiError as exc:
            outcome["older"] = exc
        outcome["older_elapsed"] = time.monotonic() - started

    first = threading.Thread(target=older)
    first.start()
    time.sleep(0.5)
    newer = {}

    def newer_call():
        newer["result"] = srv.bot_call(bot["token"], "getUpdates", offset=offset, timeout=5)

    second = threading.Thread(target=newer_call)
    second.start()
    first.join(8)
    assert not first.is_alive(), "older call not ended by the newer one"
    error = outcome["older"]
    assert isinstance(error, ApiError), f"older call answered {error!r} instead of 409"
    assert error.status == 409 and error.error_code == 409
    assert error.description.startswith("Conflict: terminated by other getUpdates request")
    assert outcome["older_elapsed"] < 5
    # The newer call is still parked and gets the next update.
    srv.user_call(user["token"], "sendMessage", chat_id=bot["user"]["id"], text="for the newer")
    second.join(8)
    assert [u["message"]["text"] for u in newer["result"]] == ["for the newer"]


@pytest.mark.timeout(30)
def test_abandoned_poll_confirms_nothing(chat):
    srv, bot, user, offset = chat
    # A raw client parks a long poll and goes away without reading the answer.
    sock = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
    body = urlencode({"offset": offset, "timeout": 5}).encode()
    sock.sendall(b"POST /bot" + bot["token"].encode() + b"/getUpdates HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                 + str(len(body)).encode() + b"\r\n\r\n" + body)
    time.sleep(0.3)
    sock.close()
    time.sleep(0.2)
    srv.user_call(user["token"], "sendMessage", chat_id=bot["user"]["id"], text="still queued")
    time.sleep(0.2)
    # Whatever happened to the abandoned call, the update was only confirmable by an offset.
    updates = srv.bot_call(bot["token"], "getUpdates", offset=offset, timeout=2)
    assert [u["message"]["text"] for u in updates] == ["still queued"]
    again = srv.bot_call(bot["token"], "getUpdates", offset=offset, timeout=0)
    assert [u["update_id"] for u in again] == [updates[0]["update_id"]], "read without offset confirmed it"
    assert srv.bot_call(bot["token"], "getUpdates", offset=updates[0]["update_id"] + 1, timeout=0) == []
