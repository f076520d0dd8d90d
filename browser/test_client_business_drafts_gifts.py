"""The user's side of Bot API 10.3 in the web client: drafts a bot streams (shown growing,
replaced by the final message, stopped with Stop), the business bot connected and
disconnected in Settings (and the "sent by @bot" label on what it wrote for the account),
and gifts (the gift message, "My gifts" with convert and upgrade). The bots are driven
straight through the Bot API, so each test says exactly what the bot does and checks what
it received."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from conftest import new_page, screenshot
from test_client_details import bot_updates, open_chat, started_chat
from test_web_client import incoming, sign_in


def drafts(page):
    return page.locator(".drafts .message.draft")


def test_a_streamed_draft_grows_in_place_and_the_final_message_replaces_it(server, page):
    alice = sign_in(page, server)
    bot, _ = started_chat(server, page, "story_bot")
    user_id = alice["user"]["id"]

    # An empty draft is the "Thinking…" placeholder.
    server.bot_call(bot["token"], "sendMessageDraft", chat_id=user_id, draft_id=7, text="")
    expect(drafts(page)).to_have_count(1)
    expect(drafts(page)).to_contain_text("Thinking…")
    expect(drafts(page)).to_have_attribute("aria-busy", "true")
    # Each update with the same draft id replaces the text of the same bubble.
    server.bot_call(bot["token"], "sendMessageDraft", chat_id=user_id, draft_id=7, text="Once upon")
    expect(drafts(page).locator(".text")).to_have_text("Once upon")
    server.bot_call(bot["token"], "sendMessageDraft", chat_id=user_id, draft_id=7, text="Once upon a *time*",
                    parse_mode="Markdown")
    expect(drafts(page).locator(".text")).to_have_text("Once upon a time")
    expect(drafts(page).locator(".text strong, .text b")).to_have_text("time")
    expect(drafts(page)).to_have_count(1)
    expect(drafts(page)).to_contain_text("writing…")
    preview = page.locator(".chat-item").filter(has_text="Story").locator(".chat-preview")
    expect(preview).to_have_text("writing…")
    # Without can_stop there is nothing to stop.
    expect(drafts(page).get_by_role("button", name="Stop")).to_have_count(0)
    screenshot(page, "draft-growing")

    # The final message takes the draft's place.
    server.bot_call(bot["token"], "sendMessage", chat_id=user_id, text="Once upon a time, the end.")
    expect(incoming(page).filter(has_text="Once upon a time, the end.")).to_be_visible()
    expect(drafts(page)).to_have_count(0)
    expect(preview).to_have_text("Once upon a time, the end.")



def test_a_rich_draft_shows_its_blocks_and_goes_when_it_expires(server, page):
    alice = sign_in(page, server)
    bot, _ = started_chat(server, page, "plan_bot")
    server.bot_call(bot["token"], "sendRichMessageDraft", chat_id=alice["user"]["id"], draft_id=5,
                    rich_message={"markdown": "# Plan\n\n- flour\n- eggs"})
    draft = drafts(page)
    expect(draft.locator(".rich-message h1")).to_have_text("Plan")
    expect(draft.locator(".rich-message li")).to_have_count(2)
    expect(draft.locator(".rich-message li").nth(1)).to_contain_text("eggs")
    # Shown for 30 seconds after its last update, then gone without any update.
    page.wait_for_timeout(20_000)
    expect(draft).to_have_count(1)
    expect(draft).to_have_count(0, timeout=15_000)
    expect(page.locator(".chat-item").filter(has_text="Plan").locator(".chat-preview")).to_have_text("/start")


def test_a_draft_the_worlds_clock_outlived_is_not_shown(server, page, browser):
    alice = sign_in(page, server)
    bot, _ = started_chat(server, page, "tardy_bot")
    bob = server.create_user(first_name="Bob", username="bob_b")
    server.bot_call(bot["token"], "sendMessageDraft", chat_id=alice["user"]["id"], draft_id=9, text="Old news")
    expect(drafts(page)).to_contain_text("Old news")
    server.admin_call("advanceTime", seconds=60)
    # A message dated after the draft's expiry tells the page the draft is over.
    server.user_call(bob["token"], "sendMessage", chat_id=alice["user"]["id"], text="a minute later")
    expect(page.locator(".chat-item").filter(has_text="Bob")).to_be_visible()
    expect(drafts(page)).to_have_count(0)
    # A new tab is replayed the whole queue, the draft included, and does not show it either.
    with new_page(browser) as fresh:
        fresh.goto(f"{server.base}/#token={alice['token']}")
        expect(fresh.locator(".chat-item").filter(has_text="Bob")).to_be_visible()
        open_chat(fresh, "Tardy")
        expect(fresh.locator(".messages .message").first).to_contain_text("/start")
        fresh.wait_for_timeout(1000)
        expect(drafts(fresh)).to_have_count(0)

def test_stop_ends_a_draft_and_the_bot_learns_it(server, page):
    alice = sign_in(page, server)
    bot, start = started_chat(server, page, "count_bot")
    user_id = alice["user"]["id"]

    server.bot_call(bot["token"], "sendMessageDraft", chat_id=user_id, draft_id=42, text="Counting 1 2 3",
                    can_stop=True)
    draft = drafts(page).filter(has_text="Counting 1 2 3")
    expect(draft).to_be_visible()
    draft.get_by_role("button", name="Stop").click()
    # Without keep_on_stop the draft is gone at once.
    expect(drafts(page)).to_have_count(0)
    stopped = bot_updates(server, bot, "stopped_message_generation")
    assert len(stopped) == 1
    assert stopped[0]["draft_id"] == 42
    assert stopped[0]["chat"]["id"] == start["chat"]["id"]
    # Later drafts with that id are not shown.
    server.bot_call(bot["token"], "sendMessageDraft", chat_id=user_id, draft_id=42, text="Counting 1 2 3 4",
                    can_stop=True)

    # With keep_on_stop the draft stays, marked as stopped and without its button.
    server.bot_call(bot["token"], "sendMessageDraft", chat_id=user_id, draft_id=43, text="Another story",
                    can_stop=True, keep_on_stop=True)
    kept = drafts(page).filter(has_text="Another story")
    expect(kept).to_be_visible()
    expect(drafts(page)).to_have_count(1)
    kept.get_by_role("button", name="Stop").click()
    expect(kept.locator(".draft-state")).to_have_text("stopped")
    expect(kept.get_by_role("button", name="Stop")).to_have_count(0)
    stopped = bot_updates(server, bot, "stopped_message_generation")
    assert [update["draft_id"] for update in stopped] == [43]


def open_settings(page):
    page.get_by_role("button", name="Settings").click()
    dialog = page.locator("dialog.settings")
    expect(dialog.get_by_role("heading", name="Settings")).to_be_visible()
    return dialog


def test_connecting_a_business_bot_in_settings_and_its_messages_labelled(server, page):
    alice = sign_in(page, server)
    bob = server.create_user(first_name="Bob", username="bob_b")
    bot = server.admin_call("createBot", username="shop_bot", first_name="Shop", can_connect_to_business=True)

    dialog = open_settings(page)
    dialog.get_by_label("Bot username").fill("@shop_bot")
    reply = dialog.get_by_label("Reply to messages")
    expect(reply).to_be_checked()
    dialog.get_by_label("Delete messages it sent").check()
    dialog.get_by_label("Mark messages as read").uncheck()
    dialog.get_by_role("button", name="Connect", exact=True).click()
    expect(dialog.locator(".business-status")).to_have_text("Connected: @shop_bot")
    screenshot(page, "business-settings")

    connections = bot_updates(server, bot, "business_connection")
    assert len(connections) == 1
    connection = connections[0]
    assert connection["user"]["id"] == alice["user"]["id"]
    assert connection["is_enabled"] is True
    rights = connection["rights"]
    assert rights.get("can_reply") is True
    assert rights.get("can_delete_sent_messages") is True
    assert not rights.get("can_read_messages")
    dialog.get_by_role("button", name="Close").click()

    # Bob writes to Alice; her bot answers for her.
    server.user_call(bob["token"], "sendMessage", chat_id=alice["user"]["id"], text="Are you open tomorrow?")
    open_chat(page, "Bob")
    expect(incoming(page).filter(has_text="Are you open tomorrow?")).to_be_visible()
    server.bot_call(bot["token"], "sendMessage", business_connection_id=connection["id"], chat_id=bob["user"]["id"],
                    text="Yes, from 9 to 5.")
    answer = page.locator(".messages .message.outgoing").filter(has_text="Yes, from 9 to 5.")
    expect(answer).to_be_visible()
    expect(answer.locator(".business-bot")).to_have_text("sent by @shop_bot")
    # Alice's own message carries no such label.
    page.get_by_placeholder("Message").fill("See you")
    page.get_by_placeholder("Message").press("Enter")
    mine = page.locator(".messages .message.outgoing").filter(has_text="See you")
    expect(mine).to_be_visible()
    expect(mine.locator(".business-bot")).to_have_count(0)
    # Bob is not shown who wrote it.
    seen = server.wait_for_user_message(bob["token"], lambda m: m.get("text") == "Yes, from 9 to 5.")
    assert "sender_business_bot" not in seen

    # Settings remember the bot; Disconnect ends the connection.
    dialog = open_settings(page)
    expect(dialog.get_by_label("Bot username")).to_have_value("@shop_bot")
    expect(dialog.get_by_label("Delete messages it sent")).to_be_checked()
    dialog.get_by_role("button", name="Disconnect").click()
    expect(dialog.locator(".business-status")).to_have_text("Disconnected: @shop_bot")
    ended = bot_updates(server, bot, "business_connection")
    assert [c["is_enabled"] for c in ended] == [False]


def test_a_bot_that_cannot_connect_is_refused_in_settings(server, page):
    sign_in(page, server)
    bot = server.create_bot(username="plain_bot", first_name="Plain")
    dialog = open_settings(page)
    dialog.get_by_label("Bot username").fill("plain_bot")
    dialog.get_by_role("button", name="Connect", exact=True).click()
    expect(page.locator(".toast.error")).to_contain_text("BOT_BUSINESS_MISSING")
    expect(dialog.locator(".business-status")).not_to_contain_text("Connected")
    assert bot_updates(server, bot, "business_connection") == []


def gift_costing(server, bot, stars, **match):
    gifts = server.bot_call(bot["token"], "getAvailableGifts")["gifts"]
    return next(g for g in gifts if g["star_count"] == stars and all(g.get(k) == v for k, v in match.items()))


def test_a_gift_from_a_bot_shows_in_the_chat_and_in_my_gifts(server, page):
    alice = sign_in(page, server)
    bot, _ = started_chat(server, page, "gift_bot")
    server.admin_call("addStars", user_id=bot["user"]["id"], amount=1000)
    heart = gift_costing(server, bot, 15)
    clover = gift_costing(server, bot, 350)
    server.bot_call(bot["token"], "sendGift", user_id=alice["user"]["id"], gift_id=heart["id"], text="Happy birthday!")

    gift = page.locator(".messages .gift-message").filter(has_text="Happy birthday!")
    expect(gift).to_be_visible()
    expect(gift.locator(".gift-title")).to_have_text(f"{heart['sticker']['emoji']} Gift from Gift")
    expect(gift.locator(".gift-stars")).to_have_text("⭐ 15 Stars")
    expect(gift.locator("img.sticker")).to_have_attribute("src", re.compile("^blob:"))
    # The chat list tells of it too.
    expect(page.locator(".chat-item").filter(has_text="Gift").locator(".chat-preview")).to_contain_text("sent a gift")
    screenshot(page, "gift-message")

    # An upgradable gift whose upgrade the bot paid for.
    server.bot_call(bot["token"], "sendGift", user_id=alice["user"]["id"], gift_id=clover["id"], pay_for_upgrade=True)
    expect(page.locator(".messages .gift-message").filter(has_text="⭐ 350 Stars")).to_be_visible()

    dialog = open_settings(page)
    mine = dialog.locator(".owned-gift")
    expect(mine).to_have_count(2)
    expect(dialog.locator(".balance")).to_have_text("Your balance: ⭐ 0")
    heart_item = mine.filter(has_text="Happy birthday!")
    expect(heart_item).to_contain_text("⭐ 15 Stars")
    owned = server.user_call(alice["token"], "getUserGifts", user_id=alice["user"]["id"])["gifts"]
    heart_owned = next(g for g in owned if g["gift"]["id"] == heart["id"])
    convert = heart_owned["convert_star_count"]
    heart_item.get_by_role("button", name=f"Convert to ⭐ {convert}").click()
    expect(mine).to_have_count(1)
    expect(dialog.locator(".balance")).to_have_text(f"Your balance: ⭐ {convert}")
    assert server.user_call(alice["token"], "getMyStarBalance")["amount"] == convert

    mine.get_by_role("button", name="Upgrade (prepaid)").click()
    unique = dialog.locator(".owned-gift.unique")
    expect(unique).to_have_count(1)
    expect(unique.locator("strong")).to_have_text(re.compile(r" #1$"))
    expect(unique).to_contain_text("Model: ")
    screenshot(page, "my-gifts")
    owned = server.user_call(alice["token"], "getUserGifts", user_id=alice["user"]["id"])["gifts"]
    assert [g["type"] for g in owned] == ["unique"]


def test_a_unique_gift_given_to_the_user_shows_and_can_be_given_on(server, page):
    alice = sign_in(page, server)
    bob = server.create_user(first_name="Bob", username="bob_b")
    bot = server.create_bot(username="clover_bot", first_name="Clover")
    server.admin_call("addStars", user_id=bot["user"]["id"], amount=1000)
    clover = gift_costing(server, bot, 350)
    server.user_call(bob["token"], "startBot", bot_username="clover_bot")
    server.bot_call(bot["token"], "sendGift", user_id=bob["user"]["id"], gift_id=clover["id"], pay_for_upgrade=True)
    owned = server.user_call(bob["token"], "getUserGifts", user_id=bob["user"]["id"])["gifts"][0]
    server.user_call(bob["token"], "upgradeGift", owned_gift_id=owned["owned_gift_id"], keep_original_details=True,
                     star_count=0)
    unique = server.user_call(bob["token"], "getUserGifts", user_id=bob["user"]["id"])["gifts"][0]
    assert unique["type"] == "unique"
    name = f"{unique['gift']['base_name']} #{unique['gift']['number']}"
    server.admin_call("addStars", user_id=bob["user"]["id"], amount=unique["transfer_star_count"])
    server.user_call(bob["token"], "transferGift", owned_gift_id=unique["owned_gift_id"],
                     new_owner_chat_id=alice["user"]["id"], star_count=unique["transfer_star_count"])

    open_chat(page, "Bob")
    message = page.locator(".messages .gift-message")
    expect(message.locator(".gift-title")).to_have_text(f"Bob gave you {name}")
    expect(message.locator(".gift-details")).to_have_text(
        f"Model: {unique['gift']['model']['name']} · Symbol: {unique['gift']['symbol']['name']} · "
        f"Backdrop: {unique['gift']['backdrop']['name']}")

    # Alice gives it back from "My gifts", paying the transfer from her balance.
    mine = server.user_call(alice["token"], "getUserGifts", user_id=alice["user"]["id"])["gifts"][0]
    server.admin_call("addStars", user_id=alice["user"]["id"], amount=mine["transfer_star_count"])
    dialog = open_settings(page)
    item = dialog.locator(".owned-gift.unique")
    expect(item.locator("strong")).to_have_text(name)
    page.once("dialog", lambda prompt: prompt.accept("@bob_b"))
    item.get_by_role("button", name="Transfer").click()
    expect(dialog.locator(".my-gifts .empty")).to_have_text("No gifts yet.")
    expect(dialog.locator(".balance")).to_have_text("Your balance: ⭐ 0")
    back = server.wait_for_user_message(bob["token"], lambda m: "unique_gift" in m)
    assert back["unique_gift"]["origin"] == "transfer"
    assert back["from"]["id"] == alice["user"]["id"]
