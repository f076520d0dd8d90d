#!/usr/bin/env python3
"""A welcome bot with aiogram 3.31.0, written as any aiogram greeter would be: it greets a
newcomer once for the `new_chat_members` service message and once for the `chat_member`
update (which only administrators that ask for it in allowed_updates receive):

    Hello, <name>!                  (service message)
    Welcome, <name> (chat_member)   (member update)

    python aiogram_welcome_bot.py TOKEN http://127.0.0.1:8081
"""

import asyncio
import logging

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import JOIN_TRANSITION, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated, Message, Update

from _common import log_event, token_and_base

dp = Dispatcher()


@dp.message(F.new_chat_members)
async def service_greeting(message: Message, event_update: Update) -> None:
    for user in message.new_chat_members:
        log_event(event_update.update_id, f"new_chat_members {user.id}")
        if not user.is_bot:
            await message.answer(f"Hello, {user.first_name}!")


@dp.chat_member(ChatMemberUpdatedFilter(JOIN_TRANSITION))
async def member_greeting(event: ChatMemberUpdated, bot: Bot, event_update: Update) -> None:
    user = event.new_chat_member.user
    log_event(event_update.update_id, f"chat_member {user.id}")
    await bot.send_message(event.chat.id, f"Welcome, {user.first_name} (chat_member)")


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    token, base = token_and_base()
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    await dp.start_polling(bot, polling_timeout=2, handle_as_tasks=False,
                           allowed_updates=["message", "chat_member", "my_chat_member"])
    print("aiogram welcome bot stopped", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
