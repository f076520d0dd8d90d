"""Inline results with previews and paging, and checkouts that ask for order information and
shipping, in the web client: a real browser against a real server and real library bots
(browser/bots/ptb_inline_catalog_bot.py, browser/bots/ptb_shipping_shop_bot.py)."""

from __future__ import annotations

import base64
import re
import struct
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from conftest import screenshot
from test_web_client import incoming, send, sign_in, sign_in_and_write_to_bob, start_bot


def _png(width: int = 8, height: int = 8) -> bytes:
    """A small solid PNG, so a thumbnail that loads has a real size."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\x30\x90\xd0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


class _Thumbs(BaseHTTPRequestHandler):
    image = _png()
    hits = 0

    def do_GET(self):
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.image)))
        self.end_headers()
        self.wfile.write(self.image)

    def log_message(self, *args):
        pass


@pytest.fixture
def photo_url():
    """A loopback HTTP server answering every path with a PNG: the bot's photos."""
    handler = type("Thumbs", (_Thumbs,), {"hits": 0})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/thumb.png"
    httpd.shutdown()
    httpd.server_close()


# The bot's thumbnails: the client's page (its Content-Security-Policy) loads images only from
# its own server and data: or blob: URLs; http(s) thumbnails come through the server's
# inlineThumbnail route, which fetches public addresses only (loopback is not), so these are
# data: URLs.
THUMB_URL = "data:image/png;base64," + base64.b64encode(_png()).decode()


def catalog(server, bots, photo_url):
    bot = server.admin_call("createBot", username="catalog_bot", first_name="Catalog",
                            supports_inline_queries=True, inline_feedback=True)
    return bots("ptb_inline_catalog_bot.py", bot["token"], server.base, env={"THUMB_URL": THUMB_URL, "PHOTO_URL": photo_url})


def results(page):
    return page.locator(".command-hints .inline-result")


def test_inline_results_show_previews_page_on_scroll_and_post_the_chosen_one(server, page, bots, photo_url):
    process = catalog(server, bots, photo_url)
    sign_in(page, server)
    start_bot(page, "catalog_bot")
    send(page, "@catalog_bot things")

    # The first page: ten rows, each with its thumbnail, title and description, the answer's
    # button above them, and a way to the next page.
    expect(results(page)).to_have_count(10)
    panel = page.locator(".command-hints")
    expect(panel.locator("li").first).to_have_text("Set up the catalogue")
    first = results(page).first
    expect(first.locator(".inline-title")).to_have_text("Item 1")
    expect(first.locator(".inline-description")).to_have_text("Description of item 1")
    page.wait_for_function("() => [...document.querySelectorAll('.command-hints img.inline-thumb')].filter((i) => i.complete && i.naturalWidth > 0).length >= 10")
    expect(page.get_by_role("button", name="More results")).to_be_visible()
    screenshot(page, "inline-results-page-1")

    # Scrolling to the end asks for the next page (offset "10") and appends it.
    results(page).nth(9).scroll_into_view_if_needed()
    page.get_by_role("button", name="More results").scroll_into_view_if_needed()
    expect(results(page)).to_have_count(20)
    expect(results(page).nth(14).locator(".inline-title")).to_have_text("Item 15")
    assert "query:things:10" in [event["text"] for event in process.events()]

    # The keyboard users' way: the "More results" button asks for the last page, which has no
    # next_offset, so the button goes.
    more = page.get_by_role("button", name="More results")
    more.focus()
    page.keyboard.press("Enter")
    expect(results(page)).to_have_count(30)
    expect(more).to_be_hidden()

    # Result 15 came with the second page's query_id; choosing it posts it via the bot.
    results(page).nth(14).click()
    posted = page.locator(".messages .message.outgoing").filter(has_text="You picked item 15")
    expect(posted).to_contain_text("via @catalog_bot")
    expect(page.locator(".command-hints")).to_be_hidden()
    chosen = lambda: "chosen:15" in [event["text"] for event in process.events()]
    for _ in range(50):
        if chosen():
            break
        page.wait_for_timeout(100)
    assert chosen(), "the bot got chosen_inline_result for result 15"


