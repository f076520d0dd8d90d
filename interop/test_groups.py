"""A python-telegram-bot group bot in privacy mode, against the real server.

Privacy mode is what every group bot meets first: an ordinary message in the group must not
reach the bot, `/help@thebot` must, and so must a reply to one of the bot's own messages.
"""

import time

import pytest


def in_group(chat_id: int, bot_id: int, text: str | None = None):
    def check(message: dict) -> bool:
        return (message.get("chat", {}).get("id") == chat_id and message.get("from", {}).get("id") == bot_id
                and (text is None or message.get("text") == text))
    return check


@pytest.mark.timeout(90)
def test_privacy_mode_bot_in_a_group(server, bot_runner):
    srv = server
    bot = srv.create_bot(first_name="Group helper")
    bot_id, username = bot["user"]["id"], bot["user"]["username"]
    alice = srv.create_user("Alice")["token"]
    bob = srv.create_user("Bob")
    chat = srv.user_call(alice, "createChat", type="supergroup", title="Team", member_ids=[bot_id, bob["user"]["id"]])
    chat_id = chat["id"]
    assert str(chat_id).startswith("-100")

    proc = bot_runner("ptb_group_bot.py", bot["token"], srv.base)
    proc.start()

    srv.user_call(alice, "sendMessage", chat_id=chat_id, text="just chatting")
    srv.user_call(alice, "sendMessage", chat_id=chat_id, text=f"/help@{username}")
    answer = srv.wait_for_user_message(alice, in_group(chat_id, bot_id), timeout=45)
    assert answer["text"] == "help for you"
    assert answer["reply_to_message"]["text"] == f"/help@{username}"

    # A reply to the bot's message reaches it; the bot echoes it.
    srv.user_call(bob["token"], "sendMessage", chat_id=chat_id, text="thanks",
                  reply_parameters={"message_id": answer["message_id"]})
    echoed = srv.wait_for_user_message(alice, in_group(chat_id, bot_id), timeout=20)
    assert echoed["text"] == "echo: thanks"

    # "just chatting" never reached the bot: nothing else comes from it.
    time.sleep(1.5)
    later = [m for m in srv.drain_user_messages(alice, quiet=1.0) if in_group(chat_id, bot_id)(m)]
    assert later == []
    assert proc.stop() == 0
