#!/usr/bin/env python3
"""A python-telegram-bot 22.8 group bot, written as any PTB group bot would be: /help
answers, and every other text it receives is echoed with an "echo: " prefix, so a test can
see exactly which group messages privacy mode let through.

    python ptb_group_bot.py TOKEN http://127.0.0.1:8081
"""

import logging

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from _common import log_event, token_and_base


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log_event(update.update_id, update.message.text)
    await update.message.reply_text("help for you")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log_event(update.update_id, update.message.text)
    await context.bot.send_message(update.effective_chat.id, "echo: " + update.message.text)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = token_and_base()
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    app.add_handler(CommandHandler("help", help_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.run_polling(poll_interval=0, timeout=2, allowed_updates=Update.ALL_TYPES)
    print("ptb group bot stopped", flush=True)


if __name__ == "__main__":
    main()
