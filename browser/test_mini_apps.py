"""Mini Apps and payments in the web client, in a real browser against a real server and a
python-telegram-bot shop bot (bots/ptb_mini_app_bot.py).

The Mini App is a page this test serves over HTTPS on loopback (Telegram accepts only HTTPS
Web App URLs with a host name): https://miniapp.localhost:<port>/app.html, which Chromium
resolves to 127.0.0.1 by itself. It loads the server's /js/telegram-web-app.js, as a Mini
App loads Telegram's. Screenshots go to browser/screenshots/."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from playwright.sync_api import expect

from conftest import interop, screenshot
from test_web_client import incoming, send, sign_in, start_bot

APP_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Pizza</title>
  <script src="{base}/js/telegram-web-app.js"></script>
  <style>body {{ background: var(--tg-theme-bg-color); color: var(--tg-theme-text-color); font-family: sans-serif; }}</style>
</head>
<body>
  <h1>Pizza shop</h1>
  <p id="hello"></p>
  <p>Theme: <span id="scheme"></span></p>
  <button id="alert">Alert</button>
  <button id="close">Close</button>
  <button id="guard">Ask before closing</button>
  <script>
    const app = Telegram.WebApp;
    const seen = window.seen = [];
    const user = app.initDataUnsafe.user;
    document.getElementById('hello').textContent = 'Hello, ' + (user ? user.first_name : 'nobody');
    document.getElementById('scheme').textContent = app.colorScheme;
    app.onEvent('themeChanged', () => {{
      seen.push('themeChanged');
      document.getElementById('scheme').textContent = app.colorScheme;
    }});
    app.MainButton.setText('Order 2 pizzas').show().onClick(() => {{
      seen.push('mainButtonClicked');
      app.sendData(JSON.stringify({{pizza: 2}}));
    }});
    app.BackButton.onClick(() => seen.push('backButtonClicked'));
    app.BackButton.show();
    document.getElementById('alert').onclick = () => app.showAlert('Pizza is on its way', () => seen.push('alertClosed'));
    document.getElementById('close').onclick = () => app.close();
    document.getElementById('guard').onclick = () => app.enableClosingConfirmation();
    app.expand();
    app.ready();
  </script>
</body>
</html>
"""


class _Handler(BaseHTTPRequestHandler):
    page = b""
    timeout = 10  # a connection that stalls is dropped

    def do_GET(self):
        if self.path.split("?")[0] != "/app.html":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.page)))
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, *args):
        pass


class _TLSServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, context: ssl.SSLContext):
        super().__init__(address, handler)
        self.context = context

    def handle_error(self, request, client_address):
        # Chromium drops its first connections while it decides to accept the self-signed
        # certificate (ignore_https_errors): not an error of the page.
        pass

    def get_request(self):
        # The handshake happens in the connection's own thread, so a silent client can't stall accepting.
        sock, address = super().get_request()
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), address


@pytest.fixture
def mini_app(server, tmp_path: Path):
    """Serves the Mini App page over HTTPS (a fresh self-signed certificate); yields its URL."""
    cert, key = tmp_path / "app-cert.pem", tmp_path / "app-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "2", "-subj", "/CN=miniapp.localhost", "-addext", "subjectAltName=DNS:miniapp.localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=30)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    handler = type("AppHandler", (_Handler,), {"page": APP_PAGE.format(base=server.base).encode()})
    httpd = _TLSServer(("127.0.0.1", interop.free_port()), handler, context)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    yield f"https://miniapp.localhost:{httpd.server_address[1]}/app.html"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def shop(server, bots, url="https://shop.example.com/app"):
    """The shop bot, running; returns its createBot answer."""
    bot = server.create_bot(username="pizza_shop_bot", first_name="Pizza Shop")
    bots("ptb_mini_app_bot.py", bot["token"], server.base, env={"MINI_APP_URL": url})
    return bot


def app_frame(page):
    """The Mini App's frame (Playwright's Frame, to evaluate in the app's window)."""
    locator = page.locator("dialog.mini-app iframe")
    expect(locator).to_be_visible()
    frame = locator.element_handle().content_frame()
    frame.wait_for_function("window.Telegram && window.Telegram.WebApp && window.seen")
    return frame


