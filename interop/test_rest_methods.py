"""The remaining Bot API methods of issue 14 through aiogram 3.31: a verifier bot verifies a
user, an administrator bot tags a member and reads a Premium user's boost, a manager bot
reads and replaces its managed bot's token and restricts who may use it, and a bot reads a
user's personal channel and reports passport errors. The user-side actions (boostChat,
setPersonalChat, getVerification, getPassportDataErrors) and admin switches (setBotVerifier,
setManagedBot) go over plain HTTP.
"""

import asyncio

import pytest


def aiogram_bot(server, token):
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer

    return Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(server.base)))


def started_pair(server, first_name="Rest Bot"):
    bot = server.create_bot(first_name=first_name)
    user = server.admin_call("createUser", first_name="Alice", is_premium=True)
    server.user_call(user["token"], "sendMessage", chat_id=bot["user"]["id"], text="hi")
    return bot, user


@pytest.mark.timeout(60)
def test_verification_tags_and_boosts_aiogram(server):
    from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError

    bot, alice = started_pair(server)
    bot_id, alice_id = bot["user"]["id"], alice["user"]["id"]
    carol = server.create_user("Carol")
    group = server.user_call(alice["token"], "createChat", type="supergroup", title="Team",
                             member_ids=[bot_id, carol["user"]["id"]])
    server.user_call(alice["token"], "promoteChatMember", chat_id=group["id"], user_id=bot_id,
                     can_manage_tags=True, can_invite_users=True)

    async def scenario():
        client = aiogram_bot(server, bot["token"])
        try:
            with pytest.raises(TelegramForbiddenError) as refused:
                await client.verify_user(user_id=alice_id, custom_description="Known author")
            assert "BOT_VERIFIER_FORBIDDEN" in refused.value.message
            server.admin_call("setBotVerifier", user_id=bot_id, company="Acme")
            assert await client.verify_user(user_id=alice_id, custom_description="Known author")
            shown = server.user_call(alice["token"], "getVerification", chat_id=alice_id)
            assert shown["company"] == "Acme" and shown["description"] == "Known author"
            assert await client.remove_user_verification(user_id=alice_id)
            assert server.user_call(alice["token"], "getVerification", chat_id=alice_id) is None

            assert await client.set_chat_member_tag(chat_id=group["id"], user_id=carol["user"]["id"], tag="Designer")
            member = await client.get_chat_member(chat_id=group["id"], user_id=carol["user"]["id"])
            assert member.status == "member" and member.tag == "Designer"
            with pytest.raises(TelegramBadRequest) as emoji:
                await client.set_chat_member_tag(chat_id=group["id"], user_id=carol["user"]["id"], tag="⭐")
            assert "TAG_EMOJI_NOT_ALLOWED" in emoji.value.message

            boost = server.user_call(alice["token"], "boostChat", chat_id=group["id"])
            boosts = await client.get_user_chat_boosts(chat_id=group["id"], user_id=alice_id)
            assert [b.boost_id for b in boosts.boosts] == [boost["boost_id"]]
            assert boosts.boosts[0].source.user.id == alice_id
            updates = await client.get_updates(allowed_updates=["chat_boost"], timeout=0)
            assert [u.chat_boost.boost.boost_id for u in updates if u.chat_boost] == [boost["boost_id"]]
        finally:
            await client.session.close()

    asyncio.run(scenario())


@pytest.mark.timeout(60)
def test_managed_bot_personal_channel_and_passport_aiogram(server):
    from aiogram.exceptions import TelegramBadRequest, TelegramUnauthorizedError
    from aiogram.types import PassportElementErrorFrontSide

    manager, alice = started_pair(server, first_name="Manager")
    alice_id = alice["user"]["id"]
    shop = server.admin_call("createBot", username="rest_shop_bot", first_name="Shop", owner_user_id=alice_id)
    shop_id = shop["user"]["id"]

    channel = server.user_call(alice["token"], "createChat", type="channel", title="Diary", username="rest_diary")
    for text in ("first", "second"):
        server.user_call(alice["token"], "sendMessage", chat_id=channel["id"], text=text)
    server.user_call(alice["token"], "setPersonalChat", chat_id=channel["id"])

    async def scenario():
        client = aiogram_bot(server, manager["token"])
        try:
            with pytest.raises(TelegramBadRequest) as unmanaged:
                await client.get_managed_bot_token(user_id=shop_id)
            assert "BOT_INVALID" in unmanaged.value.message
            server.admin_call("setManagedBot", user_id=shop_id, manager_bot_id=manager["user"]["id"])
            assert await client.get_managed_bot_token(user_id=shop_id) == shop["token"]
            new_token = await client.replace_managed_bot_token(user_id=shop_id)
            assert new_token != shop["token"]
            old = aiogram_bot(server, shop["token"])
            try:
                with pytest.raises(TelegramUnauthorizedError):
                    await old.get_me()
            finally:
                await old.session.close()

            assert await client.set_managed_bot_access_settings(user_id=shop_id, is_access_restricted=True,
                                                                added_user_ids=[alice_id])
            settings = await client.get_managed_bot_access_settings(user_id=shop_id)
            assert settings.is_access_restricted and [u.id for u in settings.added_users] == [alice_id]

            posts = await client.get_user_personal_chat_messages(user_id=alice_id, limit=5)
            assert [p.text for p in posts] == ["second", "first"]

            error = PassportElementErrorFrontSide(type="passport", file_hash="aGFzaA==", message="Blurry")
            assert await client.set_passport_data_errors(user_id=alice_id, errors=[error])
        finally:
            await client.session.close()

    asyncio.run(scenario())
    seen = server.user_call(alice["token"], "getPassportDataErrors", bot_id=manager["user"]["id"])
    assert seen == [{"file_hash": "aGFzaA==", "message": "Blurry", "source": "front_side", "type": "passport"}]
