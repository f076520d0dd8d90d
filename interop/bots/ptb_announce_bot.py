#!/usr/bin/env python3
"""A python-telegram-bot 22.8 announcement bot, written as PTB's docs suggest for groups
that may be upgraded: `/announce <text>` in a private chat posts the text to the group
whose id it was configured with (ANNOUNCE_CHAT_ID); when the library raises ChatMigrated
it follows `new_chat_id`, posts there, and tells the sender "moved to <id>".

    ANNOUNCE_CHAT_ID=-123 python ptb_announce_bot.py TOKEN http://127.0.0.1:8081
"""

import logging
import os

from telegram import Update
from telegram.error import ChatMigrated
from telegram.ext import Application, CommandHandler, ContextTypes

from _common import log_event, token_and_base


async def announce(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log_event(update.update_id, update.message.text)
    text = " ".join(context.args)
    target = context.bot_data.setdefault("chat_id", int(os.environ["ANNOUNCE_CHAT_ID"]))
    try:
        await context.bot.send_message(target, text)
    except ChatMigrated as migrated:
        context.bot_data["chat_id"] = migrated.new_chat_id
        await context.bot.send_message(migrated.new_chat_id, text)
        await update.message.reply_text(f"moved to {migrated.new_chat_id}")
        return
    await update.message.reply_text("announced")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = token_and_base()
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    app.add_handler(CommandHandler("announce", announce))
    app.run_polling(poll_interval=0, timeout=2, allowed_updates=Update.ALL_TYPES)
    print("ptb announce bot stopped", flush=True)


if __name__ == "__main__":
    main()
