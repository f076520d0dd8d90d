"""An inline bot written with python-telegram-bot, against the real server.

The bot (interop/bots/ptb_inline_bot.py) answers inline queries with pages of articles. A
user, through the user surface over plain HTTP, pages through the results with
sendInlineQuery (next_offset), sends one into a chat with another user via the bot
(sendInlineResult), and presses its button; the bot answers the callback and edits the
inline message by its inline_message_id, which the other user sees as edited_message.
"""

import time

import pytest

from conftest import Server


def user_updates(srv: Server, token: str, offset: int, wanted: str, timeout: float) -> tuple[dict, int]:
    """The first update of kind `wanted` in the user's queue, and the next offset."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for update in srv.user_call(token, "getUpdates", offset=offset, timeout=1):
            offset = update["update_id"] + 1
            if wanted in update:
                return update[wanted], offset
    raise AssertionError(f"no {wanted} update for the user within {timeout}s")


@pytest.mark.timeout(120)
def test_inline_bot_pages_and_edits_its_inline_message(server, bot_runner):
    srv = server
    bot = srv.admin_call("createBot", username="ptb_inline_bot", first_name="Inline",
                         supports_inline_queries=True, inline_feedback=True)
    alice = srv.create_user("Alice")["token"]
    bob = srv.create_user("Bob")
    proc = bot_runner("ptb_inline_bot.py", bot["token"], srv.base)
    proc.start()

    # Page through the results as a client does: each page is a new query with the offset.
    seen, offset, first_query_id = [], "", None
    for _ in range(5):
        status, body = srv.raw_call("user", alice, "sendInlineQuery", bot_username="ptb_inline_bot",
                                    query="cats", offset=offset, timeout=30)
        assert status == 200, f"{body}\n{proc.log_tail()}"
        answer = body["result"]
        first_query_id = first_query_id or answer["query_id"]
        seen += [result["id"] for result in answer["results"]]
        offset = answer.get("next_offset", "")
        if not offset:
            break
    assert seen == [str(n) for n in range(25)]
    assert answer["cache_time"] == 0 and answer["is_personal"] is False

    sent = srv.user_call(alice, "sendInlineResult", chat_id=bob["user"]["id"], query_id=first_query_id, result_id="3")
    assert sent["text"] == "cats number 3" and sent["via_bot"]["username"] == "ptb_inline_bot"
    received, bob_offset = user_updates(srv, bob["token"], 0, "message", timeout=15)
    assert received["text"] == "cats number 3"
    assert received["reply_markup"] == {"inline_keyboard": [[{"text": "Like", "callback_data": "like:3"}]]}

    # Bob presses the button under the message sent via the bot; the bot edits it inline.
    status, body = srv.raw_call("user", bob["token"], "sendCallbackQuery", chat_id=sent["from"]["id"],
                                message_id=received["message_id"], data="like:3", timeout=30)
    assert status == 200, f"{body}\n{proc.log_tail()}"
    assert body["result"]["text"] == "Thanks!"
    edited, _ = user_updates(srv, bob["token"], bob_offset, "edited_message", timeout=15)
    assert edited["text"] == "Liked 3" and edited["message_id"] == received["message_id"]

    events = [event["text"] for event in proc.events()]
    assert events[:3] == ["query:cats:", "query:cats:10", "query:cats:20"], events
    assert "chosen:3:True" in events and "like:3:True" in events, events
    assert proc.stop() == 0
