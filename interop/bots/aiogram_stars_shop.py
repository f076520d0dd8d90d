#!/usr/bin/env python3
"""A Telegram Stars shop with aiogram 3.31.0, written as any aiogram Stars shop would be:
/buy sends a Stars invoice; the pre-checkout handler accepts it; on `successful_payment` the
bot thanks the buyer and, being a demo shop, refunds the Stars at once; `refunded_payment`
is confirmed with a message too.

    python aiogram_stars_shop.py TOKEN http://127.0.0.1:8081
"""

import asyncio
import logging

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import Command
from aiogram.types import LabeledPrice, Message, PreCheckoutQuery, Update

from _common import log_event, token_and_base

dp = Dispatcher()


@dp.message(Command("buy"))
async def buy(message: Message, event_update: Update) -> None:
    log_event(event_update.update_id, message.text)
    await message.answer_invoice(
        title="Star cookie", description="A cookie paid with Stars", payload="cookie-42",
        currency="XTR", prices=[LabeledPrice(label="Cookie", amount=25)])


@dp.pre_checkout_query()
async def pre_checkout(query: PreCheckoutQuery, event_update: Update) -> None:
    log_event(event_update.update_id, f"pre_checkout {query.invoice_payload} {query.total_amount}")
    await query.answer(ok=True)


@dp.message(F.successful_payment)
async def paid(message: Message, bot: Bot, event_update: Update) -> None:
    payment = message.successful_payment
    log_event(event_update.update_id, f"paid {payment.total_amount} {payment.currency}")
    balance = await bot.get_my_star_balance()
    await message.answer(f"Thanks! Balance {balance.amount}")
    await bot.refund_star_payment(user_id=message.from_user.id,
                                  telegram_payment_charge_id=payment.telegram_payment_charge_id)


@dp.message(F.refunded_payment)
async def refunded(message: Message, bot: Bot, event_update: Update) -> None:
    refund = message.refunded_payment
    log_event(event_update.update_id, f"refunded {refund.total_amount}")
    transactions = await bot.get_star_transactions()
    await message.answer(f"Refunded {refund.total_amount}; {len(transactions.transactions)} transactions")


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    token, base = token_and_base()
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    await dp.start_polling(bot, polling_timeout=2, handle_as_tasks=False,
                           allowed_updates=["message", "pre_checkout_query"])
    print("aiogram stars shop stopped", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
