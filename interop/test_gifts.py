"""Gifts against the real server, with a real bot library.

An aiogram bot (interop/bots/aiogram_gift_shop.py) buys the cheapest gift of the catalogue
for the user who sends /gift: without Stars Telegram's BALANCE_TOO_LOW comes back; once the
admin gave the bot Stars, the gift is bought, the user gets the `gift` service message in
the private chat with the bot, and both the bot (getUserGifts) and the user (their own
getUserGifts, with the gift's owned_gift_id) see it on the user's profile.
"""

import pytest

from conftest import Server

HEART = "5170145012310081615"


def reply(srv: Server, token: str, prefix: str) -> str:
    return srv.wait_for_user_message(token, lambda m: m.get("text", "").startswith(prefix), timeout=30)["text"]


@pytest.mark.timeout(120)
def test_aiogram_bot_buys_a_gift_for_a_user(server, bot_runner):
    srv = server
    bot = srv.create_bot(first_name="Gift shop")
    bot_id = bot["user"]["id"]
    user = srv.create_user("Alice")
    user_token, user_id = user["token"], user["user"]["id"]
    proc = bot_runner("aiogram_gift_shop.py", bot["token"], srv.base)
    proc.start()

    srv.user_call(user_token, "sendMessage", chat_id=bot_id, text="/gift")
    assert reply(srv, user_token, "Failed") == "Failed: Bad Request: BALANCE_TOO_LOW", proc.log_tail()

    assert srv.admin_call("addStars", user_id=bot_id, amount=100) == 100
    srv.user_call(user_token, "sendMessage", chat_id=bot_id, text="/gift")
    gift_message = srv.wait_for_user_message(user_token, lambda m: "gift" in m, timeout=30)
    assert gift_message["from"]["id"] == bot_id and gift_message["chat"]["id"] == bot_id
    info = gift_message["gift"]
    assert info["gift"]["id"] == HEART and info["gift"]["star_count"] == 15
    assert (info["text"], info["entities"]) == ("For you", [{"type": "bold", "offset": 4, "length": 3}])
    assert (info["owned_gift_id"], info["convert_star_count"]) == ("1", 13)

    assert reply(srv, user_token, "Sent") == (
        f"Sent {HEART} (15); profile shows 1: regular {HEART} from {bot_id}; balance 85"), proc.log_tail()

    # The user sees the gift they own, with what they may do with it.
    mine = srv.user_call(user_token, "getUserGifts", user_id=user_id)
    assert mine["total_count"] == 1
    owned = mine["gifts"][0]
    assert (owned["type"], owned["owned_gift_id"], owned["gift"]["id"]) == ("regular", "1", HEART)
    assert owned["sender_user"]["id"] == bot_id and owned["is_saved"] is True
    # The bot sees the profile without the owner's details.
    seen = srv.bot_call(bot["token"], "getUserGifts", user_id=user_id)["gifts"][0]
    assert "owned_gift_id" not in seen and seen["text"] == "For you"

    assert proc.stop() == 0
    assert [event["text"] for event in proc.events()] == ["/gift", "/gift"]
