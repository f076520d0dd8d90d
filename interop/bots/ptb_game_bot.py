#!/usr/bin/env python3
"""A game bot with python-telegram-bot 22.8, written as any PTB game bot would be:
/start sends the game "tetris"; pressing its Play button is answered with the game's URL;
"/score N" records the sender's score on the game message and replies with the high scores
around them ("position. name score" per line), or "not modified" when Telegram refuses a
score that is not higher.

    python ptb_game_bot.py TOKEN http://127.0.0.1:8081
"""

import logging
import os

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from _common import log_event, token_and_base

POLL_TIMEOUT = int(os.environ.get("BOT_POLL_TIMEOUT", "2"))
GAME = "tetris"
GAME_URL = "https://example.com/tetris"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log_event(update.update_id, update.message.text)
    sent = await update.effective_chat.send_game(GAME)
    context.bot_data[update.effective_chat.id] = sent.message_id


async def play(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    log_event(update.update_id, query.game_short_name)
    await query.answer(url=f"{GAME_URL}?user={query.from_user.id}")


async def score(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    log_event(update.update_id, update.message.text)
    chat_id = update.effective_chat.id
    game_message = context.bot_data.get(chat_id)
    if game_message is None or not context.args:
        await update.message.reply_text("no game")
        return
    user = update.effective_user
    try:
        await context.bot.set_game_score(user_id=user.id, score=int(context.args[0]), chat_id=chat_id,
                                         message_id=game_message)
    except BadRequest as error:
        if "score_not_modified" in error.message.lower():
            await update.message.reply_text("not modified")
            return
        raise
    scores = await context.bot.get_game_high_scores(user_id=user.id, chat_id=chat_id, message_id=game_message)
    await update.message.reply_text("\n".join(f"{s.position}. {s.user.first_name} {s.score}" for s in scores))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = token_and_base()
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("score", score))
    app.add_handler(CallbackQueryHandler(play, pattern=None))
    app.run_polling(poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES)
    print("ptb game bot stopped", flush=True)


if __name__ == "__main__":
    main()
