#!/usr/bin/env python3
"""Echo bot with pyTelegramBotAPI (telebot) 4.37.1 in webhook mode, run with run_webhooks()
(FastAPI + uvicorn listener; see interop/requirements.txt). run_webhooks calls
setWebhook itself (a random 20-character secret token unless one is given), checks the
secret and that Content-Type is exactly application/json, and answers 200 `""`. With
WEBHOOK_CERT and WEBHOOK_KEY it serves https and uploads the (self-signed) certificate with
setWebhook, so the server must trust exactly that certificate.

    WEBHOOK_PORT=8443 [WEBHOOK_SECRET=...] [WEBHOOK_CERT=cert.pem WEBHOOK_KEY=key.pem] \
        python telebot_webhook_echo.py TOKEN http://127.0.0.1:8081
"""

import logging
import os

import telebot
from telebot import apihelper

from _common import GREETING, log_event, token_and_base

PORT = int(os.environ["WEBHOOK_PORT"])
SECRET = os.environ.get("WEBHOOK_SECRET") or None
PATH = os.environ.get("WEBHOOK_PATH", "/webhook").strip("/")
CERT = os.environ.get("WEBHOOK_CERT") or None
KEY = os.environ.get("WEBHOOK_KEY") or None

token, base = token_and_base()
apihelper.API_URL = base + "/bot{0}/{1}"
apihelper.FILE_URL = base + "/file/bot{0}/{1}"

# threaded=False: each update is handled in the request that delivered it, before the 200.
bot = telebot.TeleBot(token, threaded=False)

_update_ids: dict[int, int] = {}
_process = bot.process_new_updates


def _remember(updates):
    for update in updates:
        if update.message is not None:
            _update_ids[update.message.message_id] = update.update_id
    return _process(updates)


bot.process_new_updates = _remember


@bot.message_handler(commands=["start"])
def start(message: telebot.types.Message) -> None:
    log_event(_update_ids.get(message.message_id, -1), message.text)
    bot.send_message(message.chat.id, GREETING)


@bot.message_handler(content_types=["text"])
def echo(message: telebot.types.Message) -> None:
    log_event(_update_ids.get(message.message_id, -1), message.text)
    bot.send_message(message.chat.id, message.text)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # uvicorn (inside run_webhooks) stops gracefully on SIGINT/SIGTERM.
    bot.run_webhooks(listen="127.0.0.1", port=PORT, url_path=PATH, certificate=CERT, certificate_key=KEY,
                     secret_token=SECRET)
    print("telebot webhook bot stopped", flush=True)


if __name__ == "__main__":
    main()
