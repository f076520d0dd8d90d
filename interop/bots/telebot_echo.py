#!/usr/bin/env python3
"""Echo bot with pyTelegramBotAPI (telebot) 4.37.1, written as any telebot bot would be:
message handlers for /start and for text, run with infinity_polling().

    python telebot_echo.py TOKEN http://127.0.0.1:8081
"""

import logging
import os
import signal

import telebot
from telebot import apihelper

from _common import GREETING, log_event, token_and_base

POLL_TIMEOUT = int(os.environ.get("BOT_POLL_TIMEOUT", "2"))

token, base = token_and_base()
apihelper.API_URL = base + "/bot{0}/{1}"
apihelper.FILE_URL = base + "/file/bot{0}/{1}"

# threaded=False: handlers run one after the other in the polling thread, so replies keep
# the order of the messages (the default worker pool may reorder them).
bot = telebot.TeleBot(token, threaded=False)


# telebot hands handlers the Message only; remember each message's update_id (for the event
# log alone) by wrapping process_new_updates, which the polling loop calls with each batch.
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


def _stop(signum, frame) -> None:
    bot.stop_polling()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    bot.infinity_polling(timeout=10, long_polling_timeout=POLL_TIMEOUT)
    print("telebot bot stopped", flush=True)


if __name__ == "__main__":
    main()
