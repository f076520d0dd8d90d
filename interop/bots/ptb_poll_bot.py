#!/usr/bin/env python3
"""A poll and forwarding bot with python-telegram-bot 22.8, written as any PTB bot would be:
/poll answers with a non-anonymous poll; the PollAnswerHandler logs every answer as
"answer:<user id>:<option ids>"; any other text is forwarded back to its sender and then
copied back ("copy:<message id>" is logged with the copy's id).

    python ptb_poll_bot.py TOKEN http://127.0.0.1:8081
"""

import logging
import os

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, PollAnswerHandler, filters

from _common import log_event, token_and_base

POLL_TIMEOUT = int(os.environ.get("BOT_POLL_TIMEOUT", "2"))
QUESTION = "Tea or coffee?"


async def poll(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log_event(update.update_id, update.message.text)
    message = await context.bot.send_poll(update.effective_chat.id, QUESTION, ["Tea", "Coffee"], is_anonymous=False)
    log_event(update.update_id, f"poll:{message.poll.id}")


async def answered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    answer = update.poll_answer
    log_event(update.update_id, f"answer:{answer.user.id}:{list(answer.option_ids)}:{answer.poll_id}")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log_event(update.update_id, update.message.text)
    await update.message.forward(update.effective_chat.id)
    copy = await update.message.copy(update.effective_chat.id)
    log_event(update.update_id, f"copy:{copy.message_id}")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = token_and_base()
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    app.add_handler(CommandHandler("poll", poll))
    app.add_handler(PollAnswerHandler(answered))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.run_polling(poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES)
    print("ptb poll bot stopped", flush=True)


if __name__ == "__main__":
    main()
