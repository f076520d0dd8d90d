#!/usr/bin/env python3
"""A shop bot for the browser tests, written with python-telegram-bot 22.8 as any PTB bot is:

  /start   sets the chat's menu button to the Mini App ("Shop"), then sends an inline
           `web_app` button ("Open the shop") and a reply keyboard whose "Order pizza" button
           opens the Mini App too
  web_app_data  (the Mini App's sendData) is answered with "Order received: <data>"
  /buy     a Telegram Stars invoice (25 Stars); the pre-checkout query is accepted, and the
           successful payment answered with "Thanks for buying a Star cookie!"

The Mini App's URL comes from the environment (MINI_APP_URL): the test serves it.

    MINI_APP_URL=https://… python ptb_mini_app_bot.py TOKEN http://127.0.0.1:8081
"""

import logging
import os
import sys

from telegram import (InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, LabeledPrice, MenuButtonWebApp,
                      ReplyKeyboardMarkup, Update, WebAppInfo)
from telegram.ext import (Application, CommandHandler, ContextTypes, MessageHandler, PreCheckoutQueryHandler,
                          filters)

APP_URL = os.environ["MINI_APP_URL"]
PAYLOAD = "star-cookie"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    app = WebAppInfo(url=APP_URL)
    await context.bot.set_chat_menu_button(chat_id=update.effective_chat.id, menu_button=MenuButtonWebApp("Shop", app))
    await update.message.reply_text(
        "Welcome to the pizza shop!",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Open the shop", web_app=app)]]))
    await update.message.reply_text(
        "Or order from the keyboard.",
        reply_markup=ReplyKeyboardMarkup([[KeyboardButton("Order pizza", web_app=app)]], resize_keyboard=True))


async def web_app_data(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(f"Order received: {update.message.web_app_data.data}")


async def buy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_invoice(
        chat_id=update.effective_chat.id, title="Star cookie", description="A cookie paid with Stars",
        payload=PAYLOAD, currency="XTR", prices=[LabeledPrice("Cookie", 25)])


async def pre_checkout(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.pre_checkout_query
    if query.invoice_payload == PAYLOAD:
        await query.answer(ok=True)
    else:
        await query.answer(ok=False, error_message="Unknown order")


async def paid(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    payment = update.message.successful_payment
    if payment.invoice_payload == PAYLOAD and payment.currency == "XTR":
        await update.message.reply_text("Thanks for buying a Star cookie!")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = sys.argv[1], sys.argv[2].rstrip("/")
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("buy", buy))
    app.add_handler(MessageHandler(filters.StatusUpdate.WEB_APP_DATA, web_app_data))
    app.add_handler(PreCheckoutQueryHandler(pre_checkout))
    app.add_handler(MessageHandler(filters.SUCCESSFUL_PAYMENT, paid))
    app.run_polling(poll_interval=0, timeout=2, allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
