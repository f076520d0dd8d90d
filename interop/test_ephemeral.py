"""Ephemeral messages (Bot API 10.3) through aiogram 3.31: a bot answers a group member
with a message only that member sees, edits it and deletes it; nobody else ever sees it."""
from __future__ import annotations

import asyncio
import json


def user_updates(server, token: str) -> list[dict]:
    """The user's pending updates, confirmed."""
    updates = server.user_call(token, "getUpdates", timeout=0)
    if updates:
        server.user_call(token, "getUpdates", offset=updates[-1]["update_id"] + 1, timeout=0)
    return updates


def test_ephemeral_answer_in_a_group_seen_by_its_receiver_only(server):
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import EphemeralMessageParameters, InlineKeyboardButton, InlineKeyboardMarkup

    created = server.create_bot(username="whisper_bot", first_name="Whisper")
    bot_id = created["user"]["id"]
    alice = server.create_user("Alice")
    bob = server.create_user("Bob")
    watcher = server.create_bot(username="watcher_bot", first_name="Watcher")
    chat_id = server.user_call(alice["token"], "createChat", type="supergroup", title="Lobby",
                               member_ids=[bot_id, bob["user"]["id"], watcher["user"]["id"]])["id"]
    # The watcher reads everything a bot can read in a group (privacy mode off).
    server.admin_call("editBot", user_id=watcher["user"]["id"], can_read_all_group_messages=True)
    server.user_call(bob["token"], "sendMessage", chat_id=chat_id, text="/secret@whisper_bot")
    for token in (alice["token"], bob["token"]):
        user_updates(server, token)

    async def scenario():
        bot = Bot(created["token"], session=AiohttpSession(api=TelegramAPIServer.from_base(server.base)))
        try:
            updates = await bot.get_updates(timeout=5)
            command = next(u.message for u in updates if u.message and (u.message.text or "").startswith("/secret"))
            asker = command.from_user.id
            sent = await bot.send_message(
                chat_id=command.chat.id, text="the password is swordfish",
                ephemeral_message_parameters=EphemeralMessageParameters(receiver_user_id=asker),
                reply_markup=InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Got it", callback_data="ok")]]))
            assert sent.ephemeral_message_id == 1 and sent.receiver_user.id == asker
            assert await bot.edit_ephemeral_message_text(
                chat_id=command.chat.id, receiver_user_id=asker, ephemeral_message_id=sent.ephemeral_message_id,
                text="the password is marlin")
            return command.chat.id, asker, sent.ephemeral_message_id
        finally:
            await bot.session.close()

    group, asker, ephemeral_id = asyncio.run(scenario())
    assert asker == bob["user"]["id"] and group == chat_id

    seen_by_bob = user_updates(server, bob["token"])
    assert [u["message"]["text"] for u in seen_by_bob if "message" in u] == ["the password is swordfish"]
    assert [u["edited_message"]["text"] for u in seen_by_bob if "edited_message" in u] == ["the password is marlin"]
    # Alice, the other bot and every history stay in the dark.
    assert "password" not in json.dumps(user_updates(server, alice["token"]))
    assert "password" not in json.dumps(server.bot_call(watcher["token"], "getUpdates", timeout=0))
    for token in (alice["token"], bob["token"]):
        assert "password" not in json.dumps(server.user_call(token, "getChatHistory", chat_id=chat_id))

    async def delete():
        bot = Bot(created["token"], session=AiohttpSession(api=TelegramAPIServer.from_base(server.base)))
        try:
            assert await bot.delete_ephemeral_message(chat_id=chat_id, receiver_user_id=asker, ephemeral_message_id=ephemeral_id)
        finally:
            await bot.session.close()

    asyncio.run(delete())
    gone = [u["deleted_ephemeral_messages"] for u in user_updates(server, bob["token"]) if "deleted_ephemeral_messages" in u]
    assert gone == [{"chat": gone[0]["chat"], "ephemeral_message_ids": [ephemeral_id]}] and gone[0]["chat"]["id"] == chat_id
