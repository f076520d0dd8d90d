"""Unmodified-style echo bots, one per library, against the real server.

Each bot (interop/bots/*_echo.py) is started as its own process, pointed at the server by
its API base URL only. A user created through the admin surface starts the bot and writes
to it; the bot's replies must come back to the user's queue, in order, with the same text.
"""

from collections import Counter

import pytest

from conftest import delete_webhook_supported, from_bot, wait_while_running

TEXTS = [
    "hello world",
    "Привет, мир! Как дела?",
    "emoji 🎉👍🏽 and a flag 🇺🇦 and ZWJ 👩‍💻",
    "mixed: ASCII, кириллица, 日本語, عربى",
    "line one\nline two\n\nline four",
    "x" * 4096,
    "Ж" * 4096,  # telebot sends it in the query string: a ~25 KB request line
]

# (id, bot script, extra environment)
VARIANTS = [
    pytest.param("ptb", {}, id="ptb-run_polling"),
    pytest.param("ptb", {"PTB_SKIP_DELETE_WEBHOOK": "1"}, id="ptb-run_polling-no-deleteWebhook"),
    pytest.param("aiogram", {}, id="aiogram"),
    pytest.param("telebot", {}, id="telebot"),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("library,extra_env", VARIANTS)
def test_echo_bot(module_server, bot_runner, request, library, extra_env):
    srv = module_server
    if library == "ptb" and not extra_env and not delete_webhook_supported(srv):
        request.applymarker(pytest.mark.xfail(
            strict=True,
            reason="server answers 501 to deleteWebhook, which PTB's run_polling() always calls "
                   "before its first getUpdates (Updater._bootstrap); the variant "
                   "ptb-run_polling-no-deleteWebhook covers the rest of PTB"))

    bot = srv.create_bot(first_name=f"{library} echo")
    bot_id = bot["user"]["id"]
    user = srv.create_user("Alice")
    user_token = user["token"]

    proc = bot_runner(library, bot["token"], srv.base, extra_env)
    proc.start()  # note: `import aiogram` alone takes ~10 s of CPU on this machine

    # /start through the user surface; the bot greets.
    started = srv.user_call(user_token, "startBot", bot_id=bot_id)
    assert started["text"] == "/start"
    welcome = wait_while_running(srv, user_token, proc, from_bot(bot_id), timeout=40)
    assert welcome["text"] == "Welcome!"
    assert welcome["from"]["is_bot"] is True
    assert welcome["chat"]["type"] == "private"

    # A deep link payload is still /start for every library's command filter.
    srv.user_call(user_token, "startBot", bot_username=bot["user"]["username"], parameter="ref42")
    again = wait_while_running(srv, user_token, proc, from_bot(bot_id), timeout=15)
    assert again["text"] == "Welcome!"

    # A burst of texts: every one echoed once, in order.
    sent_ids = []
    for text in TEXTS:
        sent = srv.user_call(user_token, "sendMessage", chat_id=bot_id, text=text)
        assert sent["text"] == text
        sent_ids.append(sent["message_id"])
    assert sent_ids == sorted(sent_ids)
    replies = [wait_while_running(srv, user_token, proc, from_bot(bot_id), timeout=15) for _ in TEXTS]
    assert [r["text"] for r in replies] == TEXTS
    reply_ids = [r["message_id"] for r in replies]
    assert reply_ids == sorted(reply_ids) and len(set(reply_ids)) == len(reply_ids)

    code = proc.stop()
    assert code == 0, f"{library} bot exited with {code}\n{proc.log_tail()}"

    # Nothing more arrives (no duplicate replies), and the bot handled each update once.
    assert srv.drain_user_messages(user_token, quiet=0.5) == []
    handled = [e["update_id"] for e in proc.events()]
    assert len(handled) == len(TEXTS) + 2
    assert sorted(Counter(handled).values()) == [1] * len(handled), handled
    assert handled == sorted(handled)
