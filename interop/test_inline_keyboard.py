"""An inline-keyboard bot written with python-telegram-bot, against the real server.

The bot (interop/bots/ptb_inline_keyboard.py) answers /start with two callback buttons. The
user presses one through the user surface's sendCallbackQuery (plain HTTP), which waits for
the bot's answerCallbackQuery; the bot's handler answers, then edits its message. The test
checks the answer the user gets back and the edited_message that reaches the user.
"""

import time

import pytest

from conftest import Server


def user_updates(srv: Server, token: str, offset: int, wanted: str, timeout: float) -> tuple[dict, int]:
    """The first update of kind `wanted` in the user's queue, and the next offset. Reads the
    queue directly: conftest's helpers keep only `message` updates."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for update in srv.user_call(token, "getUpdates", offset=offset, timeout=1):
            offset = update["update_id"] + 1
            if wanted in update:
                return update[wanted], offset
    raise AssertionError(f"no {wanted} update for the user within {timeout}s")


@pytest.mark.timeout(90)
def test_inline_keyboard_round_trip(server, bot_runner):
    srv = server
    bot = srv.create_bot(first_name="Keyboard bot")
    bot_id = bot["user"]["id"]
    user_token = srv.create_user("Alice")["token"]
    proc = bot_runner("ptb_inline_keyboard.py", bot["token"], srv.base)
    proc.start()

    srv.user_call(user_token, "startBot", bot_id=bot_id)
    question, offset = user_updates(srv, user_token, 0, "message", timeout=45)
    assert question["text"] == "Do you like buttons?", proc.log_tail()
    assert question["reply_markup"] == {"inline_keyboard": [[
        {"text": "Yes", "callback_data": "vote:yes"},
        {"text": "No", "callback_data": "vote:no"},
    ]]}

    # A press with data no button carries never reaches the bot.
    status, body = srv.raw_call("user", user_token, "sendCallbackQuery", chat_id=bot_id,
                                message_id=question["message_id"], data="vote:maybe")
    assert (status, body["description"]) == (400, "Bad Request: DATA_INVALID")

    status, body = srv.raw_call("user", user_token, "sendCallbackQuery", chat_id=bot_id,
                                message_id=question["message_id"], data="vote:yes", timeout=30)
    assert status == 200, f"{body}\n{proc.log_tail()}"
    assert body == {"ok": True, "result": {"text": "You chose vote:yes", "show_alert": False, "cache_time": 0}}

    edited, offset = user_updates(srv, user_token, offset, "edited_message", timeout=15)
    assert edited["message_id"] == question["message_id"]
    assert edited["text"] == "Chosen: vote:yes"
    assert edited["chat"]["id"] == bot_id and edited["from"]["id"] == bot_id
    assert edited["edit_date"] >= question["date"]
    # edit_message_text without reply_markup removes the keyboard, as on Telegram.
    assert "reply_markup" not in edited

    assert [event["text"] for event in proc.events()] == ["/start", "vote:yes"]
    assert proc.stop() == 0
