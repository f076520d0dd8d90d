"""Snapshots as bots and test suites use them: a python-telegram-bot echo bot keeps polling
through a `restoreSnapshot` between two conversations, its update ids only rising; the
`botapi snapshot` command restores a stopped server's world; `botapi serve --memory` keeps
nothing in the data directory yet serves files and snapshots.

Everything binds to 127.0.0.1 and every wait is bounded.
"""

import subprocess

import pytest
import requests

from conftest import ApiError, _make_server, from_bot, wait_while_running

pytestmark = pytest.mark.timeout(120)


def test_a_ptb_bot_keeps_working_across_a_restore(server, bot_runner):
    srv = server
    bot = srv.create_bot(first_name="Snapshot echo")
    bot_id = bot["user"]["id"]
    user = srv.create_user("Alice")
    token = user["token"]
    # A long poll, so the bot is parked in getUpdates when the world is restored.
    proc = bot_runner("ptb", bot["token"], srv.base, {"BOT_POLL_TIMEOUT": "20"})
    proc.start()

    # Conversation 1.
    srv.user_call(token, "startBot", bot_id=bot_id)
    assert wait_while_running(srv, token, proc, from_bot(bot_id, "Welcome!"), timeout=60)["text"] == "Welcome!"
    srv.user_call(token, "sendMessage", chat_id=bot_id, text="one")
    wait_while_running(srv, token, proc, from_bot(bot_id, "one"), timeout=20)
    assert srv.admin_call("saveSnapshot", name="between") is True

    # Something that the restore takes back.
    srv.user_call(token, "sendMessage", chat_id=bot_id, text="two")
    wait_while_running(srv, token, proc, from_bot(bot_id, "two"), timeout=20)
    later = srv.create_user("Later")
    assert srv.admin_call("restoreSnapshot", name="between") is True
    with pytest.raises(ApiError) as gone:
        srv.user_call(later["token"], "getMe")
    assert gone.value.status == 401

    # Conversation 2: the same bot process, its offset still valid.
    srv.user_call(token, "sendMessage", chat_id=bot_id, text="three")
    reply = wait_while_running(srv, token, proc, from_bot(bot_id, "three"), timeout=30)
    assert reply["text"] == "three"
    assert proc.stop() == 0

    events = proc.events()
    ids = [event["update_id"] for event in events]
    # Update ids only rise, across the restore too: nothing confirmed comes back, nothing
    # new is skipped.
    assert ids == sorted(ids) and len(set(ids)) == len(ids), events
    texts = [event["text"] for event in events]
    assert texts[:3] == ["/start", "one", "two"] and texts[-1] == "three", texts
    # "two" happened only in the world that was replaced.
    assert texts.count("two") == 1


def run_cli(binary, *arguments):
    return subprocess.run([str(binary), *arguments], capture_output=True, text=True, timeout=60)


def test_the_snapshot_command_restores_a_stopped_servers_world(botapi_binary, server):
    srv = server
    alice = srv.create_user("Alice")
    data = ["--data-dir", str(srv.data_dir)]
    srv.stop()
    saved = run_cli(botapi_binary, "snapshot", "save", "cli-base", *data)
    assert saved.returncode == 0 and saved.stdout.strip() == "saved snapshot cli-base", saved

    srv.start()
    later = srv.create_user("Later")
    srv.stop()
    listed = run_cli(botapi_binary, "snapshot", "list", *data)
    assert listed.returncode == 0 and [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["cli-base"]
    refused = run_cli(botapi_binary, "snapshot", "restore", "../cli-base", *data)
    assert refused.returncode != 0
    assert "name must be 1 to 64 letters, digits, underscores and hyphens" in refused.stderr
    missing = run_cli(botapi_binary, "snapshot", "restore", "nothing", *data)
    assert missing.returncode != 0 and "snapshot nothing not found" in missing.stderr
    restored = run_cli(botapi_binary, "snapshot", "restore", "cli-base", *data)
    assert restored.returncode == 0 and restored.stdout.strip() == "restored snapshot cli-base", restored

    srv.start()
    assert srv.user_call(alice["token"], "getMe")["first_name"] == "Alice"
    with pytest.raises(ApiError) as gone:
        srv.user_call(later["token"], "getMe")
    assert gone.value.status == 401


def test_memory_mode_keeps_nothing_in_the_data_directory(botapi_binary, tmp_path):
    srv = _make_server(botapi_binary, tmp_path / "memory")
    srv.extra_args = ["--memory"]
    srv.start()
    try:
        assert "lost at exit" in srv.log_path.read_text()
        bot = srv.create_bot()
        user = srv.create_user("Alice")
        srv.user_call(user["token"], "startBot", bot_id=bot["user"]["id"])
        contents = b"kept in memory\n"
        sent = requests.post(f"{srv.base}/bot{bot['token']}/sendDocument", data={"chat_id": user["user"]["id"]},
                             files={"document": ("m.txt", contents, "text/plain")}, timeout=30).json()
        assert sent["ok"], sent
        path = srv.bot_call(bot["token"], "getFile", file_id=sent["result"]["document"]["file_id"])["file_path"]
        assert requests.get(f"{srv.base}/file/bot{bot['token']}/{path}", timeout=30).content == contents

        assert srv.admin_call("saveSnapshot", name="m") is True
        assert [s["name"] for s in srv.admin_call("listSnapshots")] == ["m"]
        later = srv.create_user("Later")
        assert srv.admin_call("restoreSnapshot", name="m") is True
        with pytest.raises(ApiError):
            srv.user_call(later["token"], "getMe")
        assert requests.get(f"{srv.base}/file/bot{bot['token']}/{path}", timeout=30).content == contents
        # Nothing of the world in --data-dir.
        assert list(srv.data_dir.iterdir()) == []
    finally:
        srv.stop()
