"""A user's waiting calls get the bot's answer across instances: three `botapi serve` on one
PostgreSQL database, a real library bot polling instance A, its users calling B and C.
`sendCallbackQuery`, `sendInlineQuery`, `validateOrderInfo` and `payInvoice` wait on the
instance that took them; the bot answers through A; the waiting call wakes on the answer's
signal within milliseconds (not at its timeout). Needs BOTAPI_TEST_DATABASE."""
import time

import pytest

from conftest import Server
from test_inline_keyboard import user_updates
from test_instances import DATABASE, instances  # noqa: F401  (the fixture)

pytestmark = pytest.mark.skipif(not DATABASE, reason="needs BOTAPI_TEST_DATABASE (a PostgreSQL database)")

TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
ADDRESS_DE = {"country_code": "DE", "state": "", "city": "Berlin", "street_line1": "Unter den Linden 1",
              "street_line2": "", "post_code": "10117"}
# Each waiting call below may wait 30 s; an answer that woke it comes long before.
WAIT = 30
WOKEN_WITHIN = 10


def timed_call(srv: Server, token: str, method: str, **params) -> tuple[int, dict, float]:
    started = time.monotonic()
    status, body = srv.raw_call("user", token, method, **params)
    return status, body, time.monotonic() - started


@pytest.mark.timeout(120)
def test_a_callback_answered_across_instances(instances, bot_runner):  # noqa: F811
    a, b, c = instances
    bot = a.create_bot(first_name="Keyboard bot")
    bot_id = bot["user"]["id"]
    alice = b.create_user("Alice")["token"]
    # PTB polls instance A only, and answers each press there.
    proc = bot_runner("ptb_inline_keyboard.py", bot["token"], a.base)
    proc.start()

    b.user_call(alice, "startBot", bot_id=bot_id)
    question, offset = user_updates(b, alice, 0, "message", timeout=45)
    assert question["text"] == "Do you like buttons?", proc.log_tail()

    # Alice presses on B; the bot's answer, given through A, reaches her call on B.
    status, body, took = timed_call(b, alice, "sendCallbackQuery", chat_id=bot_id,
                                    message_id=question["message_id"], data="vote:yes", timeout=WAIT)
    assert status == 200, f"{body}\n{proc.log_tail()}"
    assert body == {"ok": True, "result": {"text": "You chose vote:yes", "show_alert": False, "cache_time": 0}}
    assert took < WOKEN_WITHIN, took
    edited, offset = user_updates(b, alice, offset, "edited_message", timeout=15)
    assert edited["text"] == "Chosen: vote:yes"

    # Again through C, whose memory never held a query: the same round trip.
    c.user_call(alice, "sendMessage", chat_id=bot_id, text="/start")
    question, offset = user_updates(c, alice, offset, "message", timeout=15)
    status, body, took = timed_call(c, alice, "sendCallbackQuery", chat_id=bot_id,
                                    message_id=question["message_id"], data="vote:no", timeout=WAIT)
    assert status == 200 and body["result"]["text"] == "You chose vote:no", f"{body}\n{proc.log_tail()}"
    assert took < WOKEN_WITHIN, took
    _, offset = user_updates(c, alice, offset, "edited_message", timeout=15)

    # With the bot stopped, a press on B times out; the bot's late answer through A, or
    # through C, is refused with the official text.
    b.user_call(alice, "sendMessage", chat_id=bot_id, text="/start")
    question, offset = user_updates(b, alice, offset, "message", timeout=15)
    assert [event["text"] for event in proc.events()] == ["/start", "vote:yes", "/start", "vote:no", "/start"]
    assert proc.stop() == 0, proc.log_tail()
    status, body = b.raw_call("user", alice, "sendCallbackQuery", chat_id=bot_id,
                              message_id=question["message_id"], data="vote:no", timeout=0.5)
    assert (status, body["description"]) == (400, "Bad Request: BOT_RESPONSE_TIMEOUT")
    pending = [u for u in a.bot_call(bot["token"], "getUpdates", timeout=0) if "callback_query" in u]
    query_id = pending[-1]["callback_query"]["id"]
    for srv in (a, c):
        status, body = srv.raw_call("bot", bot["token"], "answerCallbackQuery", callback_query_id=query_id, text="late")
        assert (status, body["description"]) == (400, TOO_OLD)


