#!/usr/bin/env python3
"""Echo bot with python-telegram-bot 22.8 in webhook mode: the usual Application with /start
and text handlers, run with run_webhook() (tornado listener; needs the [webhooks] extra, see
interop/requirements.txt). run_webhook calls setWebhook itself, checks the secret
token and Content-Type (exactly application/json) of every POST, answers 200 with an empty
body, and handles the update afterwards; replies are normal API calls.

    WEBHOOK_PORT=8443 [WEBHOOK_SECRET=...] python ptb_webhook_echo.py TOKEN http://127.0.0.1:8081
"""

import logging
import os

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from _common import GREETING, log_event, token_and_base

PORT = int(os.environ["WEBHOOK_PORT"])
SECRET = os.environ.get("WEBHOOK_SECRET") or None
PATH = os.environ.get("WEBHOOK_PATH", "/webhook").lstrip("/")


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
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.Regex(r"^/start(\s|@|$)"), echo))
    app.run_webhook(listen="127.0.0.1", port=PORT, url_path=PATH, webhook_url=f"http://127.0.0.1:{PORT}/{PATH}",
                    secret_token=SECRET, allowed_updates=Update.ALL_TYPES)
    print("ptb webhook bot stopped", flush=True)


if __name__ == "__main__":
    main()
