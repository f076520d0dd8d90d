#!/usr/bin/env python3
"""Echo bot with aiogram 3.31.0, written as any aiogram bot would be: a Dispatcher with a
CommandStart handler and a text handler, run with start_polling().

    python aiogram_echo.py TOKEN http://127.0.0.1:8081
"""

import asyncio
import logging
import os

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import CommandStart
from aiogram.types import Message, Update

from _common import GREETING, log_event, token_and_base

POLL_TIMEOUT = int(os.environ.get("BOT_POLL_TIMEOUT", "2"))

dp = Dispatcher()


@dp.message(CommandStart())
async def start(message: Message, event_update: Update) -> None:
    log_event(event_update.update_id, message.text)
    await message.answer(GREETING)


@dp.message(F.text)
async def echo(message: Message, event_update: Update) -> None:
    log_event(event_update.update_id, message.text)
    await message.answer(message.text)


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    token, base = token_and_base()
    session = AiohttpSession(api=TelegramAPIServer.from_base(base))
    bot = Bot(token, session=session)
    # start_polling handles SIGINT/SIGTERM itself and returns after a graceful stop.
    # handle_as_tasks=False: updates are handled one after the other, so replies keep the
    # order of the messages (the default runs each update as its own task).
    await dp.start_polling(bot, polling_timeout=POLL_TIMEOUT, handle_as_tasks=False)
    print("aiogram bot stopped", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
