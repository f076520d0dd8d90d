"""A business bot written with aiogram against the real server: a user connects it to their
account (connectBusinessBot), a customer writes to the user, the bot answers through the
connection and the customer sees the answer come from the user. The bot also sees the
user's own messages, edits and deletions in that chat, and nothing more once disconnected.
"""

import time

import pytest

from conftest import Server


def wait_events(proc, predicate, timeout: float = 30.0) -> list[str]:
    """The bot's logged texts once `predicate` holds for them."""
    deadline = time.monotonic() + timeout
    while True:
        texts = [e["text"] for e in proc.events()]
        if predicate(texts):
            return texts
        assert time.monotonic() < deadline, f"bot events: {texts}\n{proc.log_tail()}"
        time.sleep(0.2)


@pytest.mark.timeout(120)
def test_aiogram_business_bot_answers_customers_as_the_account(server: Server, bot_runner):
    srv = server
    bot = srv.admin_call("createBot", username="shop_desk_bot", first_name="Shop Desk", can_connect_to_business=True)
    bot_id = bot["user"]["id"]
    owner = srv.create_user("Olga", username="olga_shop")
    customer = srv.create_user("Carl")
    owner_id, customer_id = owner["user"]["id"], customer["user"]["id"]

    proc = bot_runner("aiogram_business_bot.py", bot["token"], srv.base)
    proc.start()
    connection = srv.user_call(owner["token"], "connectBusinessBot", bot_username="shop_desk_bot",
                               rights={"can_read_messages": True}, can_reply=True)
    assert connection["user"]["id"] == owner_id and connection["is_enabled"] is True
    assert connection["rights"] == {"can_reply": True, "can_read_messages": True}
    wait_events(proc, lambda t: "connection:true" in t)

    # The customer writes to the user; the bot answers for the user.
    asked = srv.user_call(customer["token"], "sendMessage", chat_id=owner_id, text="Do you have red shoes?")
    answer = srv.wait_for_user_message(customer["token"], lambda m: m.get("text", "").startswith("Olga got"), timeout=45)
    assert answer["text"] == "Olga got your message: Do you have red shoes?", proc.log_tail()
    assert answer["from"]["id"] == owner_id and answer["chat"]["id"] == owner_id
    assert "sender_business_bot" not in answer and "business_connection_id" not in answer

    # The user sees both: the question, and the answer sent for them by their bot.
    question = srv.wait_for_user_message(owner["token"], lambda m: m.get("text") == "Do you have red shoes?")
    assert question["message_id"] == asked["message_id"] and question["chat"]["id"] == customer_id
    sent_for_owner = srv.wait_for_user_message(owner["token"], lambda m: m.get("text", "").startswith("Olga got"))
    assert sent_for_owner["from"]["id"] == owner_id and sent_for_owner["sender_business_bot"]["id"] == bot_id

    # The user's own message, an edit and a deletion reach the bot too; it does not answer the user.
    srv.user_call(owner["token"], "sendMessage", chat_id=customer_id, text="Size 42 is in stock")
    srv.user_call(customer["token"], "editMessageText", chat_id=owner_id, message_id=asked["message_id"],
                  text="Do you have blue shoes?")
    srv.user_call(customer["token"], "deleteMessage", chat_id=owner_id, message_id=asked["message_id"])
    texts = wait_events(proc, lambda t: any(x.startswith("deleted:") for x in t))
    assert texts == ["connection:true", "customer:Do you have red shoes?", "owner:Size 42 is in stock",
                     "edited:Do you have blue shoes?", f"deleted:{asked['message_id']}"]

    # Once disconnected, the bot hears of it and of nothing else.
    assert srv.user_call(owner["token"], "disconnectBusinessBot", bot_id=bot_id) is True
    wait_events(proc, lambda t: "connection:false" in t)
    srv.user_call(customer["token"], "sendMessage", chat_id=owner_id, text="Hello?")
    srv.wait_for_user_message(owner["token"], lambda m: m.get("text") == "Hello?")
    time.sleep(3)
    assert [e["text"] for e in proc.events()][-1] == "connection:false", proc.log_tail()
    assert proc.stop() == 0
