"""Webhook delivery against the real server: real webhook bots of the three libraries, each
setting its own webhook and answering the way the library does, plus the wire format as a
plain-socket receiver sees it.

| test | what |
|---|---|
| test_delivery_request_on_the_wire | the POST byte for byte: header set and order, `Content-Type: application/json` exactly, secret header, the Update body; keep-alive |
| test_method_in_json_response | a `{"method": …}` reply is executed as the bot's call |
| test_webhook_bot[…] | aiogram (method in the multipart response), PTB run_webhook, telebot run_webhooks (http and https with an uploaded self-signed certificate) answer /start and echo texts, in order, once each |
| test_wrong_secret_is_refused[…] | with a wrong secret_token the bot refuses every POST, getWebhookInfo shows the library's refusal in last_error_message, nothing is lost: the right secret again delivers the waiting update |

The PTB and telebot listeners need interop/requirements.txt (tornado; fastapi and
uvicorn); those cases are skipped when it is not installed. Every test xfails, with the
reason, while `botapi serve` does not deliver webhooks (see webhook_support.py).
"""

from __future__ import annotations

import json
import signal
import time
from collections import Counter

import pytest

from conftest import from_bot, free_port, wait_while_running
from webhook_support import (CaptureServer, have_module, http_reply, require_webhook_delivery, set_webhook,
                             wait_for_info, wait_for_listener, webhook_info, write_certificate)

TEXTS = [
    "hello webhook",
    "Привет, вебхук! 🎉👍🏽",
    "line one\nline two",
    "x" * 4096,
]

NEEDS = {"ptb_webhook": "tornado", "telebot_webhook": "fastapi"}


def _skip_without_listener(library: str) -> None:
    module = NEEDS.get(library)
    if module and not have_module(module) or module == "fastapi" and not have_module("uvicorn"):
        pytest.skip(f"{library} needs {module}: pip install -r interop/requirements.txt")


# ----- the wire ------------------------------------------------------------------------------


@pytest.mark.timeout(60)
def test_delivery_request_on_the_wire(module_server):
    srv = module_server
    require_webhook_delivery(srv)
    receiver = CaptureServer()
    try:
        bot = srv.create_bot()
        user = srv.create_user("Wire")
        assert set_webhook(srv, bot["token"], url=receiver.url + "?q=1", secret_token="Secret_-123") is True
        srv.user_call(user["token"], "sendMessage", chat_id=bot["user"]["id"], text="one")
        srv.user_call(user["token"], "sendMessage", chat_id=bot["user"]["id"], text="two")
        first, second = receiver.wait_for(2)
        assert first.request_line == "POST /hook?q=1 HTTP/1.1"
        names = [line.split(":", 1)[0] for line in first.header_lines]
        assert names == ["Host", "X-Telegram-Bot-Api-Secret-Token", "Content-Type", "Content-Length", "Connection"]
        assert first.headers["host"] == f"127.0.0.1:{receiver.port}"
        assert first.headers["x-telegram-bot-api-secret-token"] == "Secret_-123"
        assert first.headers["content-type"] == "application/json"  # no charset: PTB and telebot refuse one
        assert int(first.headers["content-length"]) == len(first.body)
        assert first.body.startswith(b'{"update_id":') and b',\n"message":{' in first.body
        update = first.json
        assert update["message"]["text"] == "one" and update["message"]["chat"]["id"] == user["user"]["id"]
        assert second.json["update_id"] == update["update_id"] + 1 and second.json["message"]["text"] == "two"
        assert second.connection == first.connection  # keep-alive
        info = wait_for_info(srv, bot["token"], lambda i: i["pending_update_count"] == 0)
        assert "last_error_message" not in info
        # After deleteWebhook nothing more is POSTed; the update waits for getUpdates.
        srv.bot_call(bot["token"], "deleteWebhook")
        srv.user_call(user["token"], "sendMessage", chat_id=bot["user"]["id"], text="three")
        time.sleep(0.5)
        assert len(receiver.requests) == 2
        assert [u["message"]["text"] for u in srv.bot_call(bot["token"], "getUpdates")] == ["three"]
    finally:
        receiver.close()