def valid_hash(init_data: str, token: str) -> bool:
    """Telegram's documented check: HMAC-SHA-256 of the sorted fields, keyed with
    HMAC-SHA-256("WebAppData", bot token)."""
    fields = dict(parse_qsl(init_data, strict_parsing=True))
    given = fields.pop("hash")
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    return hmac.compare_digest(hmac.new(secret, check.encode(), hashlib.sha256).hexdigest(), given)


def test_a_mini_app_from_the_reply_keyboard_sends_data_back(server, tls_page, bots, mini_app):
    page = tls_page
    bot = shop(server, bots, mini_app)
    user = sign_in(page, server)
    start_bot(page, "pizza_shop_bot")
    expect(incoming(page).filter(has_text="Or order from the keyboard.")).to_be_visible()
    page.locator("reply-keyboard").get_by_role("button", name="Order pizza").click()

    dialog = page.locator("dialog.mini-app")
    expect(dialog.locator(".mini-app-header")).to_contain_text("Pizza Shop")
    app = page.frame_locator("dialog.mini-app iframe")
    expect(app.locator("#hello")).to_have_text("Hello, Alice")
    expect(app.locator("#scheme")).to_have_text("light")
    main_button = dialog.locator(".mini-app-main-button")
    expect(main_button).to_have_text("Order 2 pizzas")
    expect(dialog.locator(".mini-app-loading")).to_be_hidden()

    # What the app got: Telegram's launch parameters and init data the bot's token validates.
    frame = app_frame(page)
    web_app = frame.evaluate("""() => { const a = Telegram.WebApp;
        return {initData: a.initData, user: a.initDataUnsafe.user, version: a.version, platform: a.platform,
                theme: a.themeParams, expanded: a.isExpanded, fragment: location.hash}; }""")
    assert valid_hash(web_app["initData"], bot["token"])
    assert not valid_hash(web_app["initData"], server.create_bot(first_name="Other")["token"])
    fields = dict(parse_qsl(web_app["initData"]))
    assert "query_id" not in fields  # a keyboard's Mini App answers with sendData
    assert json.loads(fields["user"])["id"] == user["user"]["id"] == web_app["user"]["id"]
    assert web_app["fragment"].startswith("#tgWebAppData=")
    assert (web_app["version"], web_app["platform"], web_app["expanded"]) == ("6.2", "web", True)
    assert web_app["theme"]["bg_color"] == "#ffffff" and web_app["theme"]["button_color"] == "#2f7fc8"
    screenshot(page, "mini-app")

    main_button.click()
    expect(dialog).to_have_count(0)
    expect(page.locator(".service").filter(has_text="Data sent from “Order pizza”")).to_be_visible()
    expect(incoming(page).filter(has_text='Order received: {"pizza":2}')).to_be_visible()


def test_menu_and_inline_buttons_open_mini_apps_that_follow_the_client(server, tls_page, bots, mini_app):
    page = tls_page
    shop(server, bots, mini_app)
    sign_in(page, server)
    start_bot(page, "pizza_shop_bot")
    expect(incoming(page).filter(has_text="Or order from the keyboard.")).to_be_visible()
    # The bot set its menu button while answering /start: it shows once the chat is opened again.
    page.reload()
    page.locator(".chat-item").first.click()
    page.locator(".menu-web-app").filter(has_text="Shop").click()

    dialog = page.locator("dialog.mini-app")
    app = page.frame_locator("dialog.mini-app iframe")
    expect(app.locator("#hello")).to_have_text("Hello, Alice")
    frame = app_frame(page)
    assert frame.evaluate("Telegram.WebApp.initDataUnsafe.query_id")  # answered with answerWebAppQuery

    # BackButton and showAlert go through the client's frame and come back to the app.
    dialog.get_by_role("button", name="Back").click()
    app.locator("#alert").click()
    popup = dialog.locator(".mini-app-popup")
    expect(popup).to_contain_text("Pizza is on its way")
    screenshot(page, "mini-app-alert")
    popup.get_by_role("button", name="Close").click()
    expect(popup).to_have_count(0)
    frame.wait_for_function("seen.includes('alertClosed')")

    # The client's theme follows the system; the app hears of it.
    page.emulate_media(color_scheme="dark")
    expect(app.locator("#scheme")).to_have_text("dark")
    assert frame.evaluate("Telegram.WebApp.themeParams.bg_color") == "#17212b"
    screenshot(page, "mini-app-dark")

    # sendData works only for keyboard launches, as on Telegram: the frame stays open.
    dialog.locator(".mini-app-main-button").click()
    expect(page.locator(".toast").filter(has_text="not opened from a keyboard button")).to_be_visible()
    # (The client also answered the app's theme request at start: an earlier themeChanged.)
    seen = frame.evaluate("seen")
    assert "backButtonClicked" in seen and seen[-3:] == ["alertClosed", "themeChanged", "mainButtonClicked"]
    app.locator("#close").click()
    expect(dialog).to_have_count(0)

    # The inline button opens it from the message: the init data names the chat.
    incoming(page).filter(has_text="Welcome to the pizza shop!").get_by_role("button", name="Open the shop").click()
    expect(app.locator("#hello")).to_have_text("Hello, Alice")
    unsafe = app_frame(page).evaluate("Telegram.WebApp.initDataUnsafe")
    assert unsafe["chat_type"] == "private" and unsafe["chat_instance"] and unsafe["query_id"]
    # An app that asked for it gets a confirmation before the client closes it.
    app.locator("#guard").click()
    dialog.get_by_role("button", name="Close Mini App").click()
    popup = dialog.locator(".mini-app-popup")
    expect(popup).to_contain_text("Changes that you made may not be saved.")
    popup.get_by_role("button", name="Cancel").click()
    expect(app.locator("#hello")).to_be_visible()
    dialog.get_by_role("button", name="Close Mini App").click()
    popup.get_by_role("button", name="Close anyway").click()
    expect(dialog).to_have_count(0)


