"""Moderation and welcome bots written with real libraries, against the real server.

A python-telegram-bot anti-spam bot bans whoever posts a link and mutes whoever floods. While
it is a plain member every attempt fails with the library's BadRequest carrying Telegram's
text; once the chat's owner promotes it (the user surface's promoteChatMember) the same
attempts succeed, and the banned or muted users are refused as Telegram refuses them. An
aiogram welcome bot greets newcomers both from the `new_chat_members` service message and
from the `chat_member` update, which it receives as an administrator that asked for it.
"""

import pytest

NO_RIGHTS = "not enough rights to restrict/unrestrict chat member"


def from_bot_in(chat_id: int, bot_id: int, prefix: str):
    def check(message: dict) -> bool:
        return (message.get("chat", {}).get("id") == chat_id and message.get("from", {}).get("id") == bot_id
                and message.get("text", "").startswith(prefix))
    return check


def bot_says(srv, user_token: str, chat_id: int, bot, prefix: str) -> str:
    """The text of the bot's next message in the chat starting with `prefix`."""
    return srv.wait_for_user_message(user_token, from_bot_in(chat_id, bot.bot_id, prefix), timeout=30)["text"]


def refusal(srv, user_token: str, chat_id: int, text: str) -> tuple[int, str]:
    status, body = srv.raw_call("user", user_token, "sendMessage", chat_id=chat_id, text=text)
    return status, body.get("description")


@pytest.mark.timeout(120)
def test_moderation_bot_acts_only_once_promoted(server, bot_runner):
    srv = server
    # The bot reads every group message (as an anti-spam bot must) without being an admin.
    created = srv.admin_call("createBot", username="guard_bot", first_name="Guard", can_read_all_group_messages=True)
    bot_id = created["user"]["id"]
    alice = srv.create_user("Alice")["token"]
    bob = srv.create_user("Bob")
    carol = srv.create_user("Carol")
    chat_id = srv.user_call(alice, "createChat", type="supergroup", title="Calm room",
                            member_ids=[bot_id, bob["user"]["id"], carol["user"]["id"]])["id"]

    proc = bot_runner("ptb_moderation_bot.py", created["token"], srv.base)
    proc.bot_id = bot_id
    proc.start()

    # Not an administrator: PTB raises BadRequest with Telegram's text, which it
    # capitalizes after stripping "Bad Request: ".
    srv.user_call(bob["token"], "sendMessage", chat_id=chat_id, text="cheap stuff at https://spam.example")
    said = bot_says(srv, alice, chat_id, proc, "cannot ban Bob: ")
    assert said.removeprefix("cannot ban Bob: ").lower() == NO_RIGHTS
    for n in range(3):
        srv.user_call(carol["token"], "sendMessage", chat_id=chat_id, text=f"flood {n}")
    said = bot_says(srv, alice, chat_id, proc, "cannot mute Carol: ")
    assert said.removeprefix("cannot mute Carol: ").lower() == NO_RIGHTS
    assert srv.user_call(alice, "getChatMember", chat_id=chat_id, user_id=bob["user"]["id"])["status"] == "member"

    # The owner promotes the bot; the same misbehaviour now gets through to it.
    assert srv.user_call(alice, "promoteChatMember", chat_id=chat_id, user_id=bot_id,
                         can_restrict_members=True, can_delete_messages=True) is True
    srv.user_call(bob["token"], "sendMessage", chat_id=chat_id, text="again: https://spam.example/deal")
    assert bot_says(srv, alice, chat_id, proc, "banned") == "banned Bob"
    assert srv.user_call(alice, "getChatMember", chat_id=chat_id, user_id=bob["user"]["id"])["status"] == "kicked"
    assert refusal(srv, bob["token"], chat_id, "let me in")[0] == 403

    for n in range(3):
        srv.user_call(carol["token"], "sendMessage", chat_id=chat_id, text=f"more flood {n}")
    assert bot_says(srv, alice, chat_id, proc, "muted") == "muted Carol"
    member = srv.user_call(alice, "getChatMember", chat_id=chat_id, user_id=carol["user"]["id"])
    assert member["status"] == "restricted" and member["can_send_messages"] is False
    assert refusal(srv, carol["token"], chat_id, "one more") == (
        400, "Bad Request: not enough rights to send text messages to the chat")
    assert proc.stop() == 0


@pytest.mark.timeout(120)
def test_welcome_bot_greets_on_chat_member_and_service_message(server, bot_runner):
    srv = server
    created = srv.create_bot(username="greeter_bot", first_name="Greeter")
    bot_id = created["user"]["id"]
    alice = srv.create_user("Alice")["token"]
    dave = srv.create_user("Dave")
    chat_id = srv.user_call(alice, "createChat", type="supergroup", title="Lobby", member_ids=[bot_id])["id"]
    # chat_member updates reach administrators only.
    srv.user_call(alice, "promoteChatMember", chat_id=chat_id, user_id=bot_id, can_invite_users=True)
    # The bot's own promotion (my_chat_member with a ChatMemberAdministrator) stays in its
    # queue: aiogram 3.31 models Bot API 10.3 and must still read it (it requires
    # `can_send_welcome_messages`, new in 10.3). chat_member is not
    # in the default set, so it is asked for before the bot runs, as a previous run would have.
    srv.bot_call(created["token"], "getUpdates", timeout=0, allowed_updates=["message", "chat_member", "my_chat_member"])

    proc = bot_runner("aiogram_welcome_bot.py", created["token"], srv.base)
    proc.bot_id = bot_id
    proc.start()

    assert srv.user_call(alice, "addChatMember", chat_id=chat_id, user_id=dave["user"]["id"]) is True
    assert bot_says(srv, alice, chat_id, proc, "Hello") == "Hello, Dave!"
    assert bot_says(srv, alice, chat_id, proc, "Welcome") == "Welcome, Dave (chat_member)"
    handled = sorted(e["text"] for e in proc.events())
    # The bot's own arrival was still queued from before it ran, so it greeted itself too.
    assert handled == sorted([f"chat_member {dave['user']['id']}", f"new_chat_members {dave['user']['id']}",
                              f"new_chat_members {bot_id}"])

    assert proc.stop() == 0