@pytest.mark.timeout(60)
def test_method_in_json_response(module_server):
    srv = module_server
    require_webhook_delivery(srv)
    user = srv.create_user("Json")

    def reply(request):
        chat_id = request.json["message"]["chat"]["id"]
        body = json.dumps({"method": "sendMessage", "chat_id": chat_id, "text": "pong",
                           "reply_markup": {"inline_keyboard": [[{"text": "b", "callback_data": "d"}]]}}).encode()
        return http_reply(body=body, content_type="application/json")

    receiver = CaptureServer(reply)
    try:
        bot = srv.create_bot()
        set_webhook(srv, bot["token"], url=receiver.url)
        srv.user_call(user["token"], "sendMessage", chat_id=bot["user"]["id"], text="ping")
        message = srv.wait_for_user_message(user["token"], from_bot(bot["user"]["id"], "pong"), timeout=15)
        assert message["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "d"
    finally:
        receiver.close()


# ----- real webhook bots ---------------------------------------------------------------------

# (bot script prefix, secret given to the bot, https)
BOTS = [
    pytest.param("aiogram_webhook", "aiogram-Secret_1", False, id="aiogram-method-in-response"),
    pytest.param("ptb_webhook", "ptb-Secret_1", False, id="ptb-run_webhook"),
    pytest.param("telebot_webhook", None, False, id="telebot-run_webhooks"),
    pytest.param("telebot_webhook", "telebot-Secret_1", True, id="telebot-run_webhooks-https-self-signed"),
]


def _stopped_cleanly(proc) -> bool:
    """SIGTERM and wait. uvicorn (telebot's listener) shuts down gracefully and then re-raises
    the signal it caught, so that process ends with -SIGTERM after "Finished server process"."""
    code = proc.stop()
    if proc.library.startswith("telebot"):
        return code in (0, -signal.SIGTERM) and "Finished server process" in proc.log_tail()
    return code == 0


def _start_bot(srv, bot_runner, tmp_path, library, secret, https):
    _skip_without_listener(library)
    require_webhook_delivery(srv)
    bot = srv.create_bot(first_name=f"{library} webhook")
    port = free_port()
    env = {"WEBHOOK_PORT": str(port), "WEBHOOK_PATH": "/webhook"}
    if secret:
        env["WEBHOOK_SECRET"] = secret
    scheme = "http"
    if https:
        cert, key = write_certificate(tmp_path)
        env.update(WEBHOOK_CERT=str(cert), WEBHOOK_KEY=str(key))
        scheme = "https"
    # telebot's run_webhooks always ends the path with "/".
    url = f"{scheme}://127.0.0.1:{port}/webhook" + ("/" if library.startswith("telebot") else "")
    proc = bot_runner(library, bot["token"], srv.base, env)
    proc.start()  # importing aiogram or PTB takes several seconds of CPU here
    info = wait_for_listener(srv, bot["token"], url, port, proc)
    assert info["has_custom_certificate"] is https
    return bot, proc, url


@pytest.mark.timeout(120)
@pytest.mark.parametrize("library,secret,https", BOTS)
def test_webhook_bot(module_server, bot_runner, tmp_path, library, secret, https):
    srv = module_server
    bot, proc, _ = _start_bot(srv, bot_runner, tmp_path, library, secret, https)
    bot_id = bot["user"]["id"]
    user = srv.create_user("Alice")
    user_token = user["token"]

    srv.user_call(user_token, "startBot", bot_id=bot_id)
    welcome = wait_while_running(srv, user_token, proc, from_bot(bot_id), timeout=30)
    assert welcome["text"] == "Welcome!"

    for text in TEXTS:
        srv.user_call(user_token, "sendMessage", chat_id=bot_id, text=text)
    replies = [wait_while_running(srv, user_token, proc, from_bot(bot_id), timeout=30) for _ in TEXTS]
    assert [r["text"] for r in replies] == TEXTS

    info = wait_for_info(srv, bot["token"], lambda i: i["pending_update_count"] == 0)
    assert "last_error_message" not in info, info
    events = proc.events()
    counts = Counter(e["update_id"] for e in events)
    assert all(n == 1 for n in counts.values()), f"an update was handled twice: {counts}"
    assert [e["text"] for e in events] == ["/start"] + TEXTS
    assert _stopped_cleanly(proc), proc.log_tail()


# What each library answers to a wrong secret (shared/realclients/README.md §5), as
# last_error_message quotes it: status code and the reason phrase exactly as sent.
WRONG_SECRET = [
    pytest.param("aiogram_webhook", "Wrong response from the webhook: 401 Unauthorized", id="aiogram"),
    pytest.param("ptb_webhook", "Wrong response from the webhook: 403 Request had the wrong secret token", id="ptb"),
    pytest.param("telebot_webhook", "Wrong response from the webhook: 403 Forbidden", id="telebot"),
]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("library,expected", WRONG_SECRET)
def test_wrong_secret_is_refused(module_server, bot_runner, tmp_path, library, expected):
    srv = module_server
    secret = "Right_secret-42"
    bot, proc, url = _start_bot(srv, bot_runner, tmp_path, library, secret, False)
    bot_id = bot["user"]["id"]
    user = srv.create_user("Mallory")

    set_webhook(srv, bot["token"], url=url, secret_token="Wrong_secret-42")
    srv.user_call(user["token"], "sendMessage", chat_id=bot_id, text="refused at first")
    info = wait_for_info(srv, bot["token"], lambda i: "last_error_message" in i, timeout=20, bot=proc)
    assert info["last_error_message"] == expected
    assert info["pending_update_count"] == 1
    assert abs(info["last_error_date"] - time.time()) < 60
    assert proc.events() == []

    # The right secret again: the waiting update is delivered (to a fresh worker at once).
    set_webhook(srv, bot["token"], url=url, secret_token=secret)
    reply = wait_while_running(srv, user["token"], proc, from_bot(bot_id, "refused at first"), timeout=30)
    assert reply["text"] == "refused at first"
    info = wait_for_info(srv, bot["token"], lambda i: i["pending_update_count"] == 0)
    assert "last_error_message" not in info  # cleared by setWebhook
    assert [e["text"] for e in proc.events()] == ["refused at first"]
    assert _stopped_cleanly(proc), proc.log_tail()
