#!/usr/bin/env python3
"""An inline bot with python-telegram-bot 22.8, written as any PTB bot would be: it answers
inline queries with ten numbered articles per page (next_offset paging), each carrying a
callback button; when a user presses the button under a message sent via the bot, it edits
that inline message (by inline_message_id) to say so. It also logs chosen results.

    python ptb_inline_bot.py TOKEN http://127.0.0.1:8081
"""

import logging
import os

from telegram import (InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle,
                      InputTextMessageContent, Update)
from telegram.ext import (Application, CallbackQueryHandler, ChosenInlineResultHandler, ContextTypes,
                          InlineQueryHandler)

from _common import log_event, token_and_base

POLL_TIMEOUT = int(os.environ.get("BOT_POLL_TIMEOUT", "2"))
PAGE = 10
TOTAL = 25


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    log_event(update.update_id, f"query:{query.query}:{query.offset}")
    start = int(query.offset or 0)
    results = [
        InlineQueryResultArticle(
            id=str(n), title=f"{query.query} #{n}",
            input_message_content=InputTextMessageContent(f"{query.query} number {n}"),
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Like", callback_data=f"like:{n}")]]),
        )
        for n in range(start, min(start + PAGE, TOTAL))
    ]
    next_offset = str(start + PAGE) if start + PAGE < TOTAL else ""
    await query.answer(results, cache_time=0, next_offset=next_offset)


async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    result = update.chosen_inline_result
    log_event(update.update_id, f"chosen:{result.result_id}:{bool(result.inline_message_id)}")


async def liked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    log_event(update.update_id, f"{query.data}:{bool(query.inline_message_id)}")
    await query.answer(text="Thanks!")
    await query.edit_message_text(f"Liked {query.data.split(':')[1]}")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = token_and_base()
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    app.add_handler(InlineQueryHandler(inline_query))
    app.add_handler(ChosenInlineResultHandler(chosen))
    app.add_handler(CallbackQueryHandler(liked, pattern=r"^like:"))
    app.run_polling(poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES)
    print("ptb inline bot stopped", flush=True)


if __name__ == "__main__":
    main()
