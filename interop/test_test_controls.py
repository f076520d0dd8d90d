"""Flood limits and injected faults as real client libraries see them: python-telegram-bot
and aiogram turn the server's 429 into their own RetryAfter exceptions with the server's
`retry_after`, and a retry after that wait goes through.

The libraries run in-process against a real `botapi serve`; only the API base URL is changed.
"""

import asyncio
import time

import pytest

from conftest import _make_server

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def limited_server(botapi_binary, tmp_path, request):
    """A server started with --flood-limits."""
    srv = _make_server(botapi_binary, tmp_path / "limited")
    srv.extra_args = ["--flood-limits"]
    srv.start()
    yield srv
    srv.stop()


def seconds(retry_after) -> float:
    """PTB gives retry_after as an int or, in newer releases, a timedelta."""
    return retry_after.total_seconds() if hasattr(retry_after, "total_seconds") else float(retry_after)


def test_a_flood_of_group_messages_is_refused_with_retry_after_ptb(limited_server):
    from telegram.error import RetryAfter
    from telegram.ext import ExtBot

    srv = limited_server
    created = srv.create_bot(first_name="Chatty Bot")
    owner = srv.create_user("Owner")
    group = srv.user_call(owner["token"], "createChat", type="supergroup", title="Team",
                          member_ids=[created["user"]["id"]])

    async def scenario():
        bot = ExtBot(created["token"], base_url=f"{srv.base}/bot", base_file_url=f"{srv.base}/file/bot")
        async with bot:
            for n in range(20):
                await bot.send_message(group["id"], f"message {n}")
            with pytest.raises(RetryAfter) as refused:
                await bot.send_message(group["id"], "one too many")
            # 20 a minute: the next message is allowed within 3 s.
            wait = seconds(refused.value.retry_after)
            assert 1 <= wait <= 3
            # Another chat is not held back by this group's limit.
            user = srv.create_user("Reader")
            srv.user_call(user["token"], "startBot", bot_id=created["user"]["id"])
            await bot.send_message(user["user"]["id"], "hello")
            await asyncio.sleep(wait)
            await bot.send_message(group["id"], "after the wait")

    asyncio.run(scenario())
    texts = [m.get("text") for m in srv.drain_user_messages(owner["token"])]
    assert "after the wait" in texts and "one too many" not in texts
    assert sum(1 for t in texts if t and t.startswith("message ")) == 20


def test_a_private_burst_is_refused_with_retry_after_aiogram(limited_server):
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.exceptions import TelegramRetryAfter

    srv = limited_server
    created = srv.create_bot(first_name="Burst Bot")
    user = srv.create_user("Alice")
    srv.user_call(user["token"], "startBot", bot_id=created["user"]["id"])

    async def scenario():
        bot = Bot(created["token"], session=AiohttpSession(api=TelegramAPIServer.from_base(srv.base)))
        try:
            refused = None
            # A burst of 3, then about one a second: a fast loop is refused within a few sends.
            for n in range(10):
                try:
                    await bot.send_message(user["user"]["id"], f"burst {n}")
                except TelegramRetryAfter as error:
                    refused = error
                    break
            assert refused is not None and 3 <= n <= 5
            assert refused.retry_after == 1
            assert "Too Many Requests: retry after 1" in refused.message
            await asyncio.sleep(refused.retry_after)
            await bot.send_message(user["user"]["id"], "after the wait")
        finally:
            await bot.session.close()

    asyncio.run(scenario())


def test_an_injected_429_reaches_ptb_and_aiogram_as_retry_after(server):
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.exceptions import TelegramRetryAfter
    from telegram.error import RetryAfter
    from telegram.ext import ExtBot

    created = server.create_bot(first_name="Retry Bot")
    user = server.create_user("Alice")
    server.user_call(user["token"], "startBot", bot_id=created["user"]["id"])
    chat_id = user["user"]["id"]
    server.admin_call("injectFault", method="sendMessage", error_code=429,
                      description="Too Many Requests: retry after 2", retry_after=2, count=2,
                      bot_id=created["user"]["id"])

    async def scenario():
        ptb = ExtBot(created["token"], base_url=f"{server.base}/bot", base_file_url=f"{server.base}/file/bot")
        async with ptb:
            with pytest.raises(RetryAfter) as refused:
                await ptb.send_message(chat_id, "dropped by PTB")
            assert seconds(refused.value.retry_after) == 2
        aiogram = Bot(created["token"], session=AiohttpSession(api=TelegramAPIServer.from_base(server.base)))
        try:
            with pytest.raises(TelegramRetryAfter) as refused_again:
                await aiogram.send_message(chat_id, "dropped by aiogram")
            assert refused_again.value.retry_after == 2
            # The fault is used up: the retry goes through.
            started = time.monotonic()
            await asyncio.sleep(refused_again.value.retry_after)
            sent = await aiogram.send_message(chat_id, "after the retry")
            assert sent.text == "after the retry" and time.monotonic() - started >= 2
        finally:
            await aiogram.session.close()

    asyncio.run(scenario())
    texts = [m.get("text") for m in server.drain_user_messages(user["token"])]
    assert texts == ["after the retry"]


def test_a_poll_closes_when_the_admin_advances_the_clock_ptb(server):
    from telegram.ext import ExtBot

    created = server.create_bot(first_name="Poll Bot")
    user = server.create_user("Voter")
    server.user_call(user["token"], "startBot", bot_id=created["user"]["id"])
    start = server.admin_call("getTime")["unix_time"]

    async def scenario():
        bot = ExtBot(created["token"], base_url=f"{server.base}/bot", base_file_url=f"{server.base}/file/bot")
        async with bot:
            sent = await bot.send_poll(user["user"]["id"], "Lunch?", ["Yes", "No"], open_period=600)
            assert not sent.poll.is_closed
            # Ten minutes pass in an instant: the poll closes during advanceTime itself.
            moved = server.admin_call("advanceTime", seconds=601)
            assert moved["unix_time"] >= start + 601
            updates = await bot.get_updates(timeout=5, allowed_updates=["poll"])
            closed = [u.poll for u in updates if u.poll and u.poll.id == sent.poll.id]
            assert closed and closed[-1].is_closed
            later = await bot.send_message(user["user"]["id"], "after lunch")
            assert later.date.timestamp() >= start + 601

    asyncio.run(scenario())