def test_the_web_app_button_above_inline_results_opens_the_mini_app(server, tls_page, bots, mini_app):
    page = tls_page
    bot = server.admin_call("createBot", username="catalog_bot", first_name="Catalog", supports_inline_queries=True)
    bots("ptb_inline_catalog_bot.py", bot["token"], server.base,
         env={"THUMB_URL": "data:,", "PHOTO_URL": "https://photos.example/p.png", "MINI_APP_URL": mini_app})
    sign_in(page, server)
    start_bot(page, "catalog_bot")
    send(page, "@catalog_bot shop")
    panel = page.locator(".command-hints")
    expect(panel.locator(".inline-result")).to_have_count(1)
    panel.get_by_role("button", name="Open the shop").click()

    # The Mini App opens with init data the bot's token validates: no chat, as Telegram opens
    # it, and a query_id for answerWebAppQuery.
    dialog = page.locator("dialog.mini-app")
    expect(dialog.locator(".mini-app-header")).to_contain_text("catalog_bot")
    app = page.frame_locator("dialog.mini-app iframe")
    expect(app.locator("#hello")).to_have_text("Hello, Alice")
    init_data = app_frame(page).evaluate("Telegram.WebApp.initData")
    assert valid_hash(init_data, bot["token"])
    fields = dict(parse_qsl(init_data))
    assert fields["query_id"] and "chat_type" not in fields and "chat_instance" not in fields
    screenshot(page, "inline-mini-app")
    dialog.get_by_role("button", name="Close Mini App").click()
    expect(dialog).to_have_count(0)


def test_pay_a_stars_invoice(server, page, bots):
    shop(server, bots)
    user = sign_in(page, server)
    assert server.admin_call("addStars", user_id=user["user"]["id"], amount=100) == 100
    start_bot(page, "pizza_shop_bot")
    expect(incoming(page).filter(has_text="Or order from the keyboard.")).to_be_visible()
    send(page, "/buy")
    invoice = page.locator(".invoice").filter(has_text="Star cookie")
    expect(invoice).to_contain_text("⭐ 25")
    invoice.get_by_role("button", name="Pay ⭐ 25").click()

    confirm = page.locator("dialog.payment")
    expect(confirm).to_contain_text("Buy “Star cookie” from Pizza Shop for ⭐ 25?")
    expect(confirm.locator(".balance")).to_have_text("Your balance: ⭐ 100")
    screenshot(page, "stars-payment")
    confirm.get_by_role("button", name="Pay ⭐ 25").click()

    # The bot accepted the pre-checkout query and got successful_payment.
    expect(page.locator(".service").filter(has_text=re.compile(r"^Alice paid ⭐ 25 to Pizza Shop$"))).to_be_visible()
    expect(incoming(page).filter(has_text="Thanks for buying a Star cookie!")).to_be_visible()
    expect(confirm).to_have_count(0)
    assert server.user_call(user["token"], "getMyStarBalance") == {"amount": 75}
    screenshot(page, "stars-paid")