def test_photo_results_show_as_a_grid_and_the_button_switches_to_the_bot(server, page, bots, photo_url):
    catalog(server, bots, photo_url)
    sign_in_and_write_to_bob(page, server)

    send(page, "@catalog_bot photos")
    panel = page.locator(".command-hints.inline-grid")
    expect(panel.locator(".inline-tile img")).to_have_count(3)
    page.wait_for_function("() => [...document.querySelectorAll('.inline-grid img')].filter((i) => i.complete && i.naturalWidth > 0).length === 3")
    columns = panel.evaluate("(list) => getComputedStyle(list).gridTemplateColumns.split(' ').length")
    assert columns >= 3, "photos are tiles side by side"
    screenshot(page, "inline-results-grid")

    # Any other query brings the "switch to private chat" button: it opens the chat with the
    # bot and sends /start with the bot's parameter.
    send(page, "@catalog_bot x")
    page.get_by_role("button", name="Set up the catalogue").click()
    expect(page.locator(".conversation-header h2")).to_have_text("Catalog")
    expect(incoming(page).filter(has_text="Catalogue set up")).to_be_visible()


def test_checkout_asks_up_front_and_pays_with_the_shipping_option_chosen(server, page, bots):
    bot = server.create_bot(username="tea_shop_bot", first_name="Tea Shop")
    bots("ptb_shipping_shop_bot.py", bot["token"], server.base)
    sign_in(page, server)
    start_bot(page, "tea_shop_bot")
    send(page, "/buy")
    invoice = page.locator(".invoice").filter(has_text="Tea set")
    invoice.get_by_role("button", name=re.compile(r"^Pay ")).click()

    form = page.locator("dialog.payment")
    pay = form.locator(".confirm-pay")
    error = form.locator(".payment-error")
    total = form.locator("dd.payment-total")

    # getPaymentForm: the fields the invoice asks for and its price are there from the start;
    # a flexible invoice is validated first.
    for label in ["Name", "Phone number", "Email", "Address 1 (street)", "City", "Country code", "Post code"]:
        expect(form.get_by_label(label)).to_be_visible()
    expect(total).to_have_text("20.00 USD")
    expect(pay).to_have_text("Continue")

    # validateOrderInfo says what is wrong, field by field, then the bot's shipping refusal
    # (answerShippingQuery ok=false); the form keeps what was typed.
    steps = [
        ("Please enter your name.", {"Name": "Alice Liddell"}),
        ("Please enter a valid phone number.", {"Phone number": "+49 30 1234567"}),
        ("Please enter a valid email address.", {"Email": "alice@example.com"}),
        ("Please enter the two-letter country code (e.g. DE).",
         {"Address 1 (street)": "Rue de Rivoli 1", "City": "Paris", "Country code": "fr", "Post code": "75001"}),
        ("Sorry, we only ship to Germany",
         {"Address 1 (street)": "Jungfernstieg 1", "City": "Hamburg", "Country code": "DE", "Post code": "20354"}),
    ]
    for expected, fields in steps:
        pay.click()
        expect(error).to_have_text(expected)
        for label, value in fields.items():
            form.get_by_label(label).fill(value)
    pay.click()

    # The bot's options, the first chosen; the total follows the choice.
    options = form.locator(".shipping-options")
    expect(options.get_by_role("radio")).to_have_count(2)
    expect(options.get_by_role("radio", name=re.compile(r"^DHL"))).to_be_checked()
    expect(options).to_contain_text("15.00 USD")
    expect(total).to_have_text("25.00 USD")
    options.get_by_role("radio", name=re.compile(r"^Express")).check()
    expect(total).to_have_text("35.00 USD")
    expect(pay).to_have_text("Pay 35.00 USD")
    screenshot(page, "payment-form-shipping")

    # The pre-checkout refusal shows in the form; changing the address validates again.
    pay.click()
    expect(error).to_have_text("Out of stock in Hamburg")
    expect(form.get_by_label("Name")).to_have_value("Alice Liddell")
    form.get_by_label("City").fill("Berlin")
    form.get_by_label("Post code").fill("10117")
    expect(options).to_have_count(0)
    expect(pay).to_have_text("Continue")
    pay.click()
    form.locator(".shipping-options").get_by_role("radio", name=re.compile(r"^Express")).check()
    expect(pay).to_have_text("Pay 35.00 USD")
    pay.click()

    # Paid with the second option (20.00 + 15.00): the receipt, and the bot's successful_payment
    # names the option.
    expect(form).to_have_count(0)
    expect(page.locator(".service").filter(has_text=re.compile(r"^Alice paid 35\.00 USD to Tea Shop$"))).to_be_visible()
    expect(incoming(page).filter(has_text="Your tea set goes by express to Alice Liddell, Berlin")).to_be_visible()
