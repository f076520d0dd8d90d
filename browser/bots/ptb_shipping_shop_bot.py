#!/usr/bin/env python3
"""A shop that ships, for the browser tests, written with python-telegram-bot 22.8 as any PTB
shop is:

  /buy            a USD invoice through a (test) provider for a "Tea set" (20.00) that asks
                  for the name, phone number, email and shipping address, with flexible prices
  shipping query  German addresses get "DHL" (5.00) and "Express" (15.00); others are refused
                  with "Sorry, we only ship to Germany"
  pre-checkout    refused with "Out of stock in Hamburg" for that city, else accepted
  payment         answered with "Your tea set goes by <option> to <name>, <city>"

    python ptb_shipping_shop_bot.py TOKEN http://127.0.0.1:8081
"""

import logging
import sys

from telegram import LabeledPrice, ShippingOption, Update
from telegram.ext import (Application, CommandHandler, ContextTypes, MessageHandler, PreCheckoutQueryHandler,
                          ShippingQueryHandler, filters)

PAYLOAD = "tea-set"


async def buy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_invoice(
        chat_id=update.effective_chat.id, title="Tea set", description="Six cups and a pot", payload=PAYLOAD,
        provider_token="TEST:tea", currency="USD", prices=[LabeledPrice("Tea set", 2000)],
        need_name=True, need_phone_number=True, need_email=True, need_shipping_address=True, is_flexible=True)


async def shipping(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.shipping_query
    if query.shipping_address.country_code != "DE":
        await query.answer(ok=False, error_message="Sorry, we only ship to Germany")
        return
    await query.answer(ok=True, shipping_options=[
        ShippingOption("dhl", "DHL", [LabeledPrice("DHL", 500)]),
        ShippingOption("express", "Express", [LabeledPrice("Express", 1500)]),
    ])


async def pre_checkout(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.pre_checkout_query
    if query.order_info.shipping_address.city == "Hamburg":
        await query.answer(ok=False, error_message="Out of stock in Hamburg")
    else:
        await query.answer(ok=True)


async def paid(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    payment = update.message.successful_payment
    info = payment.order_info
    await update.message.reply_text(
        f"Your tea set goes by {payment.shipping_option_id} to {info.name}, {info.shipping_address.city}")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = sys.argv[1], sys.argv[2].rstrip("/")
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    app.add_handler(CommandHandler("buy", buy))
    app.add_handler(ShippingQueryHandler(shipping))
    app.add_handler(PreCheckoutQueryHandler(pre_checkout))
    app.add_handler(MessageHandler(filters.SUCCESSFUL_PAYMENT, paid))
    app.run_polling(poll_interval=0, timeout=2, allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
