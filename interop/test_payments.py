"""Payments against the real server, with real bot libraries.

An aiogram Stars shop (interop/bots/aiogram_stars_shop.py): the user gets Stars from the
admin, pays the shop's invoice with payInvoice (which waits for the bot's pre-checkout
answer), the shop thanks them, refunds the Stars and confirms the refund. A pyTelegramBotAPI
shop with flexible shipping (interop/bots/telebot_shipping_bot.py): the shipping query is
answered with options the payment then uses, and an address the shop refuses ends the
payment with the bot's own words.
"""

import pytest

from conftest import Server

ADDRESS_DE = {"country_code": "DE", "state": "", "city": "Berlin", "street_line1": "Unter den Linden 1",
              "street_line2": "", "post_code": "10117"}


def invoice_message(srv: Server, user_token: str) -> dict:
    return srv.wait_for_user_message(user_token, lambda m: "invoice" in m, timeout=45)


@pytest.mark.timeout(120)
def test_aiogram_stars_shop(server, bot_runner):
    srv = server
    bot = srv.create_bot(first_name="Star shop")
    bot_id = bot["user"]["id"]
    user = srv.create_user("Alice")
    user_token, user_id = user["token"], user["user"]["id"]
    assert srv.admin_call("addStars", user_id=user_id, amount=100) == 100
    proc = bot_runner("aiogram_stars_shop.py", bot["token"], srv.base)
    proc.start()

    srv.user_call(user_token, "sendMessage", chat_id=bot_id, text="/buy")
    invoice = invoice_message(srv, user_token)
    assert invoice["invoice"] == {"title": "Star cookie", "description": "A cookie paid with Stars",
                                  "start_parameter": "", "currency": "XTR", "total_amount": 25}, proc.log_tail()

    status, body = srv.raw_call("user", user_token, "payInvoice", chat_id=bot_id,
                                message_id=invoice["message_id"], timeout=30)
    assert status == 200, f"{body}\n{proc.log_tail()}"
    payment = body["result"]["successful_payment"]
    assert (payment["currency"], payment["total_amount"], payment["invoice_payload"]) == ("XTR", 25, "cookie-42")

    thanks = srv.wait_for_user_message(user_token, lambda m: m.get("text", "").startswith("Thanks"), timeout=30)
    assert thanks["text"] == "Thanks! Balance 25", proc.log_tail()
    refunded = srv.wait_for_user_message(user_token, lambda m: m.get("text", "").startswith("Refunded"), timeout=30)
    assert refunded["text"] == "Refunded 25; 2 transactions", proc.log_tail()
    assert srv.admin_call("addStars", user_id=user_id, amount=0) == 100
    assert srv.bot_call(bot["token"], "getMyStarBalance") == {"amount": 0}

    texts = [event["text"] for event in proc.events()]
    assert texts == ["/buy", "pre_checkout cookie-42 25", "paid 25 XTR", "refunded 25"], texts
    assert proc.stop() == 0


@pytest.mark.timeout(120)
def test_telebot_flexible_shipping(server, bot_runner):
    srv = server
    bot = srv.create_bot(first_name="Mug shop")
    bot_id = bot["user"]["id"]
    user_token = srv.create_user("Bob")["token"]
    proc = bot_runner("telebot_shipping_bot.py", bot["token"], srv.base)
    proc.start()

    srv.user_call(user_token, "sendMessage", chat_id=bot_id, text="/buy")
    invoice = invoice_message(srv, user_token)
    assert invoice["invoice"]["currency"] == "USD" and invoice["invoice"]["total_amount"] == 1500

    # The shop refuses this address with its own words.
    status, body = srv.raw_call("user", user_token, "payInvoice", chat_id=bot_id, message_id=invoice["message_id"],
                                shipping_address={**ADDRESS_DE, "country_code": "FR"}, order_info={"name": "Bob"},
                                timeout=30)
    assert (status, body["description"]) == (400, "Bad Request: We only ship to Germany"), proc.log_tail()

    status, body = srv.raw_call("user", user_token, "payInvoice", chat_id=bot_id, message_id=invoice["message_id"],
                                shipping_address=ADDRESS_DE, shipping_option_id="express", order_info={"name": "Bob"},
                                tip_amount=0, timeout=30)
    assert status == 200, f"{body}\n{proc.log_tail()}"
    payment = body["result"]["successful_payment"]
    assert (payment["total_amount"], payment["shipping_option_id"]) == (2700, "express")
    assert payment["order_info"]["shipping_address"]["city"] == "Berlin"

    confirmation = srv.wait_for_user_message(user_token, lambda m: m.get("text", "").startswith("Shipping"), timeout=30)
    assert confirmation["text"] == "Shipping by express to Bob"
    texts = [event["text"] for event in proc.events()]
    assert texts == ["/buy", "shipping FR", "shipping DE", "pre_checkout 2700 express", "paid 2700"], texts
    assert proc.stop() == 0
