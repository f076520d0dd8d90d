#!/usr/bin/env python3
"""Echo bot with python-telegram-bot 22.8, written as any PTB bot would be: an Application
with a /start CommandHandler and a text MessageHandler, run with run_polling().

    python ptb_echo.py TOKEN http://127.0.0.1:8081

PTB_SKIP_DELETE_WEBHOOK=1 swaps in an ExtBot whose delete_webhook() does nothing: PTB's
Updater calls deleteWebhook before it starts polling, and this lets the rest of PTB (the
real Updater polling loop, its offset confirmation at shutdown, handlers) run against a
server that does not implement deleteWebhook yet.
"""

import logging
import os

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, ExtBot, MessageHandler, filters

from _common import GREETING, log_event, token_and_base

POLL_TIMEOUT = int(os.environ.get("BOT_POLL_TIMEOUT", "2"))


class NoDeleteWebhookBot(ExtBot):
    async def delete_webhook(self, *args, **kwargs) -> bool:
        return True


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log_event(update.update_id, update.message.text)
    await update.message.reply_text(GREETING)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log_event(update.update_id, update.message.text)
    await update.message.reply_text(update.message.text)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = token_and_base()
    builder = Application.builder()
    if os.environ.get("PTB_SKIP_DELETE_WEBHOOK") == "1":
        builder = builder.bot(NoDeleteWebhookBot(token, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot"))
    else:
        builder = builder.token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    app = builder.build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.Regex(r"^/start(\s|@|$)"), echo))
    app.run_polling(poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES)
    print("ptb bot stopped", flush=True)


if __name__ == "__main__":
    main()
