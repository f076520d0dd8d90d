"""Three `botapi serve` instances on one PostgreSQL database behave, to a real library bot and
its users, as one server. Needs BOTAPI_TEST_DATABASE (scripts/test-all runs the interop suite
beside a throwaway cluster, scripts/with-postgres); skipped without it.

Each test gets a world of its own: the database URL's `?schema=` names a fresh schema."""
import os
import time
import uuid

import pytest
import requests

from conftest import Server, from_bot, wait_while_running

DATABASE = os.environ.get("BOTAPI_TEST_DATABASE")
pytestmark = pytest.mark.skipif(not DATABASE, reason="needs BOTAPI_TEST_DATABASE (a PostgreSQL database)")


@pytest.fixture
def instances(botapi_binary, tmp_path, request):
    """Three servers on one fresh world, each with its own data directory and port."""
    schema = "interop_" + uuid.uuid4().hex[:12]
    url = f"{DATABASE}?schema={schema}"
    admin = "admin" + uuid.uuid4().hex
    servers = []
    for name in "ABC":
        root = tmp_path / name
        (root / "data").mkdir(parents=True)
        (root / "logs").mkdir(parents=True)
        servers.append(Server(botapi_binary, root / "data", root / "logs", admin_token=admin,
                              extra_args=["--database", url]))
    for srv in servers:
        srv.start()
    yield servers
    for srv in servers:
        srv.stop()
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        for name, srv in zip("ABC", servers):
            print(f"--- instance {name} ({srv.log_path}) ---\n{srv.log_tail(40)}")


def test_a_bot_polling_one_instance_answers_users_on_the_others(instances, bot_runner):
    a, b, c = instances
    bot = a.create_bot(first_name="Echo")
    bot_id = bot["user"]["id"]
    alice = b.create_user("Alice")["token"]
    bob = c.create_user("Bob")["token"]
    # The echo bot polls instance A only (PTB, long polling).
    proc = bot_runner("ptb", bot["token"], a.base, {"PTB_SKIP_DELETE_WEBHOOK": "1"})
    proc.start()
    b.user_call(alice, "startBot", bot_id=bot_id)
    c.user_call(bob, "startBot", bot_id=bot_id)
    assert wait_while_running(b, alice, proc, from_bot(bot_id), timeout=40)["text"] == "Welcome!"
    assert wait_while_running(c, bob, proc, from_bot(bot_id), timeout=15)["text"] == "Welcome!"
    # Users write through B and C; the bot, parked on A, wakes for each and answers.
    for n in range(3):
        b.user_call(alice, "sendMessage", chat_id=bot_id, text=f"alice {n}")
        c.user_call(bob, "sendMessage", chat_id=bot_id, text=f"bob {n}")
    alice_replies = [wait_while_running(b, alice, proc, from_bot(bot_id), timeout=15)["text"] for _ in range(3)]
    bob_replies = [wait_while_running(c, bob, proc, from_bot(bot_id), timeout=15)["text"] for _ in range(3)]
    assert alice_replies == ["alice 0", "alice 1", "alice 2"]
    assert bob_replies == ["bob 0", "bob 1", "bob 2"]
    # Message ids in the shared chat stay unique and increasing whichever instance sent them.
    assert proc.stop() == 0, proc.log_tail()
    handled = [e["update_id"] for e in proc.events()]
    assert handled == sorted(handled) and len(set(handled)) == len(handled) == 8


def status_soon(srv: Server, token: str, expected: int, within: float = 3.0) -> int:
    """getMe's status once it is `expected`, or the last one after `within` seconds: the
    other instances hear of a change by NOTIFY, within milliseconds of its commit."""
    deadline = time.monotonic() + within
    while True:
        status, _ = srv.raw_call("bot", token, "getMe")
        if status == expected or time.monotonic() > deadline:
            return status
        time.sleep(0.02)


def test_a_token_revoked_on_one_instance_is_refused_on_every_instance(instances):
    a, b, c = instances
    bot = a.create_bot(first_name="Revoked")
    old = bot["token"]
    for srv in instances:
        assert srv.bot_call(old, "getMe")["id"] == bot["user"]["id"]  # cached everywhere
    new = b.admin_call("revokeToken", user_id=bot["user"]["id"])["token"]
    for srv in instances:
        assert status_soon(srv, old, 401) == 401
        assert srv.bot_call(new, "getMe")["id"] == bot["user"]["id"]
    c.admin_call("deleteUser", user_id=bot["user"]["id"])
    for srv in instances:
        assert status_soon(srv, new, 401) == 401


def test_health_answers_on_every_instance(instances):
    for srv in instances:
        assert requests.get(srv.base + "/health", timeout=5).json() == {"ok": True, "result": True}
