#!/usr/bin/env python3
"""An inline arcade bot with python-telegram-bot 22.8, written as any PTB bot would be: its
inline results are the game "tetris" and a Stars invoice for a cookie. When Play is pressed
on a game sent via the bot, it answers with the game's URL, records the player's 42 points
on that inline game message (set_game_score by inline_message_id) and logs the high-score
table; it accepts the invoice's pre-checkout query and logs the successful payment.

    python ptb_inline_arcade_bot.py TOKEN http://127.0.0.1:8081
"""

import logging
import os

from telegram import (InlineQueryResultArticle, InlineQueryResultGame, InputInvoiceMessageContent, LabeledPrice,
                      Update)
from telegram.ext import (Application, CallbackQueryHandler, ChosenInlineResultHandler, ContextTypes,
                          InlineQueryHandler, MessageHandler, PreCheckoutQueryHandler, filters)

from _common import log_event, token_and_base

POLL_TIMEOUT = int(os.environ.get("BOT_POLL_TIMEOUT", "2"))
GAME = "tetris"
GAME_URL = "https://example.com/tetris"
POINTS = 42


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    log_event(update.update_id, f"query:{query.query}")
    cookie = InputInvoiceMessageContent(title="Cookie", description="A very good cookie", payload="cookie-1",
                                        currency="XTR", prices=[LabeledPrice("Cookie", 30)])
    await query.answer([
        InlineQueryResultGame(id="tetris", game_short_name=GAME),
        InlineQueryResultArticle(id="cookie", title="A cookie for 30 Stars", input_message_content=cookie),
    ], cache_time=0)


async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    result = update.chosen_inline_result
    log_event(update.update_id, f"chosen:{result.result_id}:{bool(result.inline_message_id)}")


async def play(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    log_event(update.update_id, f"play:{query.game_short_name}:{bool(query.inline_message_id)}")
    await query.answer(url=f"{GAME_URL}?user={query.from_user.id}")
    # An inline game message: the bot may not be in its chat, the inline id names it.
    done = await context.bot.set_game_score(user_id=query.from_user.id, score=POINTS,
                                            inline_message_id=query.inline_message_id)
    log_event(update.update_id, f"set:{done is True}")
    scores = await context.bot.get_game_high_scores(user_id=query.from_user.id,
                                                    inline_message_id=query.inline_message_id)
    log_event(update.update_id, "scores:" + ",".join(f"{s.position}.{s.user.first_name}={s.score}" for s in scores))


async def pre_checkout(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.pre_checkout_query
    log_event(update.update_id, f"pre_checkout:{query.invoice_payload}:{query.total_amount}")
    await query.answer(ok=True)


async def paid(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    payment = update.message.successful_payment
    log_event(update.update_id, f"paid:{payment.invoice_payload}:{payment.total_amount}")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token, base = token_and_base()
    app = Application.builder().token(token).base_url(f"{base}/bot").base_file_url(f"{base}/file/bot").build()
    app.add_handler(InlineQueryHandler(inline_query))
    app.add_handler(ChosenInlineResultHandler(chosen))
    app.add_handler(CallbackQueryHandler(play, pattern=None))
    app.add_handler(PreCheckoutQueryHandler(pre_checkout))
    app.add_handler(MessageHandler(filters.SUCCESSFUL_PAYMENT, paid))
    app.run_polling(poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES)
    print("ptb inline arcade bot stopped", flush=True)


if __name__ == "__main__":
    main()
