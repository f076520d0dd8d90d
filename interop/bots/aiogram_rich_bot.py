#!/usr/bin/env python3
"""A streaming bot with aiogram 3.31.0 (Bot API 10.3): "/ask" streams a draft with
send_message_draft (can_stop) until the user presses Stop, then sends what it had as a rich
message; "/rich" answers with a rich message of headings, lists and a table.

    python aiogram_rich_bot.py TOKEN http://127.0.0.1:8081
"""

import asyncio
import logging
import os

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import (
    InputRichBlockList, InputRichBlockListItem, InputRichBlockParagraph, InputRichBlockSectionHeading, InputRichBlockTable,
    InputRichMessage, Message, MessageGenerationStopped, RichBlockTableCell, RichTextBold, Update,
)

from _common import log_event, token_and_base

POLL_TIMEOUT = int(os.environ.get("BOT_POLL_TIMEOUT", "1"))
DRAFT_ID = 42

dp = Dispatcher()
stops: dict[int, asyncio.Event] = {}
tasks: set[asyncio.Task] = set()


async def stream(bot: Bot, chat_id: int) -> None:
    stop = stops.setdefault(chat_id, asyncio.Event())
    stop.clear()
    sent = 0
    for step in range(1, 300):
        if stop.is_set():
            break
        await bot.send_message_draft(chat_id=chat_id, draft_id=DRAFT_ID, text="Thinking" + "." * step, can_stop=True)
        sent = step
        await asyncio.sleep(0.2)
    await bot.send_rich_message(chat_id=chat_id, rich_message=InputRichMessage(blocks=[
        InputRichBlockSectionHeading(text="Stopped", size=2),
        InputRichBlockParagraph(text=["after ", RichTextBold(text=str(sent)), " drafts"]),
    ]))


@dp.message(F.text == "/ask")
async def ask(message: Message, bot: Bot, event_update: Update) -> None:
    log_event(event_update.update_id, message.text)
    task = asyncio.create_task(stream(bot, message.chat.id))
    tasks.add(task)
    task.add_done_callback(tasks.discard)


@dp.message(F.text == "/rich")
async def rich(message: Message, event_update: Update) -> None:
    log_event(event_update.update_id, message.text)
    cell = lambda text, header=False: RichBlockTableCell(text=text, is_header=header or None, align="left", valign="top")
    await message.answer_rich(rich_message=InputRichMessage(blocks=[
        InputRichBlockSectionHeading(text="Report", size=1),
        InputRichBlockList(items=[
            InputRichBlockListItem(blocks=[InputRichBlockParagraph(text="first")]),
            InputRichBlockListItem(blocks=[InputRichBlockParagraph(text="second")], has_checkbox=True, is_checked=True),
        ]),
        InputRichBlockTable(cells=[[cell("Name", True), cell("Score", True)], [cell("Alice"), cell("90")]], is_bordered=True),
    ]))


@dp.stopped_message_generation()
async def stopped(event: MessageGenerationStopped, event_update: Update) -> None:
    log_event(event_update.update_id, f"stopped:{event.draft_id}")
    stops.setdefault(event.chat.id, asyncio.Event()).set()


async def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    token, base = token_and_base()
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    await dp.start_polling(bot, polling_timeout=POLL_TIMEOUT, handle_as_tasks=False)
    print("aiogram bot stopped", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
