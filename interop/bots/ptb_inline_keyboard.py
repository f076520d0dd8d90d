#!/usr/bin/env python3
"""An inline-keyboard bot with python-telegram-bot 22.8, written as any PTB bot would be:
/start answers with a question and two callback buttons; the CallbackQueryHandler answers
the press (a notification naming the choice) and edits its own message to show the choice.

    python ptb_inline_keyboard.py TOKEN http://127.0.0.1:8081
"""

import logging
import os

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from _common import log_event, token_and_base

POLL_TIMEOUT = int(os.environ.get("BOT_POLL_TIMEOUT", "2"))
QUESTION = "Do you like buttons?"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log_event(update.update_id, update.message.text)
    keyboard = InlineKeyboardMarkup([[
        InlineKeyboardButton("Yes", callback_data="vote:yes"),
        InlineKeyboardButton("No", callback_data="vote:no"),
    ]])
    await update.message.reply_text(QUESTION, reply_markup=keyboard)


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    log_event(update.update_id, query.data)
    await query.answer(text=f"You chose {query.data}")
    await query.edit_message_text(f"Chosen: {query.data}")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = token_and_base()
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed, pattern=r"^vote:"))
    app.run_polling(poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES)
    print("ptb inline keyboard bot stopped", flush=True)


if __name__ == "__main__":
    main()