@pytest.mark.timeout(120)
def test_an_inline_query_answered_across_instances(instances, bot_runner):  # noqa: F811
    a, b, c = instances
    bot = a.admin_call("createBot", username="ptb_inline_bot", first_name="Inline",
                       supports_inline_queries=True, inline_feedback=True)
    alice = b.create_user("Alice")["token"]
    bob = c.create_user("Bob")
    proc = bot_runner("ptb_inline_bot.py", bot["token"], a.base)
    proc.start()

    # Alice pages through the results, each page through another instance than the bot's.
    seen, offset, first_query_id, pages = [], "", None, [b, c, b]
    for srv in pages:
        status, body, took = timed_call(srv, alice, "sendInlineQuery", bot_username="ptb_inline_bot",
                                        query="cats", offset=offset, timeout=WAIT)
        assert status == 200, f"{body}\n{proc.log_tail()}"
        assert took < (45 if first_query_id is None else WOKEN_WITHIN), took  # the first waits for the bot to start
        answer = body["result"]
        first_query_id = first_query_id or answer["query_id"]
        seen += [result["id"] for result in answer["results"]]
        offset = answer.get("next_offset", "")
    assert seen == [str(n) for n in range(25)] and offset == ""

    # A result of a query answered through A is sent through C.
    sent = c.user_call(alice, "sendInlineResult", chat_id=bob["user"]["id"], query_id=first_query_id, result_id="3")
    assert sent["text"] == "cats number 3"
    received, _ = user_updates(b, bob["token"], 0, "message", timeout=15)
    status, body, took = timed_call(b, bob["token"], "sendCallbackQuery", chat_id=sent["from"]["id"],
                                    message_id=received["message_id"], data="like:3", timeout=WAIT)
    assert status == 200 and body["result"]["text"] == "Thanks!", f"{body}\n{proc.log_tail()}"
    assert took < WOKEN_WITHIN, took
    events = [event["text"] for event in proc.events()]
    assert events[:3] == ["query:cats:", "query:cats:10", "query:cats:20"], events
    assert proc.stop() == 0, proc.log_tail()


@pytest.mark.timeout(150)
def test_a_payment_whose_queries_are_answered_across_instances(instances, bot_runner):  # noqa: F811
    a, b, c = instances
    bot = a.create_bot(first_name="Mug shop")
    bot_id = bot["user"]["id"]
    user_token = b.create_user("Bob")["token"]
    proc = bot_runner("telebot_shipping_bot.py", bot["token"], a.base)
    proc.start()

    b.user_call(user_token, "sendMessage", chat_id=bot_id, text="/buy")
    invoice = b.wait_for_user_message(user_token, lambda m: "invoice" in m, timeout=45)

    # The order is validated through B (the shop's shipping answer comes through A)…
    status, body, took = timed_call(b, user_token, "validateOrderInfo", chat_id=bot_id,
                                    message_id=invoice["message_id"], order_info={"name": "Bob"},
                                    shipping_address=ADDRESS_DE, timeout=WAIT)
    assert status == 200, f"{body}\n{proc.log_tail()}"
    assert [option["id"] for option in body["result"]["shipping_options"]] == ["post", "express"]
    assert took < WOKEN_WITHIN, took
    order_info_id = body["result"]["order_info_id"]

    # …and paid through C with its order_info_id (the pre-checkout answer comes through A).
    status, body, took = timed_call(c, user_token, "payInvoice", chat_id=bot_id, message_id=invoice["message_id"],
                                    order_info_id=order_info_id, shipping_option_id="express", timeout=WAIT)
    assert status == 200, f"{body}\n{proc.log_tail()}"
    assert took < WOKEN_WITHIN, took
    payment = body["result"]["successful_payment"]
    assert (payment["total_amount"], payment["shipping_option_id"]) == (2700, "express")
    assert payment["order_info"]["shipping_address"]["city"] == "Berlin"

    # An order information id pays once, on any instance.
    status, body = a.raw_call("user", user_token, "payInvoice", chat_id=bot_id, message_id=invoice["message_id"],
                              order_info_id=order_info_id, shipping_option_id="express", timeout=5)
    assert (status, body["description"]) == (400, "Bad Request: ORDER_INFO_ID_INVALID")

    confirmation = b.wait_for_user_message(user_token, lambda m: m.get("text", "").startswith("Shipping"), timeout=30)
    assert confirmation["text"] == "Shipping by express to Bob"
    texts = [event["text"] for event in proc.events()]
    assert texts == ["/buy", "shipping DE", "pre_checkout 2700 express", "paid 2700"], texts
    assert proc.stop() == 0
