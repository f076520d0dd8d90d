"""Details of the web client that Telegram's apps have: reactions of others shown live, the
reply keyboard kept across reloads, request buttons of reply keyboards, the bot's menu
button, and join requests. The bots here are driven straight through the Bot API (no bot
process), so each test says exactly what the bot does and checks what it received."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from conftest import screenshot
from test_web_client import incoming, sign_in, start_bot


def bot_updates(server, bot, kind="message"):
    """The bot's pending updates of `kind`, confirmed."""
    updates = server.bot_call(bot["token"], "getUpdates", timeout=0)
    if updates:
        server.bot_call(bot["token"], "getUpdates", offset=updates[-1]["update_id"] + 1, timeout=0)
    return [update[kind] for update in updates if kind in update]


def started_chat(server, page, username):
    """A bot (no process) the signed-in user has started; the bot's pending updates are read."""
    bot = server.create_bot(username=username, first_name=username.split("_")[0].title())
    start_bot(page, username)
    expect(page.locator(".messages .message.outgoing").filter(has_text="/start")).to_be_visible()
    start = bot_updates(server, bot)[0]
    return bot, start


def open_chat(page, title):
    page.locator(".chat-item").filter(has_text=title).first.click()
    expect(page.locator(".conversation-header h2")).to_have_text(title)


def test_reactions_of_a_bot_and_of_another_user_show_live_and_after_reload(server, page):
    alice = sign_in(page, server)
    bot, start = started_chat(server, page, "react_bot")
    mine = page.locator(".messages .message.outgoing").filter(has_text="/start")
    server.bot_call(bot["token"], "setMessageReaction", chat_id=start["chat"]["id"], message_id=start["message_id"],
                    reaction=[{"type": "emoji", "emoji": "👍"}])
    expect(mine.locator(".reaction")).to_have_text("👍 1")
    expect(mine.locator(".reaction")).to_have_attribute("aria-pressed", "false")

    # Bob starts a group with Alice; Alice writes there and Bob reacts.
    bob = server.create_user(first_name="Bob", username="bob_b")
    server.user_call(bob["token"], "createChat", type="supergroup", title="Lunch", member_ids=[alice["user"]["id"]])
    open_chat(page, "Lunch")
    box = page.get_by_placeholder("Message")
    box.fill("noon at the usual place?")
    box.press("Enter")
    question = page.locator(".messages .message.outgoing").filter(has_text="noon at the usual place?")
    expect(question).to_be_visible()
    sent = server.wait_for_user_message(bob["token"], lambda m: m.get("text") == "noon at the usual place?")
    server.user_call(bob["token"], "setMessageReaction", chat_id=sent["chat"]["id"], message_id=sent["message_id"],
                     reaction=[{"type": "emoji", "emoji": "❤"}])
    chip = question.locator(".reaction")
    expect(chip).to_have_text("❤ 1")
    # Alice adds hers by pressing the chip: the count grows and the chip is hers.
    chip.click()
    expect(chip).to_have_text("❤ 2")
    expect(chip).to_have_attribute("aria-pressed", "true")
    screenshot(page, "reactions")

    page.reload()
    open_chat(page, "Lunch")
    expect(question.locator(".reaction")).to_have_text("❤ 2")
    expect(question.locator(".reaction.chosen")).to_be_visible()
    # Taking it back.
    question.locator(".reaction").click()
    expect(question.locator(".reaction")).to_have_text("❤ 1")
    expect(question.locator(".reaction")).to_have_attribute("aria-pressed", "false")


def test_the_reply_keyboard_comes_back_after_a_reload_until_it_is_used(server, page):
    sign_in(page, server)
    bot, start = started_chat(server, page, "keys_bot")
    chat_id = start["chat"]["id"]
    server.bot_call(bot["token"], "sendMessage", chat_id=chat_id, text="Which colour?",
                    reply_markup={"keyboard": [["Red", "Green"]], "one_time_keyboard": True, "resize_keyboard": True,
                                  "input_field_placeholder": "Pick a colour"})
    keyboard = page.locator("reply-keyboard")
    expect(keyboard.get_by_role("button", name="Red")).to_be_visible()

    page.reload()
    open_chat(page, "Keys")
    expect(keyboard.get_by_role("button", name="Red")).to_be_visible()
    expect(page.get_by_placeholder("Pick a colour")).to_be_visible()
    # Pressing a button of a one-time keyboard sends its text and uses the keyboard up.
    keyboard.get_by_role("button", name="Green").click()
    expect(page.locator(".messages .message.outgoing").filter(has_text=re.compile("^Green"))).to_be_visible()
    expect(keyboard).to_be_hidden()
    expect(page.locator(".keyboard-toggle")).to_be_visible()
    assert [m["text"] for m in bot_updates(server, bot)] == ["Green"]

    page.reload()
    open_chat(page, "Keys")
    expect(page.locator(".messages .message.outgoing").filter(has_text=re.compile("^Green"))).to_be_visible()
    expect(keyboard).to_be_hidden()
    expect(page.locator(".keyboard-toggle")).to_be_hidden()

    # A persistent keyboard stays through reloads after use; a removal takes it away live.
    server.bot_call(bot["token"], "sendMessage", chat_id=chat_id, text="Menu", reply_markup={"keyboard": [["Help"]]})
    expect(keyboard.get_by_role("button", name="Help")).to_be_visible()
    keyboard.get_by_role("button", name="Help").click()
    page.reload()
    open_chat(page, "Keys")
    expect(keyboard.get_by_role("button", name="Help")).to_be_visible()
    server.bot_call(bot["token"], "sendMessage", chat_id=chat_id, text="Bye", reply_markup={"remove_keyboard": True})
    expect(keyboard).to_be_hidden()
    page.reload()
    open_chat(page, "Keys")
    expect(incoming(page).filter(has_text="Bye")).to_be_visible()
    expect(keyboard).to_be_hidden()


