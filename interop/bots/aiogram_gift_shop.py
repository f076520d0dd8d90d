#!/usr/bin/env python3
"""A gift bot with aiogram 3.31.0, written as any aiogram bot that gives gifts would be:
/gift buys the cheapest gift of getAvailableGifts for the user with the bot's Stars, with a
note, then answers with what getUserGifts shows of the user's profile; a refusal (no Stars)
is answered with its description.

    python aiogram_gift_shop.py TOKEN http://127.0.0.1:8081
"""

import asyncio
import logging

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import Message, Update

from _common import log_event, token_and_base

dp = Dispatcher()


@dp.message(Command("gift"))
async def gift(message: Message, bot: Bot, event_update: Update) -> None:
    log_event(event_update.update_id, message.text)
    catalogue = await bot.get_available_gifts()
    cheapest = min(catalogue.gifts, key=lambda g: g.star_count)
    try:
        await bot.send_gift(gift_id=cheapest.id, user_id=message.from_user.id,
                            text="For <b>you</b>", text_parse_mode="HTML")
    except TelegramBadRequest as error:
        await message.answer(f"Failed: {error.message}")
        return
    owned = await bot.get_user_gifts(user_id=message.from_user.id)
    first = owned.gifts[0]
    balance = await bot.get_my_star_balance()
    await message.answer(f"Sent {cheapest.id} ({cheapest.star_count}); profile shows {owned.total_count}: "
                         f"{first.type} {first.gift.id} from {first.sender_user.id}; balance {balance.amount}")


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    token, base = token_and_base()
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    await dp.start_polling(bot, polling_timeout=2, handle_as_tasks=False, allowed_updates=["message"])
    print("aiogram gift shop stopped", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
