#!/usr/bin/env python3
"""An aiogram 3.31.0 announcement bot: `/announce <text>` in a private chat posts the text
to the group it was configured with (ANNOUNCE_CHAT_ID); when aiogram raises
TelegramMigrateToChat it follows `migrate_to_chat_id`, posts there, and tells the sender
"moved to <id>".

    ANNOUNCE_CHAT_ID=-123 python aiogram_announce_bot.py TOKEN http://127.0.0.1:8081
"""

import asyncio
import logging
import os

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramMigrateToChat
from aiogram.filters import Command, CommandObject
from aiogram.types import Message, Update

from _common import log_event, token_and_base

dp = Dispatcher()
state = {}


@dp.message(Command("announce"))
async def announce(message: Message, command: CommandObject, bot: Bot, event_update: Update) -> None:
    log_event(event_update.update_id, message.text)
    target = state.setdefault("chat_id", int(os.environ["ANNOUNCE_CHAT_ID"]))
    try:
        await bot.send_message(target, command.args or "")
    except TelegramMigrateToChat as migrated:
        state["chat_id"] = migrated.migrate_to_chat_id
        await bot.send_message(migrated.migrate_to_chat_id, command.args or "")
        await message.answer(f"moved to {migrated.migrate_to_chat_id}")
        return
    await message.answer("announced")


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    token, base = token_and_base()
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    await dp.start_polling(bot, polling_timeout=2, handle_as_tasks=False, allowed_updates=["message"])
    print("aiogram announce bot stopped", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
