#!/usr/bin/env python3
"""A business bot with aiogram 3.31.0, written as any aiogram business bot would be: it
answers the customers of the account that connected it, through the connection
(Message.answer passes business_connection_id), and leaves the account's own messages
alone. Every business update it handles goes to the event log as text:
"connection:<is_enabled>", "customer:<text>", "owner:<text>", "edited:<text>",
"deleted:<ids>".

    python aiogram_business_bot.py TOKEN http://127.0.0.1:8081
"""

import asyncio
import logging
import os

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import BusinessConnection, BusinessMessagesDeleted, Message, Update

from _common import log_event, token_and_base

POLL_TIMEOUT = int(os.environ.get("BOT_POLL_TIMEOUT", "2"))

dp = Dispatcher()


@dp.business_connection()
async def connection(business_connection: BusinessConnection, event_update: Update) -> None:
    log_event(event_update.update_id, f"connection:{str(business_connection.is_enabled).lower()}")


@dp.business_message(F.text)
async def business_message(message: Message, bot: Bot, event_update: Update) -> None:
    owner = (await bot.get_business_connection(message.business_connection_id)).user
    if message.from_user.id == owner.id:
        log_event(event_update.update_id, f"owner:{message.text}")
        return
    log_event(event_update.update_id, f"customer:{message.text}")
    await message.answer(f"{owner.first_name} got your message: {message.text}")


@dp.edited_business_message(F.text)
async def edited(message: Message, event_update: Update) -> None:
    log_event(event_update.update_id, f"edited:{message.text}")


@dp.deleted_business_messages()
async def deleted(event: BusinessMessagesDeleted, event_update: Update) -> None:
    log_event(event_update.update_id, "deleted:" + ",".join(str(i) for i in event.message_ids))


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    token, base = token_and_base()
    session = AiohttpSession(api=TelegramAPIServer.from_base(base))
    bot = Bot(token, session=session)
    # start_polling asks for the update kinds the handlers use: the business ones here.
    await dp.start_polling(bot, polling_timeout=POLL_TIMEOUT, handle_as_tasks=False)
    print("aiogram bot stopped", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
