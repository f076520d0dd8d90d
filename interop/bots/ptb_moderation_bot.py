#!/usr/bin/env python3
"""A python-telegram-bot 22.8 moderation bot, written as any PTB anti-spam bot would be:
whoever posts a link in a group is banned, and whoever sends three messages within a few
seconds is muted. It reports every action, or the error Telegram answered, in the chat:

    banned <name> | cannot ban <name>: <error> | muted <name> | cannot mute <name>: <error>

    python ptb_moderation_bot.py TOKEN http://127.0.0.1:8081
"""

import logging
import time
from collections import defaultdict

from telegram import ChatPermissions, MessageEntity, Update
from telegram.error import BadRequest
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from _common import log_event, token_and_base

FLOOD_COUNT = 3
FLOOD_SECONDS = 10.0

recent: dict[tuple[int, int], list[float]] = defaultdict(list)


async def ban_link_poster(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    log_event(update.update_id, message.text)
    user = message.from_user
    try:
        await context.bot.ban_chat_member(message.chat_id, user.id)
    except BadRequest as error:
        await context.bot.send_message(message.chat_id, f"cannot ban {user.first_name}: {error.message}")
        return
    await context.bot.send_message(message.chat_id, f"banned {user.first_name}")


async def count_messages(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    log_event(update.update_id, message.text)
    user = message.from_user
    key = (message.chat_id, user.id)
    now = time.monotonic()
    recent[key] = [t for t in recent[key] if now - t < FLOOD_SECONDS] + [now]
    if len(recent[key]) < FLOOD_COUNT:
        return
    recent[key].clear()
    try:
        await context.bot.restrict_chat_member(
            message.chat_id, user.id, ChatPermissions.no_permissions(), until_date=int(time.time()) + 3600)
    except BadRequest as error:
        await context.bot.send_message(message.chat_id, f"cannot mute {user.first_name}: {error.message}")
        return
    await context.bot.send_message(message.chat_id, f"muted {user.first_name}")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = token_and_base()
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    links = filters.Entity(MessageEntity.URL) | filters.Entity(MessageEntity.TEXT_LINK)
    group_text = filters.ChatType.GROUPS & filters.TEXT
    app.add_handler(MessageHandler(group_text & links, ban_link_poster))
    app.add_handler(MessageHandler(group_text & ~links, count_messages))
    app.run_polling(poll_interval=0, timeout=2, allowed_updates=Update.ALL_TYPES)
    print("ptb moderation bot stopped", flush=True)


if __name__ == "__main__":
    main()
