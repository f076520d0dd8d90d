#!/usr/bin/env python3
"""A shop with flexible shipping, written with pyTelegramBotAPI 4.37.1 as any telebot shop
would be: /buy sends a USD invoice through a (test) provider with `is_flexible`; the shipping
handler offers two options for German addresses and refuses others; the pre-checkout handler
accepts; `successful_payment` is confirmed with the chosen option.

    python telebot_shipping_bot.py TOKEN http://127.0.0.1:8081
"""

import signal
import sys

import telebot
from telebot import apihelper, types

from _common import log_event, token_and_base

token, base = token_and_base()
apihelper.API_URL = base + "/bot{0}/{1}"
bot = telebot.TeleBot(token)


@bot.message_handler(commands=["buy"])
def buy(message):
    log_event(0, message.text)
    bot.send_invoice(
        message.chat.id, title="Mug", description="A mug, shipped", invoice_payload="mug-7",
        provider_token="TEST:shop", currency="USD", prices=[types.LabeledPrice("Mug", 1500)],
        is_flexible=True, need_name=True)


@bot.shipping_query_handler(func=lambda query: True)
def shipping(query):
    log_event(0, f"shipping {query.shipping_address.country_code}")
    if query.shipping_address.country_code != "DE":
        bot.answer_shipping_query(query.id, ok=False, error_message="We only ship to Germany")
        return
    options = [
        types.ShippingOption("post", "Post").add_price(types.LabeledPrice("Post", 500)),
        types.ShippingOption("express", "Express").add_price(types.LabeledPrice("Express", 1200)),
    ]
    bot.answer_shipping_query(query.id, ok=True, shipping_options=options)


@bot.pre_checkout_query_handler(func=lambda query: True)
def checkout(query):
    log_event(0, f"pre_checkout {query.total_amount} {query.shipping_option_id}")
    bot.answer_pre_checkout_query(query.id, ok=True)


@bot.message_handler(content_types=["successful_payment"])
def paid(message):
    payment = message.successful_payment
    log_event(0, f"paid {payment.total_amount}")
    bot.send_message(message.chat.id, f"Shipping by {payment.shipping_option_id} to {payment.order_info.name}")


def stop(*_):
    bot.stop_polling()


signal.signal(signal.SIGTERM, stop)
bot.infinity_polling(timeout=2, long_polling_timeout=2,
                     allowed_updates=["message", "shipping_query", "pre_checkout_query"])
print("telebot shipping bot stopped", flush=True)
sys.exit(0)
