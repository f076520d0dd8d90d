"""Web Apps with real libraries: an aiogram bot shows Web App buttons, the user opens them
through the user surface's openWebApp, and the init data it gets is accepted by aiogram's
`safe_parse_webapp_init_data` and pyTelegramBotAPI's `telebot.util.validate_web_app_data`
with the bot's token, and refused by both once tampered with or checked with another
token. A reply keyboard's Web App sends data back (sendWebAppData), which the aiogram bot
reads as `web_app_data`.
"""

import asyncio
from urllib.parse import parse_qsl, urlencode

import pytest

APP_URL = "https://example.com/app"
ORDER_URL = "https://example.com/order"


def tampered(init_data: str, key: str, value: str) -> str:
    fields = dict(parse_qsl(init_data, strict_parsing=True))
    fields[key] = value
    return urlencode(fields)


@pytest.mark.timeout(60)
def test_web_app_init_data_validates_with_aiogram_and_telebot(server):
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.types import (InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup,
                               WebAppInfo)
    from aiogram.utils.web_app import safe_parse_webapp_init_data
    from telebot.util import validate_web_app_data

    created = server.create_bot(first_name="Shop")
    token = created["token"]
    bot_id = created["user"]["id"]
    alice = server.create_user("Alice", username="alice_webapp")
    alice_id = alice["user"]["id"]
    server.user_call(alice["token"], "startBot", bot_id=bot_id)

    async def scenario():
        bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(server.base)))
        try:
            updates = await bot.get_updates(timeout=5)
            offset = updates[-1].update_id + 1
            markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Open", web_app=WebAppInfo(url=APP_URL))]])
            sent = await bot.send_message(alice_id, "Open the shop", reply_markup=markup)

            opened = server.user_call(alice["token"], "openWebApp", bot_id=bot_id, url=APP_URL, chat_id=bot_id,
                                      message_id=sent.message_id)
            assert opened["url"] == APP_URL
            init_data = opened["init_data"]

            parsed = safe_parse_webapp_init_data(token, init_data)
            assert parsed.user.id == alice_id and parsed.user.first_name == "Alice"
            assert parsed.user.username == "alice_webapp"
            assert parsed.query_id and parsed.chat_type == "private" and parsed.chat_instance
            assert validate_web_app_data(token, init_data)

            # Tampered data, or the right data checked with another bot's token, fails.
            forged = tampered(init_data, "user", '{"id":1,"first_name":"Mallory"}')
            with pytest.raises(ValueError):
                safe_parse_webapp_init_data(token, forged)
            assert not validate_web_app_data(token, forged)
            other_token = server.create_bot(first_name="Other")["token"]
            with pytest.raises(ValueError):
                safe_parse_webapp_init_data(other_token, init_data)
            assert not validate_web_app_data(other_token, init_data)

            # A reply keyboard's Web App answers with sendData: the bot gets web_app_data.
            keyboard = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Order", web_app=WebAppInfo(url=ORDER_URL))]])
            await bot.send_message(alice_id, "Order here", reply_markup=keyboard)
            order = server.user_call(alice["token"], "openWebApp", bot_username=created["user"]["username"], url=ORDER_URL)
            order_data = safe_parse_webapp_init_data(token, order["init_data"])
            assert order_data.query_id is None and order_data.user.id == alice_id
            server.user_call(alice["token"], "sendWebAppData", bot_id=bot_id, button_text="Order", data='{"pizza":2}')
            received = []
            for _ in range(10):
                batch = await bot.get_updates(offset=offset, timeout=1)
                received += [u for u in batch if u.message and u.message.web_app_data]
                if batch:
                    offset = batch[-1].update_id + 1
                if received:
                    break
            assert received, "no web_app_data message"
            data = received[0].message.web_app_data
            assert (data.button_text, data.data) == ("Order", '{"pizza":2}')
            assert received[0].message.from_user.id == alice_id
        finally:
            await bot.session.close()

    asyncio.run(scenario())
