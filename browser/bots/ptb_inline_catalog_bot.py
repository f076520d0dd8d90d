#!/usr/bin/env python3
"""An inline catalogue bot for the browser tests, written with python-telegram-bot 22.8 as
any PTB inline bot is:

  inline query "photos"   three photo results (the test's image by URL, with THUMB_URL as
                          their thumbnails), one page
  any other inline query  30 articles "Item <n>" with a description and a thumbnail, in pages
                          of 10 (next_offset "10", "20", then none), and a "Set up the
                          catalogue" button that switches to the private chat (/start catalogue)
  inline query "shop"     one article and an "Open the shop" button that opens the Mini App
                          MINI_APP_URL (when given) above the results
  /start catalogue        answered with "Catalogue set up"
  chosen results          written to the event log ("chosen:<id>")

The thumbnails' URL (THUMB_URL, a data: URL: the client's page loads images only from its
own server, data: and blob: URLs) and the photos' (PHOTO_URL, served by the test) come from
the environment.

    THUMB_URL=data:… PHOTO_URL=http://… python ptb_inline_catalog_bot.py TOKEN http://127.0.0.1:8081
"""

import json
import logging
import os
import sys

from telegram import (InlineQueryResultArticle, InlineQueryResultPhoto, InlineQueryResultsButton,
                      InputTextMessageContent, Update, WebAppInfo)
from telegram.ext import Application, ChosenInlineResultHandler, CommandHandler, ContextTypes, InlineQueryHandler

THUMB_URL = os.environ["THUMB_URL"]
PHOTO_URL = os.environ["PHOTO_URL"]
MINI_APP_URL = os.environ.get("MINI_APP_URL")
PAGE = 10
TOTAL = 30


def log_event(text: str) -> None:
    with open(os.environ["BOT_EVENT_LOG"], "a") as log:
        log.write(json.dumps({"run": int(os.environ.get("BOT_RUN", "0")), "update_id": 0, "text": text}) + "\n")


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    log_event(f"query:{query.query}:{query.offset}")
    if query.query == "photos":
        results = [InlineQueryResultPhoto(id=f"p{n}", photo_url=f"{PHOTO_URL}?p={n}", thumbnail_url=THUMB_URL,
                                          title=f"Photo {n}") for n in range(1, 4)]
        await query.answer(results, cache_time=0)
        return
    if query.query == "shop" and MINI_APP_URL:
        results = [InlineQueryResultArticle(id="menu", title="Today's menu",
                                            input_message_content=InputTextMessageContent("Today's menu"))]
        await query.answer(results, cache_time=0,
                           button=InlineQueryResultsButton("Open the shop", web_app=WebAppInfo(MINI_APP_URL)))
        return
    start = int(query.offset or 0)
    results = [
        InlineQueryResultArticle(
            id=str(n), title=f"Item {n}", description=f"Description of item {n}",
            thumbnail_url=THUMB_URL,
            input_message_content=InputTextMessageContent(f"You picked item {n}"))
        for n in range(start + 1, min(start + PAGE, TOTAL) + 1)
    ]
    next_offset = str(start + PAGE) if start + PAGE < TOTAL else ""
    await query.answer(results, cache_time=0, next_offset=next_offset,
                       button=InlineQueryResultsButton("Set up the catalogue", start_parameter="catalogue"))


async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log_event(f"chosen:{update.chosen_inline_result.result_id}")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if context.args == ["catalogue"]:
        await update.message.reply_text("Catalogue set up")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = sys.argv[1], sys.argv[2].rstrip("/")
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    app.add_handler(InlineQueryHandler(inline_query))
    app.add_handler(ChosenInlineResultHandler(chosen))
    app.add_handler(CommandHandler("start", start))
    app.run_polling(poll_interval=0, timeout=2, allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
