"""Suggested posts in a channel's direct messages through aiogram 3.31: the channel's owner
opens its direct messages (setChannelDirectMessages, plain HTTP), a reader suggests a post
there with a price in Stars, the administrator bot gets it as a message carrying
`suggested_post_info`, answers in the reader's topic, and approves it: the post appears in
the channel and the reader pays. A second suggestion is declined with a comment.
"""

import asyncio

import pytest


def aiogram_bot(server, token):
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer

    return Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(server.base)))


def channel_with_direct_messages(server):
    """A bot, the channel's owner, a reader, the channel (the bot an administrator that may
    post and manage direct messages) and its direct-messages chat."""
    bot = server.create_bot("news_desk_bot", first_name="News Desk")
    owner = server.create_user("Olga")
    reader = server.create_user("Bob")
    channel = server.user_call(owner["token"], "createChat", type="channel", title="Daily News",
                               member_ids=[bot["user"]["id"]])
    server.user_call(owner["token"], "promoteChatMember", chat_id=channel["id"], user_id=bot["user"]["id"],
                     can_post_messages=True, can_manage_direct_messages=True)
    direct = server.user_call(owner["token"], "setChannelDirectMessages", chat_id=channel["id"], enabled=True)
    assert direct["type"] == "supergroup" and direct["is_direct_messages"] is True
    return bot, owner, reader, channel, direct


async def updates_until(client, offset, predicate, rounds=20):
    """Long-polls the bot's updates until `predicate` holds for those received so far."""
    received = []
    for _ in range(rounds):
        batch = await client.get_updates(offset=offset, timeout=1)
        received.extend(batch)
        if batch:
            offset = batch[-1].update_id + 1
        if predicate(received):
            return received, offset
    raise AssertionError(f"updates so far: {received}")


@pytest.mark.timeout(90)
def test_aiogram_bot_approves_a_paid_suggested_post(server):
    bot, owner, reader, channel, direct = channel_with_direct_messages(server)
    reader_id = reader["user"]["id"]
    server.admin_call("addStars", user_id=reader_id, amount=25)

    async def scenario():
        client = aiogram_bot(server, bot["token"])
        try:
            first = await client.get_updates(timeout=0)
            offset = first[-1].update_id + 1 if first else 0
            server.user_call(reader["token"], "sendMessage", chat_id=direct["id"], text="Launch day is Friday!",
                             suggested_post_parameters={"price": {"currency": "XTR", "amount": 10}})
            got, offset = await updates_until(client, offset, lambda u: any(x.message for x in u))
            suggestion = next(u.message for u in got if u.message)
            assert suggestion.chat.id == direct["id"] and suggestion.chat.is_direct_messages
            assert suggestion.direct_messages_topic.topic_id == reader_id
            assert suggestion.direct_messages_topic.user.first_name == "Bob"
            assert suggestion.suggested_post_info.state == "pending"
            assert suggestion.suggested_post_info.price.currency == "XTR"
            assert suggestion.suggested_post_info.price.amount == 10

            full = await client.get_chat(chat_id=direct["id"])
            assert full.is_direct_messages and full.parent_chat.id == channel["id"]

            # The bot answers in the reader's topic.
            await client.send_message(chat_id=direct["id"], text="Thanks, looking at it",
                                      direct_messages_topic_id=reader_id)
            answer = server.wait_for_user_message(reader["token"], lambda m: m.get("text") == "Thanks, looking at it")
            assert answer["direct_messages_topic"]["topic_id"] == reader_id
            assert answer["sender_chat"]["id"] == channel["id"]

            assert await client.approve_suggested_post(chat_id=direct["id"], message_id=suggestion.message_id) is True
            got, offset = await updates_until(
                client, offset, lambda u: any(x.channel_post for x in u) and any(
                    x.message and x.message.suggested_post_approved for x in u))
            post = next(u.channel_post for u in got if u.channel_post)
            assert post.chat.id == channel["id"] and post.text == "Launch day is Friday!" and post.is_paid_post
            approved = next(u.message.suggested_post_approved for u in got if u.message and u.message.suggested_post_approved)
            assert approved.price.amount == 10
            assert approved.suggested_post_message.message_id == suggestion.message_id
        finally:
            await client.session.close()

    asyncio.run(scenario())
    seen = server.wait_for_user_message(reader["token"], lambda m: "suggested_post_approved" in m)
    assert seen["chat"]["id"] == direct["id"]
    assert server.user_call(reader["token"], "getMyStarBalance")["amount"] == 15


@pytest.mark.timeout(90)
def test_aiogram_bot_declines_a_suggested_post_with_a_comment(server):
    from aiogram.exceptions import TelegramBadRequest

    bot, owner, reader, channel, direct = channel_with_direct_messages(server)

    async def scenario():
        client = aiogram_bot(server, bot["token"])
        try:
            first = await client.get_updates(timeout=0)
            offset = first[-1].update_id + 1 if first else 0
            sent = server.user_call(reader["token"], "sendMessage", chat_id=direct["id"], text="Cat pictures?",
                                    suggested_post_parameters={})
            got, offset = await updates_until(client, offset, lambda u: any(x.message for x in u))
            assert next(u.message for u in got if u.message).message_id == sent["message_id"]
            assert await client.decline_suggested_post(chat_id=direct["id"], message_id=sent["message_id"],
                                                       comment="Not for this channel") is True
            with pytest.raises(TelegramBadRequest) as refused:
                await client.approve_suggested_post(chat_id=direct["id"], message_id=sent["message_id"])
            assert "message can't be used in the method" in refused.value.message
            with pytest.raises(TelegramBadRequest) as missing:
                await client.approve_suggested_post(chat_id=direct["id"], message_id=9999)
            assert "suggested post not found" in missing.value.message
            got, offset = await updates_until(client, offset, lambda u: any(
                x.message and x.message.suggested_post_declined for x in u))
            assert not any(u.channel_post for u in got)
        finally:
            await client.session.close()

    asyncio.run(scenario())
    declined = server.wait_for_user_message(reader["token"], lambda m: "suggested_post_declined" in m)
    assert declined["suggested_post_declined"]["comment"] == "Not for this channel"
    assert declined["suggested_post_declined"]["suggested_post_message"]["suggested_post_info"]["state"] == "declined"
