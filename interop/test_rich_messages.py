"""Rich messages and drafts with aiogram 3.31 (Bot API 10.3), against the real server: the
bot streams a draft the user sees growing in their own queue (`message_draft` updates,
docs/user-api-extensions.md); the user presses Stop (stopMessageGeneration), the bot gets
`stopped_message_generation` and sends a rich message instead; a rich message with a list
and a table reaches the user as the bot sent it. python-telegram-bot 22.8 sends a rich
message through its raw do_api_request, since it has no method for it.
"""

import asyncio
import time

import pytest

from conftest import Server


def collect(srv: Server, token: str, offset: int, until, timeout: float = 30) -> tuple[list[dict], int]:
    """The user's updates until `until(updates)` holds; returns them and the next offset."""
    seen: list[dict] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for update in srv.user_call(token, "getUpdates", offset=offset, timeout=1):
            offset = update["update_id"] + 1
            seen.append(update)
        if until(seen):
            return seen, offset
    raise TimeoutError(f"updates so far: {seen}")


def rich_messages(updates: list[dict]) -> list[dict]:
    return [u["message"]["rich_message"] for u in updates if "rich_message" in u.get("message", {})]


@pytest.mark.timeout(120)
def test_a_streamed_draft_the_user_stops_and_rich_messages(server, bot_runner):
    srv = server
    bot = srv.create_bot(username="rich_stream_bot", first_name="Streamer")
    bot_id = bot["user"]["id"]
    user = srv.create_user("Alice")
    proc = bot_runner("aiogram_rich_bot.py", bot["token"], srv.base)
    proc.start()

    srv.user_call(user["token"], "sendMessage", chat_id=bot_id, text="/ask")
    updates, offset = collect(srv, user["token"], 0, lambda us: sum("message_draft" in u for u in us) >= 3)
    drafts = [u["message_draft"] for u in updates if "message_draft" in u]
    assert [d["text"] for d in drafts[:3]] == ["Thinking.", "Thinking..", "Thinking..."], proc.log_tail()
    assert all(d["draft_id"] == 42 and d["can_stop"] is True and d["chat"]["id"] == bot_id for d in drafts)
    assert drafts[0]["expiration_date"] - drafts[0]["date"] == 30

    assert srv.user_call(user["token"], "stopMessageGeneration", chat_id=bot_id, draft_id=42) is True
    updates, offset = collect(srv, user["token"], offset, lambda us: rich_messages(us))
    final = rich_messages(updates)[0]["blocks"]
    assert final[0] == {"type": "heading", "text": "Stopped", "size": 2}, proc.log_tail()
    count = int(final[1]["text"][1]["text"])
    assert count >= 3
    # No draft is streamed after the stop was handled.
    after = [u for u in updates if "message_draft" in u]
    assert all(len(u["message_draft"]["text"]) <= len("Thinking") + count for u in after)

    srv.user_call(user["token"], "sendMessage", chat_id=bot_id, text="/rich")
    updates, offset = collect(srv, user["token"], offset, lambda us: rich_messages(us))
    blocks = rich_messages(updates)[0]["blocks"]
    assert [b["type"] for b in blocks] == ["heading", "list", "table"]
    assert [item["label"] for item in blocks[1]["items"]] == ["•", "•"]
    assert blocks[1]["items"][1]["is_checked"] is True
    assert blocks[2]["cells"][1][0] == {"text": "Alice", "align": "left", "valign": "top"}

    assert proc.stop() == 0
    texts = [e["text"] for e in proc.events()]
    assert texts == ["/ask", "stopped:42", "/rich"]


@pytest.mark.timeout(60)
def test_ptb_sends_a_rich_message_through_its_raw_request(server):
    from telegram import Bot
    from telegram.request import HTTPXRequest

    srv = server
    bot = srv.create_bot(username="ptb_rich_bot", first_name="PTB Rich")
    user = srv.create_user("Bob")
    srv.user_call(user["token"], "sendMessage", chat_id=bot["user"]["id"], text="hi")

    async def send() -> dict:
        ptb = Bot(bot["token"], base_url=f"{srv.base}/bot", request=HTTPXRequest(connect_timeout=10, read_timeout=10))
        async with ptb:
            return await ptb.do_api_request("sendRichMessage", api_kwargs={
                "chat_id": user["user"]["id"],
                "rich_message": {"markdown": "# Hello\n\nFrom **PTB**\n\n1. one\n2. two"},
            })

    sent = asyncio.run(send())
    assert [b["type"] for b in sent["rich_message"]["blocks"]] == ["heading", "paragraph", "list"]
    message = srv.wait_for_user_message(user["token"], lambda m: "rich_message" in m)
    assert message["rich_message"] == sent["rich_message"]
