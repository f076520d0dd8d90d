#!/usr/bin/env python3
"""A bot for the browser tests, written with python-telegram-bot 22.8 as any PTB bot is:

  /start     a question with inline buttons: "Yes"/"No" (answered with a notification,
             then the message is edited), "Alert" (answered with show_alert), a url button
  /keyboard  a one-time, resized reply keyboard ("Red", "Green") with a placeholder; the
             chosen colour is answered and the keyboard removed
  /poll      a non-anonymous poll
  /echo X    answers X (the way to reach it in a group in privacy mode)
  text       "typing…", then the text echoed

Its commands are set at start-up (setMyCommands).

    python ptb_showcase_bot.py TOKEN http://127.0.0.1:8081
"""

import asyncio
import logging
import sys

from telegram import (BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup,
                      ReplyKeyboardRemove, Update)
from telegram.constants import ChatAction
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    keyboard = InlineKeyboardMarkup([
        [InlineKeyboardButton("Yes", callback_data="vote:yes"), InlineKeyboardButton("No", callback_data="vote:no")],
        [InlineKeyboardButton("Alert", callback_data="alert"), InlineKeyboardButton("Docs", url="https://core.telegram.org/bots/api")],
    ])
    await update.message.reply_text("Do you like *buttons*?", reply_markup=keyboard, parse_mode="Markdown")


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query.data == "alert":
        await query.answer(text="This is an alert", show_alert=True)
        return
    await query.answer(text=f"You chose {query.data.split(':')[1]}")
    await query.edit_message_text(f"Chosen: {query.data.split(':')[1]}")


async def keyboard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    markup = ReplyKeyboardMarkup([["Red", "Green"]], resize_keyboard=True, one_time_keyboard=True,
                                 input_field_placeholder="Pick a colour")
    await update.message.reply_text("Which colour?", reply_markup=markup)


async def colour(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(f"You picked {update.message.text}", reply_markup=ReplyKeyboardRemove())


async def poll(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_poll(update.effective_chat.id, "Tea or coffee?", ["Tea", "Coffee"], is_anonymous=False)


async def echo_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(" ".join(context.args) or "(nothing)")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_chat_action(update.effective_chat.id, ChatAction.TYPING)
    await asyncio.sleep(0.5)
    await update.message.reply_text(update.message.text)


async def post_init(app: Application) -> None:
    await app.bot.set_my_commands([
        BotCommand("start", "Show the buttons"), BotCommand("keyboard", "Pick a colour"),
        BotCommand("poll", "Ask a question"), BotCommand("echo", "Repeat after me"),
    ])


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = sys.argv[1], sys.argv[2].rstrip("/")
    app = (Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
           .post_init(post_init).build())
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("keyboard", keyboard))
    app.add_handler(CommandHandler("poll", poll))
    app.add_handler(CommandHandler("echo", echo_command))
    app.add_handler(CallbackQueryHandler(pressed))
    app.add_handler(MessageHandler(filters.Regex(r"^(Red|Green)$"), colour))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.run_polling(poll_interval=0, timeout=2, allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
