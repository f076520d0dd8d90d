"""Games and invoices sent via an inline bot written with python-telegram-bot, against the
real server (interop/bots/ptb_inline_arcade_bot.py).

Alice asks the bot inline and sends its game result to Bob; Bob presses Play, the bot
answers with the game's URL and sets Bob's score by the message's inline_message_id, which
Bob sees as an edit of the game message. Alice then sends the bot's invoice result to Bob,
who pays it with payInvoice: the bot gets the pre-checkout query and the successful payment
as for an invoice it sent itself.
"""

import time

import pytest

from conftest import Server
from test_inline import user_updates


def wait_for_event(proc, text: str, timeout: float = 15) -> list[str]:
    """The bot's logged events once `text` is among them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        events = [event["text"] for event in proc.events()]
        if text in events:
            return events
        time.sleep(0.1)
    raise AssertionError(f"the bot never logged {text!r}: {[event['text'] for event in proc.events()]}")


@pytest.mark.timeout(120)
def test_ptb_inline_game_scores_and_invoice_payment(server: Server, bot_runner):
    srv = server
    bot = srv.admin_call("createBot", username="ptb_arcade_bot", first_name="Arcade",
                         supports_inline_queries=True, inline_feedback=True)
    bot_id = bot["user"]["id"]
    srv.admin_call("createGame", bot_id=bot_id, short_name="tetris", title="Tetris", description="Falling blocks")
    alice, bob = srv.create_user("Alice"), srv.create_user("Bob")
    alice_id, bob_token, bob_id = alice["user"]["id"], bob["token"], bob["user"]["id"]
    assert srv.admin_call("addStars", user_id=bob_id, amount=100) == 100
    proc = bot_runner("ptb_inline_arcade_bot.py", bot["token"], srv.base)
    proc.start()

    status, body = srv.raw_call("user", alice["token"], "sendInlineQuery", bot_username="ptb_arcade_bot",
                                query="play", timeout=30)
    assert status == 200, f"{body}\n{proc.log_tail()}"
    answer = body["result"]
    assert [(r["type"], r["id"]) for r in answer["results"]] == [("game", "tetris"), ("article", "cookie")]

    # The game goes to Bob as Alice's message via the bot, with the bot's game and Play button.
    game = srv.user_call(alice["token"], "sendInlineResult", chat_id=bob_id, query_id=answer["query_id"],
                         result_id="tetris")
    assert game["via_bot"]["id"] == bot_id and game["from"]["id"] == alice_id
    assert game["game"]["title"] == "Tetris"
    assert game["reply_markup"] == {"inline_keyboard": [[{"text": "Play Tetris", "callback_game": {}}]]}
    received, offset = user_updates(srv, bob_token, 0, "message", timeout=15)
    assert received["game"]["description"] == "Falling blocks"

    status, body = srv.raw_call("user", bob_token, "sendCallbackQuery", chat_id=alice_id,
                                message_id=received["message_id"], timeout=30)
    assert status == 200, f"{body}\n{proc.log_tail()}"
    assert body["result"]["url"] == f"https://example.com/tetris?user={bob_id}"
    edited, offset = user_updates(srv, bob_token, offset, "edited_message", timeout=15)
    assert edited["message_id"] == received["message_id"], proc.log_tail()
    assert edited["game"]["text"] == "1. Bob — 42"

    # The invoice result: Bob pays the bot for the invoice Alice shared.
    invoice = srv.user_call(alice["token"], "sendInlineResult", chat_id=bob_id, query_id=answer["query_id"],
                            result_id="cookie")
    assert invoice["via_bot"]["id"] == bot_id
    assert invoice["invoice"] == {"title": "Cookie", "description": "A very good cookie", "start_parameter": "",
                                  "currency": "XTR", "total_amount": 30}
    status, body = srv.raw_call("user", bob_token, "payInvoice", chat_id=alice_id,
                                message_id=invoice["message_id"], timeout=30)
    assert status == 200, f"{body}\n{proc.log_tail()}"
    payment = body["result"]["successful_payment"]
    assert (payment["currency"], payment["total_amount"], payment["invoice_payload"]) == ("XTR", 30, "cookie-1")
    assert srv.bot_call(bot["token"], "getMyStarBalance") == {"amount": 30}
    assert srv.admin_call("addStars", user_id=bob_id, amount=0) == 70

    events = wait_for_event(proc, "paid:cookie-1:30")
    assert events == ["query:play", "chosen:tetris:True", "play:tetris:True", "set:True", "scores:1.Bob=42",
                      "chosen:cookie:False", "pre_checkout:cookie-1:30", "paid:cookie-1:30"], events
    assert proc.stop() == 0