REQUEST_KEYBOARD = {"keyboard": [
    [{"text": "Share my number", "request_contact": True}, {"text": "Where am I", "request_location": True}],
    [{"text": "Pick a friend", "request_users": {"request_id": 7, "user_is_bot": False, "request_name": True}},
     {"text": "Pick a group", "request_chat": {"request_id": 8, "chat_is_channel": False, "bot_is_member": True,
                                               "request_title": True}}],
    [{"text": "Make a quiz", "request_poll": {"type": "quiz"}}],
]}


def test_contact_and_location_buttons_ask_first(server, page):
    alice = sign_in(page, server)
    bot, start = started_chat(server, page, "ask_bot")
    server.bot_call(bot["token"], "sendMessage", chat_id=start["chat"]["id"], text="Tell me", reply_markup=REQUEST_KEYBOARD)
    keyboard = page.locator("reply-keyboard")

    keyboard.get_by_role("button", name="Share my number").click()
    dialog = page.locator("dialog.modal")
    expect(dialog.get_by_role("heading")).to_have_text("Share your phone number?")
    screenshot(page, "request-contact")
    # Cancelling sends nothing.
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    keyboard.get_by_role("button", name="Share my number").click()
    page.locator("#contact-phone").fill("+1 555 0100")
    dialog.get_by_role("button", name="Share").click()
    expect(page.locator(".messages .message.outgoing .contact")).to_contain_text("+1 555 0100")
    (contact,) = [m["contact"] for m in bot_updates(server, bot)]
    assert contact["user_id"] == alice["user"]["id"]
    assert contact["phone_number"] == "+1 555 0100" and contact["first_name"] == "Alice"

    keyboard.get_by_role("button", name="Where am I").click()
    expect(page.locator("#location-latitude")).to_have_value("48.8584")
    page.locator("#location-latitude").fill("52.52")
    page.locator("#location-longitude").fill("13.405")
    dialog.get_by_role("button", name="Send location").click()
    expect(page.locator(".messages .message.outgoing .location")).to_contain_text("52.52000, 13.40500")
    (location,) = [m["location"] for m in bot_updates(server, bot)]
    assert abs(location["latitude"] - 52.52) < 1e-4 and abs(location["longitude"] - 13.405) < 1e-4


def test_user_chat_and_poll_buttons_open_pickers_and_the_poll_composer(server, page):
    alice = sign_in(page, server)
    bob = server.create_user(first_name="Bob", username="bob_b")
    # Alice knows Bob (he wrote to her) and is in Bob's group.
    server.user_call(bob["token"], "sendMessage", chat_id=alice["user"]["id"], text="hi Alice")
    group = server.user_call(bob["token"], "createChat", type="group", title="Team", member_ids=[alice["user"]["id"]])
    expect(page.locator(".chat-item").filter(has_text="Team")).to_be_visible()
    bot, start = started_chat(server, page, "ask_bot")
    server.bot_call(bot["token"], "sendMessage", chat_id=start["chat"]["id"], text="Tell me", reply_markup=REQUEST_KEYBOARD)
    keyboard = page.locator("reply-keyboard")
    dialog = page.locator("dialog.modal")

    keyboard.get_by_role("button", name="Pick a friend").click()
    picker = dialog.locator(".picker")
    # People only: the button refuses bots, so the bot itself is not offered.
    expect(picker.locator("li")).to_have_count(1)
    picker.get_by_label(re.compile("^Bob")).check()
    screenshot(page, "request-users")
    dialog.get_by_role("button", name="Share").click()
    expect(page.locator(".service").filter(has_text="Alice shared Bob")).to_be_visible()
    (shared,) = [m["users_shared"] for m in bot_updates(server, bot)]
    assert shared == {"request_id": 7, "users": [{"user_id": bob["user"]["id"], "first_name": "Bob"}]}

    keyboard.get_by_role("button", name="Pick a group").click()
    dialog.locator(".picker").get_by_label("Team").check()
    expect(dialog).to_contain_text("Ask will be added to the chat")
    dialog.get_by_role("button", name="Share").click()
    expect(page.locator(".service").filter(has_text="Alice shared “Team”")).to_be_visible()
    shared = [m["chat_shared"] for m in bot_updates(server, bot) if "chat_shared" in m]
    assert shared == [{"request_id": 8, "chat_id": group["id"], "title": "Team"}]
    member = server.bot_call(bot["token"], "getChatMember", chat_id=group["id"], user_id=bot["user"]["id"])
    assert member["status"] == "member"

    keyboard.get_by_role("button", name="Make a quiz").click()
    expect(dialog.get_by_role("heading")).to_have_text("New quiz")
    expect(page.locator("#poll-quiz")).to_be_checked()
    expect(page.locator("#poll-quiz")).to_be_disabled()
    page.locator("#poll-question").fill("2 + 2?")
    options = page.locator(".poll-option-text")
    options.nth(0).fill("3")
    options.nth(1).fill("4")
    page.locator("#poll-correct").fill("2")
    dialog.get_by_role("button", name="Send poll").click()
    expect(page.locator(".poll").filter(has_text="2 + 2?")).to_be_visible()
    (poll,) = [m["poll"] for m in bot_updates(server, bot)]
    assert poll["type"] == "quiz" and [o["text"] for o in poll["options"]] == ["3", "4"]


