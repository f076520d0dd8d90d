"""The web client in a real browser (headless Chromium via Playwright) against a real
server process and real python-telegram-bot bots. Screenshots of the main views go to
browser/screenshots/."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from conftest import screenshot


def sign_in(page, server, first_name="Alice", username="alice"):
    user = server.create_user(first_name=first_name, username=username)
    page.goto(f"{server.base}/#token={user['token']}")
    expect(page.locator(".sidebar-header .me")).to_contain_text(first_name)
    return user


def start_bot(page, username):
    page.get_by_role("button", name="New chat").click()
    page.locator("#start-bot").fill(f"@{username}")
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator(".conversation-header h2")).to_be_visible()


def send(page, text):
    box = page.get_by_placeholder(re.compile("Message|Pick a colour"))
    box.fill(text)
    box.press("Enter")


def sign_in_and_write_to_bob(page, server):
    """Signs Alice in and opens her private chat with Bob (a new user) by writing to him."""
    friend = server.create_user(first_name="Bob", username="bobby")
    server.user_call(friend["token"], "getMe")
    sign_in(page, server)
    page.get_by_role("button", name="New chat").click()
    page.locator("#write-to").fill("@bobby")
    page.locator("#first-text").fill("hi Bob")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".conversation-header h2")).to_have_text("Bob")
    return friend


def incoming(page):
    return page.locator(".messages .message.incoming")


def test_sign_in_by_link_and_chat_with_an_echo_bot(server, page, bots):
    bot = server.create_bot(username="echo_bot", first_name="Echo")
    bots("ptb", bot["token"], server.base)
    sign_in(page, server)
    # The token left the address bar for sessionStorage.
    assert "token" not in page.url
    start_bot(page, "echo_bot")
    expect(page.locator(".messages .message.outgoing").first).to_contain_text("/start")
    send(page, "hello from the browser")
    expect(incoming(page).filter(has_text="hello from the browser")).to_be_visible()
    # The list shows the chat with its last message.
    expect(page.locator(".chat-item").first).to_contain_text("Echo")
    screenshot(page, "conversation")
    # A reload keeps the session (sessionStorage) and the history.
    page.reload()
    page.locator(".chat-item").first.click()
    expect(incoming(page).filter(has_text="hello from the browser")).to_be_visible()


def test_inline_buttons_edit_the_message_and_show_the_answer(server, page, bots):
    bot = server.create_bot(username="showcase_bot", first_name="Showcase")
    bots("ptb_showcase_bot.py", bot["token"], server.base)
    sign_in(page, server)
    start_bot(page, "showcase_bot")
    question = incoming(page).filter(has_text="Do you like buttons?")
    expect(question).to_be_visible()
    expect(question.locator("strong")).to_have_text("buttons")
    question.get_by_role("button", name="Yes").click()
    expect(page.locator(".toast")).to_have_text("You chose yes")
    edited = incoming(page).filter(has_text="Chosen: yes")
    expect(edited).to_be_visible()
    expect(edited.locator(".edited")).to_be_visible()
    screenshot(page, "inline-keyboard")


def test_alert_answers_open_a_dialog(server, page, bots):
    bot = server.create_bot(username="showcase_bot", first_name="Showcase")
    bots("ptb_showcase_bot.py", bot["token"], server.base)
    sign_in(page, server)
    start_bot(page, "showcase_bot")
    incoming(page).filter(has_text="Do you like buttons?").get_by_role("button", name="Alert").click()
    dialog = page.locator("dialog.alert")
    expect(dialog).to_contain_text("This is an alert")
    dialog.get_by_role("button", name="OK").click()
    expect(dialog).to_have_count(0)


def test_reply_keyboard_and_command_menu(server, page, bots):
    bot = server.create_bot(username="showcase_bot", first_name="Showcase")
    bots("ptb_showcase_bot.py", bot["token"], server.base)
    sign_in(page, server)
    start_bot(page, "showcase_bot")
    expect(incoming(page).filter(has_text="Do you like buttons?")).to_be_visible()
    # "/" lists the bot's commands (set by the bot at start-up); choosing one sends it.
    page.reload()
    page.locator(".chat-item").first.click()
    box = page.get_by_placeholder("Message")
    box.fill("/key")
    hint = page.locator(".command-hint").filter(has_text="/keyboard")
    expect(hint).to_be_visible()
    hint.click()
    keyboard = page.locator("reply-keyboard")
    expect(keyboard.get_by_role("button", name="Red")).to_be_visible()
    expect(page.get_by_placeholder("Pick a colour")).to_be_visible()
    screenshot(page, "reply-keyboard")
    keyboard.get_by_role("button", name="Red").click()
    expect(incoming(page).filter(has_text="You picked Red")).to_be_visible()
    expect(keyboard).to_be_hidden()


def test_vote_and_retract_in_a_poll(server, page, bots):
    bot = server.create_bot(username="showcase_bot", first_name="Showcase")
    bots("ptb_showcase_bot.py", bot["token"], server.base)
    sign_in(page, server)
    start_bot(page, "showcase_bot")
    send(page, "/poll")
    poll = page.locator(".poll").filter(has_text="Tea or coffee?")
    expect(poll).to_be_visible()
    poll.get_by_role("button", name="Tea").click()
    expect(poll.locator(".poll-result.chosen")).to_contain_text("100% Tea")
    screenshot(page, "poll")
    poll.get_by_role("button", name="Retract vote").click()
    expect(poll.get_by_role("button", name="Coffee")).to_be_visible()


def test_a_group_with_a_bot_in_privacy_mode(server, page, bots):
    bot = server.create_bot(username="showcase_bot", first_name="Showcase")
    bots("ptb_showcase_bot.py", bot["token"], server.base)
    sign_in(page, server)
    page.get_by_role("button", name="New chat").click()
    page.locator("#chat-type").select_option("group")
    page.locator("#chat-title").fill("Team")
    page.locator("#chat-members").fill("@showcase_bot")
    page.get_by_role("button", name="Create", exact=True).click()
    expect(page.locator(".conversation-header h2")).to_have_text("Team")
    expect(page.locator(".service").filter(has_text="created the group")).to_be_visible()
    # Privacy mode: plain text does not reach the bot (no echo), a command addressed to it does.
    send(page, "hello everyone")
    send(page, "/echo@showcase_bot ping")
    reply = incoming(page).filter(has_text="ping")
    expect(reply).to_be_visible()
    expect(reply.locator(".sender")).to_have_text("Showcase")
    time.sleep(1.0)
    expect(incoming(page).filter(has_text=re.compile("^hello everyone"))).to_have_count(0)
    page.get_by_role("button", name="Info").click()
    members = page.locator(".members")
    expect(members).to_contain_text("Showcase")
    expect(members).to_contain_text("creator")
    screenshot(page, "group")


def test_the_developer_pane_shows_the_bots_calls_live(server, page, bots):
    owner = server.create_user(first_name="Dev", username="dev_owner")
    bot = server.admin_call("createBot", username="showcase_bot", first_name="Showcase", owner_user_id=owner["user"]["id"])
    bots("ptb_showcase_bot.py", bot["token"], server.base)
    page.goto(f"{server.base}/#token={owner['token']}")
    start_bot(page, "showcase_bot")
    expect(incoming(page).filter(has_text="Do you like buttons?")).to_be_visible()
    page.get_by_role("button", name="Developer").click()
    pane = page.locator(".developer-pane")
    expect(pane.locator(".call[data-method='sendMessage']").first).to_be_visible()
    expect(pane.locator(".call[data-method='setMyCommands']")).to_have_count(1)
    before = pane.locator(".call[data-method='sendMessage']").count()
    send(page, "live?")
    expect(incoming(page).filter(has_text="live?")).to_be_visible()
    expect(pane.locator(".call[data-method='sendChatAction']").first).to_be_visible()
    expect(pane.locator(".call[data-method='sendMessage']")).to_have_count(before + 1)
    screenshot(page, "developer-pane")


def test_narrow_screens_and_the_dark_theme(server, page, bots):
    bot = server.create_bot(username="echo_bot", first_name="Echo")
    bots("ptb", bot["token"], server.base)
    page.set_viewport_size({"width": 360, "height": 740})
    page.emulate_media(color_scheme="dark")
    sign_in(page, server)
    start_bot(page, "echo_bot")
    send(page, "a fairly long line of text that has to wrap inside the bubble on a narrow phone screen")
    expect(incoming(page).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    screenshot(page, "narrow-dark")
    page.get_by_role("button", name="Back").click()
    expect(page.locator("chat-list")).to_be_visible()
    screenshot(page, "narrow-chat-list")


def test_sign_in_page_with_the_admin_token(server, page):
    page.goto(server.base)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.locator("#admin-token").fill(server.admin_token)
    page.get_by_role("button", name="Continue as admin").click()
    page.locator("#new-first-name").fill("Carol")
    page.locator("#new-username").fill("carol")
    page.get_by_role("button", name="Create user").click()
    page.get_by_role("button", name="Sign in as Carol").click()
    expect(page.locator(".sidebar-header .me")).to_contain_text("Carol")


def test_inline_query_lists_results_and_posts_the_chosen_one(server, page, bots):
    bot = server.admin_call("createBot", username="inline_bot", first_name="Inline", supports_inline_queries=True)
    bots("ptb_inline_bot.py", bot["token"], server.base)
    sign_in_and_write_to_bob(page, server)
    send(page, "@inline_bot pizza")
    choice = page.locator(".inline-result").filter(has_text="pizza #1").first
    expect(choice).to_be_visible()
    screenshot(page, "inline-results")
    choice.click()
    posted = page.locator(".messages .message.outgoing").filter(has_text="via @inline_bot")
    expect(posted).to_be_visible()
