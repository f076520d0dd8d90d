#!/usr/bin/env python3
"""Echo bot with aiogram 3.31.0 in webhook mode, written as aiogram's docs show it: an aiohttp
web app with SimpleRequestHandler, the webhook set in on_startup, and handlers that *return*
the method to call. With handle_in_background=False aiogram answers each update's POST with
that method call as a multipart/form-data body, which the server must execute
(shared/realclients/README.md §5).

    WEBHOOK_PORT=8443 [WEBHOOK_SECRET=...] python aiogram_webhook_echo.py TOKEN http://127.0.0.1:8081
"""

import logging
import os

from aiohttp import web
from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import CommandStart
from aiogram.types import Message, Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application

from _common import GREETING, log_event, token_and_base

PORT = int(os.environ["WEBHOOK_PORT"])
SECRET = os.environ.get("WEBHOOK_SECRET") or None
PATH = os.environ.get("WEBHOOK_PATH", "/webhook")
URL = f"http://127.0.0.1:{PORT}{PATH}"

dp = Dispatcher()


@dp.message(CommandStart())
async def start(message: Message, event_update: Update):
    log_event(event_update.update_id, message.text)
    return message.answer(GREETING)


@dp.message(F.text)
async def echo(message: Message, event_update: Update):
    log_event(event_update.update_id, message.text)
    return message.answer(message.text)


async def on_startup(bot: Bot) -> None:
    await bot.set_webhook(URL, secret_token=SECRET)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    token, base = token_and_base()
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    dp.startup.register(on_startup)
    app = web.Application()
    SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=SECRET, handle_in_background=False).register(app, path=PATH)
    setup_application(app, dp, bot=bot)
    # run_app handles SIGINT/SIGTERM and shuts the app (and the bot session) down cleanly.
    web.run_app(app, host="127.0.0.1", port=PORT, print=None)
    print("aiogram webhook bot stopped", flush=True)


if __name__ == "__main__":
    main()