def test_the_menu_button_opens_the_bots_mini_app(server, page):
    bot = server.create_bot(username="shop_bot", first_name="Shop")
    server.bot_call(bot["token"], "setChatMenuButton",
                    menu_button={"type": "web_app", "text": "Open shop", "web_app": {"url": "https://shop.example/app"}})
    page.context.route("https://shop.example/**", lambda route: route.fulfill(body="<!doctype html><title>Shop</title>"))
    sign_in(page, server)
    start_bot(page, "shop_bot")
    menu = page.locator(".menu-web-app")
    expect(menu).to_have_text("Open shop")
    expect(page.locator(".menu-button")).to_be_hidden()
    screenshot(page, "menu-button")
    with page.expect_request(lambda request: request.url.endswith("/openWebApp")) as opened:
        menu.click()
    params = json.loads(opened.value.post_data)
    assert params["url"] == "https://shop.example/app" and params["bot_id"] == bot["user"]["id"]
    response = opened.value.response()
    assert response is not None and response.json()["ok"] is True
    frame = page.get_by_role("dialog", name="Mini App: Shop")
    expect(frame).to_be_visible()
    frame.get_by_role("button", name="Close Mini App").click()
    expect(frame).to_be_hidden()

    # A bot without a Mini App menu button keeps the command menu.
    other = server.create_bot(username="plain_bot", first_name="Plain")
    server.bot_call(other["token"], "setMyCommands", commands=[{"command": "help", "description": "How it works"}])
    start_bot(page, "plain_bot")
    expect(page.locator(".menu-button")).to_have_text("Menu")
    page.locator(".menu-button").click()
    expect(page.locator(".command-hint").filter(has_text="/help")).to_be_visible()


def test_administrators_answer_join_requests_and_requesters_are_told_it_was_sent(server, page, browser):
    alice = server.create_user(first_name="Alice", username="alice")
    chat = server.user_call(alice["token"], "createChat", type="supergroup", title="Club")
    link = server.user_call(alice["token"], "createChatInviteLink", chat_id=chat["id"], creates_join_request=True)["invite_link"]
    bob = server.create_user(first_name="Bob", username="bob_b")
    carol = server.create_user(first_name="Carol", username="carol_c")

    # Bob asks in his own browser and is told the request was sent.
    other = browser.new_context(viewport={"width": 1000, "height": 800})
    try:
        bob_page = other.new_page()
        bob_page.goto(f"{server.base}/#token={bob['token']}")
        bob_page.get_by_role("button", name="New chat").click()
        bob_page.locator("#invite-link").fill(link)
        bob_page.get_by_role("button", name="Join", exact=True).click()
        expect(bob_page.locator(".toast")).to_have_text("Request to join sent. An administrator will review it.")
        expect(bob_page.locator(".toast.error")).to_have_count(0)
    finally:
        other.close()

    page.goto(f"{server.base}/#token={alice['token']}")
    open_chat(page, "Club")
    page.get_by_role("button", name="Info").click()
    requests = page.locator(".join-requests")
    expect(requests.locator("li")).to_have_count(1)
    expect(requests).to_contain_text("Bob @bob_b")
    # A request made while the dialog is open shows up at once.
    status, body = server.raw_call("user", carol["token"], "joinChat", invite_link=link)
    assert status == 400 and body["description"] == "Bad Request: INVITE_REQUEST_SENT"
    expect(requests.locator("li")).to_have_count(2)
    expect(requests.locator("li").first).to_contain_text("Carol")
    screenshot(page, "join-requests")

    requests.locator("li").filter(has_text="Bob").get_by_role("button", name="Approve").click()
    expect(page.locator(".toast").filter(has_text="Approved: Bob")).to_be_visible()
    expect(page.locator(".members")).to_contain_text("Bob @bob_b — member")
    requests.locator("li").filter(has_text="Carol").get_by_role("button", name="Decline").click()
    expect(requests).to_contain_text("No pending requests")
    assert server.user_call(alice["token"], "getChatMember", chat_id=chat["id"], user_id=carol["user"]["id"])["status"] == "left"
